"""A chart's rows as an expandable HTML table: what a screen reader user reads beside the chart.

The text alternative (:func:`~rustbone_kit.charts.text_alternative`) says what the chart
shows; :func:`data_table` gives every value it draws, in a ``<details>`` element (closed, so
the page stays short; Tab and Enter open it), one column per tooltip of the chart, headed by
the tooltip's title. Every value is escaped.

>>> import pandas as pd
>>> from ._altair import alt
>>> chart = alt.Chart(pd.DataFrame({"word": ["sea", "<b>"], "n": [3, 1]}),
...                   description="Two words.", title="Words").mark_bar().encode(
...     x="n:Q", y="word:N", tooltip=[alt.Tooltip("word:N", title="Word"), "n:Q"])
>>> table = data_table(chart)
>>> table
Data table: Words (2 rows)
>>> "<th scope=\\"col\\">Word</th>" in table.html, "&lt;b&gt;" in table.html
(True, True)
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ._altair import alt

__all__ = ["DataTable", "data_table"]

#: Scoped to the table's own class; sizes for a projector, as the widgets' stylesheet does.
_STYLE = (
    "<style>.rk-data-table{font-size:16px;margin:.4em 0}"
    ".rk-data-table summary{cursor:pointer;font-weight:700}"
    ".rk-data-table summary:focus-visible{outline:3px solid #D55E00;outline-offset:2px}"
    ".rk-data-table table{border-collapse:collapse;margin:.4em 0}"
    ".rk-data-table caption{text-align:left;font-weight:700;padding:.2em 0}"
    ".rk-data-table th,.rk-data-table td{padding:.15em .6em;text-align:left;"
    "border-bottom:1px solid #bbb}"
    ".rk-data-table td.rk-num{text-align:right;font-variant-numeric:tabular-nums}</style>"
)


@dataclass(frozen=True)
class DataTable:
    """The HTML of a chart's data table; a notebook shows it as HTML."""

    title: str
    rows: int
    html: str

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"Data table: {self.title} ({self.rows} rows)"


def _title(spec: dict[str, Any]) -> str:
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    if isinstance(title, list):
        title = " ".join(str(t) for t in title)
    return str(title or "Chart")


def _columns(spec: dict[str, Any], names: list[str]) -> list[tuple[str, str]]:
    """``(field, heading)`` of each tooltip, else of every column of the rows."""
    tooltips = spec.get("encoding", {}).get("tooltip") or []
    if isinstance(tooltips, dict):
        tooltips = [tooltips]
    columns = [(t["field"], t.get("title") or t["field"]) for t in tooltips if t.get("field")]
    columns = [(field, heading) for field, heading in columns if field in names]
    return columns or [(name, name) for name in names]


def _cell(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"<td>{html.escape('' if value is None else str(value))}</td>"
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return f'<td class="rk-num">{text}</td>'


def data_table(
    chart: alt.TopLevelMixin | dict[str, Any],
    *,
    open: bool = False,
) -> DataTable:
    """The rows ``chart`` draws, as an HTML table inside ``<details>`` (``open`` to show it).

    ``chart`` is an altair chart or its ``to_dict()`` (a stored notebook's Vega-Lite output).
    """
    spec = chart if isinstance(chart, dict) else chart.to_dict()
    datasets = list(spec.get("datasets", {}).values()) or [spec.get("data", {}).get("values", [])]
    rows = pd.DataFrame(datasets[0])
    title = _title(spec)
    columns = _columns(spec, list(rows.columns))
    head = "".join(f'<th scope="col">{html.escape(str(h))}</th>' for _, h in columns)
    body = "".join(
        "<tr>" + "".join(_cell(record[field]) for field, _ in columns) + "</tr>"
        for record in rows.to_dict("records")
    )
    name = html.escape(title)
    markup = (
        f'{_STYLE}<details class="rk-data-table"{" open" if open else ""}>'
        f"<summary>Data table: {name} ({len(rows)} rows)</summary>"
        f"<table><caption>{name}: the rows the chart draws</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></details>"
    )
    return DataTable(title, len(rows), markup)
