"""charts.words: ranked bars of a critic's distinctive words, through chart.to_dict()."""

from __future__ import annotations

import pandas as pd
import pytest

import rustbone_kit as rk
from rustbone_kit.charts import (
    chart_rows,
    distinctive_words_chart,
    distinctive_words_chart_from,
    text_alternative,
)
from rustbone_kit.errors import ArgumentError
from rustbone_kit.words import distinctive_words


def four() -> pd.DataFrame:
    """Four rows shaped like ``distinctive_words(corpus, reading_id)``."""
    return pd.DataFrame(
        {
            "word": ["sea", "orca", "fist", "ice"],
            "count": [9, 6, 4, 2],
            "rate": [9.1, 6.0, 4.0, 2.0],
            "other_count": [1, 0, 2, 0],
            "other_rate": [0.2, 0.0, 0.4, 0.0],
            "g2": [20.5, 15.1, 3.2, 3.0],
            "log_ratio": [5.5, 4.9, 3.3, 2.1],
        }
    )


def test_distinctive_words_chart_from_draws_ranked_bars_of_the_table():
    chart = distinctive_words_chart_from(four(), "marchant", others=4)
    spec = chart.to_dict()
    assert spec["mark"] == {"type": "bar", "color": "#0072B2"}
    enc = spec["encoding"]
    assert enc["x"] == {
        "field": "g2",
        "title": "Keyness (log-likelihood G²)",
        "type": "quantitative",
    }
    assert enc["y"] == {"field": "word", "sort": "-x", "title": None, "type": "nominal"}
    assert enc["tooltip"][1]["title"] == "Times in marchant"
    assert len(enc["tooltip"]) == 6 and all(t["title"] for t in enc["tooltip"])
    assert spec["title"]["text"] == "Words distinctive of marchant"
    assert chart_rows(chart).to_dict("list") == four().to_dict("list")
    text = text_alternative(chart)
    assert text.startswith("Bar chart of the four words most distinctive of marchant against ")
    assert "against the other four readings, longest bar first" in text
    assert "sea (9 times here, 1 in the others), orca (6 times here, 0 in the others)" in text


def test_without_others_the_text_alternative_says_the_other_readings():
    text = text_alternative(distinctive_words_chart_from(four(), "marchant"))
    assert "against the other readings, longest bar first" in text


def test_an_empty_table_is_said_to_be_empty():
    text = text_alternative(distinctive_words_chart_from(four().head(0), "marchant", others=1))
    assert text.startswith("Bar chart of the 0 words")
    assert "none: no word is used at least twice" in text


def test_distinctive_words_chart_from_refuses_a_table_of_another_shape():
    with pytest.raises(ArgumentError, match=r"no column 'g2'.*rk.distinctive_words"):
        distinctive_words_chart_from(four().drop(columns="g2"), "marchant")


@pytest.fixture(scope="module")
def corpus():
    return rk.load_corpus()


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


def test_distinctive_words_chart_is_the_chart_of_the_words_table(corpus):
    table = distinctive_words(corpus, "marchant", top=15)
    want = distinctive_words_chart_from(table, "marchant", others=len(corpus) - 1).to_dict()
    assert distinctive_words_chart(corpus, "marchant").to_dict() == want
