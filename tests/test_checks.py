"""In-notebook checks: every question with right, wrong and malformed answers."""

from __future__ import annotations

import re
from pathlib import Path

import altair as alt
import nbformat
import pandas as pd
import pytest

import rustbone_kit as rk
from rustbone_kit.checks import (
    Chart,
    Choice,
    Evidence,
    Number,
    Readings,
    SceneOf,
    Table,
    check,
    progress,
    questions,
    reset,
)

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = questions()
MALFORMED = [None, "", "   ", ..., [], {}, 42, 3.5, True, "words", ["x"], {"x": 1}, object(),
             pd.DataFrame(), alt.Chart(pd.DataFrame({"a": [1]})).mark_point()]  # fmt: skip


@pytest.fixture(scope="module")
def corpus():
    return rk.load_corpus()


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
    feedback = check(qid, _wrong(QUESTIONS[qid], corpus), corpus=corpus)
    assert feedback.status == "not yet" and feedback.message


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


def test_every_question_passes_in_its_solution_and_is_open_in_its_exercise():
    solved, blank = _stored("solutions"), _stored("exercises")
    assert set(solved) == set(QUESTIONS), "every question is asked and checked in a solution"
    assert set(solved.values()) == {"Passed"}
    assert set(blank) == set(QUESTIONS)
    assert set(blank.values()) == {"Not answered yet"}


def test_each_lesson_has_four_to_eight_questions():
    per_lesson = pd.Series([q.split(".")[0] for q in QUESTIONS]).value_counts()
    assert per_lesson.between(4, 8).all(), per_lesson.to_dict()


def test_number_choice_and_readings(corpus):
    assert check("01.1", 2, corpus=corpus).passed
    assert check("01.1", 2.0, corpus=corpus).passed
    assert "Give a number" in check("01.1", "two", corpus=corpus).message
    assert check("01.2", ["marchant"], corpus=corpus).passed
    assert check("01.2", "marchant", corpus=corpus).passed  # one id alone is a list of one
    assert "No reading has the id 'marchand'" in check("01.2", ["marchand"], corpus=corpus).message
    assert "one of: 'review'" in check("01.3", "a web page", corpus=corpus).message


def test_evidence_checks_the_quote_the_reading_and_the_claim(corpus):
    good = {
        "reading": "compiled-page",
        "quote": "\u201cBone Fragments\u201d",
        "claim": "This passage describes an item from a video game, not the film at all.",
    }
    assert check("01.4", good, corpus=corpus).passed
    assert check("01.4", {**good, "quote": "bone  fragments"}, corpus=corpus).passed
    elsewhere = check("01.4", {**good, "reading": "marchant"}, corpus=corpus)
    assert "The question is about 'compiled-page'" in elsewhere.message
    invented = check("01.4", {**good, "quote": "a robot orca"}, corpus=corpus)
    assert "not in 'compiled-page' word for word" in invented.message
    short = check("01.4", {**good, "claim": "A game."}, corpus=corpus)
    assert "Say more" in short.message
    echo = check("01.4", {**good, "claim": "Bone Fragments"}, corpus=corpus)
    assert echo.status == "not yet"
    half = check("01.4", {"reading": "compiled-page", "quote": None, "claim": None}, corpus=corpus)
    assert "Fill in 'quote', 'claim'" in half.message


def test_evidence_on_a_scene_needs_a_sentence_about_it(corpus):
    from rustbone_kit.checks import Question

    q = Question("99.1", "test", Evidence(scene="ice", claim=False))
    ok, _ = q.answer.judge({"reading": "compiled-page", "quote": "frozen lake"}, corpus)
    assert ok
    ok, message = q.answer.judge({"reading": "marchant", "quote": "watery trope"}, corpus)
    assert not ok and "not in a sentence about the scene 'ice'" in message


def test_table_and_chart_kinds(corpus):
    table = Table(lambda c: c.to_frame().reset_index()[["id", "kind"]], columns=("id", "kind"))
    right = corpus.to_frame()[["kind"]]  # the id as index is accepted
    assert table.judge(right, corpus)[0]
    assert not table.judge(right.head(2), corpus)[0]
    assert "needs the column(s) kind" in table.judge(right[[]], corpus)[1]
    chart = Chart("bar", {"y": "reading"})
    data = pd.DataFrame({"reading": ["a"], "n": [1]})
    bars = alt.Chart(data, title="Counts").mark_bar().encode(x="n", y="reading")
    assert chart.judge(bars, corpus)[0]
    assert "mark_bar()" in chart.judge(alt.Chart(data).mark_point(), corpus)[1]
    assert "Put 'reading' on y" in chart.judge(alt.Chart(data).mark_bar().encode(y="n"), corpus)[1]
    assert "altair chart" in chart.judge("a chart", corpus)[1]
    titled = alt.Chart(data).mark_bar().encode(x="n", y="reading").properties(title="Counts")
    untitled = alt.Chart(data).mark_bar().encode(x="n", y="reading")
    checked = Chart("bar", {"y": "reading", "x": "n"}, data=lambda c: data)
    assert checked.judge(titled, corpus)[0]
    assert "Give the chart a title" in checked.judge(untitled, corpus)[1]
    other = (
        alt.Chart(data.assign(n=[2])).mark_bar().encode(x="n", y="reading").properties(title="T")
    )
    assert "rows are not the kit's" in checked.judge(other, corpus)[1]
    rounded = (
        corpus.to_frame().reset_index()[["id", "words"]].assign(words=lambda f: f.words + 0.004)
    )
    numeric = Table(lambda c: c.to_frame().reset_index()[["id", "words"]], columns=("id", "words"))
    assert numeric.judge(rounded, corpus)[0]  # numbers compared to two decimal places
    assert "values differ" in numeric.judge(rounded.assign(words=1), corpus)[1]


def test_unknown_question_ids_are_feedback_not_errors():
    feedback = check("01.9", 3)
    assert feedback.status == "not yet" and "01.1" in feedback.message


def test_progress_lists_every_question_of_the_lesson(corpus):
    reset()
    check("01.1", 2, corpus=corpus)
    check("01.2", ["overview"], corpus=corpus)
    shown = progress()
    assert shown.lesson == "01" and shown.passed == 1
    statuses = {qid: status for qid, _, status in shown.rows}
    assert statuses["01.1"] == "passed" and statuses["01.2"] == "not yet"
    assert statuses["01.5"] == "not answered"
    assert "<caption>Lesson 01: 1 of 5 questions passed</caption>" in shown._repr_html_()
    assert str(progress(1)).startswith("Lesson 01:")
    reset()


def test_feedback_html_is_escaped_and_says_the_status_in_words(corpus):
    feedback = check("01.2", ["<script>"], corpus=corpus)
    assert "<script>" not in feedback._repr_html_() and "&lt;script&gt;" in feedback._repr_html_()
    assert "Not yet." in feedback._repr_html_()  # the status in words, not only a colour


def test_choices_ignore_case_and_may_be_computed_and_every_miss_carries_the_hint(corpus):
    assert check("01.3", "Compiled Page", corpus=corpus).passed
    computed = Choice(options=("yes", "no"), correct=lambda c: ["yes"] if len(c) == 5 else ["no"])
    assert computed.judge("YES", corpus)[0] and not computed.judge("no", corpus)[0]
    miss = check("01.4", {"reading": "compiled-page", "quote": "no such words", "claim": "x " * 9})
    assert "Browse compiled-page passage by passage" in miss.message


def test_scene_ids_must_exist_and_match_the_quoted_sentence(corpus):
    right = {"reading": "compiled-page", "quote": "A weak spot on the frozen lake", "scene": "ice"}
    assert check("03.7", right, corpus=corpus).passed
    near = check("03.7", {**right, "scene": "icee"}, corpus=corpus)
    assert "unknown scene id 'icee'; did you mean 'ice'?" in near.message
    wrong = check("03.7", {**right, "scene": "swim"}, corpus=corpus)
    assert "not in a sentence about the scene 'swim'" in wrong.message
    assert "scene id" in check("03.7", {"reading": "x", "quote": "y"}, corpus=corpus).message


def test_evidence_can_require_the_kind_of_sentence_quoted(corpus):
    hedge = check(
        "05.5",
        {
            "reading": "marchant",
            "quote": "This can be interpreted several ways, I suppose",
            "claim": "The hedge admits other readings before he gives his own one.",
        },
        corpus=corpus,
    )
    assert "outside Marchant's review, in which the kit finds a hedge" in hedge.message
    plain = {"reading": "bowditch", "quote": "Words by Carol Bowditch"}
    claim = {"claim": "She names the page's author in the third person here."}
    assert "not in a sentence with a theme hit" in check("04.4", {**plain, **claim}).message
