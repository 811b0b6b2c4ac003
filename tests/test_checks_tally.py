"""progress(): what a lesson has answered and passed, as text and as a table."""

from __future__ import annotations

import pytest

import rustbone_kit as rk
from rustbone_kit.checks.registry import check, reset
from rustbone_kit.checks.tally import progress


@pytest.fixture(scope="module")
def corpus():
    return rk.load_corpus()


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
