"""The answer kinds checked row by row against a kit table: a :class:`Table`, a :class:`Chart`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..corpus import Corpus
from .coerce import as_frame
from .feedback import quoted
from .kinds import Answer

__all__ = ["Chart", "ChartSpec", "Table", "UndrawableChart", "schema_problem"]


def _rows(frame: pd.DataFrame, columns: tuple[str, ...], digits: int = 2) -> list[tuple]:
    """The rows as sorted tuples of text, numbers rounded to ``digits`` places (so that
    18.03 = 18.0328 at two), integers written as integers (so 3 = 3.0)."""
    part = frame[list(columns)].copy()
    for column in part.columns:
        if pd.api.types.is_numeric_dtype(part[column]):
            part[column] = part[column].astype(float).round(digits).map(lambda x: f"{x:g}")
    return sorted(map(tuple, part.astype(str).to_numpy().tolist()))


@dataclass(frozen=True)
class Table(Answer):
    """A table with these columns whose rows match what the kit computes. Extra columns and
    another index do not matter (keys kept in the index count as columns); numbers compare
    at ``digits`` places, the precision the question states."""

    expected: Callable[[Corpus], pd.DataFrame]
    columns: tuple[str, ...]
    hint: str = ""
    digits: int = 2

    def judge(self, answer: Any, corpus: Corpus) -> tuple[bool, str]:
        if not isinstance(answer, (pd.DataFrame, pd.Series)):
            return False, f"Give a table (a pandas DataFrame), not {type(answer).__name__}."
        frame = as_frame(answer, self.columns)
        if frame is None:
            flat = answer.reset_index() if isinstance(answer, pd.DataFrame) else answer.to_frame()
            missing = [c for c in self.columns if c not in flat.columns]
            return False, f"The table needs the column(s) {', '.join(missing)}. {self.hint}"
        want = self.expected(corpus)
        if len(frame) != len(want):
            return False, f"The table has {len(frame)} rows; the question wants {len(want)}."
        if _rows(frame, self.columns, self.digits) == _rows(want, self.columns, self.digits):
            return True, f"The table is right ({len(want)} rows)."
        return False, "The rows are there, but some values differ from the kit's."


_PLAIN = ("is a required property", "is not one of", "is not valid", "is not of type")


def schema_problem(message: str) -> str:
    """The line of an altair validation error that says what is wrong, in plain words.

    >>> schema_problem("'{...}' is an invalid value.\\n\\n'mark' is a required property")
    "'mark' is a required property"
    """
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    for line in lines:
        if any(words in line for words in _PLAIN):
            return line[:200]
    return (lines[0] if lines else "the chart is incomplete")[:200]


@dataclass(frozen=True)
class ChartSpec:
    """A chart as data: its Vega-Lite spec (what ``chart.to_dict()`` gave in the kernel that
    drew it). The grader judges a student's chart in this form.

    >>> ChartSpec({"mark": "bar"}).to_dict()["mark"]
    'bar'
    """

    spec: Mapping[str, Any]

    def to_dict(self, **_: Any) -> dict[str, Any]:
        return dict(self.spec)


@dataclass(frozen=True)
class UndrawableChart:
    """A chart its kernel could not turn into a spec; ``message`` is altair's first line."""

    message: str


@dataclass(frozen=True)
class Chart(Answer):
    """An altair chart with a title, this mark and these fields on these channels; with
    ``data``, its rows must also match that table on the encoded fields."""

    mark: str
    encodings: Mapping[str, str] = field(default_factory=dict)
    data: Callable[[Corpus], pd.DataFrame] | None = None
    hint: str = ""

    def judge(self, answer: Any, corpus: Corpus) -> tuple[bool, str]:
        if isinstance(answer, UndrawableChart):
            return False, f"altair cannot draw this chart yet: {schema_problem(answer.message)}"
        to_dict = getattr(answer, "to_dict", None)
        is_chart = isinstance(answer, ChartSpec) or type(answer).__module__.startswith("altair")
        if not callable(to_dict) or not is_chart:
            return False, f"Give an altair chart, not {type(answer).__name__}."
        try:
            spec = to_dict()
        except Exception as error:  # an incomplete chart cannot be drawn
            return False, f"altair cannot draw this chart yet: {schema_problem(str(error))}"
        mark = spec.get("mark")
        mark = mark.get("type") if isinstance(mark, dict) else mark
        if mark != self.mark:
            return False, f"Draw it with mark_{self.mark}(), not {quoted(mark)}. {self.hint}"
        for channel, want in self.encodings.items():
            got = spec.get("encoding", {}).get(channel, {}).get("field")
            if got != want:
                return False, f"Put {want!r} on {channel} (it has {quoted(got)}). {self.hint}"
        if not spec.get("title"):
            return False, "Give the chart a title (.properties(title=...)) to say what it shows."
        if self.data is None:
            return True, "The chart's mark, axes and title are right."
        datasets = list(spec.get("datasets", {}).values())
        drawn = pd.DataFrame(datasets[0]) if len(datasets) == 1 else pd.DataFrame()
        fields = tuple(self.encodings.values())
        if any(f not in drawn.columns for f in fields):
            return False, "The chart does not draw a table with those columns."
        if _rows(drawn, fields) != _rows(self.data(corpus), fields):
            return False, "The chart's axes are right but its rows are not the kit's."
        return True, "The chart shows the right data."
