"""Which passages of which critic discuss which scene.

Two sources of answers: a human annotation (``readings/annotations/*.yaml``; the kit's
``reference`` set by default), and :func:`suggest_scenes`, which ranks scenes for any text by
the cue terms and characters of the catalogue and shows its evidence, so a student can see why
and disagree. :func:`evaluate` measures suggestions against an annotation; :func:`agreement`
measures two annotators against each other.

>>> from rustbone_kit import load_corpus
>>> ice = scene_passages(load_corpus(), "ice")
>>> ice.silent
('bowditch', 'marchant', 'overview', 'unsigned-review')
>>> suggest_scenes("He smashes through the frozen lake with his fists.").scene.iloc[0]
'ice'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .annotations import AnnotationError, annotations_path, load_annotations, sentence_labels
from .catalogue import Catalogue, load_catalogue
from .corpus import Corpus, bundled_readings_path
from .terms import TermIndex, words_of
from .text import Span

__all__ = [
    "ScenePassages",
    "agreement",
    "evaluate",
    "merge_sentences",
    "reference_labels",
    "scene_coverage",
    "scene_labels",
    "scene_passages",
    "suggest_scenes",
    "tag_corpus",
]

#: A suggestion needs at least this score (one distinctive cue scores 1).
THRESHOLD = 1.0
#: ... and, in tag_corpus, at least this share of the best score for the sentence.
RELATIVE = 0.6


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


def reference_labels(corpus: Corpus, annotator: str = "reference") -> pd.DataFrame:
    """Sentence labels (reading, sentence, scene) of one annotator's file.

    Read once per corpus and file version: an edited file is read again, an unchanged one not.
    """
    path = annotations_path(corpus, annotator)
    key = (str(path), path.stat().st_mtime if path.exists() else None)
    cache = corpus.__dict__.setdefault("_rk_labels", {})
    if key not in cache:
        notes = load_annotations(corpus, annotator)
        frame = sentence_labels(corpus, notes)
        frame.attrs["readings"] = tuple(sorted({n.reading for n in notes}))
        cache[key] = frame
    return cache[key].copy()


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
    words = {s.id: len(s.text.split()) for r in corpus for s in r.sentences}
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


# --- suggestions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Matcher:
    index: TermIndex  # keys: ("cue", cue as written) or ("character", character id)
    weights: dict[str, dict[str, float]]  # cue -> scene -> weight
    scene_chars: dict[str, tuple[str, ...]]


def _matcher(cat: Catalogue) -> _Matcher:
    """The catalogue's compiled matcher, built once per catalogue object."""
    built = cat.__dict__.get("_rk_matcher")
    if built is None:
        built = cat.__dict__["_rk_matcher"] = _build_matcher(cat)
    return built


def _build_matcher(cat: Catalogue) -> _Matcher:
    """One term index over every cue and every way of naming a character."""
    owners: dict[str, set[str]] = defaultdict(set)
    for scene in cat.scenes:
        for cue in scene.cues:
            owners[cue].add(scene.id)
    pairs = [(("cue", cue), cue) for cue in owners]
    pairs += [(("character", c.id), m) for c in cat.characters for m in c.mentions]
    # a cue shared by k scenes is worth 1/k to each: distinctive cues count most
    weights = {cue: {s: 1 / len(scenes) for s in scenes} for cue, scenes in owners.items()}
    return _Matcher(TermIndex(pairs), weights, {s.id: s.characters for s in cat.scenes})


def _score(text: str, cat: Catalogue) -> dict[str, tuple[float, list[str]]]:
    m = _matcher(cat)
    cues: dict[str, list[str]] = defaultdict(list)
    people: set[str] = set()
    scores: dict[str, float] = defaultdict(float)
    for term, _ in m.index.match_words(words_of(text)):
        for kind, ident in m.index.owners[term]:
            if kind == "character":
                people.add(ident)
                continue
            for scene, weight in m.weights[ident].items():
                if ident not in cues[scene]:
                    cues[scene].append(ident)
                    scores[scene] += weight
    result = {}
    for scene, score in scores.items():
        present = [c for c in m.scene_chars[scene] if c in people]
        bonus = 0.5 * len(present) / max(1, len(m.scene_chars[scene]))
        evidence = [*cues[scene], *(f"character: {c}" for c in present)]
        result[scene] = (round(score + bonus, 3), evidence)
    return result


def suggest_scenes(
    text: str, *, top: int = 3, catalogue: Catalogue | None = None, threshold: float = THRESHOLD
) -> pd.DataFrame:
    """Rank scenes for a sentence or passage, with a score and the evidence behind it.

    A cue term found in the text adds 1 to each scene it belongs to, divided among the scenes
    sharing it; characters of the scene who are named (or referred to by role) add up to 0.5,
    but never suggest a scene alone. Scenes under ``threshold`` are not listed.
    It cannot see irony, negation ("unlike the ice scene...") or a scene described without
    any of its cue words: the evidence column is there for a reader to check.

    >>> suggest_scenes("Ali carries her into the sea for a swim", top=1)[["scene", "score"]]
      scene  score
    0  swim   3.25
    """
    cat = catalogue or catalogue_for(None)
    order = {s.id: s.order for s in cat.scenes}
    scored = sorted(_score(text, cat).items(), key=lambda kv: (-kv[1][0], order[kv[0]]))
    rows = [
        {"scene": sid, "title": cat.scene(sid).title, "score": score, "evidence": evidence}
        for sid, (score, evidence) in scored
        if score >= threshold
    ][:top]
    return pd.DataFrame(rows, columns=["scene", "title", "score", "evidence"])


def tag_corpus(
    corpus: Corpus,
    *,
    catalogue: Catalogue | None = None,
    threshold: float = THRESHOLD,
    relative: float = RELATIVE,
    progress: bool = False,
) -> pd.DataFrame:
    """Suggested scenes for every sentence: rows (reading, sentence, scene, score, evidence).

    A sentence gets each scene scoring at least ``threshold`` and at least ``relative`` times
    its best score. ``progress=True`` prints a line every 10% of the readings.
    """
    cat = catalogue or catalogue_for(corpus)
    rows = []
    step = max(1, len(corpus) // 10)
    for i, reading in enumerate(corpus, start=1):
        for sentence in reading.sentences:
            scores = _score(sentence.text, cat)
            if not scores:
                continue
            best = max(score for score, _ in scores.values())
            for scene, (score, evidence) in scores.items():
                if score >= threshold and score >= relative * best:
                    rows.append(
                        {
                            "reading": reading.id,
                            "sentence": sentence.id,
                            "scene": scene,
                            "score": score,
                            "evidence": evidence,
                        }
                    )
        if progress and (i % step == 0 or i == len(corpus)):
            print(f"tagged {i} of {len(corpus)} readings", flush=True)
    frame = pd.DataFrame(rows, columns=["reading", "sentence", "scene", "score", "evidence"])
    frame.attrs.update(readings=corpus.ids, source="suggestions")
    return frame


# --- measuring -------------------------------------------------------------------------------


@lru_cache(maxsize=16)
def _catalogue_cached(folder: Path | None, stamps: tuple[float, ...]) -> Catalogue:
    return load_catalogue(folder)


def _catalogue_of(folder: Path | None) -> Catalogue:
    """The folder's catalogue, read again whenever one of its files has changed."""
    base = folder or bundled_readings_path()
    stamps = tuple(
        (base / f).stat().st_mtime if (base / f).exists() else 0.0 for f in _CATALOGUE_FILES
    )
    return _catalogue_cached(folder, stamps)


def catalogue_for(corpus: Corpus | None) -> Catalogue:
    """The catalogue beside a corpus's readings; the bundled one if the folder has neither
    scenes.yaml nor characters.yaml (new readings of the same film need no catalogue)."""
    folder = corpus.path if corpus is not None and corpus.path and corpus.path.is_dir() else None
    if folder is not None and not any((folder / f).is_file() for f in _CATALOGUE_FILES):
        folder = None
    return _catalogue_of(folder)


_CATALOGUE_FILES = ("scenes.yaml", "characters.yaml")


def scene_labels(corpus: Corpus, annotator: str = "reference") -> pd.DataFrame:
    """Sentence labels (reading, sentence, scene): the annotator's for the readings the
    annotator covered, the suggestions of :func:`tag_corpus` for any other reading (a new
    reading, a student's own). ``attrs["source"]`` says which were used.

    >>> from rustbone_kit import load_corpus
    >>> scene_labels(load_corpus()).attrs["source"]
    'reference'
    """
    try:
        has_file = annotations_path(corpus, annotator).is_file()
    except AnnotationError:  # a corpus built in memory has no annotations folder
        has_file = False
    covered: tuple[str, ...] = ()
    frames = []
    if has_file:
        labels = reference_labels(corpus, annotator)
        covered = labels.attrs["readings"]
        frames.append(labels)
    rest = [r for r in corpus if r.id not in covered]
    if rest:
        others = Corpus(tuple(rest), path=corpus.path)
        frames.append(tag_corpus(others)[["reading", "sentence", "scene"]])
    frame = (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(columns=["reading", "sentence", "scene"])
    )
    if not rest:
        frame.attrs["source"] = annotator
    elif covered:
        frame.attrs["source"] = f"{annotator}; suggestions for {', '.join(r.id for r in rest)}"
    else:
        frame.attrs["source"] = "suggestions"
    return frame


def _sets(labels: pd.DataFrame) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for row in labels.itertuples(index=False):
        out[row.sentence].add(row.scene)
    return out


def _universe(corpus: Corpus, a: pd.DataFrame, b: pd.DataFrame) -> list[str]:
    readings = set(a.attrs.get("readings", a.reading)) & set(b.attrs.get("readings", b.reading))
    return [s.id for r in corpus if r.id in readings for s in r.sentences]


def evaluate(suggested: pd.DataFrame, reference: pd.DataFrame, corpus: Corpus) -> dict:
    """Precision, recall and F1 per scene and overall (micro-averaged), and a confusion table.

    Both tables are sentence labels (reading, sentence, scene). Only readings present in both
    count. Returns ``{"scores": DataFrame, "overall": dict, "confusion": DataFrame}``; the
    confusion table counts sentences by (reference scene, suggested scene), "(none)" for none.
    """
    sentences = _universe(corpus, suggested, reference)
    got, want = _sets(suggested), _sets(reference)
    scenes = sorted(set(suggested.scene) | set(reference.scene))
    rows, tp_all, fp_all, fn_all = [], 0, 0, 0
    for scene in scenes:
        tp = sum(1 for s in sentences if scene in got[s] and scene in want[s])
        fp = sum(1 for s in sentences if scene in got[s] and scene not in want[s])
        fn = sum(1 for s in sentences if scene not in got[s] and scene in want[s])
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        rows.append({"scene": scene, **_prf(tp, fp, fn), "support": tp + fn})
    confusion: dict[tuple[str, str], int] = defaultdict(int)
    for s in sentences:
        for r in want[s] or {"(none)"}:
            for g in got[s] or {"(none)"}:
                confusion[(r, g)] += 1
    table = pd.Series(confusion, dtype=int).unstack(fill_value=0) if confusion else pd.DataFrame()
    table.index.name, table.columns.name = "reference", "suggested"
    return {
        "scores": pd.DataFrame(rows),
        "overall": _prf(tp_all, fp_all, fn_all),
        "confusion": table,
    }


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def _kappa(pairs: Iterable[tuple[bool, bool]]) -> float:
    pairs = list(pairs)
    n = len(pairs)
    if not n:
        return float("nan")
    observed = sum(a == b for a, b in pairs) / n
    pa, pb = sum(a for a, _ in pairs) / n, sum(b for _, b in pairs) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    return float("nan") if expected == 1 else round((observed - expected) / (1 - expected), 3)


def agreement(a: pd.DataFrame, b: pd.DataFrame, corpus: Corpus) -> dict:
    """Cohen's kappa between two annotators, per scene and overall, at sentence level.

    Each scene is a yes/no decision on each sentence of the readings both annotated; the
    overall kappa pools every (sentence, scene) decision. A scene neither annotator used has
    no kappa (NaN): agreement on "never" says nothing.
    """
    sentences = _universe(corpus, a, b)
    sa, sb = _sets(a), _sets(b)
    scenes = sorted(set(a.scene) | set(b.scene))
    rows = [
        {
            "scene": sc,
            "kappa": _kappa((sc in sa[s], sc in sb[s]) for s in sentences),
            "a": sum(sc in sa[s] for s in sentences),
            "b": sum(sc in sb[s] for s in sentences),
        }
        for sc in scenes
    ]
    pooled = _kappa((sc in sa[s], sc in sb[s]) for sc in scenes for s in sentences)
    return {
        "scores": pd.DataFrame(rows, columns=["scene", "kappa", "a", "b"]),
        "overall": pooled,
        "sentences": len(sentences),
    }
