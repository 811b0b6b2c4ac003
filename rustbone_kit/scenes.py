"""Which passages of which critic discuss which scene.

Sentence labels come from a human annotation (``readings/annotations/*.yaml``; the kit's
``reference`` set by default) for the readings its ``covers:`` lists, and from the
suggestions of :mod:`rustbone_kit.suggestions` for every sentence of any other reading that
the annotator did not decide (:func:`scene_labels`). On them rest
the passages per scene (:func:`scene_passages`) and the coverage table (:func:`scene_coverage`).

>>> from rustbone_kit import load_corpus
>>> ice = scene_passages(load_corpus(), "ice")
>>> ice.silent
('bowditch', 'marchant', 'overview', 'unsigned-review')
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from .annotations import (
    Annotation,
    AnnotationError,
    annotations_path,
    load_annotation_file,
    sentence_labels,
)
from .catalogue import catalogue_for
from .corpus import Corpus, register_scene_view
from .memo import kept
from .suggestions import tag_corpus
from .text import Span, count_words

__all__ = [
    "ScenePassages",
    "merge_sentences",
    "reference_labels",
    "scene_coverage",
    "scene_labels",
    "scene_passages",
]


@dataclass(frozen=True)
class ScenePassages:
    """What each critic says about one scene: passages per reading, and who says nothing."""

    scene: str
    title: str
    passages: dict[str, tuple[Span, ...]]
    silent: tuple[str, ...]

    def to_frame(self) -> pd.DataFrame:
        """One row per passage: reading, passage id, offsets, text."""
        rows = [
            {"reading": r, "passage": s.id, "start": s.start, "end": s.end, "text": s.text}
            for r, spans in self.passages.items()
            for s in spans
        ]
        return pd.DataFrame(rows, columns=["reading", "passage", "start", "end", "text"])

    def __repr__(self) -> str:
        lines = [f"Scene {self.scene!r}: {self.title}"]
        for reading, spans in self.passages.items():
            lines.append(f"\n{reading} ({len(spans)} passage{'s' * (len(spans) != 1)}):")
            lines.extend(f"  - {s.text}" for s in spans)
        lines.append(f"\nSay nothing about it: {', '.join(self.silent) or '(none)'}")
        return "\n".join(lines)


def merge_sentences(sentences: list[Span]) -> tuple[Span, ...]:
    """Join sentences that follow each other within one line (passage) into a single span.

    Sentences with another sentence, or a line break, between them stay apart.
    """
    merged: list[Span] = []
    for s in sentences:
        gap = s.source[merged[-1].end : s.start] if merged else None
        if gap is not None and not gap.strip() and "\n" not in gap:
            merged[-1] = Span(
                s.source, merged[-1].start, s.end, id=merged[-1].id, kind="scene passage"
            )
        else:
            merged.append(Span(s.source, s.start, s.end, id=s.id, kind="scene passage"))
    return tuple(merged)


def _decided(corpus: Corpus, notes: tuple[Annotation, ...]) -> tuple[str, ...]:
    """The sentences an annotator decided on: overlapped by an entry with scenes or
    ``no_scene: true`` (a flag or themes alone say nothing about scenes)."""
    decided: dict[str, None] = {}
    for note in notes:
        if note.scenes or note.no_scene:
            for s in corpus[note.reading].sentences:
                if s.start < note.span.end and note.span.start < s.end:
                    decided[s.id] = None
    return tuple(decided)


def reference_labels(corpus: Corpus, annotator: str = "reference") -> pd.DataFrame:
    """Sentence labels (reading, sentence, scene) of one annotator's file.

    ``attrs["readings"]`` are the readings the file covers (its ``covers:``), the universe of
    :func:`~rustbone_kit.agreement.agreement`; ``attrs["decided"]`` the sentences it decided
    (a scene, or ``no_scene: true``), in any reading. Read once per corpus and file version:
    an edited file is read again, an unchanged one not.
    """
    path = annotations_path(corpus, annotator)

    def read() -> pd.DataFrame:
        found = load_annotation_file(corpus, annotator)
        frame = sentence_labels(corpus, found.annotations)
        frame.attrs["readings"] = found.covers
        frame.attrs["decided"] = _decided(corpus, found.annotations)
        return frame

    version = (str(path), path.stat().st_mtime if path.exists() else None)
    # one entry per annotator file version: a class's files are each kept (up to 64)
    return kept(corpus, "_rk_labels", read, extra=version, limit=64).copy()


def scene_passages(
    corpus: Corpus,
    scene_id: str,
    *,
    annotator: str = "reference",
    labels: pd.DataFrame | None = None,
) -> ScenePassages:
    """Per reading, the passages on a scene (text order), and the silent readings.

    Labels are the annotator's, with suggestions for readings the annotator did not cover
    (:func:`scene_labels`), or the ``labels`` given.
    """
    cat = catalogue_for(corpus)
    scene = cat.scene(scene_id)
    labels = scene_labels(corpus, annotator) if labels is None else labels
    chosen = set(labels.loc[labels.scene == scene_id, "sentence"])
    passages: dict[str, tuple[Span, ...]] = {}
    silent = []
    for reading in corpus:
        sentences = [s for s in reading.sentences if s.id in chosen]
        if sentences:
            passages[reading.id] = merge_sentences(sentences)
        else:
            silent.append(reading.id)
    return ScenePassages(scene_id, scene.title, passages, tuple(silent))


def scene_coverage(
    corpus: Corpus, *, labels: pd.DataFrame | None = None, annotator: str = "reference"
) -> pd.DataFrame:
    """Tidy table reading x scene: sentences and words on each scene (zeros included).

    By default the labels are an annotator's, with suggestions for readings the annotator
    did not cover (:func:`scene_labels`); pass ``labels=tag_corpus(corpus)`` to use the
    suggestions alone.
    """
    cat = catalogue_for(corpus)
    if labels is None:
        labels = scene_labels(corpus, annotator)
    words = {s.id: count_words(s.text) for r in corpus for s in r.sentences}
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for reading, sentence, scene in zip(labels.reading, labels.sentence, labels.scene, strict=True):
        cell = counts[(reading, scene)]
        cell[0] += 1
        cell[1] += words[sentence]
    rows = [
        {
            "reading": r.id,
            "scene": s.id,
            "order": s.order,
            "title": s.title,
            "sentences": counts[(r.id, s.id)][0],
            "words": counts[(r.id, s.id)][1],
        }
        for r in corpus
        for s in cat.scenes
    ]
    return pd.DataFrame(rows, columns=["reading", "scene", "order", "title", "sentences", "words"])


def scene_labels(corpus: Corpus, annotator: str = "reference") -> pd.DataFrame:
    """Sentence labels (reading, sentence, scene): the annotator's in the readings the
    annotator's file covers (``covers:``), and in any other reading (a new reading, a
    student's own, one annotated in part) the annotator's decisions where there are some and
    the suggestions of :func:`tag_corpus` on every other sentence. ``attrs["source"]`` says
    which were used.

    >>> from rustbone_kit import load_corpus
    >>> scene_labels(load_corpus()).attrs["source"]
    'reference'
    """
    try:
        has_file = annotations_path(corpus, annotator).is_file()
    except AnnotationError:  # a corpus built in memory has no annotations folder
        has_file = False
    covered: tuple[str, ...] = ()
    decided: set[str] = set()
    frames = []
    if has_file:
        labels = reference_labels(corpus, annotator)
        covered, decided = labels.attrs["readings"], set(labels.attrs.get("decided", ()))
        frames.append(labels)
    rest = [r for r in corpus if r.id not in covered]
    if rest:
        others = Corpus(tuple(rest), path=corpus.path)
        suggested = tag_corpus(others)[["reading", "sentence", "scene"]]
        frames.append(suggested[~suggested.sentence.isin(decided)])
    frame = (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(columns=["reading", "sentence", "scene"])
    )
    frame.attrs = {k: v for k, v in frame.attrs.items() if k != "decided"}  # a new dict
    if not rest:
        frame.attrs["source"] = annotator
    elif covered or decided:
        frame.attrs["source"] = f"{annotator}; suggestions for {', '.join(r.id for r in rest)}"
    else:
        frame.attrs["source"] = "suggestions"
    return frame


register_scene_view(scene_passages)
