"""The simple answer kinds: the :class:`Answer` base, and a number, a choice, a set of readings."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..corpus import Corpus
from .coerce import as_ids, as_number, choice_key
from .feedback import listing, quoted

__all__ = ["Answer", "Choice", "Number", "Readings"]


class Answer:
    """Base of the answer kinds: turns whatever a student passes into feedback."""

    hint: str = ""

    def judge(self, answer: Any, corpus: Corpus) -> tuple[bool, str]:
        """``(passed, message)``; raise nothing the student could cause."""
        raise NotImplementedError

    def judge_for(self, question: Any, answer: Any, corpus: Corpus) -> tuple[bool, str]:
        """:meth:`judge` for a given question (kinds that read the prompt override it)."""
        return self.judge(answer, corpus)

    def blank(self, answer: Any) -> bool:
        """Whether the answer is still the placeholder."""
        if answer is None or answer is Ellipsis:
            return True
        if isinstance(answer, str):
            return not answer.strip()
        if isinstance(answer, Mapping):
            return all(self.blank(v) for v in answer.values()) if answer else True
        if isinstance(answer, (list, tuple, set)):
            return len(answer) == 0
        return False


@dataclass(frozen=True)
class Number(Answer):
    """A count or a measure, compared with what the kit computes (within ``tolerance``)."""

    expected: Callable[[Corpus], float] | float
    tolerance: float = 0.0
    hint: str = ""

    def judge(self, answer: Any, corpus: Corpus) -> tuple[bool, str]:
        number = as_number(answer)
        if number is None:
            return False, f"Give a number (like 3), not {type(answer).__name__}. {self.hint}"
        want = self.expected(corpus) if callable(self.expected) else self.expected
        if math.isclose(float(number), float(want), abs_tol=self.tolerance):
            return True, f"{number} is right."
        return False, self.hint


@dataclass(frozen=True)
class Choice(Answer):
    """One of a fixed set of options (case, spaces and hyphens do not matter); ``correct``
    are those that pass, or a function of the corpus that computes them from the data.

    ``feedback`` gives an option its own message (why a defensible answer passes, or what a
    tempting wrong one misses). With ``several=True`` a list of options may be given; it
    passes when every option in it is correct.
    """

    options: tuple[str, ...]
    correct: tuple[str, ...] | Callable[[Corpus], Iterable[str]]
    hint: str = ""
    feedback: Mapping[str, str] = field(default_factory=dict)
    several: bool = False

    def judge(self, answer: Any, corpus: Corpus) -> tuple[bool, str]:
        by_key = {choice_key(o): o for o in self.options}
        given = as_ids(answer) if self.several and not isinstance(answer, str) else None
        keys = [choice_key(a) for a in given] if given else [choice_key(answer)]
        if not keys or any(k not in by_key for k in keys):
            return False, f"Answer with one of: {', '.join(map(repr, self.options))}."
        chosen = [by_key[k] for k in dict.fromkeys(keys)]
        correct = set(self.correct(corpus) if callable(self.correct) else self.correct)
        said = " ".join(self.feedback[c] for c in chosen if c in self.feedback)
        if all(c in correct for c in chosen):
            named = " and ".join(repr(c) for c in chosen)
            return True, f"{named} {'is' if len(chosen) == 1 else 'are'} right. {said}".strip()
        return False, (said or self.hint)


@dataclass(frozen=True)
class Readings(Answer):
    """A set of reading ids (one id, a list, a set, an array, a Series or an Index),
    compared as a set. ``also`` is a second defensible set (a broader reading of the
    question), accepted with its own message ``also_says``."""

    expected: Callable[[Corpus], Iterable[str]]
    hint: str = ""
    also: Callable[[Corpus], Iterable[str]] | None = None
    also_says: str = ""

    def judge(self, answer: Any, corpus: Corpus) -> tuple[bool, str]:
        ids = as_ids(answer)
        if ids is None:
            return False, 'Give reading ids as a list of strings, like ["marchant", "overview"].'
        unknown = [i for i in ids if i not in corpus]
        if unknown:
            return False, (
                f"No reading has the id {quoted(unknown[0])}. The ids: {listing(corpus.ids)}."
            )
        if set(ids) == set(self.expected(corpus)):
            return True, "Those are the readings."
        if self.also is not None and set(ids) == set(self.also(corpus)):
            return True, f"Those are the readings. {self.also_says}".strip()
        return False, self.hint
