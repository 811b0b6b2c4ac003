"""Exercises generated from solutions: blanks, edits never lost, out-of-date detection, nbgrader."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from helpers import Meanwhile

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
KERNEL = {"name": "python3", "display_name": "Python 3", "language": "python"}


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
    with pytest.raises(ExerciseError, match="changed since it was generated") as err:
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
    nb.metadata["kernelspec"] = KERNEL
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
    assert "changed since it was generated" in out and "--force" in out
    assert main([*args, "--force"]) == 0
    out = capsys.readouterr().out
    assert f"kept a copy in {exs / 't.ipynb.bak'}" in out and "[1/1] built " in out
    assert "'mine'" in (exs / "t.ipynb.bak").read_text()
    assert main([*args[:1], "check", *args[2:]]) == 0
    assert main(args) == 0 and "up to date" in capsys.readouterr().out


def test_a_built_exercise_is_run_then_written_once(tmp_path):
    sols, exs = tmp_path / "solutions", tmp_path / "exercises"
    tiny_solution(sols, first="print('ran')")
    (done,) = build(sols, exs)
    assert done.startswith(f"[1/1] built {exs / 't.ipynb'}: ") and done.endswith(" KB")
    nb = nbformat.read(exs / "t.ipynb", as_version=4)
    assert nb.cells[0].outputs[0].text == "ran\n"  # the blank ran
    assert nb.cells[1].outputs == []  # a graded cell's output (the blank) is not stored
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
    meanwhile = Meanwhile(tmp_path / "sync")
    tiny_solution(sols, first=meanwhile.cell)  # the solution changed: a rebuild
    target = exs / "t.ipynb"
    saver = meanwhile.start(lambda: student_edit(target, "saved during the build"))
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


def fake_check_solution(folder: Path, name: str = "t.ipynb", *, regions: bool = True, checks=2):
    """A solution whose check cells print "Passed" (a stand-in ``check``) after each answer;
    its answer cells display the answer; both have those outputs stored."""
    stand_in = 'def check(q, a): print(f"[{q}]", "Not yet." if a is None else "Passed."); return a'
    cells = [nbformat.v4.new_code_cell(stand_in)]
    for n in range(1, checks + 1):
        answer = f"answer_{n} = {n}\nanswer_{n}"  # the answer cell displays the answer
        cells.append(nbformat.v4.new_code_cell(f"{BEGIN}\n{answer}\n{END}" if regions else answer))
        cells[-1].outputs = [nbformat.v4.new_output("execute_result", {"text/plain": str(n)})]
        cells.append(nbformat.v4.new_code_cell(f'check("01.{n}", answer_{n})'))
        cells[-1].metadata["tags"] = ["check"]
        cells[-1].outputs = [nbformat.v4.new_output("stream", text=f"[01.{n}] Passed.\n")]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = KERNEL
    folder.mkdir(exist_ok=True)
    nbformat.write(nb, folder / name)
    return folder / name


BAD_NOTEBOOKS = {
    "corrupt.ipynb": ('{"cells": [\n  {"cell_type": "code",\n', "not valid JSON", 3),
    "empty.ipynb": ("", "empty file", None),
    "list.ipynb": ("[]", "not a notebook nbformat can read", None),
}


@pytest.mark.parametrize("force", [False, True])
def test_corrupt_or_empty_solutions_are_listed_and_every_other_exercise_built(tmp_path, force):
    sols, exs = tmp_path / "solutions", tmp_path / "exercises"
    tiny_solution(sols)
    for name, (text, _, _) in BAD_NOTEBOOKS.items():
        (sols / name).write_text(text)
    started = time.perf_counter()
    with pytest.raises(ExerciseError, match="3 of 4 exercise") as err:
        build(sols, exs, execute=False, force=force)
    assert time.perf_counter() - started < 5
    assert (exs / "t.ipynb").is_file() and sorted(p.name for p in exs.iterdir()) == ["t.ipynb"]
    found = {Path(e.path).name: e for e in err.value.problems}
    for name, (_, reason, line) in BAD_NOTEBOOKS.items():
        assert found[name].path == str(sols / name) and reason in found[name].problem
        assert found[name].line == line and "git checkout" in found[name].fix
    problems = [str(p) for p in out_of_date(sols, exs)]
    assert len(problems) == 3 and f"{sols / 'corrupt.ipynb'}: line 3: " in problems[0]


def test_the_command_lists_every_bad_notebook_and_exits_1(tmp_path, capsys):
    sols, exs = tmp_path / "solutions", tmp_path / "exercises"
    tiny_solution(sols)
    (sols / "empty.ipynb").write_text("")
    args = ["exercises", "build", "--solutions", str(sols), "--exercises", str(exs)]
    for extra in ([], ["--force"]):
        assert main([*args, *extra]) == 1
        out = capsys.readouterr().out
        assert f"not built: {sols / 'empty.ipynb'}: the solution is an empty file" in out
        assert "[1/2] not built" in out and (exs / "t.ipynb").is_file()
    assert main(["exercises", "check", *args[2:]]) == 1
    out = capsys.readouterr().out
    assert f"{sols / 'empty.ipynb'}: the solution is an empty file" in out and "Fix:" in out


def test_a_corrupt_exercise_is_kept_without_force_and_kept_as_bak_with_it(tmp_path):
    sols, exs = tmp_path / "solutions", tmp_path / "exercises"
    tiny_solution(sols)
    exs.mkdir()
    (exs / "t.ipynb").write_text('{"cells": ')
    with pytest.raises(ExerciseError, match="not valid JSON") as err:
        build(sols, exs, execute=False)
    assert err.value.path == str(exs / "t.ipynb") and "--force" in err.value.fix
    assert "not valid JSON" in str(out_of_date(sols, exs)[0])
    done = build(sols, exs, execute=False, force=True)
    assert "not a readable notebook, replacing it" in done[0] and "kept a copy" in done[1]
    assert (exs / "t.ipynb.bak").read_text() == '{"cells": ' and out_of_date(sols, exs) == []


def test_a_pipe_where_the_exercise_should_be_is_refused_not_read(tmp_path):
    sols, exs = tmp_path / "solutions", tmp_path / "exercises"
    tiny_solution(sols)
    exs.mkdir()
    os.mkfifo(exs / "t.ipynb")
    with pytest.raises(ExerciseError, match="not a regular file"):
        build(sols, exs, execute=False, force=True)


@pytest.mark.parametrize("checks", [8, 1])
def test_a_markerless_solution_is_refused_by_build_and_check(tmp_path, capsys, checks):
    sols, exs = tmp_path / "solutions", tmp_path / "exercises"
    fake_check_solution(sols, regions=False, checks=checks)
    with pytest.raises(ExerciseError, match=f"none of its {checks} check cell") as err:
        build(sols, exs, execute=False)
    assert err.value.path == str(sols / "t.ipynb") and BEGIN in err.value.fix
    assert not (exs / "t.ipynb").exists()
    args = ["--solutions", str(sols), "--exercises", str(exs)]
    assert main(["exercises", "check", *args]) == 1
    assert "would publish the answers" in capsys.readouterr().out


def test_one_check_without_a_region_is_refused_by_number(tmp_path):
    path = fake_check_solution(tmp_path, checks=3)
    nb = nbformat.read(path, as_version=4)
    nb.cells[3].source = "answer_2 = 2"  # the region before check cell #5 is gone
    with pytest.raises(ExerciseError, match=r"check cell\(s\) #5 \(of 3\) have no"):
        build_exercise(nb, name="t.ipynb")


def test_stored_outputs_of_graded_cells_never_ship(tmp_path, capsys):
    """The solution's stored answer and "Passed" outputs, and those of the run, are stripped."""
    sols, exs = tmp_path / "solutions", tmp_path / "exercises"
    fake_check_solution(sols)
    build(sols, exs)  # runs the blank: the answer cells show None, the checks "Not yet"
    nb = nbformat.read(exs / "t.ipynb", as_version=4)
    assert nb.cells[0].outputs == [] and "Passed" not in str([c.outputs for c in nb.cells])
    assert all(c.outputs == [] and "nbval-ignore-output" in c.metadata.tags for c in nb.cells[1:])
    assert out_of_date(sols, exs) == []
    leaked = nbformat.read(exs / "t.ipynb", as_version=4)
    leaked.cells[1].outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "1"})]
    leaked.cells[0].outputs = [nbformat.v4.new_output("stream", text="[01.1] Passed.\n")]
    nbformat.write(leaked, exs / "t.ipynb")
    (problem,) = out_of_date(sols, exs)
    assert problem.path == exs / "t.ipynb" and "graded cell(s) #2 store outputs" in str(problem)
    assert 'cell(s) #1 store a "Passed"' in str(problem)
    args = ["exercises", "check", "--solutions", str(sols), "--exercises", str(exs)]
    assert main(args) == 1 and "could show the answers" in capsys.readouterr().out
    assert "built" in build(sols, exs, execute=False)[0]  # not "up to date": rebuilt clean
    assert out_of_date(sols, exs) == []


def test_a_blank_that_passes_its_check_is_refused(tmp_path):
    """The answer is set again after its region: the blank exercise would ship it."""
    sols, exs = tmp_path / "solutions", tmp_path / "exercises"
    path = fake_check_solution(sols, checks=1)
    nb = nbformat.read(path, as_version=4)
    nb.cells[1].source += "\nanswer_1 = 1"
    nbformat.write(nb, path)
    with pytest.raises(ExerciseError, match="blank exercise passes a check") as err:
        build(sols, exs)
    assert err.value.path == str(path) and not (exs / "t.ipynb").exists()
