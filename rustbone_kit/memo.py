"""Values worked out once and kept on the object they describe.

Readings, corpora and catalogues never change once loaded (an edited file is loaded again as
a new object), so what the kit computes from one (folded words, tone, scene tags, theme hits)
can be kept on it: every lesson cell, widget and chart that holds the same object then shares
the work. This is the one place that knows how: the value lives in the object's ``__dict__``
(frozen dataclasses allow no attribute), under a name beginning ``_rk_``.

A value that depends on a second object as well (a reading's scene tags on the catalogue, its
theme hits on the lexicon) is kept per ``owner``: the owner is kept alive with the value, so
its ``id`` can never be taken by a newer catalogue; the last few owners are kept, so a teacher
who edits ``scenes.yaml`` all afternoon does not keep every old version in memory.

>>> from types import SimpleNamespace
>>> box, calls = SimpleNamespace(), []
>>> kept(box, "_rk_demo", lambda: calls.append(1) or 42), kept(box, "_rk_demo", lambda: 0)
(42, 42)
>>> owner = object()
>>> kept(box, "_rk_per", lambda: "a", owner=owner), kept(box, "_rk_per", lambda: "b", owner=owner)
('a', 'a')
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

__all__ = ["OWNERS_KEPT", "kept"]

T = TypeVar("T")

#: How many owners' values one object keeps under one name (the newest).
OWNERS_KEPT = 4
_MISSING = object()


def kept(
    obj: Any,
    name: str,
    compute: Callable[[], T],
    *,
    owner: Any = None,
    extra: tuple[Hashable, ...] = (),
    limit: int = OWNERS_KEPT,
) -> T:
    """``compute()``, worked out once for ``obj`` (and for ``owner`` and ``extra``, when
    given) and kept on ``obj`` under ``name``; at most ``limit`` owner and extra values
    are kept, the newest."""
    store = obj.__dict__
    if owner is None and not extra:
        value = store.get(name, _MISSING)
        if value is _MISSING:
            value = store[name] = compute()
        return value  # type: ignore[no-any-return]
    table: dict[tuple[Hashable, ...], tuple[Any, Any]] = store.setdefault(name, {})
    key = (id(owner), *extra)
    entry = table.get(key)
    if entry is not None and entry[0] is owner:
        return entry[1]  # type: ignore[no-any-return]
    value = compute()
    table.pop(key, None)
    table[key] = (owner, value)  # the owner kept alive with it: its id stays its own
    while len(table) > limit:
        del table[next(iter(table))]  # the oldest
    return value
