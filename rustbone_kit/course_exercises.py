"""A course's exercises and their key, written from its ``questions.yaml``.

Each question of a course folder's ``questions.yaml`` that has a ``text`` (the question in
full) and a ``solution`` (the teacher's answer, one expression on ``corpus``) becomes three
cells of its exercise: the question, an answer cell, and a locked check cell. The solution
notebook holds the answers between the solution markers; :func:`rustbone_kit.exercises.build`
makes the students' copy from it, as it does for the bundled exercises, so the same rules
apply (no answer ships, graded cells carry no outputs).

>>> from rustbone_kit.checks.bank import load_questions
>>> nb = solution_notebook("01_demo", [], title="A demo")
>>> [c.cell_type for c in nb.cells]
['markdown', 'code', 'markdown', 'code']
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import nbformat

from .checks.bank import Question, load_questions
from .errors import KitError
from .exercises import BEGIN, END, build
from .notebooks import execute_all, write_notebook

__all__ = ["SETUP", "solution_notebook", "write_exercises"]

#: The first code cell of every generated exercise.
SETUP = (
    "import rustbone_kit as rk\n"
    "from rustbone_kit.checks import check, progress\n\n"
    'corpus = rk.load_corpus("../readings")  # this course\'s readings folder'
)
_HOW = (
    "**How to answer:** in each answer cell, replace `None` with your answer and run the cell "
    "(Shift+Enter), then run the grey check cell under it: it says *Passed*, or *Not yet* with "
    "a hint. Questions you have not answered say *Not answered yet*. The last cell shows your "
    "progress."
)


def _variable(question: Question) -> str:
    return "answer_" + question.id.replace(".", "_")


def solution_notebook(
    lesson: str, questions: Sequence[Question], *, title: str
) -> nbformat.NotebookNode:
    """The solution notebook of exercise ``lesson`` (e.g. ``"02_one_film_many_scenes"``)."""
    v4 = nbformat.v4
    number = lesson[:2]
    cells = [
        v4.new_markdown_cell(f"# Exercise {number} · {title}\n\n{_HOW}"),
        v4.new_code_cell(SETUP),
    ]
    for q in questions:
        name = _variable(q)
        cells += [
            v4.new_markdown_cell(f"**{q.id}** {q.text or q.prompt}"),
            v4.new_code_cell(f"{BEGIN}\n{name} = {q.solution}\n{END}"),
            v4.new_code_cell(
                f'check("{q.id}", {name}, corpus=corpus)', metadata={"tags": ["check"]}
            ),
        ]
    cells += [
        v4.new_markdown_cell("## Your progress"),
        v4.new_code_cell(f'progress("{number}", corpus=corpus)'),
    ]
    nb = v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    for i, cell in enumerate(nb.cells):
        cell.id = f"{number}-{i:02d}"  # the same ids on every run: stored notebooks stay stable
    return nb


def write_exercises(folder: str | Path, out: str | Path, *, execute: bool = True) -> list[str]:
    """Write ``out/solutions`` and ``out/exercises`` from ``folder``'s questions (those with
    a text and a solution); return the exercise names. A question with a text but no
    solution, or the reverse, is refused by name, before anything is written.
    """
    bank = load_questions(Path(folder))
    half = [q.id for q in bank.values() if (q.text is None) != (q.solution is None)]
    if half:
        raise KitError(
            f"questions {', '.join(half)} have a text or a solution but not both",
            path=Path(folder) / "questions.yaml",
            fix="give each question that new-course should write both a text: and a solution:",
        )
    lessons: dict[str, list[Question]] = {}
    for q in bank.values():
        if q.solution is not None:
            lessons.setdefault(q.lesson, []).append(q)
    if not lessons:
        return []
    solutions, exercises = Path(out) / "solutions", Path(out) / "exercises"
    solutions.mkdir(parents=True, exist_ok=True)
    for lesson, questions in lessons.items():
        title = lesson[3:].replace("_", " ").capitalize()
        write_notebook(
            solution_notebook(lesson, questions, title=title), solutions / f"{lesson}.ipynb"
        )
    if execute:
        execute_all(sorted(solutions.glob("*.ipynb")))
    build(solutions, exercises, execute=execute)
    return sorted(lessons)
