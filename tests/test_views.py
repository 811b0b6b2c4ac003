"""Charts (through chart.to_dict()) and widgets (by setting values and reading the HTML)."""

from __future__ import annotations

import re
from html import unescape

import altair as alt
import pytest

import rustbone_kit as rk
from rustbone_kit.charts import chart_rows, enable_offline, makeup_chart, text_alternative
from rustbone_kit.widgets import ReadingBrowser, reading_card_html


@pytest.fixture(scope="module")
def corpus():
    return rk.load_corpus()


def test_makeup_chart_encodes_passages_in_text_order(corpus):
    spec = makeup_chart(corpus).to_dict()
    assert spec["mark"]["type"] == "bar"
    enc = spec["encoding"]
    assert enc["x"]["field"] == "words" and enc["x"]["aggregate"] == "sum"
    assert enc["y"]["field"] == "title" and enc["order"]["field"] == "order"
    assert enc["color"]["field"] == "form"
    assert enc["color"]["scale"]["domain"] == ["paragraph", "short line"]
    assert {t["field"] for t in enc["tooltip"]} == {"reading", "order", "words", "form", "opening"}
    assert spec["title"]["text"] == "How each reading is made"
    assert enc["x"]["title"].startswith("Words")


def test_makeup_chart_rows_are_the_passages(corpus):
    rows = chart_rows(makeup_chart(corpus))
    assert len(rows) == sum(len(r.passages) for r in corpus) == 44
    marchant = rows[rows.reading == "marchant"].sort_values("order")
    assert marchant.form.tolist()[-3:] == ["short line", "short line", "paragraph"]
    assert marchant.opening.tolist()[-2] == "Your email address will not be published."
    assert rows.groupby("reading").words.sum().to_dict() == {r.id: r.words for r in corpus}


def test_makeup_chart_is_readable_on_a_projector_and_colour_blind_safe(corpus):
    config = makeup_chart(corpus).to_dict()["config"]
    assert config["axis"]["labelFontSize"] >= 14 and config["title"]["fontSize"] >= 18
    assert config["range"]["category"][:2] == ["#0072B2", "#E69F00"]  # Okabe-Ito


def test_chart_carries_a_text_alternative(corpus):
    chart = makeup_chart(corpus)
    text = text_alternative(chart)
    assert chart.to_dict()["description"] == text
    assert "marchant: 689 words in 13 passages, 6 short lines" in text
    assert "unsigned-review: 610 words in 5 passages, no short lines" in text


def test_text_alternative_refuses_a_chart_without_one():
    with pytest.raises(ValueError, match="no description"):
        text_alternative(alt.Chart().mark_point())


def test_offline_renderer_emits_vegalite_v5_and_no_script(corpus):
    enable_offline()
    bundle, _ = makeup_chart(corpus)._repr_mimebundle_()
    assert set(bundle) == {"application/vnd.vegalite.v5+json", "text/plain"}
    assert bundle["text/plain"].startswith("Chart: Bar chart of the five readings")
    assert "<script" not in str(bundle)


def test_makeup_chart_refuses_too_many_readings_to_read(corpus, monkeypatch):
    monkeypatch.setattr(rk.charts, "MAX_MAKEUP_READINGS", 3)
    with pytest.raises(ValueError, match="unreadable"):
        makeup_chart(corpus)


# --- widgets -------------------------------------------------------------------------------


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


def test_makeup_chart_legend_sits_on_top_where_it_is_always_on_screen(corpus):
    legend = makeup_chart(corpus).to_dict()["encoding"]["color"]["legend"]
    assert legend == {"orient": "top", "direction": "horizontal"}
