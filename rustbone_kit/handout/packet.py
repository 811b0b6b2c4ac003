"""A reading packet for paper: every reading with its metadata, numbered sentences, a margin.

For a class that annotates on paper: each reading starts a page, its metadata first (the
reading card's fields), then its sentences in a table, one row each, numbered as the kit
numbers them (``marchant:s12`` is sentence 12), so that a student's note can be typed in
later by number. The margin holds what the reference annotation says of the sentence (its
scenes, themes, flags such as "boilerplate", and its notes), or is left blank for the
students (``flags=False``).

>>> from rustbone_kit import load_corpus
>>> page = readings_packet(load_corpus())
>>> page.count('class="rk-reading"'), "boilerplate" in page, "<script" in page
(5, True, False)
"""

from __future__ import annotations

import html
from collections import defaultdict

from ..annotations import Annotation, load_annotations
from ..catalogue import catalogue_for
from ..corpus import Corpus, load_corpus
from ..errors import KitError
from ..lexicon import lexicon_for
from ..reading import Reading
from ..widgets.html_card import CARD_FIELDS
from .lesson import page

__all__ = ["readings_packet"]


def _meta(reading: Reading) -> str:
    rows = []
    for key, label in CARD_FIELDS:
        value = reading.meta.get(key)
        shown = "not stated" if value in (None, "") else str(value)
        rows.append(f"<dt>{html.escape(label)}</dt><dd>{html.escape(shown)}</dd>")
    return f"<dl>{''.join(rows)}</dl>"


def _margins(corpus: Corpus, notes: list[Annotation]) -> dict[str, list[str]]:
    """``sentence id -> margin lines`` from the annotations that overlap each sentence."""
    catalogue, lexicon = catalogue_for(corpus), lexicon_for(corpus)

    def scene(scene_id: str) -> str:
        try:
            return catalogue.scene(scene_id).title
        except KeyError:
            return scene_id

    def theme(theme_id: str) -> str:
        try:
            return lexicon.theme(theme_id).label
        except KeyError:
            return theme_id

    margins: dict[str, list[str]] = defaultdict(list)
    by_reading: dict[str, list[Annotation]] = defaultdict(list)
    for note in notes:
        by_reading[note.reading].append(note)
    for reading in corpus:
        for sentence in reading.sentences:
            for note in by_reading.get(reading.id, []):
                if note.span.start >= sentence.end or note.span.end <= sentence.start:
                    continue
                lines = margins[sentence.id]
                lines += [f"Scene: {scene(s)}" for s in note.scenes]
                lines += [f"Theme: {theme(t)}" for t in note.themes]
                if note.no_scene:
                    lines.append("No scene")
                if note.flag:
                    lines.append(f"Flag: {note.flag}")
                if note.ambiguous:
                    lines.append("Ambiguous")
                if note.note:
                    lines.append(f"Note: {note.note}")
    return {key: list(dict.fromkeys(lines)) for key, lines in margins.items()}


def _sentences(reading: Reading, margins: dict[str, list[str]], flags: bool) -> str:
    heading = "Reference annotation" if flags else "Your notes"
    rows = []
    for number, sentence in enumerate(reading.sentences, start=1):
        margin = "".join(
            f'<span class="rk-flag">{html.escape(line)}</span>'
            for line in (margins.get(sentence.id, []) if flags else [])
        )
        rows.append(
            f'<tr><td class="rk-number">{number}</td>'
            f'<td class="rk-text">{html.escape(sentence.text)}</td>'
            f'<td class="rk-margin">{margin}</td></tr>'
        )
    return (
        f'<table class="rk-sentences"><caption>{html.escape(reading.id)}: '
        f"{len(reading.sentences)} sentences, numbered</caption>"
        f'<thead><tr><th scope="col">No.</th><th scope="col">Sentence</th>'
        f'<th scope="col">{heading}</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def readings_packet(
    corpus: Corpus | None = None, *, annotator: str = "reference", flags: bool = True
) -> str:
    """The reading packet of ``corpus`` (the bundled readings by default), one HTML page.

    ``flags`` puts the ``annotator``'s file in the margin; a corpus with no such file gets
    blank margins (said on the first page).
    """
    corpus = load_corpus() if corpus is None else corpus
    notes: list[Annotation] = []
    said = "the margins are left blank for your notes"
    if flags:
        try:
            notes = load_annotations(corpus, annotator)
            said = f"the margin shows what the {annotator} annotation says of each sentence"
        except KitError as error:
            said = f"no {annotator} annotation could be read ({error.problem}): blank margins"
    margins = _margins(corpus, notes) if notes else {}
    sections = []
    for reading in corpus:
        title = reading.meta.get("title") or reading.id
        anchor = f"reading-{reading.id}"
        sections.append(
            f'<section class="rk-reading" aria-labelledby="{html.escape(anchor)}">'
            f'<h2 id="{html.escape(anchor)}">{html.escape(str(title))} '
            f"({html.escape(reading.id)})</h2>"
            f"{_meta(reading)}{_sentences(reading, margins, flags and bool(notes))}</section>"
        )
    intro = (
        f"<h1>Reading packet: {len(corpus)} readings</h1>"
        f'<p class="rk-handout-meta">Each reading starts a new page; its sentences are numbered '
        f"as the kit numbers them (sentence 12 of marchant is marchant:s12); {html.escape(said)}."
        "</p>"
    )
    return page(f"Reading packet ({len(corpus)} readings)", intro + "\n".join(sections))
