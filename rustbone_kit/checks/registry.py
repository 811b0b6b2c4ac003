"""The questions by id, and :func:`check`: judge an answer, never raise, record the feedback."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from ..corpus import Corpus, load_corpus
from ..course import course_folder
from ..errors import KitError, UnknownIdError
from ..folders import fresh
from ..terms import words_of
from .bank import QUESTIONS_FILE, Question, QuestionBank, load_questions
from .coerce import oversized
from .expected import ExpectedError
from .feedback import Feedback

__all__ = [
    "Question",
    "check",
    "question",
    "question_bank",
    "questions",
    "recorded",
    "reset",
]


def question_bank(corpus: Corpus | None = None) -> QuestionBank:
    """The questions that apply to a corpus: the ``questions.yaml`` of its folder if it has
    one, else the bundled readings' (also when ``corpus`` is None: the documented default).
    Read again whenever the file changes; a bad entry raises
    :class:`~rustbone_kit.catalogue.CatalogueError` naming the file, line and field.
    """
    folder = course_folder(corpus, QUESTIONS_FILE)
    return fresh(load_questions, folder, QUESTIONS_FILE)


def questions(corpus: Corpus | None = None) -> dict[str, Question]:
    """Every question of every exercise, by id, in file order (see :func:`question_bank`).

    >>> questions()["01.1"].prompt
    'How many of the five readings name their author?'
    """
    return dict(question_bank(corpus).questions)


def question(question_id: str, corpus: Corpus | None = None) -> Question:
    """The question with this id (among those of :func:`question_bank`).

    An unknown id raises :class:`~rustbone_kit.errors.UnknownIdError` (a ``KeyError``) that
    names the ids of that lesson.

    >>> question("02.1").prompt
    'How many readings say nothing about the ice?'
    >>> question("02.99")
    Traceback (most recent call last):
    rustbone_kit.errors.UnknownIdError: unknown question id '02.99'; ...
    """
    everything = question_bank(corpus).questions
    if question_id not in everything:
        lesson = str(question_id).split(".")[0]
        same = [q for q in everything if q.split(".")[0] == lesson] or list(everything)
        raise UnknownIdError.of("question", question_id, same)
    return everything[question_id]


class _Record(threading.local):
    """What one thread has checked: a student's notebook, or one submission being graded
    (the grader judges two at a time, and one student's answers never touch another's)."""

    def __init__(self) -> None:
        self.results: dict[str, Feedback] = {}
        self.claims: dict[str, str] = {}


_RECORD = _Record()
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
        q = question(qid, corpus)
    except UnknownIdError as error:
        return Feedback(qid, "not yet", f"{error.problem}. Check the question id.")
    except KitError as error:  # the questions file itself is broken: say where
        return Feedback(qid, "not yet", f"The questions cannot be read: {error}")
    try:
        if q.answer.blank(answer):
            result = Feedback(
                qid, "not answered", "Replace None with your answer and run the cell again."
            )
        elif (too_big := oversized(answer)) is not None:
            result = Feedback(qid, "not yet", too_big)
        else:
            chosen = corpus if corpus is not None else _default_corpus()
            ok, message = q.answer.judge_for(q, answer, chosen)
            hint = q.answer.hint.strip()
            if not ok and hint and hint not in message:
                message = f"{message.strip()} {hint}"  # every "not yet" carries the hint
            result = Feedback(qid, "passed" if ok else "not yet", message.strip())
            result = _own_claim(qid, answer, result)
    except ExpectedError as error:  # e.g. 08.1 on readings without the student's own
        result = Feedback(
            qid,
            "not yet",
            f"This question cannot be checked on these readings: {error.problem}. "
            + q.answer.hint.strip(),
        )
    except Exception as error:  # a check must never show a student a traceback
        result = Feedback(
            qid, "not yet", f"This answer could not be checked ({type(error).__name__}). "
            "Look at the form the question asks for."
        )  # fmt: skip
    _RECORD.results[qid] = result
    return result


def _claim_key(answer: Any) -> str | None:
    claim = answer.get("claim") if isinstance(answer, Mapping) else None
    return " ".join(words_of(claim)) if isinstance(claim, str) and claim.strip() else None


def _own_claim(qid: str, answer: Any, result: Feedback) -> Feedback:
    """A claim already given to another question does not pass this one too."""
    if not result.passed:
        return result
    key = _claim_key(answer)
    if key is None:
        return result
    other = next((q for q, k in _RECORD.claims.items() if k == key and q != qid), None)
    if other is not None:
        return Feedback(
            qid,
            "not yet",
            f"This is the claim you gave to {other}: each question asks for its own argument.",
        )
    _RECORD.claims[qid] = key
    return result


def recorded() -> dict[str, Feedback]:
    """The feedback recorded so far, by question id, in the order first checked (a copy)."""
    return dict(_RECORD.results)


def reset() -> None:
    """Forget the answers checked so far (a fresh start for ``progress()``)."""
    _RECORD.results.clear()
    _RECORD.claims.clear()
