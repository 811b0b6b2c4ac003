"""charts.coverage: the scene coverage heatmap, through chart.to_dict()."""

from __future__ import annotations

import pandas as pd
import pytest

import rustbone_kit as rk
from rustbone_kit.charts import (
    chart_rows,
    scene_coverage_chart,
    scene_coverage_chart_from,
    text_alternative,
)
from rustbone_kit.errors import ArgumentError
from rustbone_kit.scenes import scene_coverage, scene_labels
from rustbone_kit.suggestions import tag_corpus


def four() -> pd.DataFrame:
    """Four rows shaped like ``scene_coverage(corpus)``: two readings, two scenes."""
    return pd.DataFrame(
        {
            "reading": ["a", "a", "b", "b"],
            "scene": ["swim", "ice", "swim", "ice"],
            "order": [1, 2, 1, 2],
            "title": ["Into the sea", "On the ice", "Into the sea", "On the ice"],
            "sentences": [3, 0, 1, 0],
            "words": [60, 0, 20, 0],
        }
    )


def test_scene_coverage_chart_from_draws_each_row_with_white_silences():
    chart = scene_coverage_chart_from(four(), source="reference")
    spec = chart.to_dict()
    enc = spec["encoding"]
    assert (enc["x"]["field"], enc["y"]["field"]) == ("title", "reading")
    assert enc["x"]["sort"] == {"field": "order"} and enc["x"]["axis"] == {"labelAngle": -40}
    assert enc["color"]["field"] == "sentences"
    assert enc["color"]["scale"] == {
        "scheme": {"name": "greens", "extent": [0.2, 1]},
        "domainMin": 0,
    }
    assert enc["color"]["condition"] == {"test": "datum['sentences'] == 0", "value": "white"}
    assert [t["title"] for t in enc["tooltip"]] == ["Reading", "Scene", "Sentences", "Words"]
    assert spec["title"] == {
        "text": "Who discusses which scene",
        "subtitle": "Sentences per scene; a white cell is a silence, and a finding",
    }
    rows = chart_rows(chart)
    assert rows.to_dict("list") == {
        "scene": ["swim", "ice", "swim", "ice"],
        "order": [1, 2, 1, 2],
        "title": ["Into the sea", "On the ice", "Into the sea", "On the ice"],
        "reading": ["a", "a", "b", "b"],
        "sentences": [3, 0, 1, 0],
        "words": [60, 0, 20, 0],
    }
    text = text_alternative(chart)
    assert text.startswith("Heatmap of two readings (rows) and two scenes (columns")
    assert "Most discussed: a on Into the sea (3); b on Into the sea (1); a on On the ice (0)." in (
        text
    )
    assert "Scenes each reading is silent on: a 1; b 1." in text
    assert "No reading discusses: On the ice." in text
    assert text.endswith("Scene labels: reference.")


def test_the_subtitle_names_labels_that_are_not_the_reference():
    table = four()
    subtitle = scene_coverage_chart_from(table).to_dict()["title"]["subtitle"]
    assert subtitle.endswith("a finding (labels: given)")
    table.attrs["source"] = "suggestions"
    chart = scene_coverage_chart_from(table)
    assert chart.to_dict()["title"]["subtitle"].endswith("(labels: suggestions)")
    assert text_alternative(chart).endswith("Scene labels: suggestions.")


def test_scene_coverage_chart_from_refuses_a_table_of_another_shape():
    with pytest.raises(ArgumentError, match=r"no column 'sentences'.*scene_coverage"):
        scene_coverage_chart_from(four().drop(columns="sentences"))


@pytest.fixture(scope="module")
def corpus():
    return rk.load_corpus()


def test_scene_coverage_chart_counts_sentences_with_zeros(corpus):
    chart = scene_coverage_chart(corpus)
    rows = chart_rows(chart).set_index(["reading", "scene"])
    table = scene_coverage(corpus).set_index(["reading", "scene"])
    assert len(rows) == 5 * 15 and (rows.sentences == table.sentences).all()
    assert rows.loc[("compiled-page", "ice"), "sentences"] > 0
    assert rows.loc[("marchant", "ice"), "sentences"] == 0
    assert "white means silent" in text_alternative(chart)


def test_scene_coverage_chart_is_the_chart_of_the_coverage_table(corpus):
    for labels in (scene_labels(corpus), tag_corpus(corpus)):
        table = scene_coverage(corpus, labels=labels)
        source = labels.attrs["source"]
        want = scene_coverage_chart_from(table, source=source).to_dict()
        assert scene_coverage_chart(corpus, labels=labels).to_dict() == want
