"""A table over every question: right answers in every natural form pass; filler, copied,
repeated, page-furniture, off-question and malformed answers fail, naming the condition.

The right answers are the solutions' own, computed by running each solution's code here.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import rustbone_kit as rk
from rustbone_kit.checks import Choice, Evidence, Number, Readings, Table, question

ROOT = Path(__file__).resolve().parents[1]
ANSWER = re.compile(r"^answer_(\d\d)_(\d+)\b", re.M)


CHECK_CORPUS = re.compile(r'check\("(\d\d\.\d+)", \w+, corpus=(\w+)\)')


def _solution_answers() -> tuple[dict[str, object], dict[str, object]]:
    """Each question's right answer, and the corpus its check cell passes (if any)."""
    answers: dict[str, object] = {}
    corpora: dict[str, object] = {}
    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        namespace: dict = {}
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] != "code" or "progress(" in source:
                continue
            if "check(" in source:
                for qid, name in CHECK_CORPUS.findall(source):
                    corpora[qid] = namespace[name]
                continue
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(source, str(path), "exec"), namespace)  # the solution's own code
        for key, value in namespace.items():
            found = ANSWER.match(key)
            if found:
                answers[f"{found.group(1)}.{found.group(2)}"] = value
    return answers, corpora


ANSWERS, CORPORA = _solution_answers()


def check(qid: str, answer: object):
    """The check as the exercise's own check cell calls it (with its corpus, if it passes one)."""
    return rk.checks.check(qid, answer, corpus=CORPORA.get(qid))


CORPUS = rk.load_corpus()


def kind(qid: str) -> type:
    return type(question(qid).answer)


def test_every_question_has_a_solution_answer_that_passes():
    assert len(ANSWERS) == len(rk.checks.questions()) == 53
    failing = {q: str(check(q, a)) for q, a in ANSWERS.items() if not check(q, a).passed}
    assert not failing, failing


@pytest.mark.parametrize("qid", sorted(q for q in ANSWERS if kind(q) is Number))
def test_numbers_pass_as_python_numpy_or_pandas_scalars(qid):
    value = ANSWERS[qid]
    for form in (np.int64(value), np.float64(value), pd.Series([value]).iloc[0], float(value)):
        assert check(qid, form).passed, (qid, type(form))
    assert check(qid, str(value)).status == "not yet"


@pytest.mark.parametrize("qid", sorted(q for q in ANSWERS if kind(q) is Readings))
def test_reading_lists_pass_in_every_collection(qid):
    ids = sorted(ANSWERS[qid]) if not isinstance(ANSWERS[qid], str) else [ANSWERS[qid]]
    for form in (ids, tuple(ids), set(ids), np.array(ids), pd.Series(ids), pd.Index(ids)):
        assert check(qid, form).passed, (qid, type(form))
    assert check(qid, [*ids, "marchand"]).status == "not yet"


@pytest.mark.parametrize("qid", sorted(q for q in ANSWERS if kind(q) is Choice))
def test_choices_pass_in_any_case_and_spacing(qid):
    value = ANSWERS[qid]
    if not isinstance(value, str):
        pytest.skip("a computed or several-option answer")
    for form in (value.upper(), f"  {value} ", value.replace("-", " ")):
        assert check(qid, form).passed, (qid, form)


@pytest.mark.parametrize("qid", sorted(q for q in ANSWERS if kind(q) is Table))
def test_tables_pass_with_extra_columns_and_another_index(qid):
    frame = ANSWERS[qid].copy()
    frame["extra"] = 1
    assert check(qid, frame).passed
    columns = list(question(qid).answer.columns)
    assert check(qid, frame.set_index(columns[0])).passed
    assert check(qid, frame.reset_index(drop=True)).passed


EVIDENCE = sorted(q for q in ANSWERS if kind(q) is Evidence and question(q).answer.claim)
FURNITURE = {"compiled-page": "Words by Carol Bowditch.", "marchant": "Leave a Reply"}


@pytest.mark.parametrize("qid", EVIDENCE)
def test_evidence_refuses_filler_copied_and_repeated_claims(qid):
    right = dict(ANSWERS[qid])
    prompt = question(qid).prompt
    cases = {
        "filler": "This sentence shows the critic has a view about it all.",
        "repeated": " ".join(["film"] * 10),
        "letters": "a a a a a a a a a a",
        "prompt": prompt,
        "quote-words": f"{right['quote']} {right['quote']}",
    }
    for name, claim in cases.items():
        feedback = check(qid, {**right, "claim": claim})
        assert feedback.status == "not yet", (qid, name, claim)
        assert "claim" in feedback.message.lower(), (qid, name, feedback.message)


@pytest.mark.parametrize("qid", EVIDENCE)
def test_evidence_refuses_page_furniture_unless_asked_and_other_readings(qid):
    right = dict(ANSWERS[qid])
    spec = question(qid).answer
    furniture = {**right, "reading": "marchant", "quote": "Leave a Reply"}
    feedback = check(qid, furniture)
    assert feedback.status == "not yet"
    if not (spec.furniture or spec.reading or spec.scene or spec.within):
        assert "furniture" in feedback.message, (qid, feedback.message)
    if spec.reading:
        other = next(r for r in CORPUS.ids if r != spec.reading)
        assert "quote that reading" in check(qid, {**right, "reading": other}).message


@pytest.mark.parametrize("qid", sorted(rk.checks.questions()))
def test_malformed_answers_never_raise(qid):
    for bad in (None, "", -1, [], {}, {"reading": 3}, {"quote": None}, object(), np.nan, b"x"):
        feedback = check(qid, bad)
        assert feedback.status in ("not answered", "not yet"), (qid, bad)


def test_a_defensible_other_answer_passes_with_its_own_message():
    assert check("07.3", "Checkable in film").passed
    assert "not a dispute" in check("07.3", "disputed").message


def test_one_claim_given_to_two_questions_passes_only_the_first():
    rk.checks.reset()
    answer = {
        "reading": "compiled-page",
        "quote": "She physically conquers her dreadful accident",
        "claim": "It claims that her body recovers while her inner emptiness stays, so the "
        "injury is not the real wound of the story.",
    }
    assert check("03.6", answer).passed
    again = check("07.7", answer)
    assert again.status == "not yet" and "the claim you gave to 03.6" in again.message
    rk.checks.reset()
    assert check("07.7", answer).passed
    rk.checks.reset()
