"""Exercises generated from solutions: blanks, edits never lost, out-of-date detection, nbgrader."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import nbformat
import pytest

from rustbone_kit.cli import main
from rustbone_kit.errors import StaleFileError
from rustbone_kit.exercises import (
    BEGIN,
    END,
    ExerciseError,
    build,
    build_exercise,
    out_of_date,
    student_source,
)

ROOT = Path(__file__).resolve().parents[1]
SOLUTION = ROOT / "solutions" / "01_meet_the_readings.ipynb"


def test_regions_become_blanks_of_the_same_shape():
    source = f"""x = 1
    {BEGIN}
    count = len(corpus)
    answer = {{"reading": "marchant", "quote": "a b", "claim": "c"}}
    corpus.to_frame()
    {END}
check("02.1", answer)"""
    assert student_source(source).splitlines() == [
        "x = 1",
        "    count = None  # your answer",
        '    answer = {"reading": None, "quote": None, "claim": None}  # your answer: '
        "replace each None",
        'check("02.1", answer)',
    ]
    assert student_source(f"Why?\n{BEGIN}\nBecause.\n{END}", cell_type="markdown") == (
        "Why?\n*Write your answer here.*"
    )


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (f"{BEGIN}\nx = 1", "never closed"),
        (f"{END}\nx = 1", "without"),
        (f"{BEGIN}\n{BEGIN}\nx = 1\n{END}", "opens inside another"),
        (f"{BEGIN}\nx = = 1\n{END}", "not valid Python"),
    ],
)
def test_malformed_regions_name_the_notebook_and_the_fix(source, message):
    with pytest.raises(ExerciseError, match=message) as err:
        student_source(source, path="solutions/07.ipynb")
    assert err.value.path == "solutions/07.ipynb" and err.value.fix


def test_exercise_keeps_every_cell_and_drops_answers_and_outputs():
    solution = nbformat.read(SOLUTION, as_version=4)
    exercise = build_exercise(solution, name=SOLUTION.name)
    assert len(exercise.cells) == len(solution.cells)
    text = "\n".join(c.source for c in exercise.cells)
    assert BEGIN not in text and "Bone Fragments" not in text
    assert all(not c.get("outputs") for c in exercise.cells if c.cell_type == "code")
    assert all("nbgrader" not in c.metadata for c in exercise.cells)
    checks = [c for c in exercise.cells if "check" in c.metadata.get("tags", [])]
    assert checks and all(c.metadata["editable"] is False for c in checks)  # locked in Lab
    assert exercise.metadata["rustbone_kit"]["generated_from"] == f"solutions/{SOLUTION.name}"


@pytest.fixture
def course(tmp_path):
    (tmp_path / "solutions").mkdir()
    shutil.copy(SOLUTION, tmp_path / "solutions")
    return tmp_path


def test_build_refuses_to_replace_an_edited_exercise_and_force_keeps_a_copy(course):
    sols, exs = course / "solutions", course / "exercises"
    build(sols, exs, execute=False)
    target = exs / SOLUTION.name
    assert out_of_date(sols, exs) == []
    assert "up to date" in build(sols, exs, execute=False)[0]
    nb = nbformat.read(target, as_version=4)
    nb.cells[3].source = "answer_01_1 = 2  # the student's work"
    nbformat.write(nb, target)
    with pytest.raises(ExerciseError, match="changed since they were generated") as err:
        build(sols, exs, execute=False)
    assert err.value.path == str(target) and "--force" in err.value.fix
    assert "the student's work" in target.read_text()  # untouched
    build(sols, exs, execute=False, force=True)
    assert "the student's work" in (exs / f"{SOLUTION.name}.bak").read_text()
    assert "the student's work" not in target.read_text()


def tiny_solution(folder: Path, *, first: str = "import time") -> Path:
    """A two-cell solution that runs in a second: ``first``, then one answer region."""
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(first),
            nbformat.v4.new_code_cell(f"{BEGIN}\nanswer = 42\n{END}\nprint(answer)"),
        ]
    )
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    folder.mkdir(exist_ok=True)
    nbformat.write(nb, folder / "t.ipynb")
    return folder / "t.ipynb"


def student_edit(path: Path, text: str) -> None:
    nb = nbformat.read(path, as_version=4)
    nb.cells[1].source = f"answer = {text!r}"
    nbformat.write(nb, path)


def test_force_keeps_each_edited_copy_newest_as_bak_and_says_where(tmp_path, capsys):
    sols, exs = tmp_path / "solutions", tmp_path / "exercises"
    tiny_solution(sols)
    build(sols, exs, execute=False)
    target = exs / "t.ipynb"
    target.chmod(0o640)
    for attempt in ("first try", "second try"):
        student_edit(target, attempt)
        capsys.readouterr()
        done = build(sols, exs, execute=False, force=True)
        out = capsys.readouterr().out
        assert done == [
            f"[1/1] {target}: kept a copy in {exs / 't.ipynb.bak'}",
            f"[1/1] built {target} (not run)",
        ]
        assert out.splitlines() == done  # every line is printed, not only the last
    assert "second try" in (exs / "t.ipynb.bak").read_text()
    assert "first try" in (exs / "t.ipynb.bak2").read_text()
    assert "try" not in target.read_text() and out_of_date(sols, exs) == []
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in exs.iterdir()) == ["t.ipynb", "t.ipynb.bak", "t.ipynb.bak2"]


def test_the_command_prints_where_the_students_copy_went(tmp_path, capsys):
    sols, exs = tmp_path / "solutions", tmp_path / "exercises"
    tiny_solution(sols)
    args = ["exercises", "build", "--solutions", str(sols), "--exercises", str(exs)]
    assert main(args) == 0
    assert "[1/1] built " in capsys.readouterr().out
    student_edit(exs / "t.ipynb", "mine")
    assert main(args) == 1
    out = capsys.readouterr().out
    assert f"[1/1] {exs / 't.ipynb'}: edited since built; kept" in out
    assert "1 exercise(s) changed since they were generated" in out and "--force" in out
    assert main([*args, "--force"]) == 0
    out = capsys.readouterr().out
    assert f"kept a copy in {exs / 't.ipynb.bak'}" in out and "[1/1] built " in out
    assert "'mine'" in (exs / "t.ipynb.bak").read_text()
    assert main([*args[:1], "check", *args[2:]]) == 0
    assert main(args) == 0 and "up to date" in capsys.readouterr().out


def test_a_built_exercise_is_run_then_written_once(tmp_path):
    sols, exs = tmp_path / "solutions", tmp_path / "exercises"
    tiny_solution(sols)
    (done,) = build(sols, exs)
    assert done.startswith(f"[1/1] built {exs / 't.ipynb'}: ") and done.endswith(" KB")
    nb = nbformat.read(exs / "t.ipynb", as_version=4)
    assert nb.cells[1].outputs[0].text == "None\n"  # the blank ran
    assert sorted(p.name for p in exs.iterdir()) == ["t.ipynb"]  # no .bak, no temp file


def test_a_failing_exercise_leaves_the_students_copy_untouched(tmp_path):
    sols, exs = tmp_path / "solutions", tmp_path / "exercises"
    tiny_solution(sols)
    build(sols, exs, execute=False)
    student_edit(exs / "t.ipynb", "mine")
    before = (exs / "t.ipynb").read_bytes()
    tiny_solution(sols, first="raise RuntimeError('the solution is broken')")
    from nbclient.exceptions import CellExecutionError

    with pytest.raises(CellExecutionError, match="the solution is broken"):
        build(sols, exs, force=True)
    assert (exs / "t.ipynb").read_bytes() == before
    assert sorted(p.name for p in exs.iterdir()) == ["t.ipynb"]


def test_a_save_made_while_the_build_runs_the_exercise_is_not_overwritten(tmp_path):
    """A student saves the exercise in JupyterLab while the teacher rebuilds it."""
    sols, exs = tmp_path / "solutions", tmp_path / "exercises"
    tiny_solution(sols)
    build(sols, exs, execute=False)
    tiny_solution(sols, first="import time; time.sleep(3)")  # the solution changed: a rebuild
    target = exs / "t.ipynb"

    def save_meanwhile() -> None:
        time.sleep(1.5)  # the kernel is running the new exercise by now
        student_edit(target, "saved during the build")

    saver = threading.Thread(target=save_meanwhile)
    saver.start()
    try:
        with pytest.raises(StaleFileError, match="changed since it was read"):
            build(sols, exs)
    finally:
        saver.join()
    assert "saved during the build" in target.read_text()


def test_check_finds_missing_stale_and_orphaned_exercises(course, capsys):
    sols, exs = course / "solutions", course / "exercises"
    assert [p.problem.split(";")[0] for p in out_of_date(sols, exs)] == ["missing"]
    build(sols, exs, execute=False)
    solution = nbformat.read(sols / SOLUTION.name, as_version=4)
    solution.cells[2].source += "\n\nA new sentence in the question."
    nbformat.write(solution, sols / SOLUTION.name)
    shutil.copy(exs / SOLUTION.name, exs / "99_orphan.ipynb")
    problems = [str(p) for p in out_of_date(sols, exs)]
    assert any("01_meet_the_readings.ipynb: out of date" in p for p in problems)
    assert any("99_orphan.ipynb: has no solution" in p for p in problems)
    args = ["exercises", "check", "--solutions", str(sols), "--exercises", str(exs)]
    assert main(args) == 1
    assert "out of date" in capsys.readouterr().out


def test_the_bundled_exercises_are_in_step_with_their_solutions():
    problems = out_of_date(ROOT / "solutions", ROOT / "exercises")
    assert problems == [], "\n".join(map(str, problems)) + "\nrun: rustbone-kit exercises build"


def test_nbgrader_generate_assignment_accepts_a_solution(tmp_path):
    """nbgrader's own generate_assignment turns our solution into its student version."""
    pytest.importorskip("nbgrader", reason="nbgrader is in the test extra")
    source = tmp_path / "source" / "ps01"
    source.mkdir(parents=True)
    shutil.copy(SOLUTION, source / "exercise.ipynb")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "nbgrader",
            "generate_assignment",
            "ps01",
            "--force",
            f"--CourseDirectory.root={tmp_path}",
            f"--CourseDirectory.db_url=sqlite:///{tmp_path / 'gradebook.db'}",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        # nbgrader runs the `alembic` script of its own environment to set up its database
        env={
            **os.environ,
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        },
    )
    assert done.returncode == 0, done.stderr[-2000:]
    released = nbformat.read(tmp_path / "release" / "ps01" / "exercise.ipynb", as_version=4)
    solution = nbformat.read(SOLUTION, as_version=4)
    assert len(released.cells) == len(solution.cells)
    for ours, theirs in zip(solution.cells, released.cells, strict=True):
        if BEGIN in ours.source:
            assert "YOUR CODE HERE" in theirs.source and BEGIN not in theirs.source
        else:
            assert theirs.source == ours.source
