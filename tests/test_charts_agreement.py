"""charts.agreement: where a class disagrees, through chart.to_dict()."""

from __future__ import annotations

import pandas as pd
import pytest

import rustbone_kit as rk
from rustbone_kit.charts import (
    chart_rows,
    class_disagreement_chart,
    class_disagreement_chart_from,
    text_alternative,
)
from rustbone_kit.errors import ArgumentError


def four() -> pd.DataFrame:
    """Four rows shaped like ``class_agreement(...).splits``, most split first."""
    return pd.DataFrame(
        {
            "reading": ["a", "a", "b", "b"],
            "sentence": ["a:s1", "a:s2", "b:s4", "b:s5"],
            "number": [1, 2, 4, 5],
            "scene": ["swim", "ice", "swim", "ice"],
            "title": ["Into the sea", "On the ice", "Into the sea", "On the ice"],
            "yes": [3, 2, 1, 4],
            "no": [3, 4, 4, 0],
            "missing": [0, 0, 1, 0],
            "split": [0.5, 0.333, 0.2, 0.0],
            "text": ["One.", "Two " * 60, "Four.", "Five."],
        }
    )


def test_the_chart_stacks_yes_no_and_not_read_for_each_split_pair():
    chart = class_disagreement_chart_from(four())
    spec = chart.to_dict()
    enc = spec["encoding"]
    assert spec["mark"]["type"] == "bar"
    assert (enc["x"]["field"], enc["y"]["field"], enc["color"]["field"]) == (
        "annotators",
        "label",
        "answer",
    )
    assert enc["x"]["title"] == "Annotators" and enc["y"]["title"].startswith("Sentence and scene")
    assert enc["y"]["sort"] == {"field": "rank", "order": "ascending"}
    assert enc["color"]["scale"]["domain"] == ["yes", "no", "not read"]
    assert [t["title"] for t in enc["tooltip"]] == [
        "Reading",
        "Sentence",
        "Scene",
        "Answer",
        "Annotators",
        "Minority share",
        "Text",
    ]
    assert spec["title"]["text"] == "Where the class disagrees"
    rows = chart_rows(chart)
    # the unanimous pair (split 0) is left out; zero counts draw no segment
    assert rows[["label", "answer", "annotators"]].values.tolist() == [
        ["a s1: Into the sea", "yes", 3],
        ["a s1: Into the sea", "no", 3],
        ["a s2: On the ice", "yes", 2],
        ["a s2: On the ice", "no", 4],
        ["b s4: Into the sea", "yes", 1],
        ["b s4: Into the sea", "no", 4],
        ["b s4: Into the sea", "not read", 1],
    ]
    assert rows["rank"].tolist() == [1, 1, 2, 2, 3, 3, 3]
    assert rows.text[2].endswith("…") and len(rows.text[2]) == 160  # long text shortened


def test_the_text_alternative_names_the_most_split_pairs():
    text = text_alternative(class_disagreement_chart_from(four()))
    assert text.startswith("Bar chart of the three sentence and scene pairs the class splits on")
    assert "Most split: a sentence 1 on Into the sea: 3 yes, 3 no; " in text
    assert "b sentence 4 on Into the sea: 1 yes, 4 no, 1 not read." in text


def test_top_and_an_all_agreed_table():
    assert chart_rows(class_disagreement_chart_from(four(), top=1)).label.unique().tolist() == [
        "a s1: Into the sea"
    ]
    agreed = four().assign(split=0.0)
    assert "it is empty" in text_alternative(class_disagreement_chart_from(agreed))


def test_a_table_without_the_columns_is_refused():
    with pytest.raises(ArgumentError, match=r"rk\.class_agreement"):
        class_disagreement_chart_from(four().drop(columns="split"))


def test_the_chart_of_the_class_sample():
    result = rk.class_agreement(rk.load_corpus(), rk.bundled_readings_path() / "class-sample")
    chart = class_disagreement_chart(result)
    rows = chart_rows(chart)
    assert rows["rank"].max() == 12 and set(rows.answer) == {"yes", "no", "not read"}
    assert chart.to_dict()["description"] == text_alternative(
        rk.charts.class_disagreement_chart(result.splits)
    )
