"""Show an answer safely: a half-built chart or table never puts a traceback in an exercise.

An answer cell ends with ``show(answer_05_4)`` rather than ``answer_05_4``: a finished
chart or table is displayed as itself; one that cannot be drawn yet (a chart with no mark)
is shown as a plain note of what it still needs, so "Run All" never stops on it.

>>> import altair as alt, pandas as pd
>>> print(show(alt.Chart(pd.DataFrame({"a": [1]}))))
Not drawn yet: 'mark' is a required property.
>>> show(None) is None
True
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from .frames import schema_problem

__all__ = ["NotDrawn", "show"]


@dataclass(frozen=True)
class NotDrawn:
    """What a chart still needs before it can be drawn, shown in place of the chart."""

    problem: str

    def __str__(self) -> str:
        return f"Not drawn yet: {self.problem}."

    __repr__ = __str__

    def _repr_html_(self) -> str:
        return f'<p class="rk-not-drawn" role="status">{html.escape(str(self))}</p>'


def show(answer: Any) -> Any:
    """The answer itself if it can be displayed, else a :class:`NotDrawn` note."""
    to_dict = getattr(answer, "to_dict", None)
    if callable(to_dict) and (type(answer).__module__ or "").startswith("altair"):
        try:
            to_dict()
        except Exception as error:  # an incomplete chart: say what it needs, never raise
            return NotDrawn(schema_problem(str(error)))
    return answer
