"""Grading a class for real: each submission in its own kernel, every student a row."""

from __future__ import annotations

import contextlib
import copy
import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest

import rustbone_kit as rk
from rustbone_kit.checks.frames import ChartSpec, UndrawableChart
from rustbone_kit.cli import main
from rustbone_kit.grading import Limits, grade_folder, read_roster, submission, write_feedback
from rustbone_kit.grading.answers import ENCODER, MARKER, decode
from rustbone_kit.grading.submission import MEMORY_CAP, questions_of, run_submission

ROOT = Path(__file__).resolve().parents[1]
EXERCISE = ROOT / "exercises" / "01_meet_the_readings.ipynb"
SOLUTION = ROOT / "solutions" / "01_meet_the_readings.ipynb"


def cell(source: str) -> dict:
    return {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
            "source": source}  # fmt: skip


def with_cell(nb: dict, at: int, source: str) -> dict:
    out = copy.deepcopy(nb)
    out["cells"].insert(at, cell(source))
    return out


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("submissions")
    solution = json.loads(SOLUTION.read_text(encoding="utf-8"))
    first_answer = next(
        i for i, c in enumerate(solution["cells"]) if "answer_01_1 =" in "".join(c["source"])
    )
    last = len(solution["cells"])
    files = {
        "good.ipynb": solution,
        "blank.ipynb": json.loads(EXERCISE.read_text(encoding="utf-8")),
        "loops_late.ipynb": with_cell(solution, last, "while True:\n    pass\n"),
        "exits.ipynb": with_cell(solution, first_answer, "import os\nos._exit(3)\n"),
        "shouts.ipynb": with_cell(solution, 1, "print('x' * 20_000_000)\n"),
        "no_checks.ipynb": {
            **solution,
            "cells": [c for c in solution["cells"] if "check(" not in "".join(c["source"])],
        },
        "raises.ipynb": with_cell(solution, first_answer, "1 / 0\n"),
    }
    for name, nb in files.items():
        (folder / name).write_text(json.dumps(nb), encoding="utf-8")
    (folder / "corrupt.ipynb").write_text('{"cells": [', encoding="utf-8")
    (folder / "empty.ipynb").write_text("", encoding="utf-8")
    (folder / "other.ipynb").write_text(json.dumps({"cells": [cell("x = 1")]}), encoding="utf-8")
    seen = []
    book = grade_folder(
        folder,
        exercises=ROOT / "exercises",
        corpus=rk.load_corpus(),
        limits=Limits(seconds=_time_limit(solution)),
        progress=lambda done, total, row: seen.append((done, total)),
    )
    return book, {r.file: r for r in book.rows}, seen


def _time_limit(solution: dict) -> float:
    """The limit for the folder: the solution's own time, run once here, five times over
    (8 s on an idle machine; more on a busy one, so the good submissions still finish),
    and no less than 6 s. loops_late.ipynb runs until it, so it sets the fixture's time."""
    exercise = json.loads(EXERCISE.read_text(encoding="utf-8"))
    alone = run_submission(solution, questions_of(exercise), limits=Limits(seconds=60))
    assert alone.reason is None and len(alone.answers) == 5, alone
    return max(6.0, 5 * alone.seconds)


def test_every_submission_gets_a_row_and_progress_is_reported(graded):
    book, _, seen = graded
    assert len(book.rows) == 10 and seen[-1] == (10, 10)
    assert book.questions == [q for q, _ in questions_of(json.loads(EXERCISE.read_text()))]


def test_right_answers_pass_and_blank_ones_score_nothing(graded):
    _, rows, _ = graded
    good, blank = rows["good.ipynb"], rows["blank.ipynb"]
    assert good.reason is None and good.total == len(good.points) == 5
    assert blank.reason is None and blank.total == 0
    assert {f.status for f in blank.feedback} == {"not answered"}


def test_hostile_submissions_end_with_a_reason_and_keep_what_was_answered(graded):
    _, rows, _ = graded
    assert rows["loops_late.ipynb"].total == 5 and "time limit" in rows["loops_late.ipynb"].note
    assert "kernel stopped" in rows["exits.ipynb"].reason
    assert rows["shouts.ipynb"].total == 5  # huge output is dropped, not stored
    assert rows["no_checks.ipynb"].total == 5  # graded by the teacher's checks, not theirs
    assert rows["raises.ipynb"].total == 5  # a failing cell does not stop the later answers


def test_unreadable_and_foreign_notebooks_get_their_reason(graded):
    _, rows, _ = graded
    assert "not a readable notebook" in rows["corrupt.ipynb"].reason
    assert "not a readable notebook" in rows["empty.ipynb"].reason
    assert "not one of the kit's exercises" in rows["other.ipynb"].reason


def test_the_csv_imports_in_each_format(graded, tmp_path):
    book, _, _ = graded
    plain = list(csv.DictReader(io.StringIO(book.to_csv())))
    assert {r["student"]: r["total"] for r in plain}["good"] == "5"
    canvas = list(csv.reader(io.StringIO(book.to_csv(fmt="canvas"))))
    assert canvas[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert canvas[0][5] == "Exercise 01_meet_the_readings" and canvas[1][0] == "Points Possible"
    roster = tmp_path / "roster.csv"
    roster.write_text("file,name,id\ngood.ipynb,Ana Lima,s123\n", encoding="utf-8")
    moodle = list(
        csv.DictReader(io.StringIO(book.to_csv(fmt="moodle", roster=read_roster(roster))))
    )
    ana = next(r for r in moodle if r["Full name"] == "Ana Lima")
    assert ana["ID number"] == "s123" and ana["Exercise 01_meet_the_readings"] == "5"


def test_feedback_pages_are_offline_and_escaped(graded, tmp_path):
    book, _, _ = graded
    paths = write_feedback(book, tmp_path / "feedback")
    assert len(paths) == 10
    page = (tmp_path / "feedback" / "good.html").read_text(encoding="utf-8")
    assert "Total: 5 of 5" in page and "<script" not in page and "http" not in page


def test_answers_cross_as_data_in_every_natural_form():
    namespace: dict = {}
    exec(ENCODER % MARKER, namespace)  # the kernel's side, run here on known values
    values = {
        "n": lambda: pd.Series([1, 2]).sum(),
        "ids": lambda: pd.Series(["a", "b"]).unique(),
        "frame": lambda: pd.DataFrame({"a": [1.5], "b": ["x"]}),
        "chart": lambda: rk.charts.alt.Chart(pd.DataFrame({"a": [1]})).mark_bar().encode(x="a"),
        "broken": lambda: rk.charts.alt.Chart(pd.DataFrame({"a": [1]})),
        "missing": lambda: undefined_name,  # noqa: F821
    }
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for key, thunk in values.items():
            namespace["_rk_send"](key, thunk)
    got = {}
    for line in out.getvalue().splitlines():
        data = json.loads(line.removeprefix(MARKER))
        got[data["q"]] = decode(data["a"])
    assert got["n"] == 3 and got["ids"] == ["a", "b"]
    assert got["frame"].to_dict("records") == [{"a": 1.5, "b": "x"}]
    assert isinstance(got["chart"], ChartSpec) and got["chart"].to_dict()["mark"]["type"] == "bar"
    assert isinstance(got["broken"], UndrawableChart)
    assert "'mark' is a required property" in rk.checks.frames.schema_problem(got["broken"].message)
    assert type(got["missing"]).__name__ == "Missing"


def test_the_command_exits_1_when_a_submission_was_not_graded(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "broken.ipynb").write_text("not json", encoding="utf-8")
    out = tmp_path / "grades.csv"
    assert (
        main(["grade", str(folder), "--out", str(out), "--exercises", str(ROOT / "exercises")]) == 1
    )
    assert "not a readable notebook" in out.read_text(encoding="utf-8")
    err = capsys.readouterr().err
    assert "1/1 broken.ipynb" in err
    assert ("cannot cap a kernel's memory" in err) is not MEMORY_CAP


# Asks for 3 GB of address space without touching it: refused under a 2 GB cap, granted
# (and never filled) without one.
HOG = """import mmap
try:
    hog = mmap.mmap(-1, 3 * 1024**3)
    capped = False
except (OSError, MemoryError):
    capped = True
"""


@pytest.mark.skipif(not MEMORY_CAP, reason="this system cannot cap a kernel's memory")
def test_memory_is_capped_where_the_system_can_and_grading_works_where_it_cannot(monkeypatch):
    notebook = {"cells": [cell(HOG)]}
    limits = Limits(seconds=60, memory=2 * 1024**3)
    capped = run_submission(notebook, [("cap", "capped")], limits=limits)
    assert capped.reason is None and capped.answers == {"cap": True}
    monkeypatch.setattr(submission, "MEMORY_CAP", False)  # as on Windows: no resource module
    free = run_submission(notebook, [("cap", "capped")], limits=limits)
    assert free.reason is None and free.answers == {"cap": False}


def test_the_command_says_when_memory_cannot_be_capped(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(submission, "MEMORY_CAP", False)
    folder = tmp_path / "in"
    folder.mkdir()
    args = ["grade", str(folder), "--out", str(tmp_path / "g.csv"), "--memory-mb", "512"]
    assert main([*args, "--seconds", "30", "--exercises", str(ROOT / "exercises")]) == 0
    err = capsys.readouterr().err
    assert "--memory-mb (512) is not applied" in err and "after --seconds (30)" in err
