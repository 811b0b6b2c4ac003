"""widgets.reading_browser: the traits and the controls follow each other (the card itself and
the controls are tested in test_views.py)."""

from __future__ import annotations

import pytest

import rustbone_kit as rk
from rustbone_kit.widgets import ReadingBrowser


@pytest.fixture(scope="module")
def corpus():
    return rk.load_corpus()


def test_setting_the_traits_moves_the_controls_and_the_card(corpus):
    browser = ReadingBrowser(corpus)
    browser.reading_id = "marchant"
    assert browser.reading.value == "marchant" and browser.passage.max == 13
    assert "Piers Marchant" in browser.card.value and "Passage 1 of 13" in browser.card.value
    browser.passage_number = 13
    assert browser.passage.value == 13 and "Passage 13 of 13" in browser.card.value
    browser.passage_number = 99  # kept in range, as the slider keeps its value
    assert browser.passage_number == browser.passage.value == 13
    browser.passage_number = 0
    assert browser.passage_number == browser.passage.value == 1


def test_setting_the_controls_moves_the_traits(corpus):
    browser = ReadingBrowser(corpus, reading="bowditch")
    seen = []
    browser.observe(lambda change: seen.append(change.new), names="passage_number")
    browser.passage.value = 4
    browser.next.click()
    assert browser.passage_number == 5 and seen == [4, 5]
    browser.reading.value = "overview"
    assert browser.reading_id == "overview" and browser.passage_number == 1
    assert ReadingBrowser.reading_id.help and ReadingBrowser.passage_number.help


def test_an_unknown_reading_set_as_the_trait_is_refused(corpus):
    browser = ReadingBrowser(corpus)
    with pytest.raises(KeyError, match="did you mean 'marchant'"):
        browser.reading_id = "marchand"
    assert browser.reading_id == browser.reading.value == "bowditch"
