"""widgets.theme_explorer: bars and passages follow the theme, through the control or trait."""

from __future__ import annotations

import re

import pytest
from widget_support import huge_paragraph_corpus, well_formed

import rustbone_kit as rk
from rustbone_kit.widgets import ThemeExplorer


@pytest.fixture(scope="module")
def corpus():
    return rk.load_corpus()


def test_theme_explorer_bars_and_passages_follow_the_theme(corpus):
    explorer = ThemeExplorer(corpus)
    assert explorer.theme.value == "body-injury"
    before = explorer.view.value
    explorer.theme.value = "water-sea"
    page = explorer.view.value
    assert page != before and "<h3>Water and the sea</h3>" in page
    table = rk.theme_table(corpus)
    water = table[table.theme == "water-sea"]
    rows = re.findall(r'<tr><th scope="row">(.*?)</th>.*?</td><td class="rk-num">(\d+)</td>', page)
    assert rows == [(r, str(h)) for r, h in zip(water.reading, water.hits, strict=True)]
    hits = rk.theme_hits(corpus, themes=["water-sea"])
    assert page.count('<mark class="rk-match">') == len(hits) + 1  # +1: the key's sample
    assert page.count('class="rk-theme-passage"') == hits.groupby(["reading", "passage"]).ngroups


def test_theme_explorer_refuses_an_unknown_theme(corpus):
    with pytest.raises(KeyError, match="did you mean 'water-sea'"):
        ThemeExplorer(corpus, "water")


def test_the_theme_trait_and_the_dropdown_follow_each_other(corpus):
    explorer = ThemeExplorer(corpus)
    assert explorer.theme_id == "body-injury"
    explorer.theme_id = "water-sea"
    assert explorer.theme.value == "water-sea" and "<h3>Water and the sea</h3>" in (
        explorer.view.value
    )
    explorer.theme.value = "body-injury"
    assert explorer.theme_id == "body-injury" and ThemeExplorer.theme_id.help
    with pytest.raises(KeyError, match="did you mean 'water-sea'"):
        explorer.theme_id = "water"
    assert explorer.theme_id == explorer.theme.value == "body-injury"


def test_a_megabyte_paragraph_is_shown_around_its_first_hit_in_every_theme():
    explorer = ThemeExplorer(huge_paragraph_corpus())
    for theme in explorer.lexicon.themes:
        explorer.theme_id = theme.id
        page = explorer.view.value
        assert len(page) < 100_000 and well_formed(page), theme.id
        assert "huge, paragraph 1" in page and "more characters]" in page
