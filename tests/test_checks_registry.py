"""The questions by id and check(): every question with right, wrong and malformed answers."""

from __future__ import annotations

import re
from pathlib import Path

import altair as alt
import nbformat
import pandas as pd
import pytest

import rustbone_kit as rk
from rustbone_kit.catalogue import CatalogueError
from rustbone_kit.checks.evidence import Evidence, SceneOf
from rustbone_kit.checks.frames import Chart, Table
from rustbone_kit.checks.kinds import Choice, Number, Readings
from rustbone_kit.checks.registry import check, question, questions
from rustbone_kit.errors import UnknownIdError

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = questions()
MALFORMED = [None, "", "   ", ..., [], {}, 42, 3.5, True, "words", ["x"], {"x": 1}, object(),
             pd.DataFrame(), alt.Chart(pd.DataFrame({"a": [1]})).mark_point()]  # fmt: skip


@pytest.fixture(scope="module")
def corpus():
    return rk.load_corpus()


#: Lesson 08's checks run on the readings with the student's own added (corpus=together).
MINE = rk.reading_from_text("Ali carries her into the sea to swim. It is a quiet scene.")


def _corpus_for(qid: str, corpus):
    return corpus.with_readings(MINE) if qid.startswith("08.") else corpus


@pytest.mark.parametrize("qid", QUESTIONS)
def test_malformed_answers_never_raise_and_never_pass(qid, corpus):
    for answer in MALFORMED:
        feedback = check(qid, answer, corpus=corpus)
        assert feedback.status in ("not answered", "not yet"), (qid, answer)
        assert feedback.message and str(feedback).startswith(f"[{qid}]")
        assert "Traceback" not in str(feedback)


def _wrong(q, corpus):
    """A well-formed but wrong answer of the question's kind."""
    kind = q.answer
    if isinstance(kind, Number):
        want = kind.expected(corpus) if callable(kind.expected) else kind.expected
        return want + kind.tolerance + 1
    if isinstance(kind, Choice):
        return next(o for o in kind.options if o not in kind.correct)
    if isinstance(kind, Readings):
        want = set(kind.expected(corpus))
        return sorted(set(corpus.ids) - want) or [corpus.ids[0]]
    if isinstance(kind, SceneOf):
        return {
            "reading": "compiled-page",
            "quote": "A weak spot on the frozen lake",
            "scene": "swim",
        }
    if isinstance(kind, Evidence):
        rid = kind.reading or corpus.ids[0]
        return {"reading": rid, "quote": "words no critic wrote here", "claim": "x " * 12}
    if isinstance(kind, Table):
        return kind.expected(corpus).head(0)
    if isinstance(kind, Chart):
        other = "line" if kind.mark != "line" else "bar"
        return alt.Chart(pd.DataFrame({"a": [1]})).mark_line() if other == "line" else (
            alt.Chart(pd.DataFrame({"a": [1]})).mark_bar()
        )  # fmt: skip
    raise AssertionError(f"no wrong answer for {type(kind).__name__}")


@pytest.mark.parametrize("qid", QUESTIONS)
def test_wrong_answers_get_a_hint(qid, corpus):
    chosen = _corpus_for(qid, corpus)
    feedback = check(qid, _wrong(QUESTIONS[qid], chosen), corpus=chosen)
    assert feedback.status == "not yet" and feedback.message


@pytest.mark.parametrize("qid", QUESTIONS)
def test_every_computed_value_computes_on_its_readings(qid, corpus):
    chosen = _corpus_for(qid, corpus)
    answer = QUESTIONS[qid].answer
    for name in ("expected", "correct", "data", "within", "also"):
        value = getattr(answer, name, None)
        if callable(value):
            assert value(chosen) is not None, (qid, name)


def test_a_question_that_cannot_be_computed_on_these_readings_says_so(corpus):
    feedback = check("08.1", 5, corpus=corpus)  # no "my-reading" among the bundled readings
    assert feedback.status == "not yet"
    assert "cannot be checked on these readings" in feedback.message
    assert "mine.sentences holds them" in feedback.message  # and the hint


def _stored(folder: str) -> dict[str, str]:
    """Question id -> the status line stored under its check, over a folder's notebooks."""
    found = {}
    for path in sorted((ROOT / folder).glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            for output in cell.get("outputs", []):
                text = output.get("data", {}).get("text/plain", "") or output.get("text", "")
                for m in re.finditer(r"^\[(\d\d\.\d+)\] ([^.]+)\.", text, flags=re.M):
                    found[m.group(1)] = m.group(2)
    return found


def test_every_question_passes_in_its_solution_and_is_checked_in_its_exercise():
    solved = _stored("solutions")
    assert set(solved) == set(QUESTIONS), "every question is asked and checked in a solution"
    assert set(solved.values()) == {"Passed"}
    assert _stored("exercises") == {}  # no feedback is stored in an exercise (it could pass)
    checked = set()
    for path in sorted((ROOT / "exercises").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            checked.update(re.findall(r'^check\("(\d\d\.\d+)"', cell.source, flags=re.M))
    assert checked == set(QUESTIONS)


def test_each_lesson_has_four_to_eight_questions():
    per_lesson = pd.Series([q.split(".")[0] for q in QUESTIONS]).value_counts()
    assert per_lesson.between(4, 8).all(), per_lesson.to_dict()


def test_unknown_question_ids_are_feedback_not_errors():
    feedback = check("01.9", 3)
    assert feedback.status == "not yet" and "01.1" in feedback.message


def test_an_unknown_question_id_raises_an_unknown_id_error_naming_the_lesson():
    with pytest.raises(UnknownIdError, match=r"unknown question id '99\.9'") as info:
        question("99.9")
    assert isinstance(info.value, KeyError) and info.value.fix
    with pytest.raises(KeyError, match=r"Known: 01\.1, 01\.2, 01\.3, 01\.4, 01\.5\."):
        question("01.9")


def test_a_question_id_defined_twice_is_a_located_error(tmp_path):
    bundled = rk.folders.bundled_readings_path() / "questions.yaml"
    text = bundled.read_text(encoding="utf-8")
    first = text.index('  - id: "01.1"')
    entry = text[first : text.index('  - id: "01.2"')]
    (tmp_path / "questions.yaml").write_text(text + entry, encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"question id '01\.1' is used twice") as info:
        rk.checks.bank.load_questions(tmp_path)
    assert info.value.field == "id" and info.value.line == text.count("\n") + 1
    assert f"first on line {text[:first].count(chr(10)) + 1}" in info.value.problem


def test_every_miss_carries_the_hint():
    miss = check("01.4", {"reading": "compiled-page", "quote": "no such words", "claim": "x " * 9})
    assert "Browse compiled-page passage by passage" in miss.message


def test_questions_import_on_their_own_and_from_the_package():
    assert rk.checks.questions is questions
    assert set(QUESTIONS) >= {"01.1", "08.1"}
    assert questions(rk.load_corpus()) == questions() == QUESTIONS  # the bundled by default
