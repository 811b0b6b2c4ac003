"""The simple answer kinds: the :class:`Answer` base, and a number, a choice, a set of readings."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..corpus import Corpus

__all__ = ["Answer", "Choice", "Number", "Readings"]


class Answer:
    """Base of the answer kinds: turns whatever a student passes into feedback."""

    hint: str = ""

    def judge(self, answer: Any, corpus: Corpus) -> tuple[bool, str]:
        """``(passed, message)``; raise nothing the student could cause."""
        raise NotImplementedError

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


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@dataclass(frozen=True)
class Number(Answer):
    """A count or a measure, compared with what the kit computes (within ``tolerance``)."""

    expected: Callable[[Corpus], float] | float
    tolerance: float = 0.0
    hint: str = ""

    def judge(self, answer: Any, corpus: Corpus) -> tuple[bool, str]:
        if not _is_number(answer):
            return False, f"Give a number (like 3), not {type(answer).__name__}. {self.hint}"
        want = self.expected(corpus) if callable(self.expected) else self.expected
        if math.isclose(float(answer), float(want), abs_tol=self.tolerance):
            return True, f"{answer} is right."
        return False, self.hint


@dataclass(frozen=True)
class Choice(Answer):
    """One of a fixed set of options (case does not matter); ``correct`` are those that pass,
    or a function of the corpus that computes them from the data."""

    options: tuple[str, ...]
    correct: tuple[str, ...] | Callable[[Corpus], Iterable[str]]
    hint: str = ""

    def judge(self, answer: Any, corpus: Corpus) -> tuple[bool, str]:
        chosen = answer.strip().casefold() if isinstance(answer, str) else None
        by_fold = {o.casefold(): o for o in self.options}
        if chosen not in by_fold:
            return False, f"Answer with one of: {', '.join(map(repr, self.options))}."
        correct = self.correct(corpus) if callable(self.correct) else self.correct
        if by_fold[chosen] in set(correct):
            return True, f"{by_fold[chosen]!r} is right."
        return False, self.hint


def _as_ids(answer: Any) -> list[str] | None:
    if isinstance(answer, str):
        return [answer]
    if isinstance(answer, (list, tuple, set, frozenset, pd.Series, pd.Index)):
        items = list(answer)
        return items if all(isinstance(i, str) for i in items) else None
    return None


@dataclass(frozen=True)
class Readings(Answer):
    """A set of reading ids (a list, a set, or one id), compared as a set."""

    expected: Callable[[Corpus], Iterable[str]]
    hint: str = ""

    def judge(self, answer: Any, corpus: Corpus) -> tuple[bool, str]:
        ids = _as_ids(answer)
        if ids is None:
            return False, 'Give reading ids as a list of strings, like ["marchant", "overview"].'
        unknown = [i for i in ids if i not in corpus]
        if unknown:
            return False, f"No reading has the id {unknown[0]!r}. The ids: {', '.join(corpus.ids)}."
        if set(ids) == set(self.expected(corpus)):
            return True, "Those are the readings."
        return False, self.hint
