"""The question bank: ``questions.yaml`` beside the readings, read into checked questions.

Each entry of the file is a question as data (its header documents the format): an id that
never changes, the exercise (``lesson``) it belongs to, a prompt, a ``kind`` of answer (a
class of :data:`KINDS`), that kind's parameters as written, a hint and its points. Where a
parameter is computed from the readings (``expected``, ``correct``, ``data``, ``within``),
it is a computation of :mod:`~rustbone_kit.checks.expected`. Every entry goes through
:class:`~rustbone_kit.validate.Record`, so a problem names the file, line and field.

>>> bank = load_questions()
>>> len(bank), bank["02.1"].answer.expected
(53, Computed(count of silent 'ice'))
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..catalogue import CatalogueError, list_entries
from ..folders import bundled_readings_path
from ..validate import Record
from .evidence import Evidence, SceneOf
from .expected import _child, as_parameter, compile_expected
from .frames import Chart, Table
from .kinds import Answer, Choice, Number, Readings

__all__ = ["KINDS", "QUESTIONS_FILE", "Question", "QuestionBank", "load_questions"]

QUESTIONS_FILE = "questions.yaml"

#: The kinds of answer a question may take, by the name its ``kind:`` field gives.
KINDS: dict[str, type[Answer]] = {
    "number": Number,
    "choice": Choice,
    "readings": Readings,
    "table": Table,
    "chart": Chart,
    "evidence": Evidence,
    "scene_of": SceneOf,
}

_QUESTION_FIELDS = {
    "id": True,
    "lesson": True,
    "prompt": True,
    "kind": True,
    "points": False,
    "text": False,
    "solution": False,
}
_ID = re.compile(r"[0-9]{2}\.[0-9]+")
_LESSON = re.compile(r"[0-9]{2}_[a-z0-9_]+")


@dataclass(frozen=True)
class Question:
    """A question of an exercise: its id, a short prompt, and the kind of answer it takes;
    ``lesson`` is the exercise it belongs to, ``points`` what passing it is worth; ``text``
    the question in full (markdown) and ``solution`` the teacher's answer (a Python
    expression), from which ``rustbone-kit new-course`` writes the exercise and its key."""

    id: str
    prompt: str
    answer: Answer
    lesson: str = ""
    points: int = 1
    text: str | None = None
    solution: str | None = None


@dataclass(frozen=True)
class QuestionBank(Mapping[str, Question]):
    """The questions of one file, by id, in file order; ``problems`` are the entries a
    lenient load (``strict=False``) left out, each a located error."""

    questions: dict[str, Question] = field(default_factory=dict)
    problems: tuple[CatalogueError, ...] = ()
    path: Path | None = None

    def __getitem__(self, key: str) -> Question:
        return self.questions[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.questions)

    def __len__(self) -> int:
        return len(self.questions)


def _parameters(kind: type[Answer]) -> dict[str, dataclasses.Field]:
    return {f.name: f for f in dataclasses.fields(kind) if f.init}


def _required(f: dataclasses.Field) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


def _answer(rec: Record, node: yaml.Node, kind: str) -> Answer:
    """The kind's object, each parameter converted as its annotation says."""
    cls = KINDS[kind]
    params = _parameters(cls)
    values: dict[str, Any] = {}
    for name, f in params.items():
        if name not in rec.item:
            continue
        value, annotation = rec.item[name], str(f.type)
        if isinstance(value, dict) and "Callable" in annotation:
            values[name] = compile_expected(
                value,
                path=rec.path,
                line=rec.lines.get(name, rec.line),
                node=_child(node, name),
                error=rec.error,
            )
            continue
        try:
            values[name] = as_parameter(value, annotation)
        except TypeError as what:
            rec.fail(
                f"{name!r} of a question of kind {kind} must be {what}",
                name,
                "see the format in the header of questions.yaml",
            )
    try:
        return cls(**values)
    except (TypeError, ValueError) as error:  # a kind's own check of its parameters
        rec.fail(f"the {kind} question cannot be built: {error}", None, "compare the header")


def _question(rec: Record, node: yaml.Node, seen: dict[str, int]) -> Question:
    if not isinstance(rec.item, dict):
        rec.fields(_QUESTION_FIELDS)  # raises: an entry must be a mapping
    kind = rec.choice("kind", list(KINDS))
    params = _parameters(KINDS[kind])
    rec.fields({**_QUESTION_FIELDS, **{n: _required(f) for n, f in params.items()}})
    qid = rec.text("id")
    if not _ID.fullmatch(qid):
        rec.fail(f"id {qid!r} is not a question id", "id", 'write it as id: "02.1" (in quotes)')
    if qid in seen:
        rec.fail(
            f"question id {qid!r} is used twice (first on line {seen[qid]})",
            "id",
            "give every question its own id; a published id never changes",
        )
    lesson = rec.text("lesson")
    if not _LESSON.fullmatch(lesson) or lesson[:2] != qid[:2]:
        rec.fail(
            f"lesson {lesson!r} is not the exercise of question {qid}",
            "lesson",
            f"name the exercise notebook without .ipynb, starting {qid[:2]}_ "
            f"(e.g. {qid[:2]}_side_by_side)",
        )
    points = rec.number("points")
    answer = _answer(rec, node, kind)
    seen[qid] = rec.lines.get("id", rec.line or 0)
    points = 1 if points is None else points
    solution = rec.text("solution")
    if solution is not None:
        try:
            compile(solution, f"{rec.path}, question {qid}", "eval")
        except SyntaxError as error:
            rec.fail(
                f"the solution of {qid} is not a Python expression: {error.msg}",
                "solution",
                "write the answer as one expression, e.g. len(corpus.scene('ice').silent)",
            )
    return Question(qid, rec.text("prompt"), answer, lesson, points, rec.text("text"), solution)


def load_questions(folder: str | Path | None = None, *, strict: bool = True) -> QuestionBank:
    """Read ``questions.yaml`` from a readings folder (the bundled readings by default).

    With ``strict=True`` (the default) the first bad entry raises
    :class:`~rustbone_kit.catalogue.CatalogueError` (file, line, field, fix; a note counts
    the others). With ``strict=False`` the good entries load and the bad ones are listed in
    :attr:`QuestionBank.problems`. A file that is not YAML, or has no ``questions:`` list,
    raises either way.
    """
    folder = Path(folder) if folder is not None else bundled_readings_path()
    path = folder / QUESTIONS_FILE
    found: dict[str, Question] = {}
    problems: list[CatalogueError] = []
    seen: dict[str, int] = {}
    for rec, item_node in list_entries(path, "questions", "question", only_key=True):
        try:
            q = _question(rec, item_node, seen)
        except CatalogueError as error:
            problems.append(error)
            continue
        found[q.id] = q
    if strict and problems:
        first = problems[0]
        if len(problems) > 1:
            first.add_note(
                f"{len(problems) - 1} more problem(s) in {path}; list them all with "
                "load_questions(folder, strict=False)"
            )
        raise first
    return QuestionBank(found, tuple(problems), folder)
