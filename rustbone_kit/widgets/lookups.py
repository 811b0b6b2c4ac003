"""What widgets look up to show a result in context: its paragraph, and where labels come from."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from typing import Any, Protocol

from ..memo import kept
from ..reading import Reading
from ..text import Span

__all__ = ["paragraph_of", "source_label"]


class _HasAttrs(Protocol):
    attrs: Mapping[str, Any]


def paragraph_of(reading: Reading, offset: int) -> Span:
    """The passage (line) of ``reading`` holding character ``offset``.

    >>> from rustbone_kit import load_corpus
    >>> paragraph_of(load_corpus()["marchant"], 20).id
    'marchant:p2'
    """
    passages = reading.passages
    starts = kept(reading, "_rk_passage_starts", lambda: [p.start for p in passages])
    return passages[max(0, bisect_right(starts, offset) - 1)]


def source_label(labels: _HasAttrs) -> str:
    """Where scene labels come from, in words (``attrs["source"]`` of
    :func:`~rustbone_kit.scenes.scene_labels`).

    >>> import types
    >>> source_label(types.SimpleNamespace(attrs={"source": "reference"}))
    'the reference annotation'
    """
    source = str(labels.attrs.get("source", "given"))
    if source == "suggestions":
        return "the kit's automatic suggestions (no annotation file here): check them"
    if source == "given":
        return "the labels given"
    annotator, _, rest = source.partition("; suggestions for ")
    if rest:
        return f"the {annotator} annotation, and the kit's suggestions for {rest} (check them)"
    return f"the {source} annotation"
