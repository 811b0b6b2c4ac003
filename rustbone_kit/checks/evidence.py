"""The argued answer kinds, :class:`Evidence` and :class:`SceneOf`: quotations checked in place."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..catalogue import catalogue_for
from ..corpus import Corpus
from ..errors import unknown_id_message
from ..scenes import scene_labels
from ..text import fold, word_spans
from .kinds import Answer

__all__ = ["Evidence", "SceneOf"]


def _words(text: str) -> int:
    return len(word_spans(text))


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

    def judge(self, answer: Any, corpus: Corpus) -> tuple[bool, str]:
        keys = ("reading", "quote", "claim") if self.claim else ("reading", "quote")
        if not isinstance(answer, Mapping):
            return False, f"Give a dict with the keys {', '.join(keys)}."
        missing = [k for k in keys if not isinstance(answer.get(k), str) or not answer[k].strip()]
        if missing:
            return False, f"Fill in {', '.join(repr(k) for k in missing)} (text, in quotes)."
        rid = answer["reading"].strip()
        if rid not in corpus:
            return False, f"No reading has the id {rid!r}. The ids: {', '.join(corpus.ids)}."
        if self.reading and rid != self.reading:
            return False, f"The question is about {self.reading!r}; quote that reading."
        reading = corpus[rid]
        quote = answer["quote"].strip().strip("\"'\u201c\u201d\u2018\u2019")
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
        if self.claim:
            claim = answer["claim"].strip()
            if _words(claim) < self.min_words:
                return False, f"Say more in the claim: a full sentence of {self.min_words}+ words."
            if fold(claim).text in needle:
                return False, "The claim repeats the quote; say in your own words what it shows."
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
            return False, unknown_id_message("scene", scene, known) + "."
        evidence = Evidence(reading=self.reading, scene=scene, claim=False)
        return evidence.judge(answer, corpus)
