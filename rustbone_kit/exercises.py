"""Student exercises generated from the teacher's solutions, kept in step.

A solution notebook (``solutions/``) marks each answer with nbgrader's delimiters::

    ### BEGIN SOLUTION
    answer_03_2 = {"reading": "marchant", "quote": "...", "claim": "..."}
    ### END SOLUTION
    check("03.2", answer_03_2)

so a teacher who uses nbgrader can give it our solutions unchanged. ``rustbone-kit exercises
build`` writes the student version to ``exercises/``: each solution region becomes a blank of
the same shape (``answer_03_2 = {"reading": None, "quote": None, "claim": None}``), so the
blank exercise runs top to bottom and every check says "not answered yet"; then it runs the
exercise in a fresh kernel to store its outputs (the solution need not have been run first).

A student's work is never lost: each generated exercise records a hash of its cells, and the
build refuses to replace an exercise whose cells changed since (naming the file), unless
``--force``, which keeps the edited copy as ``name.ipynb.bak`` (an older one moves to
``name.ipynb.bak2`` ...). Every exercise is written once, atomically, after it ran, and not at
all if it was saved (in JupyterLab, say) while the build ran it.
``rustbone-kit exercises check`` exits 1 when an exercise is missing, out of date or has no
solution, so CI catches a solution edited without a rebuild.

>>> print(student_source('''x = 1
... ### BEGIN SOLUTION
... answer = {"reading": "marchant", "quote": "a b"}
... ### END SOLUTION
... check("02.3", answer)'''))
x = 1
answer = {"reading": None, "quote": None}  # your answer: replace each None
check("02.3", answer)
"""

from __future__ import annotations

import ast
import copy
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .atomic import BACKUPS, backup_paths, file_state
from .errors import KitError

__all__ = [
    "BEGIN",
    "END",
    "ExerciseError",
    "build",
    "build_exercise",
    "out_of_date",
    "student_source",
]

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
MARKDOWN_BLANK = "*Write your answer here.*"
META = "rustbone_kit"


class ExerciseError(KitError, ValueError):
    """A solution that cannot become an exercise, or an exercise that must not be replaced."""


def _blank(region: str, path: str) -> list[str]:
    """Placeholders of the same shape for every name the region assigns."""
    try:
        tree = ast.parse(region)
    except SyntaxError as error:
        raise ExerciseError(
            f"a solution region is not valid Python ({error.msg}, region line {error.lineno})",
            path=path,
            fix="run the solution cell and fix it",
        ) from None
    lines = []
    for node in tree.body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
            continue
        target = ast.unparse(node.targets[0])
        if isinstance(node.value, ast.Dict) and all(
            isinstance(k, ast.Constant) for k in node.value.keys
        ):
            keys = ", ".join(f"{ast.get_source_segment(region, k)}: None" for k in node.value.keys)
            lines.append(f"{target} = {{{keys}}}  # your answer: replace each None")
        else:
            lines.append(f"{target} = None  # your answer")
    return lines


def student_source(source: str, *, cell_type: str = "code", path: str = "<solution>") -> str:
    """The cell's source with each solution region replaced by its blank.

    Raises :class:`ExerciseError` for an unclosed or nested region.
    """
    out: list[str] = []
    region: list[str] | None = None
    indent = ""
    for line in source.splitlines():
        stripped = line.strip()
        if stripped == BEGIN:
            if region is not None:
                raise ExerciseError(
                    "a solution region opens inside another", path=path, fix=f"close it: {END}"
                )
            region, indent = [], line[: len(line) - len(line.lstrip())]
        elif stripped == END:
            if region is None:
                raise ExerciseError(
                    f"{END} without {BEGIN}", path=path, fix="add the opening line or remove it"
                )
            if cell_type == "code":
                body = "\n".join(r[len(indent) :] for r in region)
                out += [indent + b for b in _blank(body, path)]
            else:
                out.append(MARKDOWN_BLANK)
            region = None
        elif region is not None:
            region.append(line)
        else:
            out.append(line)
    if region is not None:
        raise ExerciseError("a solution region is never closed", path=path, fix=f"add {END}")
    return "\n".join(out)


def _cells_hash(nb: nbformat.NotebookNode) -> str:
    payload = [(c.cell_type, c.source) for c in nb.cells]
    return hashlib.sha256(json.dumps(payload).encode()).hexdigest()[:16]


def build_exercise(solution: nbformat.NotebookNode, *, name: str) -> nbformat.NotebookNode:
    """The student version of a solution notebook, outputs cleared (not yet executed)."""
    nb = copy.deepcopy(solution)
    for cell in nb.cells:
        if BEGIN in cell.source:
            cell.source = student_source(cell.source, cell_type=cell.cell_type, path=name)
        cell.metadata.pop("nbgrader", None)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb.metadata.pop("widgets", None)
    nb.metadata[META] = {"generated_from": f"solutions/{name}", "solution": _cells_hash(solution)}
    return nb


@dataclass(frozen=True)
class Problem:
    """An exercise that is not in step with its solution."""

    path: Path
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


def _edited(nb: nbformat.NotebookNode) -> bool:
    """Whether a student (or anyone) changed the exercise's cells since it was generated."""
    recorded = nb.metadata.get(META, {}).get("cells")
    return recorded != _cells_hash(nb)


def _cells(nb: nbformat.NotebookNode) -> list[tuple[str, str]]:
    return [(c.cell_type, c.source) for c in nb.cells]


def out_of_date(solutions: Path, exercises: Path) -> list[Problem]:
    """Every exercise that is missing, differs from what its solution generates, or is orphaned."""
    problems = []
    wanted = sorted(solutions.glob("*.ipynb"))
    for sol in wanted:
        target = exercises / sol.name
        if not target.exists():
            problems.append(Problem(target, "missing; run `rustbone-kit exercises build`"))
            continue
        fresh = build_exercise(nbformat.read(sol, as_version=4), name=sol.name)
        if _cells(nbformat.read(target, as_version=4)) != _cells(fresh):
            problems.append(
                Problem(target, "out of date with its solution; run `rustbone-kit exercises build`")
            )
    names = {s.name for s in wanted}
    for ex in sorted(exercises.glob("*.ipynb")):
        if ex.name not in names:
            problems.append(Problem(ex, f"has no solution in {solutions}; remove it or add one"))
    return problems


def build(
    solutions: Path,
    exercises: Path,
    *,
    force: bool = False,
    execute: bool = True,
    names: list[str] | None = None,
) -> list[str]:
    """Generate (and run) the exercise of each solution; return what was done, line by line.

    Each line is also printed as it happens. An exercise edited since it was generated is
    never replaced without ``force``; with it, the edited copy is kept as ``NAME.ipynb.bak``
    and the line says so. Raises :class:`ExerciseError` naming the first file it refuses,
    after building the others; a file that cannot be written raises
    :class:`~rustbone_kit.errors.KitError` (``StaleFileError`` if it was saved meanwhile).
    """
    from .notebooks import ExecutionReport, run_notebook, write_notebook

    exercises.mkdir(parents=True, exist_ok=True)
    done: list[str] = []
    refused = []

    def say(line: str) -> None:
        done.append(line)
        print(line, flush=True)

    sources = sorted(solutions.glob("*.ipynb"))
    if names:
        sources = [s for s in sources if s.name in names or s.stem in names]
    for number, sol in enumerate(sources, start=1):
        step = f"[{number}/{len(sources)}]"
        target = exercises / sol.name
        fresh = build_exercise(nbformat.read(sol, as_version=4), name=sol.name)
        fresh.metadata[META]["cells"] = _cells_hash(fresh)
        state = file_state(target)  # the write is refused if the file changes after this
        keep = 0
        if state.digest is not None:
            current = nbformat.read(target, as_version=4)
            edited = _edited(current)
            if not edited and _cells(current) == _cells(fresh):
                say(f"{step} {target}: up to date")
                continue
            if edited and not force:
                refused.append(target)
                say(f"{step} {target}: edited since built; kept")
                continue
            keep = BACKUPS if edited else 0
        seconds = run_notebook(fresh, folder=exercises) if execute else None
        written = write_notebook(fresh, target, backups=keep, expect=state)
        if keep:
            say(f"{step} {target}: kept a copy in {backup_paths(written, 1)[0]}")
        if seconds is None:
            say(f"{step} built {target} (not run)")
        else:
            say(f"{step} built {ExecutionReport(target, seconds, target.stat().st_size)}")
    if refused:
        raise ExerciseError(
            f"{len(refused)} exercise(s) changed since they were generated and were not replaced: "
            + ", ".join(str(p) for p in refused),
            path=refused[0],
            fix="rename the file to keep the student's work, or build with --force (which "
            "keeps a .bak copy)",
        )
    return done
