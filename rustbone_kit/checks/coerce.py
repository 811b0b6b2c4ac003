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

__all__ = ["MAX_ANSWER_TEXT", "as_frame", "as_ids", "as_number", "choice_key", "oversized"]

_SEPARATORS = re.compile(r"[\s_\-]+")

MAX_ANSWER_TEXT = 20_000  # characters of text in one answer: a long paragraph is ~2,000
MAX_ANSWER_ITEMS = 10_000  # strings, keys and items looked at before an answer is too big


def oversized(answer: Any) -> str | None:
    """Why an answer is too big to judge, or None: the text in its strings, lists and
    mappings (looked at up to ``MAX_ANSWER_ITEMS`` items) is bounded before any check
    tokenises it, so a pasted book gets its feedback at once.

    >>> oversized({"claim": "The swim is a rebirth."}) is None
    True
    >>> oversized("the sea " * 5000)
    'This answer holds over 20,000 characters: an answer here is a few sentences or ...'
    """
    text, seen, todo = 0, 0, [answer]
    while todo:
        value = todo.pop()
        seen += 1
        if isinstance(value, str):
            text += len(value)
        elif isinstance(value, dict):
            todo.extend(value.keys())
            todo.extend(value.values())
        elif isinstance(value, list | tuple | set | frozenset):
            todo.extend(value)
        if text > MAX_ANSWER_TEXT or seen > MAX_ANSWER_ITEMS:
            break
    else:
        return None
    size = "too many items" if seen > MAX_ANSWER_ITEMS else f"over {MAX_ANSWER_TEXT:,} characters"
    return (
        f"This answer holds {size}: an answer here is a few sentences or a short list of "
        "ids. Shorten it and run the cell again."
    )


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
