"""The side-by-side view's HTML: what two to five readings say about one scene, in columns.

Pure functions of the plain dataclasses below (no ipywidgets, no pandas); every piece of
reading text is escaped. Each passage is a ``<details>`` element, so a click, or Tab and
Enter, opens it onto its whole paragraph.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .html_parts import (
    MAX_EXCERPT,
    Mark,
    attr,
    clipped_html,
    content_tokens,
    count_label,
    esc,
    known,
    message_html,
    shared_words,
)
from .style import STYLE

__all__ = [
    "MAX_COLUMNS",
    "MAX_COLUMN_PASSAGES",
    "MIN_COLUMNS",
    "ColumnView",
    "PassageView",
    "side_by_side_html",
]

#: How many columns the side-by-side view sets side by side: fewer compares nothing, more
#: does not fit a projected screen.
MIN_COLUMNS, MAX_COLUMNS = 2, 5
#: Passages a column shows at most (its count says how many more there are).
MAX_COLUMN_PASSAGES = 30


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

    No passages means the reading says nothing about the scene; ``more`` counts passages
    on the scene that are not given (beyond :data:`MAX_COLUMN_PASSAGES`).
    """

    reading: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    passages: tuple[PassageView, ...] = ()
    more: int = 0


def _passage_html(passage: PassageView, shared: frozenset[str]) -> str:
    marks: list[Mark] = [
        (a, b, "shared", "") for a, b, word in content_tokens(passage.text) if word in shared
    ]
    marks += [(a, b, "theme", f"Theme: {label}") for a, b, label in passage.themes]
    summary = clipped_html(passage.text, marks, focus=(0, 0))
    paragraph = passage.paragraph or passage.text
    if paragraph == passage.text:
        body = '<p class="rk-context">This passage is the whole paragraph.</p>'
    else:
        end = passage.at + len(passage.text)
        whole = "The whole paragraph" if len(paragraph) <= MAX_EXCERPT else "Its paragraph"
        body = (
            f'<p class="rk-context">{whole} (the passage in bold, outlined):</p>'
            f"<blockquote>{clipped_html(paragraph, [(passage.at, end, 'here', '')])}"
            "</blockquote>"
        )
    return f'<details class="rk-passage"><summary>{summary}</summary>{body}</details>'


def _column_html(column: ColumnView, scene: str, shared: frozenset[str]) -> str:
    critic = column.author if column.author and str(column.author).strip() else None
    name = critic or column.reading
    header = (
        f'<p class="rk-critic">{known(critic, "author not stated")}</p>'
        f'<p class="rk-outlet">{known(column.outlet, "outlet not stated")}</p>'
        f'<p class="rk-title">{known(column.title, "untitled")} ({esc(column.reading)})</p>'
    )
    if not column.passages:
        return (
            f'<section class="rk-column rk-silent" aria-label={attr(f"{name}: silent")}>'
            f"{header}<p><strong>Says nothing about {esc(scene)}.</strong> "
            "A silence is a finding: what does this critic leave out, and why?</p></section>"
        )
    themes = Counter(label for p in column.passages for _, _, label in p.themes)
    listed = ", ".join(f"{esc(label)} ({n})" for label, n in themes.most_common())
    shown = len(column.passages)
    more = (
        f" (the first {shown} are shown; {column.more:,} more are not: rk.scene_passages "
        "lists every one)"
        if column.more
        else ""
    )
    count = (
        f'<p class="rk-count">{count_label(shown + column.more, "passage")}{more}; theme '
        f"terms{' in those shown' if column.more else ''}: {listed or 'none'}</p>"
    )
    passages = "".join(_passage_html(p, shared) for p in column.passages)
    return f'<section class="rk-column" aria-label={attr(name)}>{header}{count}{passages}</section>'


def _legend_html(shared: frozenset[str]) -> str:
    words = sorted(shared)
    listed = ", ".join(esc(word) for word in words[:60]) + (" ..." if len(words) > 60 else "")
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
            why = (
                "add a reading: hold Ctrl (Cmd on a Mac) and click it, or Ctrl+Down to it and Space"
            )
        else:
            why = (
                "more than five columns do not fit a projected screen; hold Ctrl (Cmd on a "
                "Mac) and click a reading to drop it"
            )
        return message_html(
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
        f"<h3>{esc(scene)}: what {n} readings say</h3>"
        + (
            f'<p class="rk-count">{count_label(len(silent), "reading")} of {n} '
            "say nothing about it.</p>"
            if silent
            else ""
        )
        + (f'<p class="rk-count">Scene passages: {esc(source)}.</p>' if source else "")
    )
    cols = "".join(_column_html(c, scene, shared_set) for c in columns)
    return (
        f'{STYLE}<div class="rk-view rk-side-by-side" role="region" aria-live="polite" '
        f"aria-label={attr(f'Side by side: {scene}')}>{heading}"
        f"{_legend_html(shared_set) if legend else ''}"
        f'<div class="rk-cols" style="grid-template-columns:repeat({n},minmax(13em,1fr))">'
        f"{cols}</div></div>"
    )
