"""A student's copy of the course after nbgitpuller's pulls: the report and the kit's rule.

Each test makes a teacher's repository, a bare one the class pulls from, and a student's
clone made and updated by nbgitpuller's own ``GitPuller`` (what the link runs on the hub),
on a handful of small files, so the real merge behaviour is what the report reads.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from rustbone_kit import course_sync
from rustbone_kit.cli import main
from rustbone_kit.course_sync import MINE, my_copy, pull_report, teacher_copy_path
from rustbone_kit.errors import ArgumentError, KitError

pull = pytest.importorskip("nbgitpuller.pull")


def notebook(*sources: str) -> str:
    """A small notebook, one line per cell source, laid out as JupyterLab saves it."""
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": [src]}
        if src.startswith("#")
        else {
            "cell_type": "code",
            "execution_count": None,
            "metadata": {},
            "outputs": [],
            "source": [src],
        }
        for src in sources
    ]
    nb = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(nb, indent=1) + "\n"


EXERCISE = notebook(
    "# Exercise 03: Seven questoins",
    "import rustbone_kit as rk",
    "# **03.1** How many readings?",
    "answer_03_1 = None  # your answer",
    "check('03.1', answer_03_1)",
)


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


class Class:
    """A teacher's repository, the bare one students pull from, and one student's clone."""

    def __init__(self, root: Path) -> None:
        self.teacher, self.bare, self.student = root / "teacher", root / "course.git", root / "ana"
        self.teacher.mkdir()
        git(root, "init", "-q", "--bare", "-b", "main", str(self.bare))
        git(self.teacher, "init", "-q", "-b", "main")
        git(self.teacher, "remote", "add", "origin", str(self.bare))
        self.commit(
            {
                "exercises/03_side_by_side.ipynb": EXERCISE,
                "lessons/01.md": "one\n",
                "lessons/old.md": "old lesson\n",
                ".gitignore": "exercises/annotations/\n**/mine/\n*.teacher.*\n",
            }
        )

    def commit(self, files: dict[str, str | None], message: str = "teacher") -> str:
        for name, text in files.items():
            path = self.teacher / name
            if text is None:
                git(self.teacher, "rm", "-q", name)
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            git(self.teacher, "add", name)
        git(self.teacher, "commit", "-q", "-m", message)
        git(self.teacher, "push", "-q", "origin", "main")
        return git(self.teacher, "rev-parse", "HEAD").strip()

    def pull(self) -> str:
        """What a click on the link does: nbgitpuller's clone, then its pull."""
        puller = pull.GitPuller(self.bare.as_uri(), str(self.student), branch="main", depth=1)
        return "".join(puller.pull())

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.student / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


@pytest.fixture
def school(tmp_path: Path) -> Class:
    made = Class(tmp_path)
    made.pull()
    return made


def test_a_first_pull_lists_no_change_and_records_the_teachers_commit(school):
    report = pull_report(school.student)
    assert report.previous is None and report.files == 4
    assert report.updated == () and report.kept == () and not report.problems
    assert "first pull (4 files)" in report.text()
    again = pull_report(school.student)
    assert again.previous == again.current
    assert "Nothing new from the teacher" in again.text()


def test_the_second_pull_keeps_every_student_edit_and_puts_the_teachers_copy_beside(school):
    pull_report(school.student)
    ex = "exercises/03_side_by_side.ipynb"
    school.edit(ex, "answer_03_1 = None  # your answer", "answer_03_1 = 4")
    school.edit("lessons/old.md", "old lesson", "old lesson, my notes")
    (school.student / "exercises/annotations").mkdir()
    (school.student / "exercises/annotations/ana.yaml").write_text("annotator: ana\n")
    mine = my_copy(school.student / ex)
    (school.student / "note.txt").write_text("my own note\n")
    teacher_ex = EXERCISE.replace("questoins", "questions").replace(
        "answer_03_1 = None  # your answer", "answer_03_1 = None  # your answer: a number"
    )
    school.commit(
        {
            ex: teacher_ex,
            "lessons/01.md": "one, revised\n",
            "lessons/02_new.ipynb": notebook("# A new lesson"),
            "lessons/old.md": None,
            "note.txt": "the teacher's note\n",
        }
    )
    school.pull()
    report = pull_report(school.student)

    merged = (school.student / ex).read_text(encoding="utf-8")
    assert "answer_03_1 = 4" in merged  # the student's line won where both changed it
    assert "Seven questions" in merged  # the teacher's typo fix elsewhere came in
    json.loads(merged)
    copy = teacher_copy_path(ex)
    assert report.teacher_copies == {ex: copy}
    assert (school.student / copy).read_text(encoding="utf-8") == teacher_ex
    assert {(c.path, c.kind) for c in report.updated} == {
        ("lessons/01.md", "changed"),
        ("lessons/02_new.ipynb", "new"),
        ("note.txt", "new"),
    }
    assert (school.student / "lessons/01.md").read_text() == "one, revised\n"
    assert report.removed_kept == ("lessons/old.md",)
    assert (school.student / "lessons/old.md").read_text() == "old lesson, my notes\n"
    renamed = report.renamed["note.txt"]
    assert (school.student / renamed).read_text() == "my own note\n"
    assert set(report.kept) == {
        ex,
        "lessons/old.md",
        "exercises/annotations/ana.yaml",
        str(mine.relative_to(school.student)),
        renamed,
    }
    assert (school.student / "exercises/annotations/ana.yaml").read_text() == "annotator: ana\n"
    text = report.text()
    for line in (
        "Updated from the teacher (3):",
        "  new      lessons/02_new.ipynb",
        f"  {ex} -> {copy}",
        "(the teacher removed it from the course; yours stays)",
        "exercises/annotations/ana.yaml  (your own file)",
        f"Your file note.txt was renamed {renamed}",
    ):
        assert line in text, text


def test_without_a_report_the_previous_pull_is_read_from_gits_fetch_log(school):
    first = git(school.student, "rev-parse", "HEAD").strip()
    school.commit({"lessons/01.md": "two\n"})
    school.pull()
    school.commit({"lessons/03.md": "three\n"})
    school.pull()
    report = pull_report(school.student, record=False)
    assert report.previous != first  # the fetch before the last one
    assert [c.path for c in report.updated] == ["lessons/03.md"]
    assert not (Path(school.student) / ".git" / course_sync.STATE).exists()


def test_a_notebook_the_merge_broke_gets_the_students_version_back(school):
    pull_report(school.student)
    ex = "exercises/03_side_by_side.ipynb"
    school.edit(ex, "answer_03_1 = None  # your answer", "answer_03_1 = 4")
    school.commit({ex: EXERCISE.replace("questoins", "questions")})
    school.pull()
    mine_before = git(school.student, "show", f"HEAD^1:{ex}")
    (school.student / ex).write_text('{"cells": [', encoding="utf-8")  # as a bad merge would
    git(school.student, "commit", "-q", "-a", "--amend", "--no-edit")
    report = pull_report(school.student)
    assert report.restored == (ex,)
    assert (school.student / ex).read_text(encoding="utf-8") == mine_before
    assert (school.student / f"{ex}.bak").read_text() == '{"cells": ['
    assert "your version is back" in report.text()


def test_a_rewritten_history_is_a_problem_named_and_nothing_is_touched(school, capsys):
    pull_report(school.student)
    school.edit("lessons/01.md", "one", "one, mine")
    git(school.teacher, "checkout", "-q", "--orphan", "fresh")
    school.commit({"lessons/01.md": "rewritten\n"})
    git(school.teacher, "push", "-q", "-f", "origin", "fresh:main")
    with pytest.raises(subprocess.CalledProcessError):
        school.pull()  # nbgitpuller cannot merge an unrelated history
    report = pull_report(school.student)
    assert report.problems and "did not finish" in report.problems[0]
    assert report.teacher_copies == {}
    assert (school.student / "lessons/01.md").read_text() == "one, mine\n"
    assert main(["pull-report", str(school.student)]) == 1
    assert "PROBLEM: the teacher's version" in capsys.readouterr().out


def test_the_command_prints_the_report_from_any_folder_inside_the_course(school, capsys):
    assert main(["pull-report", str(school.student / "exercises")]) == 0
    assert f"The course in {school.student} (branch main)" in capsys.readouterr().out


def test_a_folder_that_is_no_course_is_said_so(tmp_path, capsys):
    with pytest.raises(KitError, match="is not a course pulled with git"):
        pull_report(tmp_path)
    with pytest.raises(ArgumentError, match="is not a folder"):
        pull_report(tmp_path / "missing")
    assert main(["pull-report", str(tmp_path)]) == 1
    assert "open the course's nbgitpuller link first" in capsys.readouterr().out


def test_my_copy_is_made_once_and_never_overwritten(tmp_path, capsys):
    source = tmp_path / "exercises" / "03_side_by_side.ipynb"
    source.parent.mkdir()
    source.write_text(EXERCISE)
    copy = my_copy(source)
    assert copy == tmp_path / "exercises" / MINE / source.name
    copy.write_text("my answers")
    source.write_text("the teacher's update")
    assert my_copy(source) == copy and copy.read_text() == "my answers"
    assert my_copy(copy) == copy
    with pytest.raises(ArgumentError, match="is not a file to copy"):
        my_copy(tmp_path / "nothing.ipynb")
    assert main(["my-copy", str(source)]) == 0
    assert "(already there, left as it is)" in capsys.readouterr().out
    assert main(["my-copy", str(tmp_path / "nothing.ipynb")]) == 1


def test_the_kits_own_repository_never_holds_a_students_file():
    """The rule's other half: the teacher's repository (a fork of the kit) holds no ``mine/``
    folder, no ``*.teacher.*`` copy and no annotation of a student's, and ignores them."""
    root = Path(__file__).resolve().parents[1]
    tracked = git(root, "ls-files").splitlines()
    assert not [p for p in tracked if f"/{MINE}/" in f"/{p}" or ".teacher." in p]
    names = ["exercises/mine/x.ipynb", "lessons/a.teacher.ipynb", "exercises/annotations/a.yaml"]
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", *names],
        cwd=root,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert len(ignored) == 3, ignored


def test_a_merge_stopped_half_way_is_named(school):
    school.commit({"lessons/01.md": "one, revised\n"})
    git(school.student, "fetch", "-q")
    git(school.student, "merge", "-q", "--no-ff", "--no-commit", "origin/main")
    report = pull_report(school.student, record=False)
    assert any("a merge stopped half-way" in p for p in report.problems), report.problems
