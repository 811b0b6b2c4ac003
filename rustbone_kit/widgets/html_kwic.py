"""The concordance's HTML: keyword-in-context lines, each opening onto its whole paragraph.

A pure function of :class:`KwicRow` data (no ipywidgets, no pandas); all text is escaped.
Each line is a ``<details>`` element: a click, or Tab and Enter, opens it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .html_parts import MAX_EXCERPT, attr, clipped_html, count_label, esc, message_html
from .style import STYLE

__all__ = ["KwicRow", "kwic_html"]


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
    passage with the match marked (a passage longer than
    :data:`~rustbone_kit.widgets.html_parts.MAX_EXCERPT` characters is cut around the match,
    the cut counted). ``total`` is the number of matches in all (when ``rows`` holds only the
    first ones: the count says how many more are not shown); ``problem`` replaces the lines
    with a message.

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
        return message_html(problem, label=label)
    total = len(rows) if total is None else total
    if not rows:
        return message_html(f"No match for <strong>{esc(term)}</strong> here.", label=label)
    in_readings = f" in {count_label(readings, 'reading')}" if readings else ""
    more = total - len(rows)
    shown = (
        f" (the first {len(rows)} are shown; {more:,} more are not: rk.concordance lists every one)"
        if more > 0
        else ""
    )
    items = []
    for row in rows:
        left_cut = "..." if row.start - len(row.left) > 0 else ""
        right_cut = "..." if row.end + len(row.right) < len(row.passage) else ""
        line = (
            f'<span class="rk-kwic-line"><span class="rk-left"><span>{left_cut}{esc(row.left)}'
            "</span></span>"
            f'<mark class="rk-match">{esc(row.match)}</mark>'
            f'<span class="rk-right">{esc(row.right)}{right_cut}</span>'
            f'<span class="rk-kwic-reading">{esc(row.where)}</span></span>'
        )
        full = clipped_html(row.passage, [(row.start, row.end, "match", "")])
        whole = "the whole paragraph" if len(row.passage) <= MAX_EXCERPT else "its paragraph"
        items.append(
            f'<li class="rk-kwic-row"><details><summary>{line}</summary>'
            f'<p class="rk-context">{esc(row.where)}, {whole}:</p>'
            f'<blockquote class="rk-full">{full}</blockquote></details></li>'
        )
    return (
        f'{STYLE}<div class="rk-view rk-kwic" role="region" aria-live="polite" '
        f"aria-label={attr(label)}>"
        f'<p class="rk-count">{count_label(total, "match", "matches")} of '
        f"<strong>{esc(term)}</strong>{in_readings}{shown}. Click a line, or Tab to it and "
        "press Enter, to read the whole paragraph.</p>"
        f'<ol class="rk-kwic-rows">{"".join(items)}</ol></div>'
    )
