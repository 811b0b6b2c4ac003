"""charts.heatmap: pooled readings, white zeros, and only the used columns stored."""

from __future__ import annotations

import random

import pandas as pd
import pytest

import rustbone_kit as rk
from rustbone_kit.charts import (
    MAX_ROWS,
    chart_rows,
    judgement_chart,
    scene_coverage_chart,
    text_alternative,
    theme_heatmap,
)
from rustbone_kit.charts._altair import alt
from rustbone_kit.charts.heatmap import heat, pool_readings, top_cells
from rustbone_kit.corpus import Corpus
from rustbone_kit.reading import Reading
from rustbone_kit.themes import theme_table

FOUR = pd.DataFrame(
    {
        "reading": ["a", "b", "c", "d"],
        "theme": ["sea"] * 4,
        "label": ["The sea"] * 4,
        "hits": [5, 0, 2, 1],
        "words": [100, 80, 60, 40],
    }
)


def _heat(table: pd.DataFrame, **options) -> alt.Chart:
    return heat(
        table,
        x=alt.X("label:N", title="Theme"),
        y=alt.Y("reading:N", title="Reading"),
        color=alt.Color("hits:Q", title="Hits"),
        tooltip=[alt.Tooltip("reading:N", title="Reading"), alt.Tooltip("hits:Q", title="Hits")],
        title=alt.Title("Four cells", subtitle="A test"),
        description="Heatmap of four cells.",
        **options,
    )


def test_pool_readings_keeps_the_largest_and_adds_up_the_rest():
    pooled, n = pool_readings(FOUR, rank_by="hits", sums=["hits", "words"], limit=3)
    assert n == 2
    assert pooled.reading.tolist() == ["a", "c", "other 2 readings"]
    assert pooled.hits.tolist() == [5, 2, 1] and pooled.words.tolist() == [100, 60, 120]


def test_pool_readings_leaves_a_short_table_alone_and_never_changes_the_one_given():
    kept, n = pool_readings(FOUR, rank_by="hits", sums=["hits", "words"])
    assert n == 0 and kept.equals(FOUR) and kept is not FOUR
    kept["hits"] = 0
    assert FOUR.hits.tolist() == [5, 0, 2, 1]


def test_top_cells_names_the_highest_cells():
    assert top_cells(FOUR, "hits", "label", n=2) == "a on The sea (5); c on The sea (2)"


def test_heat_draws_grey_edged_cells_with_white_zeros_and_the_legend_on_top():
    spec = _heat(FOUR).to_dict()
    assert spec["mark"] == {"type": "rect", "stroke": "#888888", "strokeWidth": 0.5}
    color = spec["encoding"]["color"]
    assert color["condition"] == {"test": "datum['hits'] == 0", "value": "white"}
    assert color["field"] == "hits" and color["legend"]["orient"] == "top"
    assert spec["description"] == "Heatmap of four cells."
    assert spec["config"]["axis"]["labelFontSize"] >= 14


def test_heat_without_zero_white_has_no_condition():
    color = _heat(FOUR, zero_white=False).to_dict()["encoding"]["color"]
    assert "condition" not in color and color["field"] == "hits"


def test_heat_stores_only_the_columns_used_and_the_keys():
    assert list(chart_rows(_heat(FOUR)).columns) == ["label", "reading", "hits"]
    assert list(chart_rows(_heat(FOUR, keys=("theme",))).columns) == [
        "theme", "label", "reading", "hits"
    ]  # fmt: skip


@pytest.fixture(scope="module")
def corpus():
    return rk.load_corpus()


def test_zero_cells_are_white_and_only_used_columns_are_stored(corpus):
    spec = scene_coverage_chart(corpus).to_dict()
    color = spec["encoding"]["color"]
    assert color["condition"] == {"test": "datum['sentences'] == 0", "value": "white"}
    assert color["field"] == "sentences" and color["legend"]["orient"] == "top"
    assert set(chart_rows(scene_coverage_chart(corpus)).columns) == {
        "reading", "scene", "order", "title", "sentences", "words"
    }  # fmt: skip


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
    # one cell per (reading, theme), the pooled row too: its rate is of its summed counts
    assert len(rows) == MAX_ROWS * table.theme.nunique()
    other = rows[rows.reading == "other 16 readings"].iloc[0]
    assert other.rate == round(other.hits / other.words * 1000, 2)
    coverage = chart_rows(scene_coverage_chart(corpus))
    assert coverage.reading.nunique() == MAX_ROWS
    judged = chart_rows(judgement_chart(corpus))
    assert judged.reading.nunique() <= MAX_ROWS


def test_theme_heatmap_limit_is_the_number_of_rows_drawn():
    rows = chart_rows(theme_heatmap(_many(8), limit=4))
    assert rows.reading.nunique() == 4 and "other 5 readings" in set(rows.reading)


def _resampled(n: int) -> Corpus:
    """``n`` readings of one to six bundled sentences each, drawn with a fixed seed."""
    sentences = [s.text for r in rk.load_corpus() for s in r.sentences]
    rng = random.Random(n)
    return Corpus(
        tuple(
            rk.reading_from_text(" ".join(rng.choices(sentences, k=rng.randint(1, 6))), id=f"r{i}")
            for i in range(n)
        )
    )


@pytest.mark.parametrize("n", [40, 1000, 5000])
def test_theme_heatmap_draws_one_pooled_row_right_at_any_size(n):
    corpus = _resampled(n)
    chart = theme_heatmap(corpus)  # no MaxRowsError
    rows, spec, table = chart_rows(chart), chart.to_dict(), theme_table(corpus)
    other = f"other {n - MAX_ROWS + 1} readings"
    assert list(dict.fromkeys(rows.reading))[-1] == other and rows.reading.nunique() == MAX_ROWS
    assert len(rows) == MAX_ROWS * table.theme.nunique()  # one cell per reading and theme
    pooled_row = rows[rows.reading == other].set_index("theme")
    assert sorted(pooled_row.index) == sorted(table.theme.unique())  # one cell per theme
    kept = set(rows.reading) - {other}
    pooled = table[~table.reading.isin(kept)].groupby("theme")[["hits", "words"]].sum()
    assert pooled_row.hits.to_dict() == pooled.hits.to_dict()
    assert pooled_row.words.to_dict() == pooled.words.to_dict()
    rates = (pooled.hits / pooled.words * 1000).round(2)
    assert pooled_row.rate.to_dict() == pytest.approx(rates.to_dict())
    totals = table.groupby("reading").hits.sum()
    assert totals[list(kept)].min() >= totals.drop(list(kept)).max()  # the fewest hits pooled
    drawn = rows[rows.reading != other].merge(table, on=["reading", "theme"])
    assert (drawn.hits_x == drawn.hits_y).all() and (drawn.rate_x == drawn.rate_y).all()
    tooltip = [t["field"] for t in spec["encoding"]["tooltip"]]
    assert tooltip == ["reading", "label", "hits", "words", "rate"]
    assert set(tooltip) <= set(rows.columns) and rows[tooltip].notna().all().all()
    assert f"{n - MAX_ROWS + 1} readings with fewest hits are pooled" in spec["description"]
    if n == 1000:  # the other reading heatmaps stay within the limit too
        for other_chart in (scene_coverage_chart, judgement_chart):
            assert chart_rows(other_chart(corpus)).reading.nunique() <= MAX_ROWS
