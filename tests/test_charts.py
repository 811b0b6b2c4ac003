"""The theme, scene and judgement charts, read through chart.to_dict()."""

from __future__ import annotations

import shutil

import pytest

import rustbone_kit as rk
from rustbone_kit.charts import (
    MAX_ROWS,
    chart_rows,
    distinctive_words_chart,
    judgement_chart,
    scene_coverage_chart,
    text_alternative,
    theme_heatmap,
    themes_by_scene_chart,
)
from rustbone_kit.corpus import Corpus, Reading
from rustbone_kit.judgement import stance
from rustbone_kit.scenes import scene_coverage
from rustbone_kit.themes import distinctive_words, load_themes, theme_table

CHARTS = {
    "theme_heatmap": lambda c: theme_heatmap(c),
    "themes_by_scene_chart": lambda c: themes_by_scene_chart(c),
    "scene_coverage_chart": lambda c: scene_coverage_chart(c),
    "judgement_chart": lambda c: judgement_chart(c),
    "distinctive_words_chart": lambda c: distinctive_words_chart(c, c.ids[0]),
}


@pytest.fixture(scope="module")
def corpus():
    return rk.load_corpus()


@pytest.mark.parametrize("name", CHARTS)
def test_every_chart_is_titled_labelled_with_tooltips_and_a_text_alternative(corpus, name):
    chart = CHARTS[name](corpus)
    spec = chart.to_dict()
    assert spec["title"]["text"] and spec["title"]["subtitle"]
    for channel in ("x", "y"):
        enc = spec["encoding"][channel]
        assert "title" in enc  # a title, or None on purpose for self-explaining labels
    assert spec["encoding"]["x"]["title"]
    assert len(spec["encoding"]["tooltip"]) >= 4
    assert all(t.get("title") for t in spec["encoding"]["tooltip"])
    assert spec["config"]["axis"]["labelFontSize"] >= 14  # readable on a projector
    assert len(text_alternative(chart)) > 100
    assert len(chart_rows(chart)) < 5000


def test_theme_heatmap_draws_the_theme_table(corpus):
    chart = theme_heatmap(corpus)
    spec = chart.to_dict()
    assert spec["mark"]["type"] == "rect"
    assert spec["encoding"]["x"]["field"] == "label" and spec["encoding"]["y"]["field"] == "reading"
    assert spec["encoding"]["color"]["field"] == "rate"
    assert spec["encoding"]["color"]["scale"]["scheme"] == "blues"
    rows = chart_rows(chart).set_index(["reading", "theme"])
    table = theme_table(corpus).set_index(["reading", "theme"])
    assert len(rows) == len(table) == 50
    assert (rows.hits == table.hits).all() and (rows.rate == table.rate).all()
    labels = [t.label for t in load_themes().themes]
    assert spec["encoding"]["x"]["sort"] == labels
    best = table.rate.idxmax()
    assert f"{best[0]} on {table.loc[best, 'label']}" in text_alternative(chart)


def test_themes_by_scene_leaves_out_and_names_the_undiscussed_scenes(corpus):
    chart = themes_by_scene_chart(corpus)
    rows = chart_rows(chart)
    full = theme_table(corpus, by="scene")
    discussed = set(full.loc[full.words > 0, "title"])
    assert set(rows.title) == discussed
    cell = rows.set_index(["title", "label"]).loc[("Into the sea", "Water and the sea")]
    want = full.set_index(["scene", "theme"]).loc[("swim", "water-sea")]
    assert (cell.hits, cell.rate) == (want.hits, want.rate)
    assert chart.to_dict()["encoding"]["y"]["sort"] == {"field": "order"}
    silent = set(full.loc[full.words == 0, "title"])
    assert silent and all(title in text_alternative(chart) for title in silent)
    assert "Scene labels: reference" in text_alternative(chart)


def test_scene_coverage_chart_counts_sentences_with_zeros(corpus):
    chart = scene_coverage_chart(corpus)
    rows = chart_rows(chart).set_index(["reading", "scene"])
    table = scene_coverage(corpus).set_index(["reading", "scene"])
    assert len(rows) == 5 * 15 and (rows.sentences == table.sentences).all()
    assert rows.loc[("compiled-page", "ice"), "sentences"] > 0
    assert rows.loc[("marchant", "ice"), "sentences"] == 0
    assert "white means silent" in text_alternative(chart)


def test_judgement_chart_is_diverging_and_leaves_rarely_named_pairs_out(corpus):
    chart = judgement_chart(corpus)
    spec = chart.to_dict()
    color = spec["encoding"]["color"]
    assert color["scale"] == {"scheme": "blueorange", "domain": [-1, 1], "reverse": True}
    rows = chart_rows(chart).set_index(["reading", "character"])
    table = stance(corpus).set_index(["reading", "character"])
    named = table[table.sentences >= 2]  # one sentence is too little to speak of a stance
    assert len(rows) == len(named) < len(table[table.sentences > 0])
    assert (rows.mean_compound.round(2) == named.mean_compound.round(2)).all()
    assert "orange (negative" in text_alternative(chart)
    assert "fewer than 2 sentences are left out" in text_alternative(chart)
    assert len(chart_rows(judgement_chart(corpus, min_sentences=1))) == len(
        table[table.sentences > 0]
    )


def test_zero_cells_are_white_and_only_used_columns_are_stored(corpus):
    spec = scene_coverage_chart(corpus).to_dict()
    color = spec["encoding"]["color"]
    assert color["condition"] == {"test": "datum['sentences'] == 0", "value": "white"}
    assert color["field"] == "sentences" and color["legend"]["orient"] == "top"
    assert set(chart_rows(scene_coverage_chart(corpus)).columns) == {
        "reading", "scene", "order", "title", "sentences", "words"
    }  # fmt: skip


def test_distinctive_words_chart_is_ranked_bars_of_the_table(corpus):
    chart = distinctive_words_chart(corpus, "bowditch", top=10)
    spec = chart.to_dict()
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["y"] == {
        "field": "word",
        "sort": "-x",
        "title": None,
        "type": "nominal",
    }
    assert spec["encoding"]["x"]["field"] == "g2"
    rows = chart_rows(chart)
    table = distinctive_words(corpus, "bowditch", top=10)
    assert rows.word.tolist() == table.word.tolist()
    assert all(w in text_alternative(chart) for w in table.word)


def _many(n: int) -> Corpus:
    base = rk.load_corpus()
    readings = []
    for i in range(n):
        source = base[i % len(base)]
        meta = {"id": f"r{i}", "title": f"Copy {i}", "kind": "copy"}
        readings.append(Reading(id=f"r{i}", meta=meta, text=source.text[: 400 + 37 * i]))
    return Corpus(tuple(readings))


def test_heatmaps_pool_readings_beyond_the_limit_and_keep_the_totals():
    corpus = _many(40)
    chart = theme_heatmap(corpus)
    rows = chart_rows(chart)
    assert rows.reading.nunique() == MAX_ROWS
    assert "other 16 readings" in set(rows.reading)
    table = theme_table(corpus)
    assert rows.hits.sum() == table.hits.sum() and rows.words.sum() == table.words.sum()
    assert "16 readings with fewest hits are pooled" in text_alternative(chart)
    coverage = chart_rows(scene_coverage_chart(corpus))
    assert coverage.reading.nunique() == MAX_ROWS
    judged = chart_rows(judgement_chart(corpus))
    assert judged.reading.nunique() <= MAX_ROWS


def test_every_chart_draws_on_a_teachers_own_folder(tmp_path):
    for name in ("marchant.md", "bowditch.md"):
        shutil.copy(rk.bundled_readings_path() / name, tmp_path)
    corpus = rk.load_corpus(tmp_path)
    for name, make in CHARTS.items():
        chart = make(corpus)
        assert len(chart_rows(chart)) > 0, name
    # no annotation in that folder: scene charts say they use the suggestions
    assert "Scene labels: suggestions" in text_alternative(scene_coverage_chart(corpus))
