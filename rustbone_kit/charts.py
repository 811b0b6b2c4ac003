"""Charts: functions that take a corpus (or a tidy table) and return an ``alt.Chart``.

Every chart is data: tests read ``chart.to_dict()``. Every chart carries a text alternative
in its Vega-Lite ``description`` (screen readers hear it as the chart's label) that
:func:`text_alternative` returns for printing under the chart.

Call :func:`enable_offline` once per notebook: it makes altair emit Vega-Lite v5 JSON, which
JupyterLab draws with the Vega it bundles, so charts show with no internet connection.

>>> from rustbone_kit import load_corpus
>>> chart = makeup_chart(load_corpus())
>>> spec = chart.to_dict()
>>> spec["mark"]["type"], spec["encoding"]["y"]["field"]
('bar', 'title')
>>> text_alternative(chart).split(",")[0]
'Bar chart of the five readings'
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from .corpus import Corpus
from .measures import SHORT_LINE_WORDS, passage_table

__all__ = ["PALETTE", "chart_rows", "enable_offline", "makeup_chart", "text_alternative"]

#: Okabe-Ito colours: told apart by readers with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
#: More bars than this do not fit a projected screen.
MAX_MAKEUP_READINGS = 40
VEGALITE_MIME = "application/vnd.vegalite.v5+json"
_NUMBERS = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
}


def _offline_renderer(spec: dict, **metadata) -> tuple[dict, dict]:
    """altair's ``mimetype`` renderer, with the chart's text alternative as ``text/plain``."""
    from altair.utils.display import default_renderer_base

    text = spec.get("description") or "A chart (no description given)."
    return default_renderer_base(spec, VEGALITE_MIME, f"Chart: {text}", **metadata)


alt.renderers.register("rustbone-offline", _offline_renderer)


def enable_offline() -> None:
    """Draw charts with the Vega that JupyterLab bundles, so they show with no internet.

    This is altair's ``mimetype`` renderer (no CDN script, unlike altair's default): the
    stored output is ``application/vnd.vegalite.v5+json``, a few kilobytes per chart, drawn
    as soon as a saved notebook is opened, tooltips working. Its ``text/plain`` part, which
    nbval compares and plain-text front ends show, is the chart's text alternative.

    >>> enable_offline()
    >>> alt.renderers.active
    'rustbone-offline'
    """
    alt.renderers.enable("rustbone-offline")


def _projector(chart: alt.Chart) -> alt.Chart:
    """Large type and a colour-blind-safe palette, readable from the back of a classroom."""
    return (
        chart.configure_axis(labelFontSize=14, titleFontSize=16, labelLimit=320)
        .configure_legend(labelFontSize=14, titleFontSize=15, symbolSize=200)
        .configure_title(fontSize=20, anchor="start", subtitleFontSize=15)
        .configure_range(category=PALETTE)
    )


def text_alternative(chart: alt.TopLevelMixin) -> str:
    """The chart's description: what a student who cannot see it needs to know."""
    description = chart.to_dict().get("description")
    if not description:
        raise ValueError("this chart has no description; build it with a rustbone_kit function")
    return description


def _count(n: int) -> str:
    return _NUMBERS.get(n, str(n))


def makeup_chart(corpus: Corpus, *, short: int = SHORT_LINE_WORDS) -> alt.Chart:
    """How each reading is made: its passages in text order, paragraphs against short lines.

    One bar per reading; each segment is a passage, as long as its word count, coloured
    (and patterned by opacity) by its form. Hover a segment for its opening words.
    """
    if len(corpus) > MAX_MAKEUP_READINGS:
        raise ValueError(
            f"a make-up chart of {len(corpus)} readings would be unreadable; pass a corpus of "
            f"at most {MAX_MAKEUP_READINGS} readings (e.g. load a smaller folder)"
        )
    table = passage_table(corpus, short=short)
    lines: list[str] = []
    for reading_id, group in table.groupby("reading", sort=False):
        shorts = group[group.form == "short line"]
        quoted = "; ".join(f"\u201c{o}\u201d" for o in shorts.opening.head(4))
        n_short = len(shorts)
        short_text = {0: "no short lines", 1: "1 short line"}.get(n_short, f"{n_short} short lines")
        lines.append(
            f"{reading_id}: {group.words.sum()} words in {len(group)} passages, {short_text}"
            + (f" ({quoted})" if n_short else "")
        )
    description = (
        f"Bar chart of the {_count(len(corpus))} readings, each a bar of its passages in text "
        f"order, segment length = words. Passages under {short} words are marked as short "
        "lines. " + ". ".join(lines) + "."
    )
    base = alt.Chart(table, description=description).mark_bar(stroke="white", strokeWidth=1.5)
    chart = base.encode(
        x=alt.X("sum(words):Q", title="Words (passages in text order, left to right)"),
        y=alt.Y("title:N", title=None, sort=None),
        color=alt.Color(
            "form:N",
            title="Passage",
            scale=alt.Scale(domain=["paragraph", "short line"], range=PALETTE[:2]),
            legend=alt.Legend(orient="top", direction="horizontal"),
        ),
        opacity=alt.Opacity(
            "form:N",
            scale=alt.Scale(domain=["paragraph", "short line"], range=[1.0, 0.75]),
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
    return _projector(chart)


def chart_rows(chart: alt.TopLevelMixin) -> pd.DataFrame:
    """The rows a chart draws, as a DataFrame (its inline dataset): the chart as a table."""
    spec = chart.to_dict()
    (rows,) = spec["datasets"].values()
    return pd.DataFrame(rows)
