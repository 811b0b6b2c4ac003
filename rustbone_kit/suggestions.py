"""Suggested scenes for any text: cue terms, the scene's own words (BM25) and its characters.

On a reading nobody has annotated, :func:`suggest_scenes` ranks the catalogue's scenes for a
sentence or passage by the cue terms and characters it finds, and, when no cue settles it,
by how well its words match each scene's description, title and one-word cues (BM25, with
the ``bm25s`` library); it shows that evidence so a student can see why and disagree.
:func:`tag_corpus` does it for every sentence.

>>> suggest_scenes("He smashes through the frozen lake with his fists.").scene.iloc[0]
'ice'
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from .catalogue import Catalogue, catalogue_for
from .corpus import Corpus
from .memo import kept
from .stoplist import STOPWORDS
from .terms import TermIndex, words_of

__all__ = ["BM25_SCALE", "RELATIVE", "THRESHOLD", "suggest_scenes", "tag_corpus"]

#: A suggestion needs at least this score (one distinctive cue scores 1).
THRESHOLD = 1.0
#: ... and, in tag_corpus, at least this share of the best score for the sentence.
RELATIVE = 0.6
#: A BM25 match this strong scores 1, as one distinctive cue does. Chosen on the reference
#: annotations of both films (benchmarks/heldout.py prints them): weaker matches are too
#: often a critic's general words, and let the reference F1 fall.
BM25_SCALE = 2.5

# Words are matched as bm25s's own tokenizer finds them (two or more letters or digits: its
# pattern r"(?u)\b\w\w+\b" keeps the kit's folded words of two characters or more), less the
# kit's stop list, and reduced to their Snowball stem.


@dataclass(frozen=True)
class _Matcher:
    index: TermIndex  # keys: ("cue", cue as written) or ("character", character id)
    weights: dict[str, dict[str, float]]  # cue -> scene -> weight
    scene_chars: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class _Words:
    """The BM25 index over each scene's words, and which of them are the scene's own."""

    bm25: Any  # a bm25s.BM25 over one document per scene, in catalogue order
    vocabulary: frozenset[str]
    own: tuple[frozenset[str], ...]  # per scene: stems of title, description, one-word cues,
    # less every word of a character's names and roles (those alone never suggest a scene)


def _matcher(cat: Catalogue) -> _Matcher:
    """The catalogue's compiled matcher, built once per catalogue object."""
    return kept(cat, "_rk_matcher", lambda: _build_matcher(cat))


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


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    """A Snowball stemmer for English (the algorithm ships with the package: no data)."""
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _stemmer().stemWord(word)


def _tokens(words: list[str]) -> list[tuple[str, str]]:
    """(word as folded, its stem) for each folded word of two or more characters not on the
    kit's stop list."""
    return [(w, _stem(w)) for w in words if len(w) > 1 and w not in STOPWORDS]


def _words(cat: Catalogue) -> _Words:
    """The catalogue's BM25 index, built once per catalogue object."""
    return kept(cat, "_rk_words", lambda: _build_words(cat))


def _build_words(cat: Catalogue) -> _Words:
    """One BM25 document per scene: its title, description and one-word cues (a phrase cue
    is the cue matcher's: its words alone, "final" or "shot", would say little), and the
    names and roles of its characters."""
    import bm25s

    people = {stem for c in cat.characters for m in c.mentions for _, stem in _tokens(words_of(m))}
    docs, own = [], []
    for scene in cat.scenes:
        words = [scene.title, scene.description]
        words += [c.rstrip("*") for c in scene.cues if not re.search(r"[\s-]", c)]
        own.append(frozenset(stem for _, stem in _tokens(words_of(" ".join(words)))) - people)
        for cid in scene.characters:
            character = cat.character(cid)
            words += [*character.names, *character.roles]
        docs.append([stem for _, stem in _tokens(words_of(" ".join(words)))])
    bm25 = bm25s.BM25()
    bm25.index(docs, show_progress=False)
    return _Words(bm25, frozenset(bm25.vocab_dict), tuple(own))


def _cue_scores(
    words: list[str], cat: Catalogue, covered: set[str]
) -> tuple[dict[str, tuple[float, list[str]]], set[str]]:
    """Each scene with a cue in the folded ``words``: its score and evidence; the characters
    named. The words that cues matched are added to ``covered``."""
    m = _matcher(cat)
    cues: dict[str, list[str]] = defaultdict(list)
    people: set[str] = set()
    scores: dict[str, float] = defaultdict(float)
    for term, at in m.index.match_words(words):
        for kind, ident in m.index.owners[term]:
            if kind == "character":
                people.add(ident)
                continue
            covered.update(words[at : at + term.length])
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
    return result, people


def _score(words: list[str], cat: Catalogue) -> dict[str, tuple[float, list[str]]]:
    """Each scene's score and evidence for a text's folded ``words``: cues and characters
    first; if no scene reaches THRESHOLD on them, every scene whose own words the text
    shares adds BM25 / BM25_SCALE, over the words that no cue has already counted."""
    covered: set[str] = set()
    result, people = _cue_scores(words, cat, covered)
    if any(score >= THRESHOLD for score, _ in result.values()):
        return result
    w = _words(cat)
    tokens = [
        (word, stem)
        for word, stem in _tokens(words)
        if stem in w.vocabulary and word not in covered  # a cue counts once
    ]
    if not tokens:
        return result
    strengths = w.bm25.get_scores([stem for _, stem in tokens])
    for i, scene in enumerate(cat.scene_ids):
        shared = list(dict.fromkeys(word for word, stem in tokens if stem in w.own[i]))
        if not shared or strengths[i] <= 0:  # names and roles alone never suggest a scene
            continue
        present = [f"character: {c}" for c in _matcher(cat).scene_chars[scene] if c in people]
        score, evidence = result.get(scene, (0.0, present))
        part = float(strengths[i]) / BM25_SCALE
        result[scene] = (round(score + part, 3), [*evidence, *(f"word: {x}" for x in shared)])
    return result


def suggest_scenes(
    text: str,
    *,
    top: int = 3,
    catalogue: Catalogue | None = None,
    threshold: float = THRESHOLD,
    corpus: Corpus | None = None,
) -> pd.DataFrame:
    """Rank scenes for a sentence or passage, with a score and the evidence behind it.

    A cue term found in the text adds 1 to each scene it belongs to, divided among the scenes
    sharing it; characters of the scene who are named (or referred to by role) add up to 0.5,
    but never suggest a scene alone. When no scene reaches :data:`THRESHOLD` that way (the
    ``threshold`` argument only filters what is listed), the text's words are matched
    against each scene's title, description, one-word cues and characters with BM25
    (stemmed, stop words left out): a scene sharing at least one of its own words (not only
    a name or role) adds its BM25 score divided by :data:`BM25_SCALE`, and the evidence
    lists those words as ``word: ...``. Scenes under ``threshold`` are not listed.
    It cannot see irony, negation ("unlike the ice scene...") or a scene retold in words
    that neither its cues nor its description use: the evidence column is there for a
    reader to check.

    The scenes are ``catalogue``, else those of ``corpus``'s course, else (neither given) the
    bundled film's: that is the documented default, so pass the corpus for another film.

    >>> suggest_scenes("Ali carries her into the sea for a swim", top=1)[["scene", "score"]]
      scene  score
    0  swim   3.25
    """
    cat = catalogue or catalogue_for(corpus)
    order = {s.id: s.order for s in cat.scenes}
    scored = sorted(_score(words_of(text), cat).items(), key=lambda kv: (-kv[1][0], order[kv[0]]))
    rows = [
        {"scene": sid, "title": cat.scene(sid).title, "score": score, "evidence": evidence}
        for sid, (score, evidence) in scored
        if score >= threshold
    ][:top]
    return pd.DataFrame(rows, columns=["scene", "title", "score", "evidence"])


def _reading_rows(reading: Any, cat: Catalogue, threshold: float, relative: float) -> list[dict]:
    """One reading's suggestion rows, worked out once per reading and catalogue version.

    A reading never changes once loaded, and an edited scenes.yaml is a new catalogue, so
    the rows are kept on the reading (every corpus that holds it shares them).
    """

    def tag() -> list[dict]:
        rows, tokens, text = [], reading.tokens, reading.text
        for sentence in reading.sentences:
            scores = _score(tokens.words_in(text, sentence.start, sentence.end), cat)
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
        return rows

    return kept(reading, "_rk_tags", tag, owner=cat, extra=(threshold, relative))


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
    its best score (scores as in :func:`suggest_scenes`). ``progress=True`` prints a line
    every 10% of the readings. Each reading is tagged once per catalogue version: a second
    call (a widget, a chart, another lesson cell) reuses the rows.
    """
    cat = catalogue or catalogue_for(corpus)
    rows = []
    step = max(1, len(corpus) // 10)
    for i, reading in enumerate(corpus, start=1):
        rows.extend(_reading_rows(reading, cat, threshold, relative))
        if progress and (i % step == 0 or i == len(corpus)):
            print(f"tagged {i} of {len(corpus)} readings", flush=True)
    frame = pd.DataFrame(rows, columns=["reading", "sentence", "scene", "score", "evidence"])
    frame.attrs.update(readings=corpus.ids, source="suggestions")
    return frame
