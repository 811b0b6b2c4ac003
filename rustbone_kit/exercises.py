"""Student exercises generated from the teacher's solutions, kept in step.

A solution notebook (``solutions/``) marks each answer with nbgrader's delimiters::

    ### BEGIN SOLUTION
    answer_03_2 = {"reading": "marchant", "quote": "...", "claim": "..."}
    ### END SOLUTION
    check("03.2", answer_03_2)

so a teacher who uses nbgrader can give it our solutions unchanged. ``rustbone-kit exercises
build`` writes the student version to ``exercises/``: each region becomes a blank of the same
shape (``answer_03_2 = {"reading": None, "quote": None, "claim": None}``), which runs top to
bottom in a fresh kernel to store its outputs, but those of the graded cells (answer and check
cells): no stored "Passed" or answer ships. A solution with a check cell that no region
precedes, or whose blank passes a check, is refused.

A student's work is never lost: the build refuses to replace an exercise whose cells changed
since it was generated (a hash is recorded), unless ``--force``, which keeps the edited copy as
``name.ipynb.bak`` (older ones: ``.bak2`` ...). Each exercise is written once, atomically,
and not if it was saved meanwhile. ``rustbone-kit exercises check`` exits 1 when an exercise
is missing, out of date, orphaned or storing graded outputs, or a solution is refused. A
corrupt or empty notebook is an :class:`ExerciseError` naming the file, line and fix; build
and check go on with every other notebook and list every problem.

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
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .atomic import BACKUPS, FileState, backup_paths, file_state
from .errors import KitError
from .notebooks import ExecutionReport, read_notebook, run_notebook, write_notebook

__all__ = [
    "BEGIN",
    "END",
    "ExerciseError",
    "build",
    "build_exercise",
    "graded_cells",
    "out_of_date",
    "student_source",
]

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
MARKDOWN_BLANK = "*Write your answer here.*"
META = "rustbone_kit"
IGNORE_OUTPUT = "nbval-ignore-output"  # nbval runs the cell and compares no output
_CHECK_CALL = re.compile(r"\bcheck\s*\(")
#: What a stored output shows when an answer passed (the feedback, its HTML, the progress line).
_PASSED = re.compile(r"\] Passed\.|rk-passed|\b[1-9]\d* of \d+ questions passed")
_EDITED = "changed since it was generated; kept it, not replaced"
_KEEP = "rename the file to keep the student's work, or build with --force (which keeps a .bak)"
_PASSES = "the blank exercise passes a check when run, so it would publish an answer"
_REGION = f"put each answer between {BEGIN} and {END} lines in the cell before its check"
_FIXES = {
    "solution": "restore it (`git checkout -- FILE`, or a copy) or move it out of solutions/",
    "exercise": "restore the student's copy from a backup, or replace it with `rustbone-kit "
    "exercises build --force` (which keeps the broken file as .bak)",
}


def _read(path: Path, role: str) -> nbformat.NotebookNode:
    return read_notebook(path, error=ExerciseError, fix=_FIXES[role], role=role)


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


def is_check_cell(cell: nbformat.NotebookNode) -> bool:
    """Whether a code cell calls ``check(...)`` (or ``x.check(...)``)."""
    if cell.cell_type != "code" or not _CHECK_CALL.search(cell.source):
        return False
    try:
        calls = [n.func for n in ast.walk(ast.parse(cell.source)) if isinstance(n, ast.Call)]
    except SyntaxError:  # IPython magics, say: the text decides
        return True
    return any(getattr(f, "id", getattr(f, "attr", None)) == "check" for f in calls)


def graded_cells(solution: nbformat.NotebookNode) -> list[int]:
    """The indices of the graded cells: answer cells (a solution region) and check cells.

    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in (
    ...     "import x", f"{BEGIN}\\na = 1\\n{END}", 'check("01.1", a)')])
    >>> graded_cells(nb)
    [1, 2]
    """
    return [
        i
        for i, cell in enumerate(solution.cells)
        if cell.cell_type == "code" and (BEGIN in cell.source or is_check_cell(cell))
    ]


def _refuse_unguarded_checks(solution: nbformat.NotebookNode, path: str) -> None:
    """Refuse a solution with a check cell that no solution region precedes (since the last)."""
    unguarded, regions, checks = [], 0, 0
    for number, cell in enumerate(solution.cells, start=1):
        regions += cell.cell_type == "code" and BEGIN in cell.source
        if is_check_cell(cell):
            checks += 1
            if not regions:
                unguarded.append(number)
            regions = 0
    if unguarded:
        which = ", ".join(f"#{n}" for n in unguarded)
        if len(unguarded) == checks:
            which = f"none of its {checks} check cell(s) has a"
        else:
            which = f"check cell(s) {which} (of {checks}) have no"
        raise ExerciseError(
            f"{which} {BEGIN} / {END} region before it: the exercise would publish the answers",
            path=path,
            fix=_REGION,
        )


def _passing(nb: nbformat.NotebookNode) -> list[str]:
    outputs = (json.dumps(c.get("outputs", [])) for c in nb.cells)
    return [f"#{i + 1}" for i, out in enumerate(outputs) if _PASSED.search(out)]


def stored_answers(exercise: nbformat.NotebookNode, graded: Iterable[int]) -> str | None:
    """Why the exercise's stored outputs could show answers, or None if they cannot."""
    graded = set(graded) | {i for i, c in enumerate(exercise.cells) if is_check_cell(c)}
    shown = [f"#{i + 1}" for i, c in enumerate(exercise.cells) if c.get("outputs") and i in graded]
    passed = _passing(exercise)
    parts = [f"graded cell(s) {', '.join(shown)} store outputs"] if shown else []
    parts += [f'cell(s) {", ".join(passed)} store a "Passed"'] if passed else []
    return "; ".join(parts) + ": they could show the answers" if parts else None


def _cells_hash(nb: nbformat.NotebookNode) -> str:
    payload = [(c.cell_type, c.source) for c in nb.cells]
    return hashlib.sha256(json.dumps(payload).encode()).hexdigest()[:16]


def build_exercise(
    solution: nbformat.NotebookNode, *, name: str, path: str | Path | None = None
) -> nbformat.NotebookNode:
    """The student version of a solution notebook, outputs cleared (not yet executed).

    Raises :class:`ExerciseError` (naming ``path``, by default ``solutions/NAME``) for a
    malformed region, or a check cell without a solution region before it. Graded cells are
    tagged for nbval to run without comparing outputs (the exercise stores none for them).
    """
    where = str(path or f"solutions/{name}")
    _refuse_unguarded_checks(solution, where)
    nb = copy.deepcopy(solution)
    for cell in nb.cells:
        if BEGIN in cell.source:
            cell.source = student_source(cell.source, cell_type=cell.cell_type, path=where)
        cell.metadata.pop("nbgrader", None)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    for i in graded_cells(solution):
        tags = nb.cells[i].metadata.setdefault("tags", [])
        if IGNORE_OUTPUT not in tags:
            tags.append(IGNORE_OUTPUT)
    nb.metadata.pop("widgets", None)
    nb.metadata[META] = {"generated_from": f"solutions/{name}", "solution": _cells_hash(solution)}
    return nb


@dataclass(frozen=True)
class Problem:
    """An exercise that is not in step with its solution, or a notebook that cannot be read."""

    path: Path
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"

    @classmethod
    def of(cls, error: KitError) -> Problem:
        """The problem a :class:`ExerciseError` describes."""
        text = str(error).removeprefix(f"{error.path}, ").removeprefix(f"{error.path}: ")
        return cls(Path(error.path or "?"), text)


def _edited(nb: nbformat.NotebookNode) -> bool:
    """Whether a student (or anyone) changed the exercise's cells since it was generated."""
    recorded = nb.metadata.get(META, {}).get("cells")
    return recorded != _cells_hash(nb)


def _cells(nb: nbformat.NotebookNode) -> list[tuple[str, str]]:
    return [(c.cell_type, c.source) for c in nb.cells]


def out_of_date(solutions: Path, exercises: Path) -> list[Problem]:
    """Every exercise missing, out of step, orphaned or storing answers; every bad notebook
    (a corrupt file or a refused solution is a problem listed with the others, never raised)."""
    problems = []
    wanted = sorted(solutions.glob("*.ipynb"))
    for sol in wanted:
        target = exercises / sol.name
        try:
            solution = _read(sol, "solution")
            fresh = build_exercise(solution, name=sol.name, path=sol)
            if not target.exists():
                problems.append(Problem(target, "missing; run `rustbone-kit exercises build`"))
                continue
            current = _read(target, "exercise")
        except ExerciseError as error:
            problems.append(Problem.of(error))
            continue
        if _cells(current) != _cells(fresh):
            problems.append(
                Problem(target, "out of date with its solution; run `rustbone-kit exercises build`")
            )
        leak = stored_answers(current, graded_cells(solution))
        if leak:
            problems.append(Problem(target, f"{leak}; run `rustbone-kit exercises build`"))
    names = {s.name for s in wanted}
    for ex in sorted(exercises.glob("*.ipynb")):
        if ex.name not in names:
            problems.append(Problem(ex, f"has no solution in {solutions}; remove it or add one"))
    return problems


def _state(target: Path) -> FileState:  # a pipe, a folder or an unreadable file is refused
    try:
        if target.exists() and not target.is_file():
            raise IsADirectoryError(0, "not a regular file")  # never read a FIFO: it blocks
        return file_state(target)
    except OSError as error:
        raise ExerciseError(
            f"the exercise cannot be read ({error.strerror or error})",
            path=target,
            fix=_FIXES["exercise"],
        ) from None


def build(
    solutions: Path,
    exercises: Path,
    *,
    force: bool = False,
    execute: bool = True,
    names: list[str] | None = None,
) -> list[str]:
    """Generate (and run) the exercise of each solution; return what was done, line by line.

    Each line is also printed as it happens. An exercise edited since it was generated (or
    not a readable notebook) is replaced only with ``force``, its copy kept as
    ``NAME.ipynb.bak``. A corrupt solution, or one that would publish answers, is refused.
    Every other exercise is built; then an ExerciseError names each refused file (in
    ``.problems``). An unwritable file raises a KitError (``StaleFileError`` if saved since).
    """
    exercises.mkdir(parents=True, exist_ok=True)
    done: list[str] = []
    problems: list[ExerciseError] = []

    def say(line: str) -> None:
        done.append(line)
        print(line, flush=True)

    sources = sorted(solutions.glob("*.ipynb"))
    if names:
        sources = [s for s in sources if s.name in names or s.stem in names]
    for number, sol in enumerate(sources, start=1):
        step = f"[{number}/{len(sources)}]"
        target, state = exercises / sol.name, None
        try:
            solution = _read(sol, "solution")
            fresh = build_exercise(solution, name=sol.name, path=sol)
            state = _state(target)  # the write is refused if the file changes after this
            current = _read(target, "exercise") if state.digest else None
        except ExerciseError as error:
            if not (force and state is not None and error.path == str(target)):
                problems.append(error)
                say(f"{step} not built: {error}")
                continue
            current = None  # --force replaces an exercise that is not a notebook (kept as .bak)
            say(f"{step} {target}: not a readable notebook, replacing it ({error.problem})")
        fresh.metadata[META]["cells"] = _cells_hash(fresh)
        graded = graded_cells(solution)
        keep = 0
        if state.digest is not None:
            edited = current is None or _edited(current)
            fine = not edited and stored_answers(current, graded) is None
            if fine and _cells(current) == _cells(fresh):
                say(f"{step} {target}: up to date")
                continue
            if edited and not force:
                problems.append(ExerciseError(_EDITED, path=target, fix=_KEEP))
                say(f"{step} {target}: edited since built; kept")
                continue
            keep = BACKUPS if edited else 0
        seconds = run_notebook(fresh, folder=exercises) if execute else None
        if _passing(fresh):  # an answer outside any region: the blank passes its check
            problems.append(ExerciseError(_PASSES, path=sol, fix=_REGION))
            say(f"{step} not built: {problems[-1]}")
            continue
        for i in graded:  # no stored "Passed", no answer echoed
            fresh.cells[i].outputs, fresh.cells[i].execution_count = [], None
        written = write_notebook(fresh, target, backups=keep, expect=state)
        if keep:
            say(f"{step} {target}: kept a copy in {backup_paths(written, 1)[0]}")
        if seconds is None:
            say(f"{step} built {target} (not run)")
        else:
            say(f"{step} built {ExecutionReport(target, seconds, target.stat().st_size)}")
    if problems:
        error, fixes = problems[0], {e.fix for e in problems}
        if len(problems) > 1:
            error = ExerciseError(
                f"{len(problems)} of {len(sources)} exercise(s) not built: "
                + "; ".join(f"{e.path} ({e.problem})" for e in problems),
                fix=fixes.pop() if len(fixes) == 1 else "see each file's line above",
            )
        error.problems = problems
        raise error
    return done
