"""The judgement heatmap: the mean tone of the sentences in which critics name characters."""

from __future__ import annotations

import pandas as pd

from ..corpus import Corpus
from ..judgement import stance
from ._altair import alt
from .base import number_word, require_columns, sentences_word
from .heatmap import heat, pool_readings

__all__ = ["judgement_chart", "judgement_chart_from"]

_COLUMNS = ["reading", "character", "name", "sentences", "mean_compound", "positive", "negative"]


def judgement_chart_from(table: pd.DataFrame, *, min_sentences: int = 2) -> alt.Chart:
    """Reading x character, drawn from a ``stance(corpus)`` table: one cell per pair.

    Pairs named in fewer than ``min_sentences`` sentences are left out. Pooled readings
    (beyond the row limit) get the mean tone of all their sentences, weighted by count.

    >>> table = pd.DataFrame({
    ...     "reading": ["a", "a", "b", "b"], "character": ["ali", "sam"] * 2,
    ...     "name": ["Ali", "Sam"] * 2, "sentences": [3, 1, 2, 2],
    ...     "mean_compound": [0.5, -0.2, -0.4, 0.1], "positive": [2, 0, 0, 1],
    ...     "negative": [0, 1, 1, 0]})
    >>> chart = judgement_chart_from(table)
    >>> chart.to_dict()["encoding"]["color"]["field"], len(chart.to_dict()["datasets"])
    ('mean_compound', 1)
    """
    require_columns(table, _COLUMNS, "rk.stance")
    table = table[table.sentences >= min_sentences].copy()
    table["weighted"] = table.mean_compound * table.sentences
    table, pooled = pool_readings(
        table[["reading", "character", "name", "sentences", "weighted", "positive", "negative"]],
        rank_by="sentences",
        sums=["sentences", "weighted", "positive", "negative"],
    )
    table["mean_compound"] = (table.weighted / table.sentences).round(3)
    table = table.drop(columns="weighted")
    lows = table.sort_values("mean_compound", kind="stable").head(2)
    highs = table.sort_values("mean_compound", ascending=False, kind="stable").head(2)

    def cells(rows: pd.DataFrame) -> str:
        return "; ".join(
            f"{r.reading} on {r.name} ({r.mean_compound:+.2f}, {sentences_word(r.sentences)})"
            for r in rows.itertuples()
        )

    description = (
        f"Heatmap of {number_word(table.reading.nunique())} readings (rows) and the characters "
        "they name (columns), shaded by the mean tone of the sentences naming the character, "
        "from orange (negative, -1) through white to blue (positive, +1); pairs named in "
        f"fewer than {sentences_word(min_sentences)} are left out"
        + (f"; {pooled} readings are pooled in one row" if pooled else "")
        + f". Most positive: {cells(highs)}. Most negative: {cells(lows)}."
    )
    return heat(
        table,
        x=alt.X("name:N", title="Character", sort=None),
        y=alt.Y("reading:N", title="Reading", sort=None),
        color=alt.Color(
            "mean_compound:Q",
            title="Mean tone",
            scale=alt.Scale(scheme="blueorange", domain=[-1, 1], reverse=True),
        ),
        tooltip=[
            alt.Tooltip("reading:N", title="Reading"),
            alt.Tooltip("name:N", title="Character"),
            alt.Tooltip("sentences:Q", title="Sentences naming them"),
            alt.Tooltip("mean_compound:Q", title="Mean tone", format="+.2f"),
            alt.Tooltip("positive:Q", title="Positive sentences"),
            alt.Tooltip("negative:Q", title="Negative sentences"),
        ],
        title=alt.Title(
            "How critics write about each character",
            subtitle="Mean tone of the sentences naming them (VADER); tone is not a verdict",
        ),
        keys=("character",),
        description=description,
        zero_white=False,
    )


def judgement_chart(corpus: Corpus, *, min_sentences: int = 2) -> alt.Chart:
    """Reading x character: the mean tone of the sentences in which a critic names a character.

    Blue is positive, orange negative (VADER compound, -1 to 1); pairs with fewer than
    ``min_sentences`` sentences are left blank. Hover for the counts. Tone is the sentence's,
    not the critic's verdict on the character: read the sentences (``stance(...,
    with_sentences=True)``) before concluding. See :func:`judgement_chart_from`.

    >>> from rustbone_kit import load_corpus
    >>> spec = judgement_chart(load_corpus()).to_dict()
    >>> spec["encoding"]["color"]["field"], spec["encoding"]["color"]["scale"]["domain"]
    ('mean_compound', [-1, 1])
    """
    return judgement_chart_from(stance(corpus), min_sentences=min_sentences)
