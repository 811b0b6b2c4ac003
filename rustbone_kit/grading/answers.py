"""Answers leave a student's kernel only as data: encoded there as JSON, decoded here.

The grader never unpickles or evaluates anything a student's kernel sends. The kernel runs
:data:`ENCODER` (plain Python) on each answer expression and prints one JSON line; the
grader turns it back into values the checks judge: numbers, text, lists, mappings,
DataFrames (from their JSON), and charts as their Vega-Lite spec (``chart.to_dict()``).

>>> decode({"t": "frame", "json": '{"columns":["a"],"index":[0],"data":[[1]]}'}).a.tolist()
[1]
>>> decode({"t": "list", "items": [{"t": "int", "v": 3}, {"t": "str", "v": "x"}]})
[3, 'x']
"""

from __future__ import annotations

import io
from typing import Any

import pandas as pd

from ..checks.frames import ChartSpec, UndrawableChart

__all__ = ["ENCODER", "MARKER", "decode"]

#: The line prefix of the kernel's answer lines, so no other output is mistaken for one.
MARKER = "@@rustbone-kit-answer@@"

#: Runs in the student's kernel: defines ``_rk_send(qid, thunk)``, which prints one line.
ENCODER = r"""
def _rk_send(qid, thunk, _marker=%r):
    import json, math
    def enc(v, depth=0):
        if depth > 20:
            return {"t": "repr", "v": "(nested too deep)"}
        if v is None:
            return {"t": "none"}
        if isinstance(v, bool):
            return {"t": "bool", "v": v}
        if isinstance(v, int):
            return {"t": "int", "v": v} if abs(v) < 2 ** 63 else {"t": "repr", "v": str(v)[:80]}
        if isinstance(v, float):
            return {"t": "float", "v": v if math.isfinite(v) else repr(v)}
        if isinstance(v, str):
            return {"t": "str", "v": v[:100000]}
        module = type(v).__module__ or ""
        if module.startswith("altair") and hasattr(v, "to_dict"):
            try:
                return {"t": "chart", "spec": v.to_dict()}
            except Exception as error:
                return {"t": "chart-error", "v": str(error)[:2000]}
        if module.startswith("pandas") and hasattr(v, "to_json") and hasattr(v, "columns"):
            return {"t": "frame", "json": v.head(10000).to_json(orient="split", date_format="iso")}
        if module.startswith("numpy") and hasattr(v, "item") and getattr(v, "ndim", 1) == 0:
            return enc(v.item(), depth + 1)
        if hasattr(v, "tolist") and (module.startswith("numpy") or module.startswith("pandas")):
            return {"t": "list", "items": [enc(x, depth + 1) for x in list(v.tolist())[:10000]]}
        if isinstance(v, dict):
            return {"t": "dict", "items": [[enc(k, depth + 1), enc(x, depth + 1)]
                                           for k, x in list(v.items())[:1000]]}
        if isinstance(v, (list, tuple, set, frozenset)):
            kind = "set" if isinstance(v, (set, frozenset)) else type(v).__name__
            items = sorted(v, key=repr) if kind == "set" else v
            return {"t": kind if kind in ("list", "tuple", "set") else "list",
                    "items": [enc(x, depth + 1) for x in list(items)[:10000]]}
        return {"t": "repr", "v": type(v).__name__}
    try:
        value = enc(thunk())
    except NameError:
        value = {"t": "missing"}
    except Exception as error:
        value = {"t": "error", "v": type(error).__name__}
    print(_marker + json.dumps({"q": qid, "a": value}), flush=True)
"""


class Missing:
    """The answer's name was not defined in the submission (a deleted or renamed cell)."""

    def __repr__(self) -> str:
        return "Missing()"


def decode(data: Any) -> Any:
    """The value an encoded answer stands for (see the module docstring)."""
    if not isinstance(data, dict):
        return None
    kind = data.get("t")
    if kind in ("bool", "int", "str"):
        return data.get("v")
    if kind == "float":
        value = data.get("v")
        return float(value) if isinstance(value, (int, float, str)) else None
    if kind == "none":
        return None
    if kind in ("list", "tuple", "set"):
        items = [decode(x) for x in data.get("items", [])]
        if kind == "tuple":
            return tuple(items)
        if kind == "set":
            try:
                return set(items)
            except TypeError:
                return items
        return items
    if kind == "dict":
        out = {}
        for pair in data.get("items", []):
            if isinstance(pair, list) and len(pair) == 2:
                key = decode(pair[0])
                try:
                    out[key] = decode(pair[1])
                except TypeError:  # an unhashable key cannot be a mapping's key here
                    continue
        return out
    if kind == "frame":
        try:
            return pd.read_json(io.StringIO(data.get("json", "")), orient="split")
        except ValueError:
            return None
    if kind == "chart":
        return ChartSpec(data.get("spec") or {})
    if kind == "chart-error":
        return UndrawableChart(str(data.get("v", "")))
    if kind == "missing":
        return Missing()
    return f"<{data.get('v', 'an object')}>"
