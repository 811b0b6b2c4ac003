"""charts.themes: the theme heatmaps by reading and by scene, through chart.to_dict()."""

from __future__ import annotations

import pandas as pd
import pytest

import rustbone_kit as rk
from rustbone_kit.charts import (
    chart_rows,
    text_alternative,
    theme_heatmap,
    theme_heatmap_from,
    themes_by_scene_chart,
    themes_by_scene_chart_from,
)
from rustbone_kit.errors import ArgumentError
from rustbone_kit.lexicon import load_themes
from rustbone_kit.themes import theme_table


def by_reading() -> pd.DataFrame:
    """Four rows shaped like ``theme_table(corpus)``: two readings, two themes."""
    return pd.DataFrame(
        {
            "reading": ["a", "a", "b", "b"],
            "theme": ["sea", "fight", "sea", "fight"],
            "label": ["The sea", "Fights", "The sea", "Fights"],
            "hits": [3, 0, 1, 2],
            "words": [100, 100, 50, 50],
            "rate": [30.0, 0.0, 20.0, 40.0],
        }
    )


def by_scene() -> pd.DataFrame:
    """Four rows shaped like ``theme_table(corpus, by="scene")``: one scene nobody discusses."""
    return pd.DataFrame(
        {
            "scene": ["swim", "swim", "ice", "ice"],
            "title": ["Into the sea", "Into the sea", "On the ice", "On the ice"],
            "order": [2, 2, 1, 1],
            "theme": ["sea", "fight", "sea", "fight"],
            "label": ["The sea", "Fights", "The sea", "Fights"],
            "hits": [2, 1, 0, 0],
            "words": [40, 40, 0, 0],
            "rate": [50.0, 25.0, 0.0, 0.0],
        }
    )


def test_theme_heatmap_from_draws_each_row_of_the_table():
    chart = theme_heatmap_from(by_reading())
    spec = chart.to_dict()
    assert spec["mark"]["type"] == "rect"
    enc = spec["encoding"]
    assert (enc["x"]["field"], enc["y"]["field"], enc["color"]["field"]) == (
        "label", "reading", "rate"
    )  # fmt: skip
    assert enc["x"]["sort"] == ["The sea", "Fights"]  # the table's order of themes
    assert enc["color"]["title"] == "Per 1,000 words"
    assert enc["color"]["scale"] == {
        "scheme": {"name": "blues", "extent": [0.2, 1]},
        "domainMin": 0,
    }
    assert [t["field"] for t in enc["tooltip"]] == ["reading", "label", "hits", "words", "rate"]
    assert spec["title"]["text"] == "Which themes each critic stresses"
    rows = chart_rows(chart)
    assert rows.to_dict("records") == [
        {"theme": "sea", "label": "The sea", "reading": "a", "hits": 3, "words": 100, "rate": 30.0},
        {"theme": "fight", "label": "Fights", "reading": "a", "hits": 0, "words": 100, "rate": 0.0},
        {"theme": "sea", "label": "The sea", "reading": "b", "hits": 1, "words": 50, "rate": 20.0},
        {"theme": "fight", "label": "Fights", "reading": "b", "hits": 2, "words": 50, "rate": 40.0},
    ]
    text = text_alternative(chart)
    assert text.startswith("Heatmap of two themes (columns) in two readings (rows)")
    assert "Highest cells: b on Fights (40); a on The sea (30); b on The sea (20)." in text
    assert "Each reading's most frequent theme: b: Fights (40); a: The sea (30)." in text


def test_theme_heatmap_from_takes_per_from_the_table_and_computes_missing_rates():
    table = by_reading().drop(columns="rate")
    table.attrs["per"] = 100
    chart = theme_heatmap_from(table)
    assert chart_rows(chart).rate.tolist() == [3.0, 0.0, 2.0, 4.0]
    assert chart.to_dict()["encoding"]["color"]["title"] == "Per 100 words"
    assert "per 100 words" in text_alternative(chart)
    assert table.columns.tolist() == ["reading", "theme", "label", "hits", "words"]  # unchanged


def test_theme_heatmap_from_refuses_a_table_of_another_shape():
    with pytest.raises(ArgumentError, match=r"no column 'reading'.*rk.theme_table"):
        theme_heatmap_from(by_scene())


def test_themes_by_scene_chart_from_leaves_out_and_names_the_silent_scene():
    chart = themes_by_scene_chart_from(by_scene(), source="reference")
    spec = chart.to_dict()
    assert spec["encoding"]["y"] == {
        "field": "title",
        "sort": {"field": "order"},
        "title": "Scene (film order)",
        "type": "nominal",
    }
    assert spec["encoding"]["x"]["field"] == "label"
    assert spec["encoding"]["tooltip"][3]["title"] == "Words on the scene"
    rows = chart_rows(chart)
    assert set(rows.title) == {"Into the sea"} and len(rows) == 2
    assert rows.set_index("label").hits.to_dict() == {"The sea": 2, "Fights": 1}
    text = text_alternative(chart)
    assert "Strongest theme per scene: Into the sea: The sea (50)." in text
    assert "No critic discusses: On the ice." in text and text.endswith("Scene labels: reference.")


def test_themes_by_scene_chart_from_takes_the_label_source_from_the_table():
    table = by_scene()
    assert text_alternative(themes_by_scene_chart_from(table)).endswith("Scene labels: given.")
    table.attrs["source"] = "suggestions"
    assert "Scene labels: suggestions." in text_alternative(themes_by_scene_chart_from(table))


@pytest.fixture(scope="module")
def corpus():
    return rk.load_corpus()


def test_theme_heatmap_draws_the_theme_table(corpus):
    chart = theme_heatmap(corpus)
    spec = chart.to_dict()
    assert spec["mark"]["type"] == "rect"
    assert spec["encoding"]["x"]["field"] == "label" and spec["encoding"]["y"]["field"] == "reading"
    assert spec["encoding"]["color"]["field"] == "rate"
    assert spec["encoding"]["color"]["scale"]["scheme"]["name"] == "blues"
    rows = chart_rows(chart).set_index(["reading", "theme"])
    table = theme_table(corpus).set_index(["reading", "theme"])
    assert len(rows) == len(table) == 50
    assert (rows.hits == table.hits).all() and (rows.rate == table.rate).all()
    labels = [t.label for t in load_themes().themes]
    assert spec["encoding"]["x"]["sort"] == labels
    best = table.rate.idxmax()
    assert f"{best[0]} on {table.loc[best, 'label']}" in text_alternative(chart)


def test_theme_heatmap_is_the_chart_of_the_theme_table(corpus):
    assert theme_heatmap(corpus).to_dict() == theme_heatmap_from(theme_table(corpus)).to_dict()
    assert (
        theme_heatmap(corpus, per=500).to_dict()
        == theme_heatmap_from(theme_table(corpus, per=500)).to_dict()
    )


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
