"""Feedback in the notebook: ``check("03.2", answer)`` says passed, or gives a hint.

A check never raises, whatever it is given (``None``, a wrong type, an empty string, a
half-filled dict): a student sees a clear line of feedback, never a traceback. Checks are
keyed by question id (``"03.2"``: lesson 03, question 2), not by notebook file, so renaming
or moving a notebook changes nothing.

For interpretive questions the check looks at the *evidence*, never at the opinion: a
quotation must really occur in the reading named; a scene id must exist and match the
passage quoted; a claim must be a sentence of the student's own and cite a reading. Whether
the argument is good is for the class and the teacher.

>>> feedback = check("02.1", None)
>>> feedback.status
'not answered'
>>> print(feedback)
[02.1] Not answered yet. Replace None with your answer and run the cell again.
>>> check("02.1", "four").status
'not yet'
"""

from __future__ import annotations

import html
import importlib
import math
import pkgutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .corpus import Corpus, load_corpus
from .errors import unknown_id_message
from .text import fold, word_spans

__all__ = [
    "Answer",
    "Chart",
    "Choice",
    "Evidence",
    "Feedback",
    "Number",
    "Question",
    "Readings",
    "SceneOf",
    "Table",
    "check",
    "progress",
    "question",
    "questions",
    "reset",
]

STATUSES = ("not answered", "not yet", "passed")
_MARK = {"passed": "Passed", "not yet": "Not yet", "not answered": "Not answered yet"}


@dataclass(frozen=True)
class Feedback:
    """What a check says: the question, a status and a message (with a hint when not yet)."""

    question: str
    status: str
    message: str

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    def __str__(self) -> str:
        return f"[{self.question}] {_MARK[self.status]}. {self.message}".rstrip()

    __repr__ = __str__

    def _repr_html_(self) -> str:
        return (
            f'<div class="rk-feedback rk-{self.status.replace(" ", "-")}" role="status" '
            'style="font-size:16px;padding:.4em .8em;border-left:6px solid '
            f'{_COLOURS[self.status]}"><strong>[{html.escape(self.question)}] '
            f"{_MARK[self.status]}.</strong> {html.escape(self.message)}</div>"
        )


_COLOURS = {"passed": "#009E73", "not yet": "#E69F00", "not answered": "#999999"}


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


def _rows(frame: pd.DataFrame, columns: tuple[str, ...]) -> list[tuple]:
    """The rows as sorted tuples of text, numbers rounded to 2 places (so 18.03 = 18.0328)."""
    part = frame[list(columns)].copy()
    for column in part.columns:
        if pd.api.types.is_numeric_dtype(part[column]):
            part[column] = part[column].astype(float).round(2)
    return sorted(map(tuple, part.astype(str).to_numpy().tolist()))


@dataclass(frozen=True)
class Table(Answer):
    """A DataFrame with these columns whose rows match what the kit computes."""

    expected: Callable[[Corpus], pd.DataFrame]
    columns: tuple[str, ...]
    hint: str = ""

    def judge(self, answer: Any, corpus: Corpus) -> tuple[bool, str]:
        if not isinstance(answer, pd.DataFrame):
            return False, f"Give a table (a pandas DataFrame), not {type(answer).__name__}."
        frame = answer.reset_index() if answer.index.name in self.columns else answer
        missing = [c for c in self.columns if c not in frame.columns]
        if missing:
            return False, f"The table needs the column(s) {', '.join(missing)}. {self.hint}"
        want = self.expected(corpus)
        if len(frame) != len(want):
            return False, f"The table has {len(frame)} rows; the question wants {len(want)}."
        if _rows(frame, self.columns) == _rows(want, self.columns):
            return True, f"The table is right ({len(want)} rows)."
        return False, "The rows are there, but some values differ from the kit's."


@dataclass(frozen=True)
class Chart(Answer):
    """An altair chart with a title, this mark and these fields on these channels; with
    ``data``, its rows must also match that table on the encoded fields."""

    mark: str
    encodings: Mapping[str, str] = field(default_factory=dict)
    data: Callable[[Corpus], pd.DataFrame] | None = None
    hint: str = ""

    def judge(self, answer: Any, corpus: Corpus) -> tuple[bool, str]:
        to_dict = getattr(answer, "to_dict", None)
        if not callable(to_dict) or not type(answer).__module__.startswith("altair"):
            return False, f"Give an altair chart, not {type(answer).__name__}."
        try:
            spec = to_dict()
        except Exception as error:  # an incomplete chart cannot be drawn
            return False, f"altair cannot draw this chart yet: {error}".split("\n")[0]
        mark = spec.get("mark")
        mark = mark.get("type") if isinstance(mark, dict) else mark
        if mark != self.mark:
            return False, f"Draw it with mark_{self.mark}(), not {mark!r}. {self.hint}"
        for channel, want in self.encodings.items():
            got = spec.get("encoding", {}).get(channel, {}).get("field")
            if got != want:
                return False, f"Put {want!r} on {channel} (it has {got!r}). {self.hint}"
        if not spec.get("title"):
            return False, "Give the chart a title (.properties(title=...)) to say what it shows."
        if self.data is None:
            return True, "The chart's mark, axes and title are right."
        datasets = list(spec.get("datasets", {}).values())
        drawn = pd.DataFrame(datasets[0]) if len(datasets) == 1 else pd.DataFrame()
        fields = tuple(self.encodings.values())
        if any(f not in drawn.columns for f in fields):
            return False, "The chart does not draw a table with those columns."
        if _rows(drawn, fields) != _rows(self.data(corpus), fields):
            return False, "The chart's axes are right but its rows are not the kit's."
        return True, "The chart shows the right data."


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
            from .scenes import scene_labels

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
        from .scenes import catalogue_for

        if not isinstance(answer, Mapping) or not isinstance(answer.get("scene"), str):
            return False, "Give a dict with the keys reading, quote and scene (a scene id)."
        known = catalogue_for(corpus).scene_ids
        scene = answer["scene"].strip()
        if scene not in known:
            return False, unknown_id_message("scene", scene, known) + "."
        evidence = Evidence(reading=self.reading, scene=scene, claim=False)
        return evidence.judge(answer, corpus)


@dataclass(frozen=True)
class Question:
    """A question of an exercise: its id, a short prompt, and the kind of answer it takes."""

    id: str
    prompt: str
    answer: Answer


def questions() -> dict[str, Question]:
    """Every question of every exercise, by id (from :mod:`rustbone_kit.questions`)."""
    from . import questions as package

    found: dict[str, Question] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for q in getattr(module, "QUESTIONS", ()):
            if q.id in found:
                raise ValueError(f"question id {q.id!r} is defined twice ({info.name})")
            found[q.id] = q
    return found


def question(question_id: str) -> Question:
    """The question with this id; a KeyError names the ids of that lesson."""
    everything = questions()
    if question_id not in everything:
        lesson = str(question_id).split(".")[0]
        same = [q for q in everything if q.split(".")[0] == lesson] or list(everything)
        raise KeyError(f"no question {question_id!r}; questions: {', '.join(same)}")
    return everything[question_id]


_RESULTS: dict[str, Feedback] = {}
_CORPUS: list[Corpus] = []


def _default_corpus() -> Corpus:
    if not _CORPUS:
        _CORPUS.append(load_corpus())
    return _CORPUS[0]


def check(question_id: str, answer: Any, *, corpus: Corpus | None = None) -> Feedback:
    """Check an answer and say what holds; never raises, whatever ``answer`` is.

    The feedback is also recorded for :func:`progress`.

    >>> check("02.1", 4).passed
    True
    """
    qid = str(question_id)
    try:
        q = question(qid)
    except KeyError as error:
        return Feedback(qid, "not yet", f"{error.args[0]}. Check the question id.")
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


def reset() -> None:
    """Forget the answers checked so far (a fresh start for :func:`progress`)."""
    _RESULTS.clear()


@dataclass(frozen=True)
class Progress:
    """One row per question of a lesson: answered? passed? Shows as a table."""

    lesson: str
    rows: tuple[tuple[str, str, str], ...]

    @property
    def passed(self) -> int:
        return sum(status == "passed" for _, _, status in self.rows)

    def __str__(self) -> str:
        lines = [f"Lesson {self.lesson}: {self.passed} of {len(self.rows)} questions passed."]
        lines += [f"  {qid:6} {_MARK.get(s, s):18} {prompt}" for qid, prompt, s in self.rows]
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        body = "".join(
            f"<tr><th scope='row'>{html.escape(q)}</th><td>{html.escape(p)}</td>"
            f"<td>{html.escape(_MARK.get(s, s))}</td></tr>"
            for q, p, s in self.rows
        )
        return (
            f"<table class='rk-progress' style='font-size:16px'><caption>Lesson "
            f"{html.escape(self.lesson)}: {self.passed} of {len(self.rows)} questions "
            "passed</caption><thead><tr><th scope='col'>Question</th><th scope='col'>"
            f"Asks</th><th scope='col'>Status</th></tr></thead><tbody>{body}</tbody></table>"
        )


def progress(lesson: str | None = None) -> Progress:
    """What is answered and passed in a lesson's exercise (the last lesson checked, by default).

    >>> reset(); _ = check("02.1", 4)
    >>> print(progress("02").rows[0])
    ('02.1', 'How many readings say nothing about the ice?', 'passed')
    """
    if lesson is None:
        lesson = next(reversed(_RESULTS), "01").split(".")[0]
    lesson = str(lesson).zfill(2)
    rows = []
    for qid, q in questions().items():
        if qid.split(".")[0] == lesson:
            result = _RESULTS.get(qid)
            rows.append((qid, q.prompt, result.status if result else "not answered"))
    return Progress(lesson, tuple(rows))
