"""The theme explorer widget: one theme, how much each critic uses it, and the passages."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import traitlets

from ..corpus import Corpus
from ..errors import ArgumentError
from ..lexicon import Lexicon, lexicon_for
from ..themes import theme_hits, theme_table
from .controls import WIDE
from .html_themes import ThemeBar, ThemePassage, theme_passages_html
from .lookups import paragraph_of

__all__ = ["MAX_BARS", "MAX_THEME_PASSAGES", "ThemeExplorer"]

#: Passages :class:`ThemeExplorer` lists at once, and readings it draws a bar for.
MAX_THEME_PASSAGES = 60
MAX_BARS = 25


class ThemeExplorer(w.VBox):
    """Choose a theme: how much each critic uses its terms, and the paragraphs that carry it.

    The chart is an HTML bar table inside the widget rather than an altair chart: it must
    change with the dropdown, and the only way to put an altair chart inside a widget is an
    ``Output`` widget, which nbval's strict mode rejects and which shows nothing in a saved
    notebook. The table states every number in words, so it also serves screen readers. For
    the overview of all themes at once, show ``rk.charts.theme_heatmap(corpus)`` in its own
    cell. Theme hits and rates are counted once, when the widget is made.

    The state is in one trait a teacher can ``observe`` or ``link``: ``theme_id``, kept in
    step with the ``theme`` dropdown; the HTML shown (made by :func:`theme_passages_html`)
    is ``view.value``.

    >>> from rustbone_kit import load_corpus
    >>> explorer = ThemeExplorer(load_corpus())
    >>> explorer.theme.value = "water-sea"
    >>> "<h3>Water and the sea</h3>" in explorer.view.value
    True
    >>> explorer.view.value.count('class="rk-theme-passage"') > 0
    True
    >>> explorer.theme_id
    'water-sea'
    """

    theme_id = traitlets.Unicode(help="The id of the theme shown.")

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
            raise ArgumentError(
                "the corpus has no readings to explore",
                field="corpus",
                fix="load a folder that holds readings (rk.load_corpus() loads the bundled ones)",
            )
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
            style=WIDE,
            layout=w.Layout(width="30em"),
        )
        self.view = w.HTML()
        self.theme.add_class("rk-theme-choice")
        self.view.add_class("rk-theme-view")
        super().__init__([self.theme, self.view])
        self.add_class("rk-theme-explorer-widget")
        self.add_class("rk-widget")
        traitlets.link((self.theme, "value"), (self, "theme_id"))
        self.observe(self._render, names="theme_id")
        self._render()

    def __repr__(self) -> str:
        return (
            f"ThemeExplorer: {self.theme.value}. Run this cell to explore (widgets are not saved)."
        )

    @traitlets.validate("theme_id")
    def _valid_theme(self, proposal: Any) -> str:
        self.lexicon.theme(proposal.value)  # an unknown id raises, naming the known ones
        return proposal.value

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
            paragraph = paragraph_of(reading, int(group.start.iloc[0]))
            number = passage_id.rsplit(":p", 1)[-1]
            spans = tuple(
                (a - paragraph.start, b - paragraph.start, str(t))
                for a, b, t in zip(group.start, group.end, group.term, strict=True)
            )
            out.append(ThemePassage(f"{r}, paragraph {number}", paragraph.text, spans))
        return out, grouped.ngroups

    def _render(self, *_: Any) -> None:
        theme = self.lexicon.theme(self.theme_id)
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
