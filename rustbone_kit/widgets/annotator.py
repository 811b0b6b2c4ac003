"""The annotator widget: a student tags sentences with scenes and themes, saves, sees kappa."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import ipywidgets as w
import pandas as pd
import traitlets

from ..annotation_store import AnnotationFile, no_scene_keys, sentence_entries, sentence_tags
from ..catalogue import catalogue_for
from ..corpus import Corpus
from ..errors import ArgumentError, KitError
from ..lexicon import lexicon_for
from ..reading import Reading
from ..text import Span
from .agreement_panel import ReferenceAgreement, tag_labels
from .controls import WIDE, Stepper, check_ids, id_picker, reading_picker
from .html_annotator import annotator_sentence_html, annotator_status_html
from .html_parts import count_label, esc, message_html

__all__ = ["Annotator"]


class Annotator(w.VBox):
    """A student tags the sentences of a reading with scenes and themes, saves them to their
    own annotation file, and sees how far they agree with the reference set.

    Choose a reading; step through its sentences with the slider or Previous and Next; pick
    the scenes and themes a sentence discusses (Ctrl+click, or Ctrl+arrows and Space), or
    tick "No scene in this sentence" when you decided it discusses none. Tick "I have read all
    of this reading" once you have gone through a reading: the file then lists it under
    ``covers:``, and its sentences you left untagged count as "no scene"; a reading not ticked
    counts as not read (missing, not "no", in :func:`~rustbone_kit.class_agreement`).
    Save writes ``path``, by default ``annotations/<annotator>.yaml`` under the folder the
    notebook runs in (never inside the kit), in the stand-off format of the kit's reference
    set, so :func:`~rustbone_kit.annotations.load_annotations` reads it. Saving goes through
    :class:`~rustbone_kit.annotation_store.AnnotationFile`: the file is checked to read back
    whole, written in one step, and the previous version kept as ``<file>.bak``. Making the
    widget again with the same name and path continues the saved work. It never writes over
    another annotator's file or the reference set, nor over a file saved by another widget or
    window since it was loaded: it says so, and how to fix it.

    The agreement table gives Cohen's kappa per scene
    (:func:`~rustbone_kit.agreement.agreement`) over every sentence of the readings you
    tagged that the reference set covers; it is updated as you tag.

    The state is in traits a teacher can ``observe`` or ``link``: ``reading_id``,
    ``sentence_number``, the current sentence's ``scene_ids``, ``theme_ids`` and
    ``no_scene``, and the current reading's ``read_in_full``, kept in step with the controls
    ``reading``, ``sentence``, ``scenes``, ``themes``, ``no_scene_box`` and ``read_all_box``.

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

    reading_id = traitlets.Unicode(help="The id of the reading being tagged.")
    sentence_number = traitlets.Int(
        1, help="The sentence shown, counting from 1 (kept between 1 and the reading's count)."
    )
    scene_ids = traitlets.Tuple(help="The ids of the scenes tagged on this sentence.")
    theme_ids = traitlets.Tuple(help="The ids of the themes tagged on this sentence.")
    no_scene = traitlets.Bool(
        False, help="True when you decided this sentence discusses no scene (it has none)."
    )
    read_in_full = traitlets.Bool(
        False,
        help="True when you have read all of this reading: it is saved under 'covers:', and "
        "its untagged sentences count as 'no scene'.",
    )

    def __init__(
        self,
        corpus: Corpus,
        annotator: str,
        path: str | Path | None = None,
        *,
        reading: str | None = None,
    ) -> None:
        if not len(corpus):
            raise ArgumentError(
                "the corpus has no readings to annotate",
                field="corpus",
                fix="load a folder that holds readings (rk.load_corpus() loads the bundled ones)",
            )
        self.store = AnnotationFile(corpus, annotator, path)  # refuses a bad name or path
        self.corpus, self.annotator, self.path = corpus, annotator, self.store.path
        self.backup = self.store.backup
        self.catalogue = catalogue_for(corpus)
        self.lexicon = lexicon_for(corpus)
        self._scene_titles = {s.id: s.title for s in self.catalogue.scenes}
        self._scene_order = {s.id: i for i, s in enumerate(self.catalogue.scenes)}
        self._theme_labels = {t.id: t.label for t in self.lexicon.themes}
        self._theme_order = {t.id: i for i, t in enumerate(self.lexicon.themes)}
        #: (reading id, sentence id) -> (scene ids, theme ids) of every tagged sentence
        self.tags: dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]]] = {}
        #: (reading id, sentence id) of every sentence you decided has no scene
        self.no_scenes: set[tuple[str, str]] = set()
        #: the readings you have read in full (ticked), saved as the file's ``covers:``
        self.covers: set[str] = set()
        self._syncing = False
        self._agreement = ReferenceAgreement(corpus, self.catalogue)
        self._refusal, loaded = self._load_own_file()

        if reading is not None:
            corpus[reading]  # an unknown id raises, naming the known ones
        self.reading = reading_picker(corpus, reading or corpus.ids[0], width="38em")
        self.stepper = Stepper("Sentence", "sentence", wide=True)
        self.sentence = self.stepper.slider
        self.previous, self.next = self.stepper.previous, self.stepper.next
        self.stepper.restart(len(corpus[self.reading.value].sentences))
        self.scenes = id_picker(
            [(f"{s.order}. {s.title}", s.id) for s in self.catalogue.scenes],
            description="Scenes in this sentence",
            width="34em",
        )
        self.themes = id_picker(
            [(t.label, t.id) for t in self.lexicon.themes],
            description="Themes in this sentence",
            width="30em",
        )
        self.no_scene_box = w.Checkbox(
            description="No scene in this sentence", indent=False, style=WIDE
        )
        self.read_all_box = w.Checkbox(
            description="I have read all of this reading (sentences left untagged: no scene)",
            indent=False,
            style=WIDE,
            layout=w.Layout(width="auto"),
        )
        self.save_button = w.Button(
            description="Save",
            tooltip=f"Write your annotations to {self.path}",
            icon="save",
            button_style="primary",
        )
        self.sentence_view, self.status, self.agreement = w.HTML(), w.HTML(), w.HTML()
        named = {"reading": self.reading, "sentence": self.sentence, "scenes": self.scenes}
        named.update(themes=self.themes, save=self.save_button, view=self.sentence_view)
        named.update(status=self.status, agreement=self.agreement)
        named.update({"no-scene": self.no_scene_box, "read-all": self.read_all_box})
        for name, control in named.items():
            control.add_class(f"rk-annotate-{name}")
        self.save_button.on_click(lambda _: self.save())
        if self._refusal:
            self.status.value = annotator_status_html(self._refusal, kind="error")
        elif loaded:
            self.status.value = annotator_status_html(
                f"Continuing {self.path}: {count_label(loaded, 'tagged sentence')} loaded. "
                "Save writes it again (the previous version is kept as "
                f"{self.backup.name})."
            )
        else:
            self.status.value = annotator_status_html(
                f"Your annotations will be saved to {self.path} when you press Save."
            )
        super().__init__(
            [
                self.reading,
                self.stepper,
                self.sentence_view,
                w.HBox([self.scenes, self.themes]),
                self.no_scene_box,
                w.HBox([self.read_all_box, self.save_button]),
                self.status,
                self.agreement,
            ]
        )
        self.add_class("rk-annotator-widget")
        self.add_class("rk-widget")
        controls = (self.reading, self.sentence, self.scenes, self.themes)
        controls += (self.no_scene_box, self.read_all_box)
        names = ("reading_id", "sentence_number", "scene_ids", "theme_ids")
        names += ("no_scene", "read_in_full")
        for control, name in zip(controls, names, strict=True):
            traitlets.link((control, "value"), (self, name))
        self.observe(self._on_reading, names="reading_id")
        self.observe(self._on_sentence, names="sentence_number")
        self.observe(self._on_tags, names=["scene_ids", "theme_ids", "no_scene"])
        self.observe(self._on_read_all, names="read_in_full")
        self._on_reading()

    def __repr__(self) -> str:
        return (
            f"Annotator: {self.annotator[:20]}, {count_label(len(self.tags), 'tagged sentence')}. "
            "Run this cell to annotate (widgets are not saved)."
        )

    @traitlets.validate("reading_id")
    def _valid_reading(self, proposal: Any) -> str:
        check_ids("reading", [proposal.value], self.corpus.ids)
        return proposal.value

    @traitlets.validate("sentence_number")
    def _valid_sentence(self, proposal: Any) -> int:
        slider = getattr(self, "sentence", None)
        return min(slider.max if slider is not None else 1, max(1, int(proposal.value)))

    @traitlets.validate("scene_ids", "theme_ids")
    def _valid_tags(self, proposal: Any) -> tuple[str, ...]:
        if proposal.trait.name == "scene_ids":
            check_ids("scene", proposal.value, self.catalogue.scene_ids)
        else:
            check_ids("theme", proposal.value, self.lexicon.ids)
        return tuple(proposal.value)

    # -- loading -------------------------------------------------------------------------

    def _load_own_file(self) -> tuple[str | None, int]:
        """Check the file; load its tags when it is this annotator's. (problem, sentences)."""
        problem = self.store.problem()
        if problem or not self.path.exists():
            return problem, 0
        try:
            found = self.store.load_file(catalogue=self.catalogue)
        except KitError as error:
            return (
                f"{error} The file is not written over until it loads. Fix it, or move it away.",
                0,
            )
        for key, (scenes, themes) in sentence_tags(self.corpus, found.annotations).items():
            self.tags[key] = (
                self._ordered(scenes, self._scene_order),
                self._ordered(themes, self._theme_order),
            )
        tagged = {k for k, (scenes, _) in self.tags.items() if scenes}
        self.no_scenes = no_scene_keys(self.corpus, found.annotations) - tagged
        self.covers = set(found.covers)
        return None, len(self.tags)

    @staticmethod
    def _ordered(ids: Iterable[str], order: Mapping[str, int]) -> tuple[str, ...]:
        return tuple(sorted(set(ids), key=lambda i: order.get(i, 1_000_000)))

    # -- stepping and tagging ------------------------------------------------------------

    def _current(self) -> tuple[Reading, Span | None]:
        reading = self.corpus[self.reading_id]
        sentences = reading.sentences
        if not sentences:
            return reading, None
        return reading, sentences[min(self.sentence_number, len(sentences)) - 1]

    def _on_reading(self, *_: Any) -> None:
        self._syncing = True
        try:
            self.read_in_full = self.reading_id in self.covers
        finally:
            self._syncing = False
        if not self.stepper.restart(len(self.corpus[self.reading_id].sentences)):
            self._on_sentence()

    def _on_sentence(self, *_: Any) -> None:
        reading, sentence = self._current()
        key = (reading.id, sentence.id) if sentence else None
        scenes, themes = self.tags.get(key, ((), ())) if key else ((), ())
        self._syncing = True
        try:
            self.scene_ids, self.theme_ids = scenes, themes
            self.no_scene = key in self.no_scenes
        finally:
            self._syncing = False
        self._render()

    def _on_tags(self, change: Any = None) -> None:
        if self._syncing:
            return
        reading, sentence = self._current()
        if sentence is None:
            return
        key = (reading.id, sentence.id)
        self._syncing = True  # "no scene" and scenes exclude each other; the last one set wins
        try:
            if change is not None and change.name == "no_scene" and self.no_scene:
                self.scene_ids = ()
            elif self.scene_ids:
                self.no_scene = False
        finally:
            self._syncing = False
        scenes = self._ordered(self.scene_ids, self._scene_order)
        themes = self._ordered(self.theme_ids, self._theme_order)
        if scenes or themes:
            self.tags[key] = (scenes, themes)
        else:
            self.tags.pop(key, None)
        (self.no_scenes.add if self.no_scene else self.no_scenes.discard)(key)
        self._unsaved()
        self._render()

    def _on_read_all(self, *_: Any) -> None:
        if self._syncing:
            return
        (self.covers.add if self.read_in_full else self.covers.discard)(self.reading_id)
        self._unsaved()
        self.agreement.value = self.agreement_html()

    def _unsaved(self) -> None:
        if not self._refusal:
            read = f", {count_label(len(self.covers), 'reading')} read in full" * bool(self.covers)
            self.status.value = annotator_status_html(
                f"{count_label(len(self.tags), 'tagged sentence')}{read}; not saved yet: press "
                f"Save to write {self.path}."
            )

    def _render(self) -> None:
        reading, sentence = self._current()
        if sentence is None:
            self.sentence_view.value = message_html(f"{esc(reading.id)} has no sentences.")
        else:
            index = self.sentence_number - 1
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
                no_scene=(reading.id, sentence.id) in self.no_scenes,
            )
        self.agreement.value = self.agreement_html()

    # -- results -------------------------------------------------------------------------

    def labels(self) -> pd.DataFrame:
        """Your scene labels: rows (reading, sentence, scene), ``attrs["readings"]`` the
        readings you tagged, read in full or marked "no scene" in (the form
        :func:`~rustbone_kit.agreement.agreement` takes)."""
        return tag_labels(self.corpus, self.tags, {*self.covers, *(r for r, _ in self.no_scenes)})

    def agreement_html(self) -> str:
        """The kappa table of your tags against the reference set (see :func:`kappa_table_html`)."""
        return self._agreement.html(self.labels())

    def entries(self) -> list[dict[str, Any]]:
        """The file's entries: one per tagged or "no scene" sentence, in text order."""
        return sentence_entries(self.corpus, self.tags, self.no_scenes)

    def save(self) -> Path | None:
        """Write the annotation file (atomically, with a backup); return its path, or None
        when it was not written (the status line says why, and never says "Saved")."""
        problem = self._refusal or self.store.problem()
        if problem:
            self.status.value = annotator_status_html(problem, kind="error")
            return None
        try:
            entries = self.entries()
            covers = [r for r in self.corpus.ids if r in self.covers]
            self.store.save(entries, covers=covers, catalogue=self.catalogue)
        except (OSError, ValueError, KitError) as error:
            self.status.value = annotator_status_html(
                f"{self.path} was not written: {error}", kind="error"
            )
            return None
        kept = f"; the previous version is in {self.backup.name}" if self.backup.exists() else ""
        self.status.value = annotator_status_html(
            f"{count_label(len(entries), 'sentence')} written to {self.path}{kept}.",
            kind="saved",
        )
        return self.path
