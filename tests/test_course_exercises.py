"""A course's exercises and key, written from the questions' text and solution fields."""

from __future__ import annotations

import shutil

import pytest

from rustbone_kit.checks.bank import load_questions
from rustbone_kit.course_exercises import SETUP, solution_notebook, write_exercises
from rustbone_kit.errors import KitError
from rustbone_kit.exercises import BEGIN, END
from rustbone_kit.folders import bundled_readings_path

TEMPLATE = bundled_readings_path().parent / "rustbone_kit" / "templates" / "course"


def test_a_solution_notebook_asks_answers_and_checks_each_question_on_the_course():
    bank = load_questions(TEMPLATE)
    (question,) = [q for q in bank.values() if q.solution]
    nb = solution_notebook("01_meet_the_readings", [question], title="Meet the readings")
    sources = [c.source for c in nb.cells]
    assert sources[1] == SETUP and 'rk.load_corpus("../readings")' in SETUP
    assert sources[2].startswith("**01.1** ") and question.text in sources[2]
    assert sources[3] == f"{BEGIN}\nanswer_01_1 = {question.solution}\n{END}"
    assert sources[4] == 'check("01.1", answer_01_1, corpus=corpus)'
    assert nb.cells[4].metadata["tags"] == ["check"]
    assert sources[-1] == 'progress("01", corpus=corpus)'
    assert len({c.id for c in nb.cells}) == len(nb.cells)


def test_a_question_with_a_text_but_no_solution_is_refused_before_anything_is_written(tmp_path):
    folder = tmp_path / "readings"
    shutil.copytree(TEMPLATE, folder)
    path = folder / "questions.yaml"
    text = path.read_text("utf-8")
    path.write_text(
        text.replace('    solution: "int(corpus.to_frame().author.notna().sum())"\n', "")
    )
    with pytest.raises(KitError, match=r"01\.1 have a text or a solution but not both"):
        write_exercises(folder, tmp_path)
    assert not (tmp_path / "solutions").exists()


def test_a_solution_that_is_not_an_expression_is_a_located_problem(tmp_path):
    folder = tmp_path / "readings"
    shutil.copytree(TEMPLATE, folder)
    path = folder / "questions.yaml"
    text = path.read_text("utf-8").replace("int(corpus.to_frame()", "x = (corpus.to_frame()")
    path.write_text(text)
    with pytest.raises(KitError) as info:
        load_questions(folder)
    assert info.value.field == "solution" and "not a Python expression" in str(info.value)
