"""The HTML pieces every view is made of: escaping, messages, counts and overlapping highlights.

Pure functions of plain data (no ipywidgets, no pandas). Every piece of reading text goes
through :func:`esc` (``html.escape``) or :func:`highlight_html` before it reaches the HTML.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import Any

from ..stoplist import is_content_word
from ..terms import word_offsets, words_of
from .style import STYLE

__all__ = [
    "MAX_EXCERPT",
    "Mark",
    "attr",
    "clipped_html",
    "content_tokens",
    "count_label",
    "esc",
    "highlight_html",
    "known",
    "message_html",
    "shared_words",
]

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
#: Characters of one paragraph or passage a view shows; the rest is cut, and the cut counted.
MAX_EXCERPT = 1500


def esc(value: Any) -> str:
    """``value`` as text, escaped for HTML (quotes too).

    >>> esc("<b> & 'x'")
    '&lt;b&gt; &amp; &#x27;x&#x27;'
    """
    return html.escape(str(value), quote=True)


def attr(value: str) -> str:
    """``value`` as a double-quoted, escaped attribute value."""
    return f'"{esc(value)}"'


def known(value: Any, unknown: str) -> str:
    """The escaped value, or ``unknown`` in italics when the header leaves it empty.

    >>> known(None, "author not stated")
    '<span class="rk-unknown">author not stated</span>'
    """
    if value is None or str(value).strip() == "":
        return f'<span class="rk-unknown">{esc(unknown)}</span>'
    return esc(value)


def message_html(text: str, *, label: str = "") -> str:
    """A view holding one message: ``text`` is HTML already (escape what it quotes)."""
    return (
        f'{STYLE}<div class="rk-view" role="region" aria-live="polite"'
        f"{f' aria-label={attr(label)}' if label else ''}>"
        f'<p class="rk-message" role="status">{text}</p></div>'
    )


def count_label(n: int, one: str, many: str | None = None) -> str:
    """``1 passage``, ``2 passages``: a count with its noun.

    >>> count_label(1, "match", "matches"), count_label(3, "match", "matches")
    ('1 match', '3 matches')
    """
    return f"{n} {one if n == 1 else many or one + 's'}"


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
        title = f" title={attr('; '.join(titles))}" if titles else ""
        out.extend(_OPEN[k].format(title=title) for k in order)
        out.append(html.escape(text[a:b]))
        out.extend(_CLOSE[k] for k in reversed(order))
    return "".join(out)


def clipped_html(
    text: str,
    marks: Iterable[Mark],
    *,
    focus: tuple[int, int] | None = None,
    limit: int = MAX_EXCERPT,
) -> str:
    """:func:`highlight_html` of ``text``, or of a ``limit``-character window of it.

    A text longer than ``limit`` is cut around ``focus`` (``(start, end)``; by default the
    first mark), and each cut end says how many characters it leaves out, so a paragraph of a
    megabyte costs a view no more than a short one.

    >>> page = clipped_html("a " * 2000 + "sea" + " b" * 2000, [(4000, 4003, "match", "")],
    ...                     limit=100)
    >>> '<mark class="rk-match">sea</mark>' in page, len(page) < 300
    (True, True)
    >>> print(page[:60])
    <span class="rk-cut">[3,952 characters before]</span> ...a a
    """
    n, marks = len(text), list(marks)
    if n <= limit:
        return highlight_html(text, marks)
    start, end = focus if focus is not None else (marks[0][:2] if marks else (0, 0))
    a = max(0, min(start - max(0, limit - (end - start)) // 2, n - limit))
    b = min(n, a + limit)
    inside = [(x - a, y - a, kind, title) for x, y, kind, title in marks if x < b and y > a]
    before = f'<span class="rk-cut">[{a:,} characters before]</span> ...' if a else ""
    after = f'... <span class="rk-cut">[{n - b:,} more characters]</span>' if b < n else ""
    return before + highlight_html(text[a:b], inside) + after


def content_tokens(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, folded word)`` of each content word: stop words, numbers and single
    letters left out, as in :func:`~rustbone_kit.words.distinctive_words`.

    >>> content_tokens("The SEA, 2012")
    [(4, 7, 'sea')]
    """
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
        seen.update({word for text in texts for _, _, word in content_tokens(text)})
    return frozenset(word for word, columns in seen.items() if columns >= 2)
