"""The reading browser's HTML: one passage beside its reading's metadata, all text escaped."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from ..measures import SHORT_LINE_WORDS
from ..text import count_words
from .style import STYLE

__all__ = ["CARD_FIELDS", "reading_card_html"]

#: Header fields shown beside a passage, in this order, with their labels.
CARD_FIELDS = (
    ("title", "Title"),
    ("author", "Author"),
    ("outlet", "Outlet"),
    ("kind", "Kind of text"),
    ("date", "Date"),
    ("rating", "Rating"),
    ("url", "Address"),
    ("notes", "Notes"),
)


def _value_html(value: Any) -> str:
    if value is None or value == "":
        return '<span class="rk-unknown">not stated</span>'
    return html.escape(str(value))


def reading_card_html(
    meta: Mapping[str, Any],
    passage: str,
    *,
    number: int,
    total: int,
    short: int = SHORT_LINE_WORDS,
) -> str:
    """HTML of one passage beside its reading's metadata. All text is escaped.

    Unknown fields read "not stated" (in italics), so a missing author is visible, not blank.
    A short line is marked by a dashed border and the words "short line", never by colour alone.

    >>> html_ = reading_card_html({"title": "<b>T</b>", "author": None}, "Leave a Reply",
    ...                           number=2, total=9)
    >>> "&lt;b&gt;T&lt;/b&gt;" in html_, "<b>T</b>" in html_
    (True, False)
    >>> "Passage 2 of 9, short line (3 words)" in html_
    True
    """
    fields = "".join(
        f"<dt>{label}</dt><dd>{_value_html(meta.get(key))}</dd>" for key, label in CARD_FIELDS
    )
    words = count_words(passage)
    is_short = words < short
    form = "short line" if is_short else "paragraph"
    where = f"Passage {number} of {total}, {form} ({words} words)"
    quote_class = ' class="rk-short"' if is_short else ""
    return (
        f'{STYLE}<div class="rk-card" role="region" aria-live="polite" '
        f'aria-label="{html.escape(where)}">'
        f'<dl aria-label="About this reading">{fields}</dl>'
        f'<div style="flex:2 1 24em"><p class="rk-where">{html.escape(where)}</p>'
        f"<blockquote{quote_class}>{html.escape(passage)}</blockquote></div></div>"
    )
