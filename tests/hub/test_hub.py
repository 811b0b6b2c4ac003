"""A class of five on a real JupyterHub: the course handed out by link, updated mid-course.

The hub (``conftest.py``) runs JupyterHub with configurable-http-proxy, the dummy authenticator
and ``SimpleLocalProcessSpawner``, on 127.0.0.1. The teacher's repository is the students' copy
(``rustbone-kit release``) of the kit at HEAD, pushed to a bare repository the class pulls from
by ``file://`` address.

1. ``rustbone-kit link`` prints the course's nbgitpuller link. The teacher makes five
   students through the hub's REST API; at once, each student's server starts, the student
   logs in, follows the link (nbgitpuller clones the course and opens the exercise), answers
   the first question and saves, runs every cell in a kernel of that server (the check cells
   print their feedback), and saves an annotation with the Annotator's save path.
2. In that kernel (still open: a student goes on in the notebook the link opened), each
   student runs ``rustbone-kit pull-report`` (a first pull: nothing to report but the
   student's own edits), makes an own copy of a second exercise (``rk.my_copy``; both
   exercises are in one folder, the kernel's) and answers in it.
   The teacher then commits a new lesson, a fixed typo in both exercises, and a changed
   line where every student wrote an answer, and pushes. Every student follows the link
   again and runs ``rustbone-kit pull-report`` in the same kernel: no student edit is lost,
   the teacher's typo fix is merged around the student's answer, the teacher's whole new
   copy of the edited exercise is beside it, the untouched exercise and the new lesson
   arrive, and the report says so, file by file.

The time of each phase and of the whole is printed (``-s`` shows it) and given as a warning
in the run's summary.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath
from typing import Any

import nbformat
import pytest
from classroom import BIN, Hub, Student
from course_repo import COURSE, Course
from first_visit import BLANK, Visit, answer_first_blank, exercises_with_blanks, first_visit
from host import class_install_distributions, extensions_not_in_class_install
from kernel_client import Kernel

from rustbone_kit.course_sync import teacher_copy_path

pytestmark = pytest.mark.hub

STUDENTS = 5
NEW_LESSON = "lessons/99_after_the_break.ipynb"
TYPO = " (revised)"
TEACHER_LINE = "  # your answer: the teacher's hint"


def _parallel(function: Any, items: list[Any]) -> list[Any]:
    with ThreadPoolExecutor(max_workers=len(items)) as pool:
        return list(pool.map(function, items))


@pytest.fixture(scope="module")
def exercises(course: Course) -> list[str]:
    found = exercises_with_blanks(course.teacher)
    assert len(found) >= 2, f"the course needs two exercises with blank answers: {found}"
    return found[:2]


@pytest.fixture(scope="module")
def link(course: Course, hub: Hub, exercises: list[str]) -> str:
    """The link as a teacher gets it: ``rustbone-kit link`` in the teacher's clone."""
    command = ["link", "--hub", hub.url, "--repo", course.url, "--branch", "main"]
    command += ["--open", exercises[0], "--folder", str(course.teacher)]
    printed = subprocess.run(
        [BIN / "rustbone-kit", *command],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert printed.returncode == 0, printed.stdout + printed.stderr
    return printed.stdout.strip()


@pytest.fixture(scope="module")
def first_class(
    hub: Hub, link: str, exercises: list[str]
) -> Iterator[dict[str, tuple[Student, Visit]]]:
    began = time.monotonic()
    students = [Student(hub, f"student-{i}") for i in range(1, STUDENTS + 1)]
    for student in students:
        student.create()  # the teacher's REST calls, with the hub's service token
    # keep_kernel: the kernel of the first visit is the one the student goes on in (one
    # kernel a student, as in class, rather than one for each step)
    visits = _parallel(lambda s: first_visit(s, link, exercises[0], keep_kernel=True), students)
    hub.notes.append(
        f"hub started in {hub.started_s:.1f} s; {STUDENTS} students served in "
        f"{time.monotonic() - began:.1f} s (link to first feedback "
        + ", ".join(f"{v.link_to_feedback_s:.1f}" for v in visits)
        + " s)"
    )
    yield {s.name: (s, v) for s, v in zip(students, visits, strict=True)}
    for visit in visits:
        if visit.kernel is not None:
            visit.kernel.close()  # the hub's stop ends the kernel itself, with its server


def test_each_student_gets_the_course_by_link_and_feedback_from_its_kernel(
    first_class, exercises, course, link
):
    assert link.startswith(f"{first_class['student-1'][0].hub.url}/hub/user-redirect/git-pull?")
    for name, (student, visit) in first_class.items():
        assert f"git clone --depth 1 --branch main -- {course.url}" in visit.pull
        exercise = student.home / COURSE / exercises[0]
        assert visit.answer_line in exercise.read_text(encoding="utf-8")
        for teachers_only in ("solutions", "tests", "lessons/TEACHING.md"):
            assert not (student.home / COURSE / teachers_only).exists(), teachers_only
        assert visit.feedback, f"{name}: no check printed feedback"
        answered, *rest = visit.feedback
        assert not answered.endswith("Not answered yet"), visit.feedback
        assert any(line.endswith("Not answered yet") for line in rest), visit.feedback
        assert visit.annotation == student.home / COURSE / "exercises/annotations" / f"{name}.yaml"
        assert f'annotator: "{name}"' in visit.annotation.read_text(encoding="utf-8")
        tracked = subprocess.run(
            ["git", "ls-files", "--error-unmatch", str(visit.annotation)],
            cwd=student.home / COURSE,
            capture_output=True,
        )
        assert tracked.returncode != 0, "a student's annotation must never be a course file"


def _revise(course: Course, path: str) -> str:
    """The teacher's fix: a typo in the first markdown cell, and the line of the first blank
    answer (where every student wrote). Returns the notebook's new text."""
    nb = nbformat.read(course.teacher / path, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "markdown")
    first, _, rest = cell.source.partition("\n")
    cell.source = first + TYPO + ("\n" + rest if rest else "")
    for cell in nb.cells:
        found = BLANK.search(cell.source) if cell.cell_type == "code" else None
        if found:
            line = f"{found[1]} = None{TEACHER_LINE}"
            cell.source = cell.source[: found.start()] + line + cell.source[found.end() :]
            break
    return nbformat.writes(nb) + "\n"


def _own_copy(student: Student, kernel: Kernel, exercise: str) -> tuple[Path, bytes]:
    """In ``kernel``, the student makes an own copy of ``exercise`` with ``rk.my_copy`` (by
    its name: the kernel runs in the exercises' folder) and answers in it."""
    first = kernel.execute("!rustbone-kit pull-report")  # after the first pull, too
    made = kernel.execute(
        f"import rustbone_kit as rk\nprint(rk.my_copy({PurePosixPath(exercise).name!r}))"
    )
    assert "first pull" in first.text and "PROBLEM" not in first.text, first.text
    assert not made.error, made.text
    relative = PurePosixPath(exercise).parent / made.text.strip()
    assert relative.parent.name == "mine", relative
    path = f"{COURSE}/{relative}"
    nb = student.contents(path)
    answer_first_blank(nb, "'my own answer'")
    student.save(path, nb)
    on_disk = student.home / path
    return on_disk, on_disk.read_bytes()


def _pull_again(student: Student, kernel: Kernel, link: str) -> tuple[str, str]:
    """The student follows the link again, then runs the report in the open kernel."""
    pulled = student.follow(link)
    report = kernel.execute("!rustbone-kit pull-report")
    assert not report.error, report.text
    return pulled, report.text


def test_a_teachers_update_mid_course_loses_no_student_edit(
    first_class, course, link, exercises, hub
):
    began = time.monotonic()
    students = [student for student, _ in first_class.values()]
    kernels = {name: visit.kernel for name, (_, visit) in first_class.items()}
    made = _parallel(lambda s: _own_copy(s, kernels[s.name], exercises[1]), students)
    copies = {s.name: copy for s, copy in zip(students, made, strict=True)}
    annotations = {s.name: first_class[s.name][1].annotation.read_bytes() for s in students}

    edited, untouched = exercises
    new_edited, new_untouched = _revise(course, edited), _revise(course, untouched)
    lesson = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# After the break")])
    course.commit(
        "A new lesson; typos fixed; a hint in the answer line",
        {edited: new_edited, untouched: new_untouched, NEW_LESSON: nbformat.writes(lesson)},
    )
    results = _parallel(lambda s: _pull_again(s, kernels[s.name], link), students)

    copy = teacher_copy_path(edited)
    for student, (pulled, report) in zip(students, results, strict=True):
        assert "merge -Xours origin/main" in pulled, pulled
        _, visit = first_class[student.name]
        home = student.home / COURSE
        mine = (home / edited).read_text(encoding="utf-8")
        assert visit.answer_line in mine, f"{student.name}'s answer was lost:\n{report}"
        assert TEACHER_LINE not in mine  # where both changed a line, the student's stays
        assert TYPO in mine, "the teacher's typo fix elsewhere in the file was not merged"
        json.loads(mine)
        assert (home / copy).read_text(encoding="utf-8") == new_edited
        assert (home / untouched).read_text(encoding="utf-8") == new_untouched
        assert (home / NEW_LESSON).exists()
        own_path, own_bytes = copies[student.name]
        assert own_path.read_bytes() == own_bytes, "a pull touched the student's own copy"
        assert visit.annotation.read_bytes() == annotations[student.name]
        own = own_path.relative_to(home).as_posix()
        ann = visit.annotation.relative_to(home).as_posix()
        for line in (
            f"  new      {NEW_LESSON}",
            f"  changed  {untouched}",
            f"  {edited}  (the teacher changed it too",
            f"  {edited} -> {copy}",
            f"  {ann}  (your own file)",
            f"  {own}  (your own file)",
        ):
            assert line in report, f"{student.name}'s report lacks {line!r}:\n{report}"
        assert "PROBLEM" not in report, report
    hub.notes.append(f"the update reached {len(students)} in {time.monotonic() - began:.1f} s")
    print(f"\n{students[0].name}'s pull report:\n{results[0][1]}")


def test_students_servers_load_what_a_class_install_has_and_no_test_tool():
    """The test environment also holds the test extra; a class's holds the kit and its hub
    extra. The students' servers turn off exactly the server extensions of the difference."""
    installed = class_install_distributions()
    assert {"rustbone-kit", "jupyterhub", "jupyterlab", "nbgitpuller", "ipykernel"} <= installed
    assert not {"nbgrader", "notebook", "playwright", "pytest-xdist", "ruff"} & installed
    off = extensions_not_in_class_install()
    assert "notebook" in off and "nbgrader.server_extensions.formgrader" in off
    assert not {"jupyterlab", "nbgitpuller", "jupyter_lsp", "notebook_shim"} & set(off)
