"""charts.judgement: the tone heatmap of critics and characters, through chart.to_dict()."""

from __future__ import annotations

import pandas as pd
import pytest

import rustbone_kit as rk
from rustbone_kit.charts import chart_rows, judgement_chart, judgement_chart_from, text_alternative
from rustbone_kit.errors import ArgumentError
from rustbone_kit.judgement import stance


def four() -> pd.DataFrame:
    """Four rows shaped like ``stance(corpus)``: two readings, two characters."""
    return pd.DataFrame(
        {
            "reading": ["a", "a", "b", "b"],
            "character": ["ali", "sam", "ali", "sam"],
            "name": ["Ali", "Sam", "Ali", "Sam"],
            "sentences": [3, 1, 2, 2],
            "mean_compound": [0.5, -0.2, -0.4, 0.1],
            "positive": [2, 0, 0, 1],
            "negative": [0, 1, 1, 0],
            "neutral": [1, 0, 1, 1],
        }
    )


def test_judgement_chart_from_draws_the_pairs_named_often_enough():
    chart = judgement_chart_from(four())
    spec = chart.to_dict()
    enc = spec["encoding"]
    assert (enc["x"]["field"], enc["y"]["field"]) == ("name", "reading")
    color = enc["color"]
    assert color["field"] == "mean_compound" and "condition" not in color  # zero is white anyway
    assert color["scale"] == {"scheme": "blueorange", "domain": [-1, 1], "reverse": True}
    assert enc["tooltip"][3] == {
        "field": "mean_compound", "format": "+.2f", "title": "Mean tone", "type": "quantitative"
    }  # fmt: skip
    assert spec["title"]["text"] == "How critics write about each character"
    rows = chart_rows(chart)
    assert rows.to_dict("list") == {
        "character": ["ali", "ali", "sam"],
        "name": ["Ali", "Ali", "Sam"],
        "reading": ["a", "b", "b"],
        "sentences": [3, 2, 2],
        "mean_compound": [0.5, -0.4, 0.1],
        "positive": [2, 0, 1],
        "negative": [0, 1, 0],
    }
    text = text_alternative(chart)
    assert text.startswith("Heatmap of two readings (rows) and the characters they name")
    assert "fewer than 2 sentences are left out" in text
    assert "Most positive: a on Ali (+0.50, 3 sentences); b on Sam (+0.10, 2 sentences)." in text
    assert "Most negative: b on Ali (-0.40, 2 sentences); b on Sam (+0.10, 2 sentences)." in text


def test_min_sentences_one_keeps_every_named_pair():
    chart = judgement_chart_from(four(), min_sentences=1)
    assert len(chart_rows(chart)) == 4
    assert "fewer than 1 sentence are left out" in text_alternative(chart)


def test_judgement_chart_from_refuses_a_table_of_another_shape():
    with pytest.raises(ArgumentError, match=r"no column 'mean_compound'.*rk.stance"):
        judgement_chart_from(four().drop(columns="mean_compound"))


@pytest.fixture(scope="module")
def corpus():
    return rk.load_corpus()


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


def test_judgement_chart_is_the_chart_of_the_stance_table(corpus):
    want = judgement_chart_from(stance(corpus), min_sentences=1).to_dict()
    assert judgement_chart(corpus, min_sentences=1).to_dict() == want
