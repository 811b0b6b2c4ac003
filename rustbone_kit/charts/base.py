"""What every chart shares: the offline renderer, text alternatives, rows, projector styling."""

from __future__ import annotations

import pandas as pd

from ..errors import ArgumentError
from ._altair import alt, default_renderer_base

__all__ = [
    "EMBED_OPTIONS",
    "GREY",
    "ON_WHITE",
    "PALETTE",
    "SCHEME_START",
    "VEGALITE_MIME",
    "chart_rows",
    "enable_offline",
    "number_word",
    "projector",
    "require_columns",
    "sentences_word",
    "sequential",
    "text_alternative",
]

#: Okabe-Ito colours: told apart by readers with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
#: The Okabe-Ito colours a mark on white may take: 3:1 or more against white (WCAG 1.4.11),
#: darkest first (orange, sky blue and yellow are too light for a bar or a line on white).
ON_WHITE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000"]
#: Grey for cell edges and "no answer": the lightest grey with 3:1 against white.
GREY = "#888888"
#: Where sequential schemes start: a fifth of the way in, so that the smallest count is a
#: visible tint beside a white zero (a silence), on a washed-out projector too.
SCHEME_START = 0.2
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
    text = spec.get("description") or "A chart (no description given)."
    return default_renderer_base(spec, VEGALITE_MIME, f"Chart: {text}", **metadata)


alt.renderers.register("rustbone-offline", _offline_renderer)


#: The options JupyterLab's Vega extension hands to vega-embed (it reads them from the output's
#: metadata, ``metadata[mimetype]["embed_options"]``). ``renderer="svg"``: drawn as SVG, not on
#: a canvas, every mark is in the page's accessibility tree with its values, and the chart is
#: named by its ``description`` (Vega puts it in the ``aria-label`` of the chart's
#: ``role="graphics-document"`` element). ``actions=False``: no "..." menu, whose icon-only
#: button has no accessible name (``rk.charts.save`` writes SVG, PNG or PDF instead).
EMBED_OPTIONS = {"renderer": "svg", "actions": False}


def enable_offline() -> None:
    """Draw charts with the Vega that JupyterLab bundles, so they show with no internet.

    This is altair's ``mimetype`` renderer (no CDN script, unlike altair's default): the
    stored output is ``application/vnd.vegalite.v5+json``, a few kilobytes per chart, drawn
    as soon as a saved notebook is opened, tooltips working. Its ``text/plain`` part, which
    nbval compares and plain-text front ends show, is the chart's text alternative. The
    output's metadata asks JupyterLab for an SVG drawing (:data:`EMBED_OPTIONS`): a screen
    reader then reads the chart's description as its name, and its marks one by one.

    >>> enable_offline()
    >>> alt.renderers.active
    'rustbone-offline'
    >>> alt.renderers.options["embed_options"]
    {'renderer': 'svg', 'actions': False}
    """
    alt.renderers.enable("rustbone-offline", embed_options=dict(EMBED_OPTIONS))


def sequential(name: str) -> dict:
    """A Vega sequential scheme (``"blues"``, ``"greens"``) from :data:`SCHEME_START` on.

    >>> sequential("blues")
    {'name': 'blues', 'extent': [0.2, 1]}
    """
    return {"name": name, "extent": [SCHEME_START, 1]}


def projector(chart: alt.Chart) -> alt.Chart:
    """Large type and a colour-blind-safe palette, readable from the back of a classroom.

    The palette is :data:`ON_WHITE`: the Okabe-Ito colours dark enough for a mark on white.
    """
    return (
        chart.configure_axis(labelFontSize=14, titleFontSize=16, labelLimit=320)
        .configure_legend(labelFontSize=14, titleFontSize=15, symbolSize=200)
        .configure_title(fontSize=20, anchor="start", subtitleFontSize=15)
        .configure_range(category=ON_WHITE)
    )


def text_alternative(chart: alt.TopLevelMixin) -> str:
    """The chart's description: what a student who cannot see it needs to know."""
    description = chart.to_dict().get("description")
    if not description:
        raise ArgumentError(
            "this chart has no description",
            fix="build it with a rustbone_kit.charts function, or give alt.Chart a description=",
        )
    return description


def chart_rows(chart: alt.TopLevelMixin) -> pd.DataFrame:
    """The rows a chart draws, as a DataFrame (its inline dataset): the chart as a table.

    >>> chart_rows(alt.Chart(pd.DataFrame({"a": [1, 2]})).mark_bar()).a.tolist()
    [1, 2]
    """
    spec = chart.to_dict()
    (rows,) = spec["datasets"].values()
    return pd.DataFrame(rows)


def require_columns(table: pd.DataFrame, columns: list[str], made_by: str) -> None:
    """Refuse a table without the columns a chart draws, naming the function that makes one.

    >>> require_columns(pd.DataFrame({"reading": []}), ["reading", "hits"], "rk.theme_table")
    Traceback (most recent call last):
    ...
    rustbone_kit.errors.ArgumentError: this table has no column 'hits'. Fix: pass a table ...
    """
    missing = [c for c in columns if c not in table.columns]
    if missing:
        names = ", ".join(repr(c) for c in missing)
        raise ArgumentError(
            f"this table has no column {names}",
            fix=f"pass a table made by {made_by}(...), or one with the columns {columns}",
        )


def number_word(n: int) -> str:
    """A count as a text alternative says it: words up to ten, digits beyond.

    >>> number_word(5), number_word(12)
    ('five', '12')
    """
    return _NUMBERS.get(n, str(n))


def sentences_word(n: int) -> str:
    """``n`` sentences, in the singular for one.

    >>> sentences_word(1), sentences_word(3)
    ('1 sentence', '3 sentences')
    """
    return f"{n} sentence" if n == 1 else f"{n} sentences"
