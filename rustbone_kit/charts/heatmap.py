"""The grid every heatmap of readings draws: grey-edged cells, white zeros, pooled readings."""

from __future__ import annotations

import pandas as pd

from ._altair import alt
from .base import GREY, projector

__all__ = ["MAX_ROWS", "heat", "pool_readings", "top_cells"]

#: Reading rows a heatmap draws; beyond, the rest are pooled into one "other readings" row.
MAX_ROWS = 25


def pool_readings(
    table: pd.DataFrame, *, rank_by: str, sums: list[str], limit: int = MAX_ROWS
) -> tuple[pd.DataFrame, int]:
    """Keep the ``limit - 1`` readings with most ``rank_by``; add the others up into one row.

    Charts of thousands of readings stay readable and far below altair's row limit. Returns
    a new table (the one given is never changed) and how many readings were pooled (0 when
    all fit).

    >>> t = pd.DataFrame({"reading": ["a", "b", "c"], "theme": "x", "hits": [5, 1, 2]})
    >>> pooled, n = pool_readings(t, rank_by="hits", sums=["hits"], limit=2)
    >>> n, pooled.reading.tolist(), pooled.hits.tolist()
    (2, ['a', 'other 2 readings'], [5, 3])
    """
    readings = list(dict.fromkeys(table.reading))
    if len(readings) <= limit:
        return table.copy(), 0
    totals = table.groupby("reading")[rank_by].sum()
    keep = set(totals.sort_values(ascending=False, kind="stable").index[: limit - 1])
    pooled = table[~table.reading.isin(keep)]
    n = len(readings) - len(keep)
    others = (
        pooled.drop(columns="reading")
        .groupby(
            [c for c in pooled.columns if c not in sums and c != "reading"],
            sort=False,
            as_index=False,
        )[sums]
        .sum()
    )
    others.insert(0, "reading", f"other {n} readings")
    kept = table[table.reading.isin(keep)]
    return pd.concat([kept, others], ignore_index=True), n


def top_cells(table: pd.DataFrame, value: str, label: str, n: int = 3) -> str:
    """The ``n`` highest cells, as a text alternative names them: ``reading on label (value)``.

    >>> t = pd.DataFrame({"reading": ["a", "b"], "theme": ["x", "y"], "rate": [1.5, 3.0]})
    >>> top_cells(t, "rate", "theme")
    'b on y (3); a on x (1.5)'
    """
    rows = table.sort_values(value, ascending=False, kind="stable").head(n)
    return "; ".join(f"{r.reading} on {r[label]} ({r[value]:g})" for _, r in rows.iterrows())


def heat(
    table: pd.DataFrame,
    *,
    x: alt.X,
    y: alt.Y,
    color: alt.Color,
    tooltip: list[alt.Tooltip],
    title: alt.Title,
    description: str,
    zero_white: bool = True,
    keys: tuple[str, ...] = (),
) -> alt.Chart:
    """A heatmap of grey-edged cells; with ``zero_white``, a zero is a white cell, not a pale one.

    Only the columns the chart uses (and the id columns in ``keys``, which tie a cell back to
    the table it came from) are stored with it, so notebooks stay small.
    """
    used = [*keys, *(enc.to_dict()["field"] for enc in (x, y, color, *tooltip))]
    table = table[list(dict.fromkeys(used))]
    field = color.to_dict()["field"]
    color = color.legend(alt.Legend(orient="top", direction="horizontal", gradientLength=240))
    if zero_white:
        color = alt.condition(f"datum['{field}'] == 0", alt.value("white"), color)
    chart = (
        alt.Chart(table, description=description)
        .mark_rect(stroke=GREY, strokeWidth=0.5)
        .encode(x=x, y=y, color=color, tooltip=tooltip)
        .properties(title=title, width=alt.Step(52), height=alt.Step(36))
    )
    return projector(chart)
