"""One coercion layer: an answer in any natural form becomes what the check compares.

A count computed the pandas way is a numpy integer; a list of readings may be a list, a
tuple, a set, an array, a Series or an Index; a choice may be typed in any case, with
hyphens or spaces; a table may carry extra columns or keep its keys in the index. Every
answer kind asks this module first, so each form is accepted everywhere alike.

>>> import numpy as np, pandas as pd
>>> as_number(np.int64(3)), as_number(pd.Series([1, 2]).sum()), as_number("3")
(3, 3, None)
>>> as_ids(pd.Series(["marchant", "overview"]).unique())
['marchant', 'overview']
>>> choice_key("Checkable in film") == choice_key("checkable-in-film")
True
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

import pandas as pd

__all__ = ["as_frame", "as_ids", "as_number", "choice_key"]

_SEPARATORS = re.compile(r"[\s_\-]+")


def _scalar(value: Any) -> Any:
    """A numpy or pandas scalar (or a 0-d array) as the Python value it holds."""
    module = type(value).__module__ or ""
    if module.startswith(("numpy", "pandas")) and hasattr(value, "item"):
        try:
            if getattr(value, "ndim", 0) == 0:
                return value.item()
        except (TypeError, ValueError):
            return value
    return value


def as_number(value: Any) -> int | float | None:
    """A real number from a Python, numpy or pandas number; None for anything else
    (text, booleans, NaN, collections)."""
    value = _scalar(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def as_ids(value: Any) -> list[str] | None:
    """Ids from one id or any collection of ids (list, tuple, set, array, Series, Index);
    None when the items are not all text."""
    value = _scalar(value)
    if isinstance(value, str):
        return [value.strip()]
    if isinstance(value, (pd.DataFrame, bytes, dict)):
        return None
    if isinstance(value, Iterable):
        try:
            items = [_scalar(v) for v in list(value)[:10_000]]
        except TypeError:
            return None
        if all(isinstance(i, str) for i in items):
            return [i.strip() for i in items]
    return None


def choice_key(value: Any) -> str | None:
    """How a choice compares: case, spacing, hyphens and underscores aside."""
    value = _scalar(value)
    if not isinstance(value, str):
        return None
    return _SEPARATORS.sub(" ", value.strip().strip("\"'.")).casefold()


def as_frame(value: Any, columns: Iterable[str]) -> pd.DataFrame | None:
    """A table holding ``columns``: a DataFrame as it is, or with its index made columns
    when the keys are kept there; a Series by its name. None if the columns are not there."""
    wanted = list(columns)
    if isinstance(value, pd.Series):
        value = value.reset_index() if value.name in wanted else value.to_frame()
    if not isinstance(value, pd.DataFrame):
        return None
    if all(c in value.columns for c in wanted):
        return value
    flat = value.reset_index()
    if all(c in flat.columns for c in wanted):
        return flat
    return None
