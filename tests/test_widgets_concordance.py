"""widgets.concordance: the term and the filters give the rows, through controls or traits."""

from __future__ import annotations

import re

import pytest
from widget_support import huge_paragraph_corpus, text_of, well_formed

import rustbone_kit as rk
from rustbone_kit.widgets import MAX_KWIC_ROWS, Concordance


@pytest.fixture(scope="module")
def corpus():
    return rk.load_corpus()


def rows_of(page: str) -> list[str]:
    return [text_of(r) for r in re.findall(r'<li class="rk-kwic-row">.*?</li>', page, re.S)]


def test_concordance_term_and_filters_give_the_rows(corpus):
    kwic = Concordance(corpus)
    assert "Type a word" in kwic.view.value and not rows_of(kwic.view.value)
    kwic.term.value = "fight*"
    assert len(rows_of(kwic.view.value)) == len(rk.concordance(corpus, "fight*")) == 11
    kwic.reading.value = "bowditch"
    assert len(rows_of(kwic.view.value)) == 5
    kwic.reading.value = ""
    kwic.scene.value = "street-fights"
    expected = rk.concordance(corpus, "fight*", scene="street-fights")
    assert len(rows_of(kwic.view.value)) == len(expected) < 11
    kwic.scene.value = ""
    kwic.term.value = "orca"
    (row,) = rows_of(kwic.view.value)
    paragraph = next(p.text for p in corpus["bowditch"].passages if "orca" in p.text)
    assert row.endswith(paragraph)  # the opened line shows its whole paragraph
    assert '<mark class="rk-match">orca</mark>' in kwic.view.value


@pytest.mark.parametrize(
    ("term", "says"),
    [
        ("a*b", "cannot be searched: &#x27;*&#x27; may only end a term"),
        ("!!", "it has no letters or digits"),
        ("   ", "Type a word"),
        ("zebra", "No match for <strong>zebra</strong>"),
    ],
)
def test_concordance_malformed_or_missing_terms_give_a_message(corpus, term, says):
    kwic = Concordance(corpus)
    kwic.term.value = term
    assert says in kwic.view.value and not rows_of(kwic.view.value)


def test_concordance_shows_the_first_rows_and_counts_all(corpus):
    kwic = Concordance(corpus, term="fight*", limit=3)
    assert len(rows_of(kwic.view.value)) == 3
    assert "11 matches of fight* in 4 readings (the first 3 are shown; 8 more are not" in text_of(
        kwic.view.value
    )


# --- traits ---------------------------------------------------------------------------------


def test_setting_the_traits_moves_the_controls_and_the_html(corpus):
    kwic = Concordance(corpus)
    kwic.query = "fight*"
    assert kwic.term.value == "fight*" and len(rows_of(kwic.view.value)) == 11
    kwic.reading_id = "bowditch"
    assert kwic.reading.value == "bowditch" and len(rows_of(kwic.view.value)) == 5
    kwic.reading_id, kwic.scene_id = "", "street-fights"
    expected = rk.concordance(corpus, "fight*", scene="street-fights")
    assert kwic.scene.value == "street-fights" and len(rows_of(kwic.view.value)) == len(expected)


def test_setting_the_controls_moves_the_traits(corpus):
    kwic = Concordance(corpus, term="sea")
    assert kwic.query == "sea"
    seen = []
    kwic.observe(lambda change: seen.append(change.new), names="query")
    kwic.term.value = "water"
    kwic.reading.value = "marchant"
    kwic.scene.value = "swim"
    assert (kwic.query, kwic.reading_id, kwic.scene_id) == ("water", "marchant", "swim")
    assert seen == ["water"] and Concordance.query.help


def test_unknown_filters_set_as_traits_are_refused(corpus):
    kwic = Concordance(corpus, term="sea")
    with pytest.raises(KeyError, match="did you mean 'marchant'"):
        kwic.reading_id = "marchand"
    with pytest.raises(KeyError, match="did you mean 'swim'"):
        kwic.scene_id = "swimm"
    assert kwic.reading_id == kwic.reading.value == "" and kwic.scene_id == ""


def test_a_megabyte_paragraph_gives_a_bounded_page_that_counts_what_it_leaves_out():
    corpus = huge_paragraph_corpus()
    kwic = Concordance(corpus, term="the")
    page, total = kwic.view.value, len(rk.concordance(corpus, "the"))  # the full table
    assert total > 5000 and len(page) < 1_000_000 and well_formed(page)
    assert len(rows_of(page)) == MAX_KWIC_ROWS
    assert f"the first {MAX_KWIC_ROWS} are shown; {total - MAX_KWIC_ROWS:,} more are not" in (
        text_of(page)
    )
    assert "characters before]" in page and "more characters]" in page  # the paragraph is cut
