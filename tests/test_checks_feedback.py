"""What a check says: its status line and its HTML."""

from __future__ import annotations

import pytest

import rustbone_kit as rk
from rustbone_kit.checks.feedback import Feedback
from rustbone_kit.checks.registry import check


@pytest.fixture(scope="module")
def corpus():
    return rk.load_corpus()


def test_feedback_html_is_escaped_and_says_the_status_in_words(corpus):
    feedback = check("01.2", ["<script>"], corpus=corpus)
    assert "<script>" not in feedback._repr_html_() and "&lt;script&gt;" in feedback._repr_html_()
    assert "Not yet." in feedback._repr_html_()  # the status in words, not only a colour


def test_feedback_text_and_html_are_the_stored_ones():
    feedback = Feedback("02.1", "not answered", "Replace None with your answer.")
    assert (
        str(feedback) == repr(feedback) == "[02.1] Not answered yet. Replace None with your answer."
    )
    assert not feedback.passed and Feedback("02.1", "passed", "").passed
    assert feedback._repr_html_() == (
        '<div class="rk-feedback rk-not-answered" role="status" style="font-size:16px;'
        'padding:.4em .8em;border-left:6px solid #999999"><strong>[02.1] Not answered yet.'
        "</strong> Replace None with your answer.</div>"
    )
