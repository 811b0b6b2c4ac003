"""The make-up chart: each reading as a bar of its passages, paragraphs against short lines."""

from __future__ import annotations

import pandas as pd

from ..corpus import Corpus
from ..errors import ArgumentError
from ..measures import SHORT_LINE_WORDS, passage_table
from ._altair import alt
from .base import ON_WHITE, number_word, projector, require_columns

__all__ = ["MAX_MAKEUP_READINGS", "makeup_chart", "makeup_chart_from"]

#: More bars than this do not fit a projected screen.
MAX_MAKEUP_READINGS = 40
_COLUMNS = ["reading", "title", "order", "words", "form", "opening"]


def _refuse_too_many(n: int) -> None:
    if n > MAX_MAKEUP_READINGS:
        raise ArgumentError(
            f"a make-up chart of {n} readings would be unreadable",
            fix=f"pass a corpus of at most {MAX_MAKEUP_READINGS} readings "
            "(e.g. load a smaller folder)",
        )


def makeup_chart_from(passages: pd.DataFrame, *, short: int = SHORT_LINE_WORDS) -> alt.Chart:
    """Bars of passages, drawn from a ``passage_table(corpus, short=short)``: a row a segment.

    ``short`` is the threshold the table was made with, said in the text alternative.

    >>> table = pd.DataFrame({
    ...     "reading": ["a", "a", "b", "b"], "title": ["A", "A", "B", "B"],
    ...     "order": [1, 2, 1, 2], "words": [5, 80, 120, 3],
    ...     "form": ["short line", "paragraph", "paragraph", "short line"],
    ...     "opening": ["Film: A", "It opens", "A film", "Reply"]})
    >>> spec = makeup_chart_from(table).to_dict()
    >>> spec["encoding"]["y"]["field"], spec["encoding"]["order"]["field"]
    ('title', 'order')
    """
    require_columns(passages, _COLUMNS, "rk.passage_table")
    _refuse_too_many(passages.reading.nunique())
    lines: list[str] = []
    for reading_id, group in passages.groupby("reading", sort=False):
        shorts = group[group.form == "short line"]
        quoted = "; ".join(f"\u201c{o}\u201d" for o in shorts.opening.head(4))
        n_short = len(shorts)
        short_text = {0: "no short lines", 1: "1 short line"}.get(n_short, f"{n_short} short lines")
        lines.append(
            f"{reading_id}: {group.words.sum()} words in {len(group)} passages, {short_text}"
            + (f" ({quoted})" if n_short else "")
        )
    description = (
        f"Bar chart of the {number_word(passages.reading.nunique())} readings, each a bar of "
        f"its passages in text order, segment length = words. Passages under {short} words "
        "are marked as short lines. " + ". ".join(lines) + "."
    )
    base = alt.Chart(passages, description=description).mark_bar(stroke="white", strokeWidth=1.5)
    chart = base.encode(
        x=alt.X("sum(words):Q", title="Words (passages in text order, left to right)"),
        y=alt.Y("title:N", title=None, sort=None),
        color=alt.Color(
            "form:N",
            title="Passage",
            scale=alt.Scale(domain=["paragraph", "short line"], range=ON_WHITE[:2]),
            legend=alt.Legend(orient="top", direction="horizontal"),
        ),
        opacity=alt.Opacity(
            "form:N",
            scale=alt.Scale(domain=["paragraph", "short line"], range=[1.0, 0.85]),
            legend=None,
        ),
        order=alt.Order("order:Q"),
        tooltip=[
            alt.Tooltip("reading:N", title="Reading"),
            alt.Tooltip("order:Q", title="Passage"),
            alt.Tooltip("words:Q", title="Words"),
            alt.Tooltip("form:N", title="Form"),
            alt.Tooltip("opening:N", title="Opens"),
        ],
    ).properties(
        title=alt.Title(
            "How each reading is made",
            subtitle="Passages in text order; short lines are where pages keep titles and links",
        ),
        width=560,
        height=alt.Step(44),
    )
    return projector(chart)


def makeup_chart(corpus: Corpus, *, short: int = SHORT_LINE_WORDS) -> alt.Chart:
    """How each reading is made: its passages in text order, paragraphs against short lines.

    One bar per reading; each segment is a passage, as long as its word count, coloured
    (and patterned by opacity) by its form. Hover a segment for its opening words. The
    chart of ``passage_table(corpus, short=short)``: see :func:`makeup_chart_from`.

    >>> from rustbone_kit import load_corpus
    >>> chart = makeup_chart(load_corpus())
    >>> spec = chart.to_dict()
    >>> spec["mark"]["type"], spec["encoding"]["y"]["field"]
    ('bar', 'title')
    """
    _refuse_too_many(len(corpus))  # before measuring thousands of readings
    return makeup_chart_from(passage_table(corpus, short=short), short=short)
