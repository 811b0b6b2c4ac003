"""The argued answer kinds, :class:`Evidence` and :class:`SceneOf`: quotations checked in place."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import snowballstemmer

from ..annotations import load_annotations
from ..catalogue import catalogue_for
from ..corpus import Corpus
from ..errors import KitError, unknown_id_message
from ..memo import kept
from ..scenes import scene_labels
from ..sources import sources_for
from ..stoplist import is_content_word
from ..terms import words_of
from ..text import fold, word_spans
from .feedback import QUOTE_CHARS, listing, quoted
from .kinds import Answer

__all__ = ["FILLER", "Evidence", "SceneOf", "claim_problem"]


def _words(text: str) -> int:
    return len(word_spans(text))


#: Words a claim may use without saying anything of its own: they name the task, not the text.
FILLER = frozenset(
    [
        "sentence",
        "sentences",
        "quote",
        "quotes",
        "quoted",
        "quotation",
        "passage",
        "passages",
        "reading",
        "readings",
        "review",
        "reviews",
        "reviewer",
        "critic",
        "critics",
        "writer",
        "author",
        "text",
        "texts",
        "shows",
        "show",
        "showing",
        "shown",
        "says",
        "say",
        "saying",
        "said",
        "think",
        "thinks",
        "view",
        "views",
        "point",
        "points",
        "way",
        "ways",
        "thing",
        "things",
        "something",
        "really",
        "example",
        "film",
        "movie",
        "films",
        "movies",
        "scene",
        "scenes",
        "claim",
        "claims",
        "argue",
        "argues",
        "argument",
        "question",
        "answer",
        "important",
        "interesting",
        "good",
        "bad",
        "clear",
        "clearly",
        "makes",
        "make",
        "made",
        "uses",
        "use",
        "used",
    ]
)
#: The flags of page furniture: a quote from such a sentence is not evidence of criticism.
FURNITURE = ("boilerplate", "off-topic")


def _content(text: str) -> list[str]:
    return [w for w in words_of(text) if is_content_word(w)]


_STEMMER = snowballstemmer.stemmer("english")


def _stem(word: str) -> str:
    """The word's Snowball stem (swims, swimming: swim), so a claim may paraphrase."""
    return _STEMMER.stemWord(word)


def _furniture(corpus: Corpus) -> frozenset[str]:
    """Sentence ids the reference annotation flags as page furniture or off-topic."""

    def flagged() -> frozenset[str]:
        try:
            notes = load_annotations(corpus, "reference")
        except KitError:  # a folder with no reference annotation has no furniture flagged
            notes = []
        found = set()
        for note in notes:
            if note.flag in FURNITURE:
                reading = corpus[note.reading]
                found |= {
                    s.id for s in reading.sentences
                    if s.start < note.span.end and note.span.start < s.end
                }  # fmt: skip
        return frozenset(found)

    return kept(corpus, "_rk_furniture", flagged)


def _titles(corpus: Corpus) -> frozenset[tuple[str, ...]]:
    """The readings' titles and the bibliography's, as folded word sequences."""

    def folded() -> frozenset[tuple[str, ...]]:
        titles = [str(r.meta.get("title") or "") for r in corpus]
        with contextlib.suppress(KitError):  # a folder with no bibliography: readings only
            titles += [str(t) for t in sources_for(corpus).to_frame().get("title", [])]
        return frozenset(tuple(words_of(t)) for t in titles if t.strip())

    return kept(corpus, "_rk_titles", folded)


def claim_problem(claim: str, *, quote: str, focus: str, own: int, context: str = "") -> str | None:
    """What is wrong with a claim, or None: it must keep ``own`` content words of its own
    (not copied from the quote or the question, not stop words or task words) and engage
    the quotation (share a word, or its stem, with the quote, the sentence it stands in
    (``context``) or the question's focus).

    >>> claim_problem("This sentence shows the critic has a view", quote="he swims",
    ...               focus="", own=3)
    'The claim says nothing of its own yet: name what the words do, in your own words.'
    >>> claim_problem("Ali's swimming frees her from the pool and the show", quote="he swims",
    ...               focus="the swim", own=3) is None
    True
    """
    words = _content(claim)
    quoted_words, focus_words = set(_content(quote)), set(_content(focus))
    mine = {w for w in words if w not in quoted_words | focus_words and w not in FILLER}
    if len(set(words)) <= 2 and len(words) >= 4:
        return "The claim repeats a word; write a sentence that says what the quote shows."
    if len(mine) < own:
        return "The claim says nothing of its own yet: name what the words do, in your own words."
    anchors = {_stem(w) for w in quoted_words | focus_words | set(_content(context))}
    if anchors and not any(_stem(w) in anchors for w in words):
        return (
            "The claim does not touch the quotation: name or paraphrase what it quotes, "
            "then say what it shows."
        )
    return None


@dataclass(frozen=True)
class Evidence(Answer):
    """An argued answer: ``{"reading": id, "quote": words from it, "claim": your sentence}``.

    Checks that the reading exists (and is ``reading`` when the question names one), that
    the quote occurs in it word for word (case, accents and typography aside), that it
    touches a sentence labelled with ``scene`` when the question is about a scene, and that
    the claim is a sentence of at least ``min_words`` words of the student's own, not the
    quote again. ``within`` narrows the sentences a quote may come from (those with a theme
    hit, a hedge, a negative score...), computed from the corpus; ``within_says`` names them
    in the feedback.
    """

    reading: str | None = None
    scene: str | None = None
    min_words: int = 8
    claim: bool = True
    within: Callable[[Corpus], Iterable[str]] | None = None
    within_says: str = "a sentence the question asks for"
    hint: str = ""
    furniture: bool = False
    own_words: int = 3
    focus: str = ""

    def judge_for(self, question: Any, answer: Any, corpus: Corpus) -> tuple[bool, str]:
        """:meth:`judge` with the question's prompt as the focus a claim may echo."""
        focus = " ".join(p for p in (self.focus, getattr(question, "prompt", "")) if p)
        return replace(self, focus=focus).judge(answer, corpus)

    def judge(self, answer: Any, corpus: Corpus) -> tuple[bool, str]:
        keys = ("reading", "quote", "claim") if self.claim else ("reading", "quote")
        if not isinstance(answer, Mapping):
            return False, f"Give a dict with the keys {', '.join(keys)}."
        missing = [k for k in keys if not isinstance(answer.get(k), str) or not answer[k].strip()]
        if missing:
            return False, f"Fill in {', '.join(repr(k) for k in missing)} (text, in quotes)."
        rid = answer["reading"].strip()
        if rid not in corpus:
            return False, f"No reading has the id {quoted(rid)}. The ids: {listing(corpus.ids)}."
        if self.reading and rid != self.reading:
            return False, f"The question is about {self.reading!r}; quote that reading."
        reading = corpus[rid]
        quote = answer["quote"].strip().strip("\"'\u201c\u201d\u2018\u2019")
        at = -1
        if len(quote) <= 2 * len(reading.text) + 100:  # a longer quote cannot be in it
            haystack, needle = fold(reading.text), fold(quote).text
            at = haystack.text.find(needle)
        if at < 0 or _words(quote) < 2:
            return False, (
                f"That quote is not in {rid!r} word for word (at least two words). Copy it from "
                "the reading; case and curly or straight quotes do not matter."
            )
        start, end = haystack.span_to_original(at, at + len(needle))
        touched = {s.id for s in reading.sentences if s.start < end and start < s.end}
        if self.scene:
            labels = scene_labels(corpus)
            if not touched & set(labels.loc[labels.scene == self.scene, "sentence"]):
                return False, (
                    f"The quote is in {rid!r}, but not in a sentence about the scene "
                    f"{self.scene!r}. {self.hint}"
                ).rstrip()
        if self.within is not None and not touched & set(self.within(corpus)):
            return False, f"The quote is in {rid!r}, but not in {self.within_says}."
        if not self.furniture and touched and touched <= _furniture(corpus):
            return False, (
                "That is page furniture (a title, a byline, a link, a comment form) or "
                "text about something else, not the critic's own criticism: quote what "
                "the critic writes about the film."
            )
        if tuple(words_of(quote)) in _titles(corpus) or len(_content(quote)) < 2:
            return False, (
                "Quote a phrase that says something (two or more words that carry "
                "meaning), not a title or a name alone."
            )
        if self.claim:
            claim = answer["claim"].strip()
            if _words(claim) < self.min_words:
                return False, f"Say more in the claim: a full sentence of {self.min_words}+ words."
            if len(claim) <= 2 * len(needle) + 100 and fold(claim).text in needle:
                return False, "The claim repeats the quote; say in your own words what it shows."
            scene_words = ""
            if self.scene:
                s = catalogue_for(corpus).scene(self.scene)
                scene_words = f"{s.title} {s.description}"
            context = " ".join(s.text for s in reading.sentences if s.id in touched)
            problem = claim_problem(
                claim,
                quote=quote,
                focus=f"{self.focus} {scene_words}",
                own=self.own_words,
                context=context,
            )
            if problem:
                return False, f"{problem} {self.hint}".strip()
        return True, "The evidence holds: the quote is in the reading" + (
            f" and on the scene {self.scene!r}." if self.scene else "."
        )


@dataclass(frozen=True)
class SceneOf(Answer):
    """``{"reading": id, "quote": words from it, "scene": scene id}``: the scene id must exist
    (a near miss is named) and the quoted words must lie in a sentence labelled with it."""

    reading: str | None = None
    hint: str = ""

    def judge(self, answer: Any, corpus: Corpus) -> tuple[bool, str]:
        if not isinstance(answer, Mapping) or not isinstance(answer.get("scene"), str):
            return False, "Give a dict with the keys reading, quote and scene (a scene id)."
        known = catalogue_for(corpus).scene_ids
        scene = answer["scene"].strip()
        if scene not in known:
            if len(scene) > QUOTE_CHARS:  # too long to be a near miss, or to quote in full
                return False, f"unknown scene id {quoted(scene)}. Known: {listing(known, 30)}."
            return False, unknown_id_message("scene", scene, known) + "."
        evidence = Evidence(reading=self.reading, scene=scene, claim=False)
        return evidence.judge(answer, corpus)
