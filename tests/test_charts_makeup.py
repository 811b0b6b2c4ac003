"""charts.makeup: each reading as a bar of its passages, through chart.to_dict()."""

from __future__ import annotations

import pandas as pd
import pytest

import rustbone_kit as rk
import rustbone_kit.charts.makeup
from rustbone_kit.charts import chart_rows, makeup_chart, makeup_chart_from, text_alternative
from rustbone_kit.errors import ArgumentError
from rustbone_kit.measures import passage_table


def four() -> pd.DataFrame:
    """Four rows shaped like ``passage_table(corpus)``: two readings of two passages."""
    return pd.DataFrame(
        {
            "reading": ["a", "a", "b", "b"],
            "title": ["Review A", "Review A", "Review B", "Review B"],
            "order": [1, 2, 1, 2],
            "words": [5, 80, 120, 3],
            "form": ["short line", "paragraph", "paragraph", "short line"],
            "opening": ["Film: A", "It opens on a beach", "A film of bodies", "Leave a Reply"],
        }
    )


def test_makeup_chart_from_draws_a_segment_per_passage():
    chart = makeup_chart_from(four())
    spec = chart.to_dict()
    assert spec["mark"] == {"type": "bar", "stroke": "white", "strokeWidth": 1.5}
    enc = spec["encoding"]
    assert enc["x"]["aggregate"] == "sum" and enc["x"]["field"] == "words"
    assert enc["y"] == {"field": "title", "sort": None, "title": None, "type": "nominal"}
    assert enc["order"] == {"field": "order", "type": "quantitative"}
    assert enc["opacity"]["scale"] == {"domain": ["paragraph", "short line"], "range": [1.0, 0.85]}
    assert chart_rows(chart).to_dict("list") == four().to_dict("list")
    text = text_alternative(chart)
    assert text.startswith("Bar chart of the two readings, each a bar of its passages")
    assert "Passages under 12 words are marked as short lines." in text
    assert "a: 85 words in 2 passages, 1 short line (\u201cFilm: A\u201d)" in text
    assert text.endswith("b: 123 words in 2 passages, 1 short line (\u201cLeave a Reply\u201d).")


def test_makeup_chart_from_says_the_threshold_it_is_given():
    assert "Passages under 5 words" in text_alternative(makeup_chart_from(four(), short=5))


def test_makeup_chart_from_refuses_a_table_of_another_shape():
    with pytest.raises(ArgumentError, match=r"no column 'form'.*rk.passage_table"):
        makeup_chart_from(four().drop(columns="form"))


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


def test_makeup_chart_is_the_chart_of_the_passage_table(corpus):
    assert makeup_chart(corpus).to_dict() == makeup_chart_from(passage_table(corpus)).to_dict()
    want = makeup_chart_from(passage_table(corpus, short=20), short=20).to_dict()
    assert makeup_chart(corpus, short=20).to_dict() == want


def test_makeup_chart_is_readable_on_a_projector_and_colour_blind_safe(corpus):
    config = makeup_chart(corpus).to_dict()["config"]
    assert config["axis"]["labelFontSize"] >= 14 and config["title"]["fontSize"] >= 18
    assert config["range"]["category"][:2] == ["#0072B2", "#D55E00"]  # Okabe-Ito, 3:1 on white


def test_chart_carries_a_text_alternative(corpus):
    chart = makeup_chart(corpus)
    text = text_alternative(chart)
    assert chart.to_dict()["description"] == text
    assert "marchant: 689 words in 13 passages, 6 short lines" in text
    assert "unsigned-review: 610 words in 5 passages, no short lines" in text


def test_offline_renderer_emits_vegalite_v5_and_no_script(corpus):
    rk.charts.enable_offline()
    bundle, _ = makeup_chart(corpus)._repr_mimebundle_()
    assert set(bundle) == {"application/vnd.vegalite.v5+json", "text/plain"}
    assert bundle["text/plain"].startswith("Chart: Bar chart of the five readings")
    assert "<script" not in str(bundle)


def test_makeup_chart_refuses_too_many_readings_to_read(corpus, monkeypatch):
    # the limit is read in the module that defines it: patch it there
    monkeypatch.setattr(rustbone_kit.charts.makeup, "MAX_MAKEUP_READINGS", 3)
    with pytest.raises(ValueError, match="unreadable"):
        makeup_chart(corpus)
    with pytest.raises(ArgumentError, match="5 readings would be unreadable"):
        makeup_chart_from(passage_table(corpus))


def test_makeup_chart_legend_sits_on_top_where_it_is_always_on_screen(corpus):
    legend = makeup_chart(corpus).to_dict()["encoding"]["color"]["legend"]
    assert legend == {"orient": "top", "direction": "horizontal"}
