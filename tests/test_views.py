"""Widgets, by setting values and reading the HTML (the charts are in tests/test_charts*.py)."""

from __future__ import annotations

import re
from html import unescape

import pytest

import rustbone_kit as rk
from rustbone_kit.widgets import ReadingBrowser, reading_card_html


@pytest.fixture(scope="module")
def corpus():
    return rk.load_corpus()


def test_card_escapes_every_piece_of_reading_text():
    html = reading_card_html(
        {"title": "<img src=x onerror=alert(1)>", "author": "<b>A</b>", "notes": "a & b"},
        "<script>alert('x')</script> and more words to make it a longer paragraph here",
        number=1,
        total=1,
    )
    assert "<script>" not in html and "<img" not in html and "<b>A</b>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "a &amp; b" in html


def test_card_says_not_stated_for_unknown_fields_and_marks_short_lines_in_words():
    html = reading_card_html({"title": "T", "author": None}, "Leave a Reply", number=3, total=9)
    assert '<dt>Author</dt><dd><span class="rk-unknown">not stated</span></dd>' in html
    assert "Passage 3 of 9, short line (3 words)" in html and 'class="rk-short"' in html
    assert 'role="region" aria-live="polite"' in html


def shown_passage(html: str) -> str:
    """The passage text a card shows (inside its blockquote), unescaped."""
    match = re.search(r"<blockquote[^>]*>(.*?)</blockquote>", html, flags=re.S)
    assert match, html
    return unescape(match.group(1))


def test_browser_follows_the_reading_and_passage_controls(corpus):
    browser = ReadingBrowser(corpus)
    assert browser.reading.value == "bowditch" and browser.passage.max == 11
    assert shown_passage(browser.card.value) == "The Tenderness of Rust And Bone"
    browser.passage.value = 3
    assert shown_passage(browser.card.value).startswith("Carol Bowditch checked out Rust and")
    browser.reading.value = "marchant"
    assert browser.passage.value == 1 and browser.passage.max == 13
    assert "Piers Marchant" in browser.card.value and "Passage 1 of 13" in browser.card.value
    assert shown_passage(browser.card.value) == "Film: Rust & Bone"
    browser.passage.value = 13
    assert "Akismet" in shown_passage(browser.card.value)


def test_browser_buttons_step_and_stop_at_the_ends(corpus):
    browser = ReadingBrowser(corpus, reading="unsigned-review")
    browser.previous.click()
    assert browser.passage.value == 1
    for _ in range(10):
        browser.next.click()
    assert browser.passage.value == 5 and "Passage 5 of 5" in browser.card.value
    assert shown_passage(browser.card.value).startswith("Rust and Bone does not mince any words")


def test_browser_controls_are_labelled_for_keyboard_and_screen_reader(corpus):
    browser = ReadingBrowser(corpus)
    assert browser.reading.description == "Reading" and browser.passage.description == "Passage"
    assert browser.previous.tooltip and browser.next.tooltip


def test_browser_text_in_a_saved_notebook_tells_the_reader_to_run_the_cell(corpus):
    bundle = ReadingBrowser(corpus, reading="overview")._repr_mimebundle_()
    assert bundle["text/plain"].startswith("ReadingBrowser: overview, passage 1 of 7.")
    assert "Run this cell" in bundle["text/plain"]


def test_browser_refuses_an_empty_corpus():
    with pytest.raises(ValueError, match="no readings"):
        ReadingBrowser(rk.Corpus(readings=()))
