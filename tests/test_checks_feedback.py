"""What a check says: its status line and its HTML."""

from __future__ import annotations

import pytest

import rustbone_kit as rk
from rustbone_kit.checks.feedback import Feedback, listing, quoted
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


HUGE = "the sea " * (10_000_000 // 8)  # a 10 MB answer
HUGE_ANSWERS = {
    "text": HUGE,
    "list": [HUGE],
    "every key": {"reading": HUGE, "quote": HUGE, "claim": HUGE, "scene": HUGE},
    "quote": {"reading": "marchant", "quote": HUGE, "claim": HUGE, "scene": HUGE},
    "claim": {"reading": "marchant", "quote": "Piers Marchant is a Philly-based", "claim": HUGE},
    "scene": {"reading": "marchant", "quote": "Piers Marchant", "scene": HUGE},
}


LONG = "the sea " * (19_000 // 8)  # under the bound: judged, and quoted short
LONG_ANSWERS = {
    "text": LONG,
    "list": [LONG[:9_000]],
    "every key": {"reading": LONG[:4_000], "quote": LONG[:4_000], "claim": LONG[:4_000]},
    "quote": {"reading": "marchant", "quote": LONG[:9_000], "claim": LONG[:9_000]},
    "claim": {"reading": "marchant", "quote": "Piers Marchant is a Philly-based", "claim": LONG},
}


@pytest.mark.parametrize("qid", sorted(rk.checks.questions()))
def test_a_ten_megabyte_answer_gets_short_feedback_quoting_a_short_prefix(qid, corpus):
    for kind, answer in HUGE_ANSWERS.items():
        feedback = check(qid, answer, corpus=corpus)
        assert "Shorten it" in str(feedback), kind  # refused before any check reads it
    for kind, answer in LONG_ANSWERS.items():  # judged by the check itself
        feedback = check(qid, answer, corpus=corpus)
        text, page = str(feedback), feedback._repr_html_()
        assert len(text) < 2000 and len(page) < 2000, kind
        assert HUGE[:90] not in text and HUGE[:90] not in page, kind  # at most ~80 characters
        if HUGE[:40] in text:  # a quoted prefix ends in an ellipsis
            assert "\u2026" in text, kind


def test_quoted_cuts_long_text_and_long_values():
    assert quoted("x" * 200) == repr("x" * 79 + "\u2026") and quoted("ok") == "'ok'"
    assert len(quoted(["y" * 10**6] * 3)) <= 82 and quoted(3) == "3"
    assert listing([f"r{i}" for i in range(5000)]).endswith("r11 and 4988 more")
    long = Feedback("x" * 100, "not yet", "m" * 10**6)
    assert len(str(long)) < 1100 and str(long).endswith("\u2026")


def test_an_answer_over_the_bound_is_refused_before_any_check_reads_it(corpus):
    from rustbone_kit.checks.coerce import MAX_ANSWER_ITEMS, MAX_ANSWER_TEXT, oversized

    assert oversized(["abcd"] * (MAX_ANSWER_TEXT // 4)) is None  # exactly at the bound
    assert "over 20,000 characters" in oversized(["abcd"] * (MAX_ANSWER_TEXT // 4) + ["c"])
    assert "too many items" in oversized([1] * (MAX_ANSWER_ITEMS + 1))
    assert "too many items" in oversized({str(i): i for i in range(MAX_ANSWER_ITEMS)})
    feedback = check("01.5", {"reading": "marchant", "claim": "x" * 30_000}, corpus=corpus)
    assert not feedback.passed and "Shorten it" in str(feedback)
    assert check("01.5", None, corpus=corpus).status == "not answered"
