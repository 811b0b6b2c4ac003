"""The theme explorer's HTML: a bar table of one theme per reading, and the passages that carry it.

Pure functions of :class:`ThemeBar` and :class:`ThemePassage` data (no ipywidgets, no
pandas); all text is escaped, and every bar states its numbers in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .html_parts import attr, clipped_html, count_label, esc
from .style import STYLE

__all__ = ["ThemeBar", "ThemePassage", "theme_passages_html"]


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
    bars; ``total_passages`` the passages when only the first ones are given (the heading
    says how many more are not shown). A paragraph longer than
    :data:`~rustbone_kit.widgets.html_parts.MAX_EXCERPT` characters is shown around its
    first hit, the cut counted.

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
            f'<tr><th scope="row">{esc(b.label)}</th><td class="rk-num">'
            f'<span class="rk-track" aria-hidden="true"><span class="rk-bar" '
            f'style="width:{width}%"></span></span>{b.rate:g}</td>'
            f'<td class="rk-num">{b.hits}</td><td class="rk-num">{b.words}</td></tr>'
        )
    more = (
        f'<p class="rk-count">{count_label(more_readings, "other reading")} not shown '
        "(fewest hits).</p>"
        if more_readings
        else ""
    )
    table = (
        f'<table class="rk-bars"><caption>{esc(theme)}: theme terms per {per:,} words, by '
        f'reading</caption><thead><tr><th scope="col">Reading</th><th scope="col">Per '
        f'{per:,} words</th><th scope="col">Hits</th><th scope="col">Words</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>{more}"
    )
    total = len(passages) if total_passages is None else total_passages
    if passages:
        items = []
        for p in passages:
            terms = ", ".join(dict.fromkeys(esc(t) for _, _, t in p.hits))
            marks = [(a, b, "match", "") for a, b, _ in p.hits]
            items.append(
                f'<li class="rk-theme-passage"><p class="rk-context">{esc(p.where)}: '
                f"{count_label(len(p.hits), 'hit')} ({terms})</p>"
                f"<blockquote>{clipped_html(p.text, marks)}</blockquote></li>"
            )
        more = total - len(passages)
        shown = (
            f" (the first {len(passages)} are shown; {more:,} more are not: rk.theme_hits "
            "lists every hit)"
            if more > 0
            else ""
        )
        listing = (
            f"<h4>Paragraphs that carry it: {total}{shown}</h4>"
            '<p class="rk-context">Hits are <mark class="rk-match">bold on blue</mark>. '
            "Read them: a count cannot see irony, negation or another sense of a word.</p>"
            f'<ol class="rk-theme-passages">{"".join(items)}</ol>'
        )
    else:
        listing = "<p><strong>No paragraph in these readings uses this theme's terms.</strong></p>"
    return (
        f'{STYLE}<div class="rk-view rk-theme-explorer" role="region" aria-live="polite" '
        f"aria-label={attr(f'Theme: {theme}')}><h3>{esc(theme)}</h3>"
        f"<p>{esc(description)}</p>{table}{listing}</div>"
    )
