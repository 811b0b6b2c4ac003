"""The distinctive words chart: ranked bars of the words one critic uses more than the rest."""

from __future__ import annotations

import pandas as pd

from ..corpus import Corpus
from ..words import distinctive_words
from ._altair import alt
from .base import PALETTE, number_word, projector, require_columns

__all__ = ["distinctive_words_chart", "distinctive_words_chart_from"]

_COLUMNS = ["word", "count", "rate", "other_count", "other_rate", "g2"]


def distinctive_words_chart_from(
    table: pd.DataFrame, reading_id: str, *, others: int | None = None
) -> alt.Chart:
    """Ranked bars, drawn from a ``distinctive_words(corpus, reading_id)`` table.

    ``reading_id`` names the reading in titles and tooltips; ``others``, the number of
    readings it was compared with, is said in the text alternative when given.

    >>> table = pd.DataFrame({
    ...     "word": ["sea", "orca", "fist", "ice"], "count": [9, 6, 4, 2],
    ...     "rate": [9.1, 6.0, 4.0, 2.0], "other_count": [1, 0, 2, 0],
    ...     "other_rate": [0.2, 0.0, 0.4, 0.0], "g2": [20.5, 15.1, 3.2, 3.0]})
    >>> spec = distinctive_words_chart_from(table, "marchant", others=4).to_dict()
    >>> spec["encoding"]["x"]["field"], spec["title"]["text"]
    ('g2', 'Words distinctive of marchant')
    """
    require_columns(table, _COLUMNS, "rk.distinctive_words")
    listed = ", ".join(
        f"{r.word} ({r.count} times here, {r.other_count} in the others)"
        for r in table.itertuples()
    )
    against = (
        "the other readings" if others is None else f"the other {number_word(others)} readings"
    )
    description = (
        f"Bar chart of the {number_word(len(table))} words most distinctive of {reading_id} "
        f"against {against}, longest bar first (log-likelihood): "
        f"{listed or 'none: no word is used at least twice and more often than elsewhere'}."
    )
    chart = (
        alt.Chart(table, description=description)
        .mark_bar(color=PALETTE[0])
        .encode(
            x=alt.X("g2:Q", title="Keyness (log-likelihood G²)"),
            y=alt.Y("word:N", title=None, sort="-x"),
            tooltip=[
                alt.Tooltip("word:N", title="Word"),
                alt.Tooltip("count:Q", title=f"Times in {reading_id}"),
                alt.Tooltip("rate:Q", title="Per 1,000 words here"),
                alt.Tooltip("other_count:Q", title="Times in the others"),
                alt.Tooltip("other_rate:Q", title="Per 1,000 words there"),
                alt.Tooltip("g2:Q", title="G²"),
            ],
        )
        .properties(
            title=alt.Title(
                f"Words distinctive of {reading_id}",
                subtitle="Used here more than in the other readings; stop words left out",
            ),
            width=480,
            height=alt.Step(30),
        )
    )
    return projector(chart)


def distinctive_words_chart(corpus: Corpus, reading_id: str, *, top: int = 15) -> alt.Chart:
    """Ranked bars: the words one critic uses more than the others, by log-likelihood.

    Bars, not a word cloud: a cloud sizes words by a measure the eye cannot read, drops
    what does not fit, and makes long words look important. Hover for the counts. See
    :func:`distinctive_words_chart_from` for the chart of a table.

    >>> from rustbone_kit import load_corpus
    >>> spec = distinctive_words_chart(load_corpus(), "marchant").to_dict()
    >>> spec["mark"]["type"], spec["encoding"]["y"]["sort"]
    ('bar', '-x')
    """
    table = distinctive_words(corpus, reading_id, top=top)
    return distinctive_words_chart_from(table, reading_id, others=len(corpus) - 1)
