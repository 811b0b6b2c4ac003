"""Suggested scenes for any text: cue terms and characters of the catalogue, with evidence.

On a reading nobody has annotated, :func:`suggest_scenes` ranks the catalogue's scenes for a
sentence or passage by the cue terms and characters it finds, and shows that evidence so a
student can see why and disagree; :func:`tag_corpus` does it for every sentence.

>>> suggest_scenes("He smashes through the frozen lake with his fists.").scene.iloc[0]
'ice'
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from .catalogue import Catalogue, catalogue_for
from .corpus import Corpus
from .terms import TermIndex, words_of

__all__ = ["RELATIVE", "THRESHOLD", "suggest_scenes", "tag_corpus"]

#: A suggestion needs at least this score (one distinctive cue scores 1).
THRESHOLD = 1.0
#: ... and, in tag_corpus, at least this share of the best score for the sentence.
RELATIVE = 0.6


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
