"""Widgets: thin ipywidgets shells around pure functions that make their HTML.

The HTML functions take plain data (strings, numbers, the small frozen dataclasses below) and
escape every piece of reading text, so a reading that contains ``<script>`` shows those
characters instead of running them. Tests call them directly, and drive the widgets by setting
control values and reading ``.value`` of the HTML.

- :class:`ReadingBrowser`: one reading, passage by passage, beside its metadata;
- :class:`SideBySide`: what two to five critics say about one scene, in columns;
- :class:`Concordance`: keyword in context for any term, filtered by reading and scene;
- :class:`ThemeExplorer`: one theme, how much each critic uses it, and the passages;
- :class:`Annotator`: a student tags sentences with scenes and themes, saves them to their
  own YAML file and sees Cohen's kappa against the reference set.

Every widget is drawn by ipywidgets alone (no extra front-end code), so it works in plain
JupyterLab offline. Highlights never rely on colour alone: shared words are bold, theme terms
underlined, matches bold, and a key says so in words. Passages that open onto more text use
``<details>``/``<summary>``: a click, or Tab and Enter, opens them.

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
import math
import os
import re
import shutil
import tempfile
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import ipywidgets as w
import pandas as pd
import yaml

from .annotations import AnnotationError, annotations_path, load_annotations
from .corpus import Corpus, Reading
from .errors import KitError
from .measures import SHORT_LINE_WORDS
from .scenes import agreement, catalogue_for, merge_sentences, reference_labels, scene_labels
from .terms import term_problem, word_offsets, words_of
from .text import Span, is_content_word, normalize, word_spans
from .themes import Lexicon, concordance, lexicon_for, theme_hits, theme_table
from .yamlio import load_document

__all__ = [
    "Annotator",
    "ColumnView",
    "Concordance",
    "KappaRow",
    "KwicRow",
    "PassageView",
    "ReadingBrowser",
    "SideBySide",
    "ThemeBar",
    "ThemeExplorer",
    "ThemePassage",
    "annotations_yaml",
    "annotator_sentence_html",
    "annotator_status_html",
    "highlight_html",
    "kappa_table_html",
    "kwic_html",
    "quote_selector",
    "reading_card_html",
    "shared_words",
    "side_by_side_html",
    "theme_passages_html",
]

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


# --- shared pieces: style, escaping, highlighting ---------------------------------------------

#: How many columns :class:`SideBySide` sets side by side: fewer compares nothing, more does
#: not fit a projected screen.
MIN_COLUMNS, MAX_COLUMNS = 2, 5
#: Concordance lines shown at once (the count says how many there are in all).
MAX_KWIC_ROWS = 200
#: Passages :class:`ThemeExplorer` lists at once, and readings it draws a bar for.
MAX_THEME_PASSAGES = 60
MAX_BARS = 25

_VIEW_STYLE = """<style>
.rk-view{font-size:16px;line-height:1.55;max-width:100%}
.rk-view,.rk-view *{box-sizing:border-box}
.rk-widget .widget-label,.rk-widget select,.rk-widget input,.rk-widget button,
.rk-widget .widget-readout{font-size:16px}
.rk-widget .widget-dropdown select,.rk-widget .widget-text input{height:32px}
.rk-view p{margin:.25em 0}
.rk-view h3{font-size:20px;margin:.3em 0}
.rk-view h4{font-size:18px;margin:.6em 0 .3em}
.rk-view mark{color:#000}
.rk-view mark.rk-shared{background:#FFE08A;font-weight:700;padding:0 .1em}
.rk-view mark.rk-match{background:#BFE3F7;font-weight:700;padding:0 .1em}
.rk-view .rk-theme{text-decoration:underline;text-decoration-thickness:2px;
 text-underline-offset:.2em;text-decoration-color:#0072B2}
.rk-view .rk-here{font-weight:700;outline:2px dashed #0072B2;outline-offset:1px}
.rk-view .rk-unknown{font-style:italic}
.rk-view .rk-legend{border:1px solid #888;padding:.3em .8em;margin:.4em 0}
.rk-view .rk-message{border-left:6px solid #D55E00;padding:.3em .8em;margin:.4em 0}
.rk-view .rk-saved{border-left:6px solid #009E73;padding:.3em .8em;margin:.4em 0}
.rk-view .rk-cols{display:grid;gap:1em;overflow-x:auto;align-items:start}
.rk-view .rk-column{border-top:6px solid #0072B2;padding:.3em .5em;min-width:0}
.rk-view .rk-column.rk-silent{border-top:6px dashed #E69F00}
.rk-view .rk-critic{font-weight:700;font-size:18px}
.rk-view details{margin:.45em 0;padding:.15em .5em;border-left:4px solid #999}
.rk-view details[open]{border-left:4px solid #0072B2}
.rk-view summary{cursor:pointer}
.rk-view summary:focus-visible{outline:3px solid #D55E00;outline-offset:2px}
.rk-view blockquote{margin:.3em 0;padding:.2em .8em;border-left:6px solid #0072B2}
.rk-view ol{padding-left:1.6em}
.rk-view .rk-kwic-line{display:inline-grid;width:calc(100% - 1.5em);vertical-align:top;
 column-gap:.3em;grid-template-columns:minmax(0,1fr) auto minmax(0,1fr) auto;align-items:start}
.rk-view .rk-left,.rk-view .rk-right{white-space:nowrap;overflow:hidden}
.rk-view .rk-left{direction:rtl;text-align:right}
.rk-view .rk-left>span{direction:ltr;unicode-bidi:embed}
.rk-view .rk-right{text-overflow:ellipsis}
.rk-view .rk-kwic-reading{font-style:italic;padding-left:.6em;white-space:nowrap}
.rk-view table{border-collapse:collapse;font-size:16px;margin:.4em 0}
.rk-view caption{text-align:left;font-weight:700;padding:.2em 0}
.rk-view th,.rk-view td{padding:.2em .6em;text-align:left;border-bottom:1px solid #bbb}
.rk-view td.rk-num{text-align:right;font-variant-numeric:tabular-nums}
.rk-view .rk-track{display:inline-block;width:12em;vertical-align:middle;margin-right:.5em}
.rk-view .rk-bar{display:block;height:.9em;background:#0072B2}
.rk-view .rk-context{font-style:italic}
.rk-view blockquote.rk-sentence{font-size:18px}
</style>"""

#: A highlight: ``(start, end, kind, title)`` with offsets into the text it marks. Kinds:
#: ``shared`` (bold on yellow), ``theme`` (underlined; ``title`` names the theme), ``match``
#: (bold on blue), ``here`` (bold, dashed outline: a passage inside its paragraph).
Mark = tuple[int, int, str, str]

_OPEN = {
    "here": '<span class="rk-here">',
    "shared": '<mark class="rk-shared">',
    "match": '<mark class="rk-match">',
    "theme": '<span class="rk-theme"{title}>',
}
_CLOSE = {"here": "</span>", "shared": "</mark>", "match": "</mark>", "theme": "</span>"}
_NESTING = ("here", "shared", "match", "theme")  # outermost first


def _esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _known(value: Any, unknown: str) -> str:
    """The escaped value, or ``unknown`` in italics when the header leaves it empty."""
    if value is None or str(value).strip() == "":
        return f'<span class="rk-unknown">{_esc(unknown)}</span>'
    return _esc(value)


def _message(text: str, *, label: str = "") -> str:
    return (
        f'{_VIEW_STYLE}<div class="rk-view" role="region" aria-live="polite"'
        f"{f' aria-label={_attr(label)}' if label else ''}>"
        f'<p class="rk-message" role="status">{text}</p></div>'
    )


def _attr(value: str) -> str:
    return f'"{_esc(value)}"'


def highlight_html(text: str, marks: Iterable[Mark]) -> str:
    """Escaped ``text`` with its marks, which may overlap or nest, as well-formed HTML.

    The text is cut at every mark's start and end; each piece is wrapped in the tags of the
    marks covering it, always in the same order, so overlapping marks never produce crossed
    tags. Marks outside the text are clipped; empty ones are ignored.

    >>> highlight_html("steel legs & arms", [(0, 10, "theme", "Disability"),
    ...                                      (6, 10, "shared", "")])
    '<span class="rk-theme" title="Disability">steel </span><mark class="rk-shared"><span class="rk-theme" title="Disability">legs</span></mark> &amp; arms'
    """  # noqa: E501
    n = len(text)
    clean = [
        (max(0, a), min(n, b), kind, title)
        for a, b, kind, title in marks
        if kind in _OPEN and max(0, a) < min(n, b)
    ]
    if not clean:
        return html.escape(text)
    cuts = sorted({0, n, *(m[0] for m in clean), *(m[1] for m in clean)})
    pieces: list[tuple[tuple, int, int]] = []
    for a, b in pairwise(cuts):
        active = [m for m in clean if m[0] <= a and m[1] >= b]
        kinds = frozenset(m[2] for m in active)
        titles = tuple(dict.fromkeys(m[3] for m in active if m[2] == "theme" and m[3]))
        key = (kinds, titles)
        if pieces and pieces[-1][0] == key:
            pieces[-1] = (key, pieces[-1][1], b)
        else:
            pieces.append((key, a, b))
    out = []
    for (kinds, titles), a, b in pieces:
        order = [k for k in _NESTING if k in kinds]
        title = f" title={_attr('; '.join(titles))}" if titles else ""
        out.extend(_OPEN[k].format(title=title) for k in order)
        out.append(html.escape(text[a:b]))
        out.extend(_CLOSE[k] for k in reversed(order))
    return "".join(out)


def _content_tokens(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, folded word)`` of each content word: stop words, numbers and single
    letters left out, as in :func:`~rustbone_kit.themes.distinctive_words`."""
    words = words_of(text)
    if not words:
        return []
    spans = word_offsets(text, words)
    return [
        (a, b, word) for (a, b), word in zip(spans, words, strict=True) if is_content_word(word)
    ]


def shared_words(texts_by_column: Sequence[Iterable[str]]) -> frozenset[str]:
    """Content words (folded) that at least two columns use; stop words do not count.

    >>> sorted(shared_words([["The sea, the SEA!"], ["Into the sea"], ["Her legs"]]))
    ['sea']
    """
    seen: Counter[str] = Counter()
    for texts in texts_by_column:
        seen.update({word for text in texts for _, _, word in _content_tokens(text)})
    return frozenset(word for word, columns in seen.items() if columns >= 2)


def _count_label(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


# --- SideBySide ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PassageView:
    """A passage to show, the paragraph around it, and the theme terms inside it.

    ``at`` is where ``text`` starts in ``paragraph``; ``themes`` holds ``(start, end, theme
    label)`` with offsets into ``text``. An empty ``paragraph`` means the passage is all of it.
    """

    text: str
    paragraph: str = ""
    at: int = 0
    themes: tuple[tuple[int, int, str], ...] = ()


@dataclass(frozen=True)
class ColumnView:
    """One reading's column: who wrote it, where, and its passages on the scene (text order).

    No passages means the reading says nothing about the scene.
    """

    reading: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    passages: tuple[PassageView, ...] = ()


def _passage_html(passage: PassageView, shared: frozenset[str]) -> str:
    marks: list[Mark] = [
        (a, b, "shared", "") for a, b, word in _content_tokens(passage.text) if word in shared
    ]
    marks += [(a, b, "theme", f"Theme: {label}") for a, b, label in passage.themes]
    summary = highlight_html(passage.text, marks)
    paragraph = passage.paragraph or passage.text
    if paragraph == passage.text:
        body = '<p class="rk-context">This passage is the whole paragraph.</p>'
    else:
        end = passage.at + len(passage.text)
        body = (
            '<p class="rk-context">The whole paragraph (the passage in bold, outlined):</p>'
            f"<blockquote>{highlight_html(paragraph, [(passage.at, end, 'here', '')])}"
            "</blockquote>"
        )
    return f'<details class="rk-passage"><summary>{summary}</summary>{body}</details>'


def _column_html(column: ColumnView, scene: str, shared: frozenset[str]) -> str:
    critic = column.author if column.author and str(column.author).strip() else None
    name = critic or column.reading
    header = (
        f'<p class="rk-critic">{_known(critic, "author not stated")}</p>'
        f'<p class="rk-outlet">{_known(column.outlet, "outlet not stated")}</p>'
        f'<p class="rk-title">{_known(column.title, "untitled")} ({_esc(column.reading)})</p>'
    )
    if not column.passages:
        return (
            f'<section class="rk-column rk-silent" aria-label={_attr(f"{name}: silent")}>'
            f"{header}<p><strong>Says nothing about {_esc(scene)}.</strong> "
            "A silence is a finding: what does this critic leave out, and why?</p></section>"
        )
    themes = Counter(label for p in column.passages for _, _, label in p.themes)
    listed = ", ".join(f"{_esc(label)} ({n})" for label, n in themes.most_common())
    count = (
        f'<p class="rk-count">{_count_label(len(column.passages), "passage")}; theme terms: '
        f"{listed or 'none'}</p>"
    )
    passages = "".join(_passage_html(p, shared) for p in column.passages)
    return (
        f'<section class="rk-column" aria-label={_attr(name)}>{header}{count}{passages}</section>'
    )


def _legend_html(shared: frozenset[str]) -> str:
    words = sorted(shared)
    listed = ", ".join(_esc(word) for word in words[:60]) + (" ..." if len(words) > 60 else "")
    return (
        '<div class="rk-legend" role="note"><p><strong>Key:</strong> '
        '<mark class="rk-shared">bold on yellow</mark>: a word at least two columns use '
        '(stop words left out); <span class="rk-theme">underlined</span>: a theme term (point '
        "at it for the theme; each column lists its themes). Click a passage, or Tab to it and "
        "press Enter, to read the whole paragraph around it.</p>"
        f"<p>Shared words ({len(words)}): {listed or 'none'}</p></div>"
    )


def side_by_side_html(
    columns: Sequence[ColumnView],
    *,
    scene: str,
    shared: Iterable[str] | None = None,
    legend: bool = True,
    source: str = "",
) -> str:
    """What two to five readings say about one scene, one column each, in the given order.

    Words ``shared`` by columns (by default :func:`shared_words` of the passages) are bold on
    yellow; theme terms are underlined. Each passage is a ``<details>`` element: its summary
    is the passage, and opening it shows the whole paragraph with the passage outlined. A
    reading with no passage says that it says nothing about the scene. Fewer than two or
    more than five columns give a message saying what to do, never an error. ``source``
    says where the scene passages come from. All text is escaped.

    >>> cols = [ColumnView("a", author="Ann", passages=(PassageView("The sea rises."),)),
    ...         ColumnView("b", outlet="Weekly", passages=(PassageView("A grey sea."),)),
    ...         ColumnView("c")]
    >>> page = side_by_side_html(cols, scene="The swim")
    >>> page.count('<mark class="rk-shared">sea</mark>'), "Says nothing about The swim" in page
    (2, True)
    >>> "author not stated" in page, "outlet not stated" in page
    (True, True)
    >>> "Choose two to five readings" in side_by_side_html(cols[:1], scene="The swim")
    True
    """
    n = len(columns)
    if n < MIN_COLUMNS or n > MAX_COLUMNS:
        if n < MIN_COLUMNS:
            why = "add a reading: hold Ctrl (Cmd on a Mac) and click it, or Shift and an arrow key"
        else:
            why = (
                "more than five columns do not fit a projected screen; hold Ctrl (Cmd on a "
                "Mac) and click a reading to drop it"
            )
        return _message(
            f"<strong>Choose two to five readings</strong> to set side by side (you have chosen "
            f"{n}): {why}.",
            label="Side by side",
        )
    shared_set = (
        frozenset(shared)
        if shared is not None
        else shared_words([[p.text for p in c.passages] for c in columns])
    )
    silent = [c for c in columns if not c.passages]
    heading = (
        f"<h3>{_esc(scene)}: what {n} readings say</h3>"
        + (
            f'<p class="rk-count">{_count_label(len(silent), "reading")} of {n} '
            "say nothing about it.</p>"
            if silent
            else ""
        )
        + (f'<p class="rk-count">Scene passages: {_esc(source)}.</p>' if source else "")
    )
    cols = "".join(_column_html(c, scene, shared_set) for c in columns)
    return (
        f'{_VIEW_STYLE}<div class="rk-view rk-side-by-side" role="region" aria-live="polite" '
        f"aria-label={_attr(f'Side by side: {scene}')}>{heading}"
        f"{_legend_html(shared_set) if legend else ''}"
        f'<div class="rk-cols" style="grid-template-columns:repeat({n},minmax(13em,1fr))">'
        f"{cols}</div></div>"
    )


def _paragraph_of(reading: Reading, offset: int) -> Span:
    """The passage (line) of ``reading`` holding character ``offset``."""
    passages = reading.passages
    starts = reading.__dict__.get("_rk_passage_starts")
    if starts is None:
        starts = reading.__dict__["_rk_passage_starts"] = [p.start for p in passages]
    return passages[max(0, bisect_right(starts, offset) - 1)]


def _source_label(labels: pd.DataFrame) -> str:
    """Where scene labels come from, in words (``attrs["source"]`` of scene_labels)."""
    source = str(labels.attrs.get("source", "given"))
    if source == "suggestions":
        return "the kit's automatic suggestions (no annotation file here): check them"
    if source == "given":
        return "the labels given"
    annotator, _, rest = source.partition("; suggestions for ")
    if rest:
        return f"the {annotator} annotation, and the kit's suggestions for {rest} (check them)"
    return f"the {source} annotation"


class SideBySide(w.VBox):
    """What two to five critics say about one scene, side by side.

    Choose a scene (film order; the count says how many readings discuss it) and two to five
    readings (Ctrl+click or Shift+arrows in the list). Each reading gets a column with its
    critic and outlet on top and its passages on the scene in text order; words the columns
    share are bold on yellow, theme terms underlined. A passage opens (click, or Tab and
    Enter) onto its whole paragraph. A reading that says nothing about the scene says so.

    Scene passages come from the folder's reference annotation, or from the kit's
    suggestions (:func:`~rustbone_kit.scenes.tag_corpus`) when the folder has none; pass
    ``labels`` to use others. They are worked out once, when the widget is made; an update
    only builds the chosen columns.

    >>> from rustbone_kit import load_corpus
    >>> sbs = SideBySide(load_corpus(), scene="swim")
    >>> sbs.readings.value
    ('bowditch', 'compiled-page', 'unsigned-review')
    >>> sbs.readings.value = ("marchant", "bowditch")
    >>> "Says nothing about Into the sea" in sbs.view.value
    True
    >>> sbs.scene.value = "hospital"
    >>> "Says nothing about" in sbs.view.value
    False
    >>> sbs.readings.value = ("marchant",)
    >>> "Choose two to five readings" in sbs.view.value
    True
    """

    def __init__(
        self,
        corpus: Corpus,
        scene: str | None = None,
        readings: Sequence[str] | None = None,
        *,
        labels: pd.DataFrame | None = None,
        lexicon: Lexicon | None = None,
    ) -> None:
        if not len(corpus):
            raise ValueError("the corpus has no readings to compare")
        self.corpus = corpus
        self.catalogue = catalogue_for(corpus)
        if scene is not None:
            self.catalogue.scene(scene)  # an unknown id raises, naming the known ones
        for r in readings or ():
            corpus[r]  # an unknown id raises, naming the known ones
        self.lexicon = lexicon or lexicon_for(corpus)
        self.labels = scene_labels(corpus) if labels is None else labels
        self._theme_labels = {t.id: t.label for t in self.lexicon.themes}
        # scene -> reading -> sentence ids: the one pass over the labels
        self._by_scene: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for r, s, sc in zip(
            self.labels.reading, self.labels.sentence, self.labels.scene, strict=True
        ):
            self._by_scene[sc][r].add(s)
        discussed = [s.id for s in self.catalogue.scenes if self._by_scene.get(s.id)]
        scene = scene or (discussed[0] if discussed else self.catalogue.scenes[0].id)
        if readings is None:
            talking = [r for r in corpus.ids if r in self._by_scene.get(scene, {})][:3]
            others = [r for r in corpus.ids if r not in talking]
            readings = talking + others[: max(0, MIN_COLUMNS - len(talking))]
        wide = {"description_width": "initial"}
        self.scene = w.Dropdown(
            options=[
                (
                    f"{s.order}. {s.title} ({len(self._by_scene.get(s.id, ()))} of "
                    f"{len(corpus)} readings)",
                    s.id,
                )
                for s in self.catalogue.scenes
            ],
            value=scene,
            description="Scene",
            style=wide,
            layout=w.Layout(width="48em"),
        )
        self.readings = w.SelectMultiple(
            options=[(f"{r.meta.get('title') or r.id} ({r.id})", r.id) for r in corpus],
            value=tuple(readings),
            rows=min(8, len(corpus)),
            description="Readings (two to five)",
            style=wide,
            layout=w.Layout(width="48em"),
        )
        self.help = w.HTML(
            '<p style="font-size:16px;margin:0">Ctrl+click (Cmd+click on a Mac) adds or '
            "drops a reading; in the list, Shift and the arrow keys choose several.</p>"
        )
        self.view = w.HTML()
        self.scene.add_class("rk-sbs-scene")
        self.readings.add_class("rk-sbs-readings")
        self.view.add_class("rk-sbs-view")
        self.scene.observe(self._render, names="value")
        self.readings.observe(self._render, names="value")
        self._render()
        super().__init__([self.scene, self.readings, self.help, self.view])
        self.add_class("rk-side-by-side-widget")
        self.add_class("rk-widget")

    def __repr__(self) -> str:
        # The text a saved notebook shows in place of the widget (ipywidgets cuts it at 110).
        return (
            f"SideBySide: {self.scene.value}, {len(self.readings.value)} readings. Run this cell "
            "to compare (widgets are not saved)."
        )

    def column(self, reading_id: str, scene_id: str) -> ColumnView:
        """The plain data of one column: the reading's passages on the scene, text order."""
        reading = self.corpus[reading_id]
        chosen = self._by_scene.get(scene_id, {}).get(reading_id, ())
        sentences = [s for s in reading.sentences if s.id in chosen]
        passages = []
        for span in merge_sentences(sentences):
            paragraph = _paragraph_of(reading, span.start)
            at = span.start - paragraph.start
            end = at + len(span)
            themes = tuple(
                (a - at, b - at, self._theme_labels[str(key)])
                for key, _, a, b in self.lexicon.index.find(paragraph.text, per_key=True)
                if a >= at and b <= end
            )
            passages.append(PassageView(span.text, paragraph.text, at, themes))
        meta = reading.meta
        return ColumnView(
            reading.id, meta.get("title"), meta.get("author"), meta.get("outlet"), tuple(passages)
        )

    def _render(self, *_: Any) -> None:
        scene = self.catalogue.scene(self.scene.value)
        chosen = self.readings.value
        columns = (
            [self.column(r, scene.id) for r in chosen]
            if MIN_COLUMNS <= len(chosen) <= MAX_COLUMNS
            else [ColumnView(r) for r in chosen]
        )
        self.view.value = side_by_side_html(
            columns, scene=scene.title, source=_source_label(self.labels)
        )


# --- Concordance ----------------------------------------------------------------------------


@dataclass(frozen=True)
class KwicRow:
    """One concordance line: the match with its context, and the whole passage around it.

    ``start`` and ``end`` are the match's offsets in ``passage``; ``where`` says which
    reading and paragraph it is (shown on the line).
    """

    where: str
    left: str
    match: str
    right: str
    passage: str
    start: int
    end: int


def kwic_html(
    rows: Sequence[KwicRow],
    *,
    term: str,
    total: int | None = None,
    problem: str | None = None,
    readings: int | None = None,
) -> str:
    """Keyword-in-context lines, the match bold, each opening onto its whole passage.

    Each line is a ``<details>`` element: click it (or Tab to it and press Enter) to read the
    passage in full with the match marked. ``total`` is the number of matches in all (when
    ``rows`` holds only the first ones); ``problem`` replaces the lines with a message.

    >>> row = KwicRow("marchant, paragraph 3", "into the ", "<sea>", " again",
    ...               "She swims into the <sea> again.", 19, 24)
    >>> page = kwic_html([row], term="sea")
    >>> '<mark class="rk-match">&lt;sea&gt;</mark>' in page, "1 match of" in page
    (True, True)
    >>> "Type a word" in kwic_html([], term="", problem="Type a word")
    True
    """
    label = f"Concordance: {term}" if term else "Concordance"
    if problem is not None:
        return _message(problem, label=label)
    total = len(rows) if total is None else total
    if not rows:
        return _message(f"No match for <strong>{_esc(term)}</strong> here.", label=label)
    in_readings = f" in {_count_label(readings, 'reading')}" if readings else ""
    shown = f" (the first {len(rows)} are shown)" if total > len(rows) else ""
    items = []
    for row in rows:
        left_cut = "..." if row.start - len(row.left) > 0 else ""
        right_cut = "..." if row.end + len(row.right) < len(row.passage) else ""
        line = (
            f'<span class="rk-kwic-line"><span class="rk-left"><span>{left_cut}{_esc(row.left)}'
            "</span></span>"
            f'<mark class="rk-match">{_esc(row.match)}</mark>'
            f'<span class="rk-right">{_esc(row.right)}{right_cut}</span>'
            f'<span class="rk-kwic-reading">{_esc(row.where)}</span></span>'
        )
        full = highlight_html(row.passage, [(row.start, row.end, "match", "")])
        items.append(
            f'<li class="rk-kwic-row"><details><summary>{line}</summary>'
            f'<p class="rk-context">{_esc(row.where)}, the whole paragraph:</p>'
            f'<blockquote class="rk-full">{full}</blockquote></details></li>'
        )
    return (
        f'{_VIEW_STYLE}<div class="rk-view rk-kwic" role="region" aria-live="polite" '
        f"aria-label={_attr(label)}>"
        f'<p class="rk-count">{_count_label(total, "match", "matches")} of '
        f"<strong>{_esc(term)}</strong>{in_readings}{shown}. Click a line, or Tab to it and "
        "press Enter, to read the whole paragraph.</p>"
        f'<ol class="rk-kwic-rows">{"".join(items)}</ol></div>'
    )


_ALL = ""  # the "all readings" / "all scenes" choice of a filter


class Concordance(w.VBox):
    """Keyword in context: type a term, press Enter (or Tab); filter by reading and scene.

    The term uses the lexicon syntax: a word, a stem ending in ``*`` (``swim*``) or a phrase
    (``broken hand``); case and accents do not matter. Each line opens (click, or Tab and
    Enter) onto its whole paragraph. A term that cannot be searched gets a message saying
    why. The scene filter uses the folder's reference annotation, or the kit's suggestions
    where there is none.

    >>> from rustbone_kit import load_corpus
    >>> kwic = Concordance(load_corpus())
    >>> kwic.term.value = "fight*"
    >>> kwic.view.value.count('class="rk-kwic-row"')
    11
    >>> kwic.reading.value = "marchant"
    >>> kwic.view.value.count('class="rk-kwic-row"')
    2
    >>> kwic.term.value = "a*b"
    >>> "cannot be searched: &#x27;*&#x27; may only end a term" in kwic.view.value
    True
    """

    def __init__(
        self,
        corpus: Corpus,
        *,
        term: str = "",
        reading: str = _ALL,
        scene: str = _ALL,
        window: int = 60,
        labels: pd.DataFrame | None = None,
        limit: int = MAX_KWIC_ROWS,
    ) -> None:
        self.corpus = corpus
        self.window = window
        self.limit = limit
        self._labels = labels
        self.catalogue = catalogue_for(corpus)
        wide = {"description_width": "initial"}
        self.term = w.Text(
            value=term,
            description="Term",
            placeholder="a word, a stem* or a phrase; then Enter",
            continuous_update=False,
            style=wide,
            layout=w.Layout(width="30em"),
        )
        self.reading = w.Dropdown(
            options=[("All readings", _ALL)]
            + [(f"{r.meta.get('title') or r.id} ({r.id})", r.id) for r in corpus],
            value=reading,
            description="Reading",
            style=wide,
            layout=w.Layout(width="30em"),
        )
        self.scene = w.Dropdown(
            options=[("All scenes", _ALL)]
            + [(f"{s.order}. {s.title}", s.id) for s in self.catalogue.scenes],
            value=scene,
            description="Scene",
            style=wide,
            layout=w.Layout(width="30em"),
        )
        self.view = w.HTML()
        self.term.add_class("rk-kwic-term")
        self.reading.add_class("rk-kwic-reading-filter")
        self.scene.add_class("rk-kwic-scene-filter")
        self.view.add_class("rk-kwic-view")
        for control in (self.term, self.reading, self.scene):
            control.observe(self._render, names="value")
        self._render()
        super().__init__(
            [w.HBox([self.term]), w.HBox([self.reading, self.scene]), self.view],
        )
        self.add_class("rk-concordance-widget")
        self.add_class("rk-widget")

    def __repr__(self) -> str:
        return (
            f"Concordance: {self.term.value[:30]!r}. Run this cell to search (widgets are not "
            "saved)."
        )

    @property
    def labels(self) -> pd.DataFrame:
        """The scene labels the scene filter uses (worked out the first time it is used)."""
        if self._labels is None:
            self._labels = scene_labels(self.corpus)
        return self._labels

    def rows(self, term: str) -> tuple[list[KwicRow], int, int]:
        """The first ``limit`` lines for ``term`` under the filters, all matches, readings."""
        found = concordance(
            self.corpus,
            term,
            window=self.window,
            readings=[self.reading.value] if self.reading.value else None,
            scene=self.scene.value or None,
            labels=self.labels if self.scene.value else None,
        )
        rows = []
        for r, left, match, right, start, end in zip(
            found.reading,
            found.left,
            found.match,
            found.right,
            found.start,
            found.end,
            strict=True,
        ):
            if len(rows) == self.limit:
                break
            reading = self.corpus[r]
            paragraph = _paragraph_of(reading, start)
            number = paragraph.id.rsplit(":p", 1)[-1]
            rows.append(
                KwicRow(
                    f"{r}, paragraph {number}",
                    left,
                    match,
                    right,
                    paragraph.text,
                    start - paragraph.start,
                    end - paragraph.start,
                )
            )
        return rows, len(found), found.reading.nunique()

    def _render(self, *_: Any) -> None:
        term = self.term.value.strip()
        problem = None
        if not term:
            problem = (
                "Type a word, a stem ending in * (swim*) or a phrase (broken hand) in the Term "
                "box, then press Enter."
            )
        elif term_problem(term):
            problem = (
                f"<strong>{_esc(term)}</strong> cannot be searched: {_esc(term_problem(term))}. "
                "Write a word, a stem ending in * (swim*) or a phrase (broken hand)."
            )
        if problem is not None:
            self.view.value = kwic_html([], term=term, problem=problem)
            return
        try:
            rows, total, readings = self.rows(term)
        except (KeyError, ValueError, KitError) as error:  # a filter the corpus lacks
            message = str(error.args[0] if isinstance(error, KeyError) else error)
            self.view.value = kwic_html([], term=term, problem=_esc(message))
            return
        self.view.value = kwic_html(rows, term=term, total=total, readings=readings)


# --- ThemeExplorer --------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeBar:
    """One reading's bar: its label, the theme's hits, its words and the rate per ``per``."""

    label: str
    hits: int
    words: int
    rate: float


@dataclass(frozen=True)
class ThemePassage:
    """A passage that carries the theme: where it is, its text, and the hits in it.

    ``hits`` holds ``(start, end, term as written)`` with offsets into ``text``.
    """

    where: str
    text: str
    hits: tuple[tuple[int, int, str], ...]


def theme_passages_html(
    *,
    theme: str,
    description: str,
    bars: Sequence[ThemeBar],
    passages: Sequence[ThemePassage],
    per: int = 1000,
    total_passages: int | None = None,
    more_readings: int = 0,
) -> str:
    """One theme: a bar table (rate per ``per`` words, hits, words per reading) and the
    passages that carry it, hits bold on blue.

    The bars are HTML, not a picture: each row says its numbers in words too, so a screen
    reader reads the chart as a table. ``more_readings`` counts readings left out of the
    bars; ``total_passages`` the passages when only the first ones are given.

    >>> page = theme_passages_html(
    ...     theme="Water and the sea", description="The sea.",
    ...     bars=[ThemeBar("a", 2, 100, 20.0), ThemeBar("b", 0, 50, 0.0)],
    ...     passages=[ThemePassage("a, paragraph 1", "Into <the> sea.", ((11, 14, "sea"),))])
    >>> 'style="width:100%"' in page, 'style="width:0%"' in page
    (True, True)
    >>> '&lt;the&gt; <mark class="rk-match">sea</mark>.' in page
    True
    """
    top = max((b.rate for b in bars), default=0.0)
    rows = []
    for b in bars:
        width = round(100 * b.rate / top) if top > 0 else 0
        rows.append(
            f'<tr><th scope="row">{_esc(b.label)}</th><td class="rk-num">'
            f'<span class="rk-track" aria-hidden="true"><span class="rk-bar" '
            f'style="width:{width}%"></span></span>{b.rate:g}</td>'
            f'<td class="rk-num">{b.hits}</td><td class="rk-num">{b.words}</td></tr>'
        )
    more = (
        f'<p class="rk-count">{_count_label(more_readings, "other reading")} not shown '
        "(fewest hits).</p>"
        if more_readings
        else ""
    )
    table = (
        f'<table class="rk-bars"><caption>{_esc(theme)}: theme terms per {per:,} words, by '
        f'reading</caption><thead><tr><th scope="col">Reading</th><th scope="col">Per '
        f'{per:,} words</th><th scope="col">Hits</th><th scope="col">Words</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>{more}"
    )
    total = len(passages) if total_passages is None else total_passages
    if passages:
        items = []
        for p in passages:
            terms = ", ".join(dict.fromkeys(_esc(t) for _, _, t in p.hits))
            marks = [(a, b, "match", "") for a, b, _ in p.hits]
            items.append(
                f'<li class="rk-theme-passage"><p class="rk-context">{_esc(p.where)}: '
                f"{_count_label(len(p.hits), 'hit')} ({terms})</p>"
                f"<blockquote>{highlight_html(p.text, marks)}</blockquote></li>"
            )
        shown = f" (the first {len(passages)} are shown)" if total > len(passages) else ""
        listing = (
            f"<h4>Paragraphs that carry it: {total}{shown}</h4>"
            '<p class="rk-context">Hits are <mark class="rk-match">bold on blue</mark>. '
            "Read them: a count cannot see irony, negation or another sense of a word.</p>"
            f'<ol class="rk-theme-passages">{"".join(items)}</ol>'
        )
    else:
        listing = "<p><strong>No paragraph in these readings uses this theme's terms.</strong></p>"
    return (
        f'{_VIEW_STYLE}<div class="rk-view rk-theme-explorer" role="region" aria-live="polite" '
        f"aria-label={_attr(f'Theme: {theme}')}><h3>{_esc(theme)}</h3>"
        f"<p>{_esc(description)}</p>{table}{listing}</div>"
    )


class ThemeExplorer(w.VBox):
    """Choose a theme: how much each critic uses its terms, and the paragraphs that carry it.

    The chart is an HTML bar table inside the widget rather than an altair chart: it must
    change with the dropdown, and the only way to put an altair chart inside a widget is an
    ``Output`` widget, which nbval's strict mode rejects and which shows nothing in a saved
    notebook. The table states every number in words, so it also serves screen readers. For
    the overview of all themes at once, show ``rk.charts.theme_heatmap(corpus)`` in its own
    cell. Theme hits and rates are counted once, when the widget is made.

    >>> from rustbone_kit import load_corpus
    >>> explorer = ThemeExplorer(load_corpus())
    >>> explorer.theme.value = "water-sea"
    >>> "<h3>Water and the sea</h3>" in explorer.view.value
    True
    >>> explorer.view.value.count('class="rk-theme-passage"') > 0
    True
    """

    def __init__(
        self,
        corpus: Corpus,
        theme: str | None = None,
        *,
        lexicon: Lexicon | None = None,
        per: int = 1000,
        limit: int = MAX_THEME_PASSAGES,
    ) -> None:
        if not len(corpus):
            raise ValueError("the corpus has no readings to explore")
        self.corpus = corpus
        self.lexicon = lexicon or lexicon_for(corpus)
        self.per = per
        self.limit = limit
        if theme is not None:
            self.lexicon.theme(theme)  # an unknown id raises, naming the known ones
        table = theme_table(corpus, per=per, lexicon=self.lexicon)
        self._tables = {t: g for t, g in table.groupby("theme", sort=False)}
        hits = theme_hits(corpus, lexicon=self.lexicon)
        self._hits = {t: g for t, g in hits.groupby("theme", sort=False)}
        self.theme = w.Dropdown(
            options=[(t.label, t.id) for t in self.lexicon.themes],
            value=theme or self.lexicon.themes[0].id,
            description="Theme",
            style={"description_width": "initial"},
            layout=w.Layout(width="30em"),
        )
        self.view = w.HTML()
        self.theme.add_class("rk-theme-choice")
        self.view.add_class("rk-theme-view")
        self.theme.observe(self._render, names="value")
        self._render()
        super().__init__([self.theme, self.view])
        self.add_class("rk-theme-explorer-widget")
        self.add_class("rk-widget")

    def __repr__(self) -> str:
        return (
            f"ThemeExplorer: {self.theme.value}. Run this cell to explore (widgets are not saved)."
        )

    def bars(self, theme_id: str) -> tuple[list[ThemeBar], int]:
        """The readings' bars for a theme (at most ``MAX_BARS``, most hits first beyond that)
        and how many readings were left out."""
        table = self._tables[theme_id]
        left_out = 0
        if len(table) > MAX_BARS:
            left_out = len(table) - MAX_BARS
            table = table.sort_values(["rate", "hits"], ascending=False, kind="stable")
            table = table.head(MAX_BARS)
        bars = [
            ThemeBar(r, int(h), int(n), float(x))
            for r, h, n, x in zip(table.reading, table.hits, table.words, table.rate, strict=True)
        ]
        return bars, left_out

    def passages(self, theme_id: str) -> tuple[list[ThemePassage], int]:
        """The first ``limit`` paragraphs carrying the theme, text order, and how many in all."""
        hits = self._hits.get(theme_id)
        if hits is None:
            return [], 0
        grouped = hits.groupby(["reading", "passage"], sort=False)
        out = []
        for (r, passage_id), group in grouped:
            if len(out) == self.limit:
                break
            reading = self.corpus[r]
            paragraph = _paragraph_of(reading, int(group.start.iloc[0]))
            number = passage_id.rsplit(":p", 1)[-1]
            spans = tuple(
                (a - paragraph.start, b - paragraph.start, str(t))
                for a, b, t in zip(group.start, group.end, group.term, strict=True)
            )
            out.append(ThemePassage(f"{r}, paragraph {number}", paragraph.text, spans))
        return out, grouped.ngroups

    def _render(self, *_: Any) -> None:
        theme = self.lexicon.theme(self.theme.value)
        bars, left_out = self.bars(theme.id)
        passages, total = self.passages(theme.id)
        self.view.value = theme_passages_html(
            theme=theme.label,
            description=theme.description,
            bars=bars,
            passages=passages,
            per=self.per,
            total_passages=total,
            more_readings=left_out,
        )


# --- Annotator ----------------------------------------------------------------------------


def quote_selector(text: str, start: int, end: int) -> dict[str, str]:
    """The stand-off selector of ``text[start:end]``: the quote, and a ``prefix`` (or a
    ``suffix`` at the very start of a text) only when the quote occurs more than once.

    The quote is found as :func:`~rustbone_kit.annotations.load_annotations` finds it, in
    the typographic normal form, so the selector resolves to this occurrence.

    >>> text = "It ends. Then it ends."
    >>> quote_selector(text, 14, 22)
    {'quote': 'it ends.'}
    >>> quote_selector("Go. Go.", 4, 7)
    {'quote': 'Go.', 'prefix': 'Go. '}
    >>> quote_selector("Go. Go.", 0, 3)
    {'quote': 'Go.', 'suffix': ' Go.'}
    """
    quote = text[start:end]
    haystack = normalize(text).text

    def unique(prefix: str, suffix: str) -> bool:
        needle = normalize(prefix + quote + suffix).text
        first = haystack.find(needle)
        return first >= 0 and haystack.find(needle, first + 1) < 0

    if unique("", ""):
        return {"quote": quote}
    widths = (4, 8, 16, 32, 64, 128, 256, 1024, len(text))
    for width in widths:
        prefix = text[max(0, start - width) : start]
        if prefix.strip() and unique(prefix, ""):
            return {"quote": quote, "prefix": prefix}
    for width in widths:
        suffix = text[end : end + width]
        if suffix.strip() and unique("", suffix):
            return {"quote": quote, "suffix": suffix}
    raise ValueError(f"the quote {quote[:60]!r} cannot be told apart from its other occurrences")


def _yaml_text(value: str) -> str:
    """A double-quoted YAML scalar: every character kept, line breaks and controls escaped."""
    return yaml.safe_dump(value, allow_unicode=True, default_style='"', width=10**9).rstrip("\n")


def annotations_yaml(annotator: str, entries: Sequence[Mapping[str, Any]]) -> str:
    """An annotation file in the stand-off format of ``readings/annotations/reference.yaml``:
    ``annotator:`` and an ``annotations:`` list of ``reading``, ``quote`` (with ``prefix`` or
    ``suffix`` where needed), ``scenes`` and ``themes``.

    >>> print(annotations_yaml("ana", [{"reading": "marchant", "quote": 'He said "no"',
    ...                                 "scenes": ["swim", "ice"], "themes": []}]))
    ... # doctest: +NORMALIZE_WHITESPACE
    # Annotations by ana, written by rustbone_kit.widgets.Annotator. Same format as the kit's
    # readings/annotations/reference.yaml; load it with
    # rustbone_kit.annotations.load_annotations(corpus, path).
    annotator: "ana"
    annotations:
      - reading: "marchant"
        quote: "He said \\"no\\""
        scenes: [swim, ice]
    """
    lines = [
        f"# Annotations by {annotator}, written by rustbone_kit.widgets.Annotator. Same format as "
        "the kit's",
        "# readings/annotations/reference.yaml; load it with",
        "# rustbone_kit.annotations.load_annotations(corpus, path).",
        f"annotator: {_yaml_text(annotator)}",
    ]
    if not entries:
        lines.append("annotations: []")
    else:
        lines.append("annotations:")
    for entry in entries:
        lines.append(f"  - reading: {_yaml_text(entry['reading'])}")
        for key in ("quote", "prefix", "suffix"):
            if entry.get(key):
                lines.append(f"    {key}: {_yaml_text(entry[key])}")
        for key in ("scenes", "themes"):
            if entry.get(key):
                ids = ", ".join(_yaml_text(i) if not _ID.fullmatch(i) else i for i in entry[key])
                lines.append(f"    {key}: [{ids}]")
    return "\n".join(lines) + "\n"


_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_EDITABLE = {"reading", "quote", "prefix", "suffix", "scenes", "themes"}


def annotator_sentence_html(
    sentence: str,
    *,
    reading: str,
    number: int,
    total: int,
    before: str = "",
    after: str = "",
    scenes: Sequence[str] = (),
    themes: Sequence[str] = (),
) -> str:
    """One sentence to tag, between its neighbours (in italics), with its tags in words.

    >>> page = annotator_sentence_html("<b>Hi</b>", reading="demo", number=2, total=5,
    ...                                scenes=["The swim"])
    >>> "&lt;b&gt;Hi&lt;/b&gt;" in page, "Sentence 2 of 5" in page, "Scenes: The swim" in page
    (True, True, True)
    """
    where = f"{reading}: Sentence {number} of {total}"
    context_before = (
        f'<p class="rk-context">Before: {_esc(before)}</p>'
        if before
        else '<p class="rk-context">(the first sentence)</p>'
    )
    context_after = (
        f'<p class="rk-context">After: {_esc(after)}</p>'
        if after
        else '<p class="rk-context">(the last sentence)</p>'
    )
    tags = (
        f"Scenes: {_esc(', '.join(scenes)) or 'none'}; Themes: {_esc(', '.join(themes)) or 'none'}"
    )
    return (
        f'{_VIEW_STYLE}<div class="rk-view rk-annotate" role="region" aria-live="polite" '
        f"aria-label={_attr(where)}><p><strong>{_esc(where)}</strong></p>{context_before}"
        f'<blockquote class="rk-sentence">{_esc(sentence)}</blockquote>{context_after}'
        f'<p class="rk-tags"><strong>Your tags.</strong> {tags}</p></div>'
    )


def annotator_status_html(text: str, *, kind: str = "info") -> str:
    """A line about the annotation file: ``info``, ``saved`` or ``error`` (said in words too).

    ``text`` is escaped.

    >>> "Problem: <b>" in annotator_status_html("<b>", kind="error")
    False
    """
    prefix = {"error": "Problem: ", "saved": "Saved. "}.get(kind, "")
    cls = {"error": "rk-message", "saved": "rk-saved"}.get(kind, "rk-context")
    role = ' role="alert"' if kind == "error" else ""
    return (
        f'{_VIEW_STYLE}<div class="rk-view rk-status"><p class="{cls}"{role}>'
        f"<strong>{prefix}</strong>{_esc(text)}</p></div>"
    )


@dataclass(frozen=True)
class KappaRow:
    """Agreement on one scene: Cohen's kappa (None or NaN when it cannot be computed) and
    how many of the compared sentences each side gave the scene."""

    scene: str
    kappa: float | None
    you: int
    reference: int


def _kappa_text(kappa: float | None, you: int, reference: int, sentences: int) -> str:
    if kappa is not None and not math.isnan(kappa):
        return f"{kappa:.2f}"
    if you == 0 and reference == 0:
        why = "neither you nor the reference set gave this scene to any of these sentences"
    elif you == reference == sentences:
        why = "both sets give this scene to every sentence"
    else:
        why = "kappa is not defined here"
    return f"n/a ({why})"


def kappa_table_html(
    rows: Sequence[KappaRow],
    *,
    sentences: int,
    compared: Sequence[str] = (),
    not_compared: Sequence[str] = (),
    overall: float | None = None,
    problem: str | None = None,
) -> str:
    """Cohen's kappa per scene against the reference set, as a table, with the number of
    sentences compared and the readings they come from. A scene no one gave to any of the
    sentences reads "n/a" and says why.

    >>> page = kappa_table_html([KappaRow("The swim", 0.5, 2, 3), KappaRow("Ice", None, 0, 0)],
    ...                         sentences=30, compared=["marchant"], overall=0.5)
    >>> "Sentences compared: 30" in page, "<td>0.50</td>" in page
    (True, True)
    >>> "n/a (neither you nor the reference set gave this scene" in page
    True
    """
    label = "Agreement with the reference set"
    if problem is not None:
        return _message(_esc(problem), label=label)
    if not sentences:
        return _message(
            "Nothing to compare yet: tag a sentence with a scene in a reading the reference "
            "set covers.",
            label=label,
        )
    body = "".join(
        f'<tr><th scope="row">{_esc(r.scene)}</th>'
        f"<td>{_esc(_kappa_text(r.kappa, r.you, r.reference, sentences))}</td>"
        f'<td class="rk-num">{r.you}</td><td class="rk-num">{r.reference}</td></tr>'
        for r in rows
    )
    pooled = _kappa_text(overall, 1, 1, sentences + 1)  # NaN here: no decision to score
    body += (
        f'<tr><th scope="row">All scenes, pooled</th><td>{_esc(pooled)}</td><td></td><td></td></tr>'
    )
    missing = (
        f"<p>Not compared (the reference set does not cover them): "
        f"{_esc(', '.join(not_compared))}.</p>"
        if not_compared
        else ""
    )
    return (
        f'{_VIEW_STYLE}<div class="rk-view rk-agreement" role="region" aria-live="polite" '
        f"aria-label={_attr(label)}>"
        f'<p class="rk-count"><strong>Sentences compared: {sentences}</strong> (every '
        f"sentence of: {_esc(', '.join(compared))}).</p>"
        f'<table class="rk-kappa"><caption>Cohen\'s kappa against the reference set, per '
        f'scene</caption><thead><tr><th scope="col">Scene</th><th scope="col">Kappa</th>'
        f'<th scope="col">Your sentences</th><th scope="col">Reference sentences</th></tr>'
        f"</thead><tbody>{body}</tbody></table>"
        "<p>How to read kappa: 1 means you agree on every sentence; 0 means no more than "
        "chance would give; below 0, less than chance.</p>"
        f"{missing}</div>"
    )


class Annotator(w.VBox):
    """A student tags the sentences of a reading with scenes and themes, saves them to their
    own annotation file, and sees how far they agree with the reference set.

    Choose a reading; step through its sentences with the slider or Previous and Next; pick
    the scenes and themes a sentence discusses (Ctrl+click, or Shift and the arrow keys).
    Save writes ``path``, by default ``annotations/<annotator>.yaml`` under the folder the
    notebook runs in (never inside the kit), in the stand-off format of the kit's reference
    set, so :func:`~rustbone_kit.annotations.load_annotations` reads it. Saving writes a
    temporary file in the same folder, reads it back, keeps the previous version as
    ``<file>.bak`` and then replaces the file in one step. Making the widget again with the
    same name and path continues the saved work. It never writes over another annotator's
    file or the reference set: it says so, and how to fix it.

    The agreement table gives Cohen's kappa per scene
    (:func:`~rustbone_kit.scenes.agreement`) over every sentence of the readings you tagged
    that the reference set covers; it is updated as you tag.

    >>> import tempfile, pathlib
    >>> from rustbone_kit import load_corpus, annotations
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> corpus = load_corpus()
    >>> tagger = Annotator(corpus, "ana", path=folder / "ana.yaml", reading="marchant")
    >>> tagger.sentence.value = 4
    >>> tagger.scenes.value = ("journey-south",)
    >>> "Sentences compared: 32" in tagger.agreement.value
    True
    >>> tagger.save_button.click()
    >>> [a.scenes for a in annotations.load_annotations(corpus, folder / "ana.yaml")]
    [('journey-south',)]
    """

    def __init__(
        self,
        corpus: Corpus,
        annotator: str,
        path: str | Path | None = None,
        *,
        reading: str | None = None,
    ) -> None:
        if not len(corpus):
            raise ValueError("the corpus has no readings to annotate")
        if not isinstance(annotator, str) or not _NAME.fullmatch(annotator):
            suggestion = re.sub(r"[^A-Za-z0-9_.-]+", "-", str(annotator)).strip("-.") or "ana"
            raise ValueError(
                f"annotator {annotator!r} cannot name a file: use letters, digits, '-', '_' "
                f"or '.', e.g. annotator={suggestion!r}"
            )
        self.corpus = corpus
        self.annotator = annotator
        self.path = (
            Path(path) if path is not None else Path.cwd() / "annotations" / f"{annotator}.yaml"
        )
        if self.path.suffix not in {".yaml", ".yml"}:
            raise ValueError(
                f"path {str(self.path)!r} must end in .yaml, e.g. 'annotations/ana.yaml'"
            )
        self.backup = self.path.with_name(self.path.name + ".bak")
        self.catalogue = catalogue_for(corpus)
        self.lexicon = lexicon_for(corpus)
        self._scene_titles = {s.id: s.title for s in self.catalogue.scenes}
        self._scene_order = {s.id: i for i, s in enumerate(self.catalogue.scenes)}
        self._theme_labels = {t.id: t.label for t in self.lexicon.themes}
        self._theme_order = {t.id: i for i, t in enumerate(self.lexicon.themes)}
        #: (reading id, sentence id) -> (scene ids, theme ids) of every tagged sentence
        self.tags: dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self._syncing = False
        self._unsaved = False
        self._reference, self._reference_problem = self._load_reference()
        self._refusal, loaded = self._load_own_file()

        wide = {"description_width": "initial"}
        if reading is not None:
            corpus[reading]  # an unknown id raises, naming the known ones
        self.reading = w.Dropdown(
            options=[(f"{r.meta.get('title') or r.id} ({r.id})", r.id) for r in corpus],
            value=reading or corpus.ids[0],
            description="Reading",
            style=wide,
            layout=w.Layout(width="38em"),
        )
        self.sentence = w.IntSlider(
            value=1,
            min=1,
            max=max(1, len(corpus[self.reading.value].sentences)),
            description="Sentence",
            continuous_update=False,
            style=wide,
            layout=w.Layout(width="30em"),
        )
        self.previous = w.Button(
            description="Previous", tooltip="Previous sentence", icon="arrow-left"
        )
        self.next = w.Button(description="Next", tooltip="Next sentence", icon="arrow-right")
        self.scenes = w.SelectMultiple(
            options=[(f"{s.order}. {s.title}", s.id) for s in self.catalogue.scenes],
            rows=8,
            description="Scenes in this sentence",
            style=wide,
            layout=w.Layout(width="34em"),
        )
        self.themes = w.SelectMultiple(
            options=[(t.label, t.id) for t in self.lexicon.themes],
            rows=8,
            description="Themes in this sentence",
            style=wide,
            layout=w.Layout(width="30em"),
        )
        self.save_button = w.Button(
            description="Save",
            tooltip=f"Write your annotations to {self.path}",
            icon="save",
            button_style="primary",
        )
        self.sentence_view = w.HTML()
        self.status = w.HTML()
        self.agreement = w.HTML()
        for control, name in (
            (self.reading, "rk-annotate-reading"),
            (self.sentence, "rk-annotate-sentence"),
            (self.scenes, "rk-annotate-scenes"),
            (self.themes, "rk-annotate-themes"),
            (self.save_button, "rk-annotate-save"),
            (self.sentence_view, "rk-annotate-view"),
            (self.status, "rk-annotate-status"),
            (self.agreement, "rk-annotate-agreement"),
        ):
            control.add_class(name)
        self.previous.on_click(lambda _: self._step(-1))
        self.next.on_click(lambda _: self._step(+1))
        self.save_button.on_click(lambda _: self.save())
        self.reading.observe(self._on_reading, names="value")
        self.sentence.observe(self._on_sentence, names="value")
        self.scenes.observe(self._on_tags, names="value")
        self.themes.observe(self._on_tags, names="value")
        if self._refusal:
            self.status.value = annotator_status_html(self._refusal, kind="error")
        elif loaded:
            self.status.value = annotator_status_html(
                f"Continuing {self.path}: {_count_label(loaded, 'tagged sentence')} loaded. "
                "Save writes it again (the previous version is kept as "
                f"{self.backup.name})."
            )
        else:
            self.status.value = annotator_status_html(
                f"Your annotations will be saved to {self.path} when you press Save."
            )
        self._on_sentence()
        super().__init__(
            [
                self.reading,
                w.HBox([self.sentence, self.previous, self.next]),
                self.sentence_view,
                w.HBox([self.scenes, self.themes]),
                w.HBox([self.save_button]),
                self.status,
                self.agreement,
            ]
        )
        self.add_class("rk-annotator-widget")
        self.add_class("rk-widget")

    def __repr__(self) -> str:
        return (
            f"Annotator: {self.annotator[:20]}, {_count_label(len(self.tags), 'tagged sentence')}. "
            "Run this cell to annotate (widgets are not saved)."
        )

    # -- loading -------------------------------------------------------------------------

    def _load_reference(self) -> tuple[pd.DataFrame | None, str | None]:
        try:
            reference = annotations_path(self.corpus, "reference")
        except AnnotationError:
            return None, (
                "These readings were not loaded from a folder, so there is no reference set "
                "to compare with."
            )
        if not reference.is_file():
            return None, f"There is no reference set to compare with ({reference} is missing)."
        try:
            return reference_labels(self.corpus), None
        except KitError as error:
            return None, f"The reference set cannot be read: {error}"

    def _owner_problem(self) -> str | None:
        """Why the file at ``path`` must not be written over, or None."""
        if self.annotator == "reference":
            return (
                "'reference' is the kit's own annotation set and is never written over. Fix: "
                "make the Annotator with your own name, e.g. Annotator(corpus, 'ana')."
            )
        with_reference = None
        with suppress(AnnotationError):
            with_reference = annotations_path(self.corpus, "reference")
        if with_reference is not None and self.path.resolve() == with_reference.resolve():
            return (
                f"{self.path} is the kit's reference set and is never written over. Fix: pass "
                f"path='annotations/{self.annotator}.yaml'."
            )
        if not self.path.exists():
            return None
        try:
            data, _ = load_document(
                self.path.read_text(encoding="utf-8-sig"), path=str(self.path), error=KitError
            )
        except (OSError, UnicodeDecodeError, KitError) as error:
            return (
                f"{self.path} exists but cannot be read ({error}), so it is not written over. "
                "Fix: repair or move the file, or pass another path=."
            )
        owner = data.get("annotator") if isinstance(data, dict) else None
        owner = str(owner) if owner else self.path.stem
        if owner != self.annotator:
            return (
                f"{self.path} belongs to annotator '{owner}', and the Annotator never writes "
                f"over another annotator's file. Fix: pass path='annotations/"
                f"{self.annotator}.yaml' (your own file), or annotator='{owner}' if it is yours."
            )
        items = data.get("annotations") if isinstance(data, dict) else None
        extra = sorted(
            {k for item in items or [] if isinstance(item, dict) for k in item} - _EDITABLE
        )
        if extra:
            return (
                f"{self.path} has fields the Annotator does not edit ({', '.join(extra)}), so "
                "it is not written over. Fix: pass another path=."
            )
        return None

    def _load_own_file(self) -> tuple[str | None, int]:
        """Check the file; load its tags when it is this annotator's. (problem, sentences)."""
        problem = self._owner_problem()
        if problem or not self.path.exists():
            return problem, 0
        try:
            notes = load_annotations(self.corpus, self.path, catalogue=self.catalogue)
        except KitError as error:
            return (
                f"{error} The file is not written over until it loads. Fix it, or move it away.",
                0,
            )
        for note in notes:
            reading = self.corpus[note.reading]
            for s in reading.sentences:
                if s.start < note.span.end and note.span.start < s.end:
                    old_scenes, old_themes = self.tags.get((reading.id, s.id), ((), ()))
                    self.tags[(reading.id, s.id)] = (
                        self._sorted_scenes({*old_scenes, *note.scenes}),
                        self._sorted_themes({*old_themes, *note.themes}),
                    )
        return None, len(self.tags)

    def _sorted_scenes(self, ids: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(set(ids), key=lambda i: self._scene_order.get(i, 1_000_000)))

    def _sorted_themes(self, ids: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(set(ids), key=lambda i: self._theme_order.get(i, 1_000_000)))

    # -- stepping and tagging ------------------------------------------------------------

    def _current(self) -> tuple[Reading, Span | None]:
        reading = self.corpus[self.reading.value]
        sentences = reading.sentences
        if not sentences:
            return reading, None
        return reading, sentences[min(self.sentence.value, len(sentences)) - 1]

    def _step(self, delta: int) -> None:
        self.sentence.value = min(self.sentence.max, max(1, self.sentence.value + delta))

    def _on_reading(self, *_: Any) -> None:
        self.sentence.max = max(1, len(self.corpus[self.reading.value].sentences))
        if self.sentence.value != 1:
            self.sentence.value = 1  # triggers _on_sentence
        else:
            self._on_sentence()

    def _on_sentence(self, *_: Any) -> None:
        reading, sentence = self._current()
        scenes, themes = (
            self.tags.get((reading.id, sentence.id), ((), ())) if sentence else ((), ())
        )
        self._syncing = True
        try:
            self.scenes.value = scenes
            self.themes.value = themes
        finally:
            self._syncing = False
        self._render()

    def _on_tags(self, *_: Any) -> None:
        if self._syncing:
            return
        reading, sentence = self._current()
        if sentence is None:
            return
        key = (reading.id, sentence.id)
        scenes = self._sorted_scenes(self.scenes.value)
        themes = self._sorted_themes(self.themes.value)
        if scenes or themes:
            self.tags[key] = (scenes, themes)
        else:
            self.tags.pop(key, None)
        self._unsaved = True
        if not self._refusal:
            self.status.value = annotator_status_html(
                f"{_count_label(len(self.tags), 'tagged sentence')}; not saved yet: press Save "
                f"to write {self.path}."
            )
        self._render()

    def _render(self) -> None:
        reading, sentence = self._current()
        if sentence is None:
            self.sentence_view.value = _message(f"{_esc(reading.id)} has no sentences.")
        else:
            index = self.sentence.value - 1
            sentences = reading.sentences
            scenes, themes = self.tags.get((reading.id, sentence.id), ((), ()))
            self.sentence_view.value = annotator_sentence_html(
                sentence.text,
                reading=reading.id,
                number=index + 1,
                total=len(sentences),
                before=sentences[index - 1].text if index > 0 else "",
                after=sentences[index + 1].text if index + 1 < len(sentences) else "",
                scenes=[self._scene_titles.get(s, s) for s in scenes],
                themes=[self._theme_labels.get(t, t) for t in themes],
            )
        self.agreement.value = self.agreement_html()

    # -- results -------------------------------------------------------------------------

    def labels(self) -> pd.DataFrame:
        """Your scene labels: rows (reading, sentence, scene), ``attrs["readings"]`` the
        readings you tagged (the form :func:`~rustbone_kit.scenes.agreement` takes)."""
        rows = [(r, s, scene) for (r, s), (scenes, _) in self.tags.items() for scene in scenes]
        frame = pd.DataFrame(rows, columns=["reading", "sentence", "scene"])
        frame.attrs["readings"] = tuple(
            r for r in self.corpus.ids if r in {k[0] for k in self.tags}
        )
        return frame

    def agreement_html(self) -> str:
        """The kappa table of your tags against the reference set (see :func:`kappa_table_html`)."""
        if self._reference is None:
            return kappa_table_html([], sentences=0, problem=self._reference_problem)
        mine = self.labels()
        result = agreement(mine, self._reference, self.corpus)
        covered = set(self._reference.attrs.get("readings", ()))
        compared = [r for r in mine.attrs["readings"] if r in covered]
        not_compared = [r for r in mine.attrs["readings"] if r not in covered]
        scores = result["scores"].copy()
        scores["order"] = scores.scene.map(self._scene_order)
        rows = [
            KappaRow(self._scene_titles.get(r.scene, r.scene), r.kappa, int(r.a), int(r.b))
            for r in scores.sort_values("order", kind="stable").itertuples()
        ]
        return kappa_table_html(
            rows,
            sentences=result["sentences"],
            compared=compared,
            not_compared=not_compared,
            overall=result["overall"],
        )

    def entries(self) -> list[dict[str, Any]]:
        """The file's entries: one per tagged sentence, readings and sentences in text order."""
        entries = []
        for reading in self.corpus:
            for sentence in reading.sentences:
                tagged = self.tags.get((reading.id, sentence.id))
                if not tagged:
                    continue
                entry: dict[str, Any] = {"reading": reading.id}
                entry.update(quote_selector(reading.text, sentence.start, sentence.end))
                entry["scenes"], entry["themes"] = list(tagged[0]), list(tagged[1])
                entries.append(entry)
        return entries

    def save(self) -> Path | None:
        """Write the annotation file (atomically, with a backup); return its path, or None
        when it was not written (the status line says why)."""
        problem = self._refusal or self._owner_problem()
        if problem:
            self.status.value = annotator_status_html(problem, kind="error")
            return None
        try:
            entries = self.entries()
            text = annotations_yaml(self.annotator, entries)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(
                dir=self.path.parent, prefix=f".{self.path.stem}.", suffix=".tmp.yaml"
            )
        except (OSError, ValueError) as error:
            self.status.value = annotator_status_html(
                f"{self.path} was not written: {error}", kind="error"
            )
            return None
        temporary = Path(name)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            if self.path.exists():
                shutil.copymode(self.path, temporary)
            else:
                os.chmod(temporary, 0o644)
            # read it back as anyone would before it replaces anything
            notes = load_annotations(self.corpus, temporary, catalogue=self.catalogue)
            if len(notes) != len(entries):
                raise AnnotationError("the written file does not read back whole", path=temporary)
            if self.path.exists():
                shutil.copy2(self.path, self.backup)
            os.replace(temporary, self.path)
        except (OSError, KitError) as error:
            temporary.unlink(missing_ok=True)
            self.status.value = annotator_status_html(
                f"{self.path} was not written: {error}", kind="error"
            )
            return None
        self._unsaved = False
        kept = f"; the previous version is in {self.backup.name}" if self.backup.exists() else ""
        self.status.value = annotator_status_html(
            f"{_count_label(len(entries), 'sentence')} written to {self.path}{kept}.",
            kind="saved",
        )
        return self.path
