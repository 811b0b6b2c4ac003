"""The concordance widget: keyword in context for any term, filtered by reading and scene."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import pandas as pd
import traitlets

from ..catalogue import catalogue_for
from ..corpus import Corpus
from ..errors import KitError
from ..scenes import scene_labels
from ..terms import term_problem
from ..words import concordance
from .controls import WIDE, check_ids, reading_picker
from .html_kwic import KwicRow, kwic_html
from .html_parts import esc
from .lookups import paragraph_of

__all__ = ["MAX_KWIC_ROWS", "Concordance"]

#: Concordance lines shown at once (the count says how many there are in all).
MAX_KWIC_ROWS = 200
_ALL = ""  # the "all readings" / "all scenes" choice of a filter


class Concordance(w.VBox):
    """Keyword in context: type a term, press Enter (or Tab); filter by reading and scene.

    The term uses the lexicon syntax: a word, a stem ending in ``*`` (``swim*``) or a phrase
    (``broken hand``); case and accents do not matter. Each line opens (click, or Tab and
    Enter) onto its whole paragraph. A term that cannot be searched gets a message saying
    why. The scene filter uses the folder's reference annotation, or the kit's suggestions
    where there is none.

    The state is in three traits a teacher can ``observe`` or ``link``: ``query`` (the
    term), ``reading_id`` and ``scene_id`` (``""`` for all), kept in step with the controls
    ``term``, ``reading`` and ``scene``; the HTML shown (made by :func:`kwic_html`) is
    ``view.value``.

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
    >>> kwic.query = "water"                 # the trait moves the control, and the view
    >>> kwic.term.value, kwic.view.value.count('class="rk-kwic-row"')
    ('water', 3)
    """

    query = traitlets.Unicode(
        help="The term searched: a word, a stem ending in * (swim*) or a phrase (broken hand)."
    )
    reading_id = traitlets.Unicode(
        help="The id of the only reading searched, or '' for every reading."
    )
    scene_id = traitlets.Unicode(
        help="The id of the only scene searched (its passages), or '' for the whole text."
    )

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
        self.term = w.Text(
            value=term,
            description="Term",
            placeholder="a word, a stem* or a phrase; then Enter",
            continuous_update=False,
            style=WIDE,
            layout=w.Layout(width="30em"),
        )
        self.reading = reading_picker(corpus, reading, width="30em", every="All readings")
        self.scene = w.Dropdown(
            options=[("All scenes", _ALL)]
            + [(f"{s.order}. {s.title}", s.id) for s in self.catalogue.scenes],
            value=scene,
            description="Scene",
            style=WIDE,
            layout=w.Layout(width="30em"),
        )
        self.view = w.HTML()
        self.term.add_class("rk-kwic-term")
        self.reading.add_class("rk-kwic-reading-filter")
        self.scene.add_class("rk-kwic-scene-filter")
        self.view.add_class("rk-kwic-view")
        super().__init__(
            [w.HBox([self.term]), w.HBox([self.reading, self.scene]), self.view],
        )
        self.add_class("rk-concordance-widget")
        self.add_class("rk-widget")
        traitlets.link((self.term, "value"), (self, "query"))
        traitlets.link((self.reading, "value"), (self, "reading_id"))
        traitlets.link((self.scene, "value"), (self, "scene_id"))
        self.observe(self._render, names=["query", "reading_id", "scene_id"])
        self._render()

    def __repr__(self) -> str:
        return (
            f"Concordance: {self.term.value[:30]!r}. Run this cell to search (widgets are not "
            "saved)."
        )

    @traitlets.validate("reading_id")
    def _valid_reading(self, proposal: Any) -> str:
        if proposal.value:
            check_ids("reading", [proposal.value], self.corpus.ids)
        return proposal.value

    @traitlets.validate("scene_id")
    def _valid_scene(self, proposal: Any) -> str:
        if proposal.value:
            self.catalogue.scene(proposal.value)  # an unknown id raises, naming the known ones
        return proposal.value

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
            readings=[self.reading_id] if self.reading_id else None,
            scene=self.scene_id or None,
            labels=self.labels if self.scene_id else None,
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
            paragraph = paragraph_of(reading, start)
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
        term = self.query.strip()
        problem = None
        if not term:
            problem = (
                "Type a word, a stem ending in * (swim*) or a phrase (broken hand) in the Term "
                "box, then press Enter."
            )
        elif term_problem(term):
            problem = (
                f"<strong>{esc(term)}</strong> cannot be searched: {esc(term_problem(term))}. "
                "Write a word, a stem ending in * (swim*) or a phrase (broken hand)."
            )
        if problem is not None:
            self.view.value = kwic_html([], term=term, problem=problem)
            return
        try:
            rows, total, readings = self.rows(term)
        except (KeyError, ValueError, KitError) as error:  # a filter the corpus lacks
            message = str(error.args[0] if isinstance(error, KeyError) else error)
            self.view.value = kwic_html([], term=term, problem=esc(message))
            return
        self.view.value = kwic_html(rows, term=term, total=total, readings=readings)
