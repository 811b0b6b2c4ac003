"""Grade a folder of submitted exercises: one row per student, a CSV for Canvas or Moodle.

:func:`grade_folder` takes every ``.ipynb`` in a folder (one per student, any file names),
finds which exercise each one is, runs it (:mod:`.submission`), judges its answers with the
teacher's copy of the checks, and returns a :class:`Gradebook`. A submission that is corrupt,
not an exercise, empty, endless or hostile still gets its row, with the reason.

>>> book = Gradebook(["02.1", "02.2"], [Row("ana", "ana.ipynb", {"02.1": 1, "02.2": 0})])
>>> print(book.to_csv(fmt="plain").strip())
student,file,02.1,02.2,total,status
ana,ana.ipynb,1,0,1,graded
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..checks.feedback import Feedback
from ..checks.registry import check, question, reset
from ..corpus import Corpus
from ..errors import ArgumentError, KitError
from .answers import Missing
from .formats import FORMATS
from .submission import Limits, questions_of, run_submission

__all__ = ["FORMATS", "Gradebook", "Row", "grade_folder"]

_EXERCISE = re.compile(r"(?<!\d)(\d\d)_[a-z0-9_]+")


@dataclass
class Row:
    """One student's grades: points by question id, and why it is not graded, if so."""

    student: str
    file: str
    points: dict[str, int] = field(default_factory=dict)
    reason: str | None = None
    exercise: str | None = None
    feedback: list[Feedback] = field(default_factory=list)
    seconds: float = 0.0
    note: str | None = None

    @property
    def total(self) -> int:
        return sum(self.points.values())


@dataclass
class Gradebook:
    """The grades of a class for one or more exercises: question columns, student rows."""

    questions: list[str]
    rows: list[Row]

    def exercises(self) -> list[str]:
        """The exercises graded, in order."""
        return sorted({r.exercise for r in self.rows if r.exercise})

    def to_csv(
        self, *, fmt: str = "plain", roster: Mapping[str, Mapping[str, str]] | None = None
    ) -> str:
        """The gradebook as CSV text.

        ``plain``: a column per question, a total and a status. ``canvas``: Canvas's gradebook
        import (Student, ID, SIS User ID, SIS Login ID, Section, then one column per exercise
        with its points, after a "Points Possible" row). ``moodle``: a Moodle grade import
        keyed by "ID number", one column per exercise, and the status as feedback.
        """
        if fmt not in FORMATS:
            raise ArgumentError(
                f"{fmt!r} is not a grade-book format",
                field="format",
                fix=f"use one of {', '.join(FORMATS)}",
            )
        roster = roster or {}
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        exercises = self.exercises()
        possible = {
            e: sum(1 for q in self.questions if q.split(".")[0] == e[:2]) for e in exercises
        }
        if fmt == "plain":
            writer.writerow(["student", "file", *self.questions, "total", "status"])
        elif fmt == "canvas":
            head = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
            writer.writerow([*head, *(f"Exercise {e}" for e in exercises)])
            writer.writerow(["Points Possible", "", "", "", "", *(possible[e] for e in exercises)])
        else:
            writer.writerow(["ID number", "Full name", *(f"Exercise {e}" for e in exercises),
                             "Feedback"])  # fmt: skip
        for row in self.rows:
            person = roster.get(row.student, {})
            status = "graded" if row.reason is None else f"not graded: {row.reason}"
            if row.reason is None and row.note:
                status = f"graded; {row.note}"
            name = person.get("name", row.student)
            per_exercise = [row.total if row.exercise == e else "" for e in exercises]
            if fmt == "plain":
                grades = [row.points.get(q, 0) for q in self.questions]
                writer.writerow([name, row.file, *grades, row.total, status])
            elif fmt == "canvas":
                writer.writerow(
                    [name, person.get("id", ""), person.get("sis_id", row.student),
                     person.get("login", ""), person.get("section", ""), *per_exercise]
                )  # fmt: skip
            else:
                writer.writerow([person.get("id", row.student), name, *per_exercise, status])
        return out.getvalue()


def _exercise_of(nb: dict, path: Path, exercises: Mapping[str, dict]) -> str | None:
    """Which exercise a submission is: its kit metadata, else its questions, else its name."""
    meta = nb.get("metadata", {}).get("rustbone_kit", {})
    source = Path(str(meta.get("generated_from", ""))).stem
    if source in exercises:
        return source
    text = "\n".join("".join(cell.get("source", "")) for cell in nb.get("cells", []))
    asked = set(re.findall(r'check\("(\d\d\.\d+)"', text))
    asked |= {f"{a}.{b}" for a, b in re.findall(r"\banswer_(\d\d)_(\d+)\b", text)}
    for name, exercise in exercises.items():
        if asked and asked <= {q for q, _ in questions_of(exercise)}:
            return name
    match = _EXERCISE.search(path.stem)
    if match:
        for name in exercises:
            if name.startswith(match.group(1) + "_"):
                return name
    return None


def _points(qid: str, corpus: Corpus) -> int:
    """The points a question is worth (its ``points`` in questions.yaml; 1 by default)."""
    try:
        return int(getattr(question(qid, corpus), "points", 1) or 1)
    except (KitError, TypeError, ValueError):
        return 1


def _student(nb: dict, path: Path) -> str:
    meta = nb.get("metadata", {}).get("rustbone_kit", {})
    named = meta.get("student") if isinstance(meta, dict) else None
    return str(named) if named else path.stem


def _grade_one(path: Path, exercises: Mapping[str, dict], corpus: Corpus, limits: Limits) -> Row:
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
            raise ValueError("not a notebook")
    except (OSError, ValueError, UnicodeDecodeError) as error:
        return Row(
            path.stem,
            path.name,
            reason=f"the file is not a readable notebook ({type(error).__name__})",
        )
    row = Row(_student(nb, path), path.name)
    name = _exercise_of(nb, path, exercises)
    if name is None:
        row.reason = "it is not one of the kit's exercises"
        return row
    row.exercise = name
    wanted = questions_of(exercises[name])
    run = run_submission(nb, wanted, limits=limits)
    row.seconds = run.seconds
    if run.reason and not run.answers:
        row.reason = run.reason
    for qid, _ in wanted:
        answer = run.answers.get(qid)
        if isinstance(answer, Missing) or qid not in run.answers:
            feedback = Feedback(
                qid, "not answered", "The answer cell is missing from the submission."
            )
        else:
            feedback = check(qid, answer, corpus=corpus)
        row.feedback.append(feedback)
        row.points[qid] = _points(qid, corpus) if feedback.passed else 0
    if run.reason and run.answers:
        row.note = f"the run stopped early: {run.reason}"
        row.feedback.append(Feedback("run", "not yet", f"The run stopped early: {run.reason}."))
    reset()
    return row


def _exercises(folder: Path) -> dict[str, dict]:
    found = {}
    for path in sorted(folder.glob("[0-9][0-9]_*.ipynb")):
        found[path.stem] = json.loads(path.read_text(encoding="utf-8"))
    if not found:
        raise ArgumentError(
            "no exercises found",
            path=folder,
            fix="pass the teacher's exercises/ folder with --exercises",
        )
    return found


def grade_folder(
    submissions: str | Path,
    *,
    exercises: str | Path,
    corpus: Corpus,
    limits: Limits | None = None,
    workers: int = 2,
    progress: Callable[[int, int, Row], None] | None = None,
) -> Gradebook:
    """Grade every ``.ipynb`` in ``submissions`` against the teacher's ``exercises`` folder."""
    folder = Path(submissions)
    if not folder.is_dir():
        raise ArgumentError("no such folder of submissions", path=folder, fix="check the path")
    known = _exercises(Path(exercises))
    files = sorted(p for p in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    rows: list[Row] = []
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = [pool.submit(_grade_one, p, known, corpus, limits or Limits()) for p in files]
        for i, future in enumerate(futures, start=1):
            rows.append(future.result())
            if progress is not None:
                progress(i, len(files), rows[-1])
    asked = [
        q
        for name in sorted({r.exercise for r in rows if r.exercise})
        for q, _ in questions_of(known[name])
    ]
    return Gradebook(list(dict.fromkeys(asked)), rows)


def read_roster(path: str | Path) -> dict[str, dict[str, str]]:
    """A roster CSV (columns: file or student, name, id, sis_id, login, section) by student key."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows: Iterable[dict[str, str]] = csv.DictReader(handle)
        return {(r.get("file") or r.get("student") or "").removesuffix(".ipynb"): r for r in rows}
