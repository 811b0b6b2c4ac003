"""The questions by id, and :func:`check`: judge an answer, never raise, record the feedback."""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import Any

from ..corpus import Corpus, load_corpus
from ..errors import ArgumentError, UnknownIdError
from .feedback import Feedback
from .kinds import Answer

__all__ = ["Question", "check", "question", "questions", "recorded", "reset"]


@dataclass(frozen=True)
class Question:
    """A question of an exercise: its id, a short prompt, and the kind of answer it takes."""

    id: str
    prompt: str
    answer: Answer


def questions() -> dict[str, Question]:
    """Every question of every exercise, by id (from :mod:`rustbone_kit.questions`).

    Two questions with one id raise :class:`~rustbone_kit.errors.ArgumentError`.
    """
    # The questions are found by name, as plugins are: rustbone_kit.questions sits above
    # checks (its modules import the answer kinds), so checks never imports it statically.
    package = importlib.import_module("rustbone_kit.questions")
    found: dict[str, Question] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for q in getattr(module, "QUESTIONS", ()):
            if q.id in found:
                raise ArgumentError(
                    f"question id {q.id!r} is defined twice ({info.name})",
                    path=module.__file__,
                    fix="give every question its own id",
                )
            found[q.id] = q
    return found


def question(question_id: str) -> Question:
    """The question with this id.

    An unknown id raises :class:`~rustbone_kit.errors.UnknownIdError` (a ``KeyError``) that
    names the ids of that lesson.

    >>> question("02.1").prompt
    'How many readings say nothing about the ice?'
    >>> question("02.99")
    Traceback (most recent call last):
    rustbone_kit.errors.UnknownIdError: unknown question id '02.99'; ...
    """
    everything = questions()
    if question_id not in everything:
        lesson = str(question_id).split(".")[0]
        same = [q for q in everything if q.split(".")[0] == lesson] or list(everything)
        raise UnknownIdError.of("question", question_id, same)
    return everything[question_id]


_RESULTS: dict[str, Feedback] = {}
_CORPUS: list[Corpus] = []


def _default_corpus() -> Corpus:
    if not _CORPUS:
        _CORPUS.append(load_corpus())
    return _CORPUS[0]


def check(question_id: str, answer: Any, *, corpus: Corpus | None = None) -> Feedback:
    """Check an answer and say what holds; never raises, whatever ``answer`` is.

    The feedback is also recorded for :func:`~rustbone_kit.checks.progress`.

    >>> check("02.1", 4).passed
    True
    """
    qid = str(question_id)
    try:
        q = question(qid)
    except UnknownIdError as error:
        return Feedback(qid, "not yet", f"{error.problem}. Check the question id.")
    try:
        if q.answer.blank(answer):
            result = Feedback(
                qid, "not answered", "Replace None with your answer and run the cell again."
            )
        else:
            ok, message = q.answer.judge(answer, corpus or _default_corpus())
            hint = q.answer.hint.strip()
            if not ok and hint and hint not in message:
                message = f"{message.strip()} {hint}"  # every "not yet" carries the hint
            result = Feedback(qid, "passed" if ok else "not yet", message.strip())
    except Exception as error:  # a check must never show a student a traceback
        result = Feedback(
            qid, "not yet", f"This answer could not be checked ({type(error).__name__}). "
            "Look at the form the question asks for."
        )  # fmt: skip
    _RESULTS[qid] = result
    return result


def recorded() -> dict[str, Feedback]:
    """The feedback recorded so far, by question id, in the order first checked (a copy)."""
    return dict(_RESULTS)


def reset() -> None:
    """Forget the answers checked so far (a fresh start for ``progress()``)."""
    _RESULTS.clear()
