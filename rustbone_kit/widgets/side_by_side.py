"""The side-by-side widget: what two to five critics say about one scene, in columns."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import ipywidgets as w
import pandas as pd
import traitlets

from ..catalogue import catalogue_for
from ..corpus import Corpus
from ..errors import ArgumentError
from ..lexicon import Lexicon, lexicon_for
from ..scenes import merge_sentences, scene_labels
from .controls import WIDE, check_ids, id_picker, reading_options
from .html_side_by_side import (
    MAX_COLUMN_PASSAGES,
    MAX_COLUMNS,
    MIN_COLUMNS,
    ColumnView,
    PassageView,
    side_by_side_html,
)
from .lookups import paragraph_of, source_label

__all__ = ["SideBySide"]


class SideBySide(w.VBox):
    """What two to five critics say about one scene, side by side.

    Choose a scene (film order; the count says how many readings discuss it) and two to five
    readings (Ctrl+click, or Ctrl+arrows and Space in the list). Each reading gets a column with its
    critic and outlet on top and its passages on the scene in text order; words the columns
    share are bold on yellow, theme terms underlined. A passage opens (click, or Tab and
    Enter) onto its whole paragraph. A reading that says nothing about the scene says so.

    Scene passages come from the folder's reference annotation, or from the kit's
    suggestions (:func:`~rustbone_kit.suggestions.tag_corpus`) when the folder has none; pass
    ``labels`` to use others. They are worked out once, when the widget is made; an update
    only builds the chosen columns.

    The state is in two traits a teacher can ``observe`` or ``link``: ``scene_id`` and
    ``reading_ids``, kept in step with the controls ``scene`` and ``readings``; the HTML
    shown (made by :func:`side_by_side_html`) is ``view.value``.

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
    >>> sbs.scene_id, sbs.reading_ids
    ('hospital', ('marchant',))
    """

    scene_id = traitlets.Unicode(help="The id of the scene the columns are about.")
    reading_ids = traitlets.Tuple(
        help="The ids of the readings shown, one column each, in this order (two to five)."
    )

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
            raise ArgumentError(
                "the corpus has no readings to compare",
                field="corpus",
                fix="load a folder that holds readings (rk.load_corpus() loads the bundled ones)",
            )
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
            style=WIDE,
            layout=w.Layout(width="48em"),
        )
        self.readings = id_picker(
            reading_options(corpus),
            value=readings,
            rows=min(8, len(corpus)),
            description="Readings (two to five)",
            width="48em",
        )
        self.help = w.HTML(
            '<p style="font-size:16px;margin:0">Ctrl+click (Cmd+click on a Mac) adds or '
            "drops a reading; from the keyboard, Ctrl+Down and Ctrl+Up move through the list "
            "and Space adds or drops the reading reached.</p>"
        )
        self.view = w.HTML()
        self.scene.add_class("rk-sbs-scene")
        self.readings.add_class("rk-sbs-readings")
        self.view.add_class("rk-sbs-view")
        super().__init__([self.scene, self.readings, self.help, self.view])
        self.add_class("rk-side-by-side-widget")
        self.add_class("rk-widget")
        traitlets.link((self.scene, "value"), (self, "scene_id"))
        traitlets.link((self.readings, "value"), (self, "reading_ids"))
        self.observe(self._render, names=["scene_id", "reading_ids"])
        self._render()

    def __repr__(self) -> str:
        # The text a saved notebook shows in place of the widget (ipywidgets cuts it at 110).
        return (
            f"SideBySide: {self.scene.value}, {len(self.readings.value)} readings. Run this cell "
            "to compare (widgets are not saved)."
        )

    @traitlets.validate("scene_id")
    def _valid_scene(self, proposal: Any) -> str:
        self.catalogue.scene(proposal.value)  # an unknown id raises, naming the known ones
        return proposal.value

    @traitlets.validate("reading_ids")
    def _valid_readings(self, proposal: Any) -> tuple[str, ...]:
        check_ids("reading", proposal.value, self.corpus.ids)
        return tuple(proposal.value)

    def column(self, reading_id: str, scene_id: str) -> ColumnView:
        """The plain data of one column: the reading's first passages on the scene, text
        order (at most ``MAX_COLUMN_PASSAGES``; ``more`` counts the others)."""
        reading = self.corpus[reading_id]
        chosen = self._by_scene.get(scene_id, {}).get(reading_id, ())
        sentences = [s for s in reading.sentences if s.id in chosen]
        spans = merge_sentences(sentences)
        passages = []
        for span in spans[:MAX_COLUMN_PASSAGES]:
            paragraph = paragraph_of(reading, span.start)
            found = self.lexicon.index.find_in(  # the passage's own terms, not its paragraph's
                reading.tokens, reading.text, span.start, span.end, per_key=True
            )
            themes = tuple(
                (a - span.start, b - span.start, self._theme_labels[str(key)])
                for key, _, a, b in found
            )
            passages.append(
                PassageView(span.text, paragraph.text, span.start - paragraph.start, themes)
            )
        meta = reading.meta
        return ColumnView(
            reading.id,
            meta.get("title"),
            meta.get("author"),
            meta.get("outlet"),
            tuple(passages),
            more=len(spans) - len(passages),
        )

    def _render(self, *_: Any) -> None:
        scene = self.catalogue.scene(self.scene_id)
        chosen = self.reading_ids
        columns = (
            [self.column(r, scene.id) for r in chosen]
            if MIN_COLUMNS <= len(chosen) <= MAX_COLUMNS
            else [ColumnView(r) for r in chosen]
        )
        self.view.value = side_by_side_html(
            columns, scene=scene.title, source=source_label(self.labels)
        )
