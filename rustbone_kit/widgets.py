"""Widgets: thin ipywidgets shells around pure functions that make their HTML.

The HTML functions take plain data and escape every piece of reading text, so a reading that
contains ``<script>`` shows those characters instead of running them. Tests call them
directly, and drive the widgets by setting control values and reading ``.value`` of the HTML.

Widgets are not restored when a saved notebook is reopened: run the cell to see them.

>>> from rustbone_kit import load_corpus
>>> browser = ReadingBrowser(load_corpus())
>>> browser.reading.value = "marchant"
>>> browser.passage.value = 2
>>> "Rust &amp; Bone | Director Jacques Audiard | Score: 7.2" in browser.card.value
True
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import ipywidgets as w

from .corpus import Corpus
from .measures import SHORT_LINE_WORDS
from .text import word_spans

__all__ = ["ReadingBrowser", "reading_card_html"]

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
_STYLE = """<style>
.rk-card{display:flex;flex-wrap:wrap;gap:1.5em;font-size:16px;line-height:1.5;max-width:62em}
.rk-card dl{flex:1 1 16em;margin:0}
.rk-card dt{font-weight:700;margin-top:.4em}
.rk-card dt,.rk-card dd{float:none;width:auto;padding:0;text-align:left}
.rk-card dd{margin:0}
.rk-card .rk-unknown{font-style:italic}
.rk-card blockquote{flex:2 1 24em;margin:0;padding:.2em 1em;border-left:6px solid #0072B2}
.rk-card blockquote.rk-short{border-left:6px dashed #E69F00}
.rk-card .rk-where{font-weight:700}
</style>"""


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
    words = len(word_spans(passage))
    is_short = words < short
    form = "short line" if is_short else "paragraph"
    where = f"Passage {number} of {total}, {form} ({words} words)"
    quote_class = ' class="rk-short"' if is_short else ""
    return (
        f'{_STYLE}<div class="rk-card" role="region" aria-live="polite" '
        f'aria-label="{html.escape(where)}">'
        f'<dl aria-label="About this reading">{fields}</dl>'
        f'<div style="flex:2 1 24em"><p class="rk-where">{html.escape(where)}</p>'
        f"<blockquote{quote_class}>{html.escape(passage)}</blockquote></div></div>"
    )


class ReadingBrowser(w.VBox):
    """Browse a reading passage by passage, beside its metadata.

    Keyboard: Tab reaches the reading list and the passage slider; arrow keys move through
    readings and passages; the Previous and Next buttons do the same.

    >>> from rustbone_kit import load_corpus
    >>> b = ReadingBrowser(load_corpus(), reading="bowditch")
    >>> b.passage.max, "Carol Bowditch" in b.card.value
    (11, True)
    """

    def __init__(self, corpus: Corpus, *, reading: str | None = None) -> None:
        if not len(corpus):
            raise ValueError("the corpus has no readings to browse")
        self.corpus = corpus
        options = [(f"{r.meta['title']} ({r.id})", r.id) for r in corpus]
        self.reading = w.Dropdown(
            options=options,
            value=reading or corpus[0].id,
            description="Reading",
            layout=w.Layout(width="46em"),
        )
        self.passage = w.IntSlider(
            value=1,
            min=1,
            max=1,
            description="Passage",
            continuous_update=False,
            layout=w.Layout(width="30em"),
        )
        self.previous = w.Button(
            description="Previous", tooltip="Previous passage", icon="arrow-left"
        )
        self.next = w.Button(description="Next", tooltip="Next passage", icon="arrow-right")
        self.card = w.HTML()
        self.previous.on_click(lambda _: self._step(-1))
        self.next.on_click(lambda _: self._step(+1))
        self.reading.observe(self._on_reading, names="value")
        self.passage.observe(self._render, names="value")
        self._on_reading()
        super().__init__(
            [self.reading, w.HBox([self.passage, self.previous, self.next]), self.card]
        )

    def __repr__(self) -> str:
        # The text a saved notebook shows in place of the widget (see notebooks.scrub).
        return (
            f"ReadingBrowser: {self.reading.value}, passage {self.passage.value} of "
            f"{self.passage.max}. Run this cell to browse (widgets are not saved)."
        )

    def _step(self, delta: int) -> None:
        self.passage.value = min(self.passage.max, max(1, self.passage.value + delta))

    def _on_reading(self, *_: Any) -> None:
        count = len(self.corpus[self.reading.value].passages)
        self.passage.max = count
        if self.passage.value != 1:
            self.passage.value = 1  # triggers _render
        else:
            self._render()

    def _render(self, *_: Any) -> None:
        reading = self.corpus[self.reading.value]
        number = self.passage.value
        self.card.value = reading_card_html(
            reading.meta,
            reading.passages[number - 1].text,
            number=number,
            total=len(reading.passages),
        )
