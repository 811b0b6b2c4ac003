"""The students' copy of a course: lessons, exercises, readings and the kit, without the key.

``rustbone-kit release OUT`` writes it. Left out: ``solutions/``, the teacher's notes
(``lessons/TEACHING.md``), tests, benchmarks and CI files. The exercises' expected values are
computed from the readings by the kit itself, so a student who reads the kit's code can find
them: in self-study that is no secret worth keeping, and graded work is graded by the
teacher's own copy (``rustbone-kit grade``), never by the student's check cells.

>>> sorted(TEACHER_ONLY)[:2]
['.ci', '.git']
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .errors import KitError

__all__ = ["STUDENT_FILES", "TEACHER_ONLY", "release"]

#: What a student's copy holds, relative to the course root.
STUDENT_FILES = (
    "README.md",
    ".gitignore",
    "runtime.txt",
    "CHANGELOG.md",
    "LICENSE",
    "pyproject.toml",
    "run.py",
    "rustbone_kit",
    "readings",
    "lessons",
    "exercises",
)
#: Never copied, wherever it stands in those folders.
TEACHER_ONLY = frozenset(
    {".ci", ".git", "solutions", "tests", "benchmarks", "TEACHING.md", "__pycache__",
     ".ipynb_checkpoints", ".venv"}
)  # fmt: skip


def _ignore(folder: str, names: list[str]) -> set[str]:
    return {n for n in names if n in TEACHER_ONLY or n.endswith((".bak", ".pyc"))}


def release(root: str | Path, out: str | Path) -> list[Path]:
    """Copy the student files of the course at ``root`` into the new folder ``out``.

    ``out`` must not exist yet, or be empty: a release never writes over anything.
    Returns the top-level paths written.
    """
    root, out = Path(root).resolve(), Path(out).resolve()
    if out == root or root in out.parents:
        raise KitError(
            "the release folder is inside the course", path=out, fix="choose a folder outside it"
        )
    if out.exists() and any(out.iterdir()):
        raise KitError(
            "the folder is not empty, so nothing was written",
            path=out,
            fix="give a new folder (or empty this one first)",
        )
    missing = [name for name in ("lessons", "exercises", "readings") if not (root / name).is_dir()]
    if missing:
        raise KitError(
            f"the course has no {', '.join(missing)}", path=root, fix="run it from the course root"
        )
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in STUDENT_FILES:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, out / name, ignore=_ignore)
        elif source.is_file():
            shutil.copy2(source, out / name)
        else:
            continue
        written.append(out / name)
    return written
