"""A class's copy of the course kept in step with the teacher's: the pull report, the student's
own copies, and the nbgitpuller link that hands the course out.

Students get the course with an nbgitpuller link (:mod:`rustbone_kit.course_link`): the first click
clones the teacher's repository into their home, every later click pulls. nbgitpuller never
overwrites a student's edit: it commits the student's changes, then merges the teacher's with
``git merge -Xours`` (where both changed the same lines, the student's lines win), keeps a
file the student edited and the teacher deleted, and renames a student's own file that a
new file of the teacher's would replace (``name__YYYYmmddHHMMSS.ext``). What it does not do
is say what happened, or keep the teacher's lines that lost. The rule the kit adds:

1. **The student's work is the student's.** Files the teacher's repository never holds
   (``exercises/annotations/``, any ``mine/`` folder, ``*.teacher.*`` copies: the kit's
   ``.gitignore`` keeps them out of a commit) are never touched by a pull. :func:`my_copy`
   makes such a copy of an exercise (``exercises/mine/03_side_by_side.ipynb``) for a student
   who wants nothing merged into it, ever.
2. **A course file both changed stays the student's**, with the teacher's other changes
   merged in, and the teacher's whole new version is put beside it as
   ``NAME.teacher.EXT`` (:func:`teacher_copy_path`), so a fixed question is never lost
   either. A notebook the merge left unreadable gets the student's own version back (the
   merged one is kept as ``.bak``).
3. **After each pull, a report** (:func:`pull_report`, ``rustbone-kit pull-report``) lists
   the files the teacher updated, the student's files kept, where each teacher's copy went,
   and any pull that did not finish (a teacher's force-push leaves the old history behind).

The previous pull is the teacher's commit the last report saw (kept in ``.git/``, never in
the course), or else the one git's log of ``origin/<branch>`` had before the last fetch.

>>> teacher_copy_path("exercises/03_side_by_side.ipynb")
'exercises/03_side_by_side.teacher.ipynb'
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from .atomic import write_atomic
from .errors import ArgumentError, KitError

__all__ = [
    "MINE",
    "Change",
    "PullReport",
    "my_copy",
    "pull_report",
    "teacher_copy_path",
]

#: The folder name of a student's own copies; the teacher's repository never holds one.
MINE = "mine"
#: The tag of the teacher's newer copy of a file the student edited.
TEACHER_TAG = ".teacher"
STATE = "rustbone-kit-pull.json"  # in .git/: what the last report saw
NOISE = (".ipynb_checkpoints/", "__pycache__/", ".virtual_documents/")
_RENAMED = re.compile(r"^(?P<stem>.*)__\d{14}(?P<suffix>\.[^./]*)?$")
_KINDS = {"A": "new", "M": "changed", "D": "removed", "R": "renamed", "T": "changed"}


@dataclass(frozen=True)
class Change:
    """One file the teacher changed: ``kind`` is new, changed, removed or renamed."""

    path: str
    kind: str
    old: str | None = None  # a renamed file's old name


@dataclass(frozen=True)
class PullReport:
    """What the last pull did to a student's copy of the course (see the module's rule)."""

    folder: Path
    branch: str
    previous: str | None
    current: str
    updated: tuple[Change, ...] = ()
    kept: tuple[str, ...] = ()
    edited: tuple[str, ...] = ()
    teacher_copies: dict[str, str] = field(default_factory=dict)
    removed_kept: tuple[str, ...] = ()
    renamed: dict[str, str] = field(default_factory=dict)
    restored: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    files: int = 0

    def text(self) -> str:
        """The report as a student reads it."""
        lines = [f"The course in {self.folder} (branch {self.branch}), teacher's version "]
        lines[0] += (
            f"{self.current[:7]}, first pull ({self.files} files)."
            if self.previous is None
            else f"{self.previous[:7]} -> {self.current[:7]}."
        )
        lines += [f"PROBLEM: {p}" for p in self.problems]
        if self.previous == self.current:
            lines.append("Nothing new from the teacher since the last pull report.")
        if self.updated:
            lines.append(f"Updated from the teacher ({len(self.updated)}):")
            for change in self.updated:
                old = f" (was {change.old})" if change.old else ""
                lines.append(f"  {change.kind:<8} {change.path}{old}")
        lines.append(f"Your files, kept as you left them ({len(self.kept)}):")
        for path in self.kept:
            note = ""
            if path in self.teacher_copies:
                note = "  (the teacher changed it too: their lines merged where yours were not)"
            elif path in self.removed_kept:
                note = "  (the teacher removed it from the course; yours stays)"
            elif path not in self.edited:
                note = "  (your own file)"
            lines.append(f"  {path}{note}")
        if not self.kept:
            lines.append("  (none)")
        if self.teacher_copies:
            lines.append("The teacher's newer copy of a file you edited:")
            lines += [f"  {mine} -> {theirs}" for mine, theirs in self.teacher_copies.items()]
        for old, new in self.renamed.items():
            lines.append(
                f"Your file {old} was renamed {new}: the teacher added a file of that name."
            )
        for path in self.restored:
            lines.append(f"The merge broke {path}: your version is back (the merged one is .bak).")
        return "\n".join(lines)


def teacher_copy_path(path: str) -> str:
    """Where the teacher's newer copy of ``path`` goes: beside it, tagged ``.teacher``.

    >>> teacher_copy_path("exercises/03_side_by_side.ipynb")
    'exercises/03_side_by_side.teacher.ipynb'
    """
    pure = PurePosixPath(path)
    return str(pure.with_name(pure.stem + TEACHER_TAG + pure.suffix))


def my_copy(path: str | Path) -> Path:
    """The student's own copy of an exercise (``exercises/mine/NAME``), made on first use.

    An existing copy is returned unchanged, never overwritten; a path already in a ``mine/``
    folder is returned as it is. The teacher's repository never holds ``mine/``, so no pull
    ever touches the copy (checks are keyed by question id, so they work in it as well).
    """
    source = Path(path)
    if MINE in source.parts[:-1]:
        return source
    target = source.parent / MINE / source.name
    if target.exists():
        return target
    if not source.is_file():
        raise ArgumentError(
            f"{str(source)!r} is not a file to copy, e.g. 'exercises/03_side_by_side.ipynb'"
        )
    try:
        target.parent.mkdir(exist_ok=True)
    except OSError as error:
        raise KitError(f"cannot make the folder: {error}", path=target.parent) from error
    write_atomic(target, source.read_bytes(), backups=0)
    return target


def _run(top: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """``git ARGS`` in ``top``, bounded in time; a git that cannot run is a KitError."""
    try:
        return subprocess.run(["git", *args], cwd=top, capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise KitError(f"git {args[0]} failed: {error}", path=top) from error


def _git(top: Path, *args: str, check: bool = True) -> str:
    """The output of ``git ARGS`` ("" when it fails and not ``check``)."""
    done = _run(top, *args)
    if check and done.returncode:
        message = done.stderr.decode(errors="replace").strip()
        raise KitError(f"git {' '.join(args)}: {message}", path=top)
    return done.stdout.decode(errors="replace") if done.returncode == 0 else ""


def _git_path(top: Path, name: str) -> Path:
    """Where git keeps ``name`` (``.git/NAME`` in a plain clone)."""
    path = Path(_git(top, "rev-parse", "--git-path", name).strip())
    return path if path.is_absolute() else top / path


def _names(output: str) -> list[str]:
    return [name for name in output.split("\0") if name]


def _previous(top: Path, upstream: str, current: str) -> str | None:
    """The teacher's commit of the previous pull: the last report's, or git's log of the
    remote branch before the fetch that brought ``current``; None on a first pull."""
    try:
        seen = json.loads(_git_path(top, STATE).read_text(encoding="utf-8")).get("upstream")
    except (OSError, ValueError, AttributeError):
        seen = None
    if isinstance(seen, str) and _exists(top, seen):
        return seen
    try:
        log = _git_path(top, f"logs/refs/remotes/{upstream}").read_text(encoding="utf-8")
        entries = [line.split(" ", 2) for line in log.splitlines()]
    except OSError:
        return None
    for old, new, _ in reversed([e for e in entries if len(e) == 3]):
        if new == current and old != current and set(old) != {"0"}:
            return old
    return None


def _exists(top: Path, commit: str) -> bool:
    return _run(top, "cat-file", "-e", f"{commit}^{{commit}}").returncode == 0


def _notebook_readable(path: Path) -> bool:
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(nb, dict) and isinstance(nb.get("cells"), list)


def pull_report(folder: str | Path = ".", *, record: bool = True) -> PullReport:
    """Report on the last pull of the course in ``folder``, applying the module's rule.

    The teacher's newer copy of each file both changed is written beside it; with
    ``record`` (the default) the teacher's commit is remembered for the next report.
    Raises :class:`~rustbone_kit.errors.KitError` when ``folder`` is not in a git clone.
    """
    start = Path(folder).expanduser()
    if not start.is_dir():
        raise ArgumentError(f"{str(start)!r} is not a folder: give the course's folder")
    top = Path(_git(start, "rev-parse", "--show-toplevel", check=False).strip() or start)
    if not (top / ".git").exists():
        raise KitError(
            "is not a course pulled with git",
            path=start,
            fix="open the course's nbgitpuller link first, or give the folder it made",
        )
    branch = _git(top, "symbolic-ref", "--short", "-q", "HEAD", check=False).strip()
    problems = []
    if not branch:
        problems.append("your copy is on no branch (a detached HEAD): open the link again")
        branch = "main"
    upstream = f"origin/{branch}"
    current = _git(top, "rev-parse", "--verify", "-q", f"{upstream}^{{commit}}", check=False)
    current = current.strip()
    if not current:
        raise KitError(f"has no {upstream}: it was not cloned from the teacher's course", path=top)
    previous = _previous(top, upstream, current)
    merged = _run(top, "merge-base", "--is-ancestor", current, "HEAD").returncode == 0
    if not merged:
        problems.append(
            f"the teacher's version {current[:7]} is not in your copy: the last pull did not "
            "finish (if the teacher rewrote the course's history, your files are all still "
            "here: rename this folder and open the link again for a fresh copy, then copy "
            "your work across)"
        )
    if _git_path(top, "MERGE_HEAD").exists():
        problems.append("a merge stopped half-way: open the link again to finish the pull")
    base = current if merged else "HEAD"
    edited = sorted(_names(_git(top, "diff", "--name-only", "-z", "--no-renames", base, "--")))
    exclude = [f"--exclude={n}" for n in NOISE]
    untracked = sorted(_names(_git(top, "ls-files", "-z", "--others", *exclude)))
    tracked = set(_names(_git(top, "ls-files", "-z")))
    own = [
        p
        for p in untracked
        if not (
            TEACHER_TAG + "." in PurePosixPath(p).name and _original(p) in tracked | set(edited)
        )
    ]

    updated: list[Change] = []
    if previous and previous != current:
        status = _git(top, "diff", "--name-status", "-z", "-M", previous, current)
        fields = _names(status)
        while fields:
            code = fields.pop(0)
            if code[0] == "R":
                old, new = fields.pop(0), fields.pop(0)
                updated.append(Change(new, "renamed", old))
            else:
                updated.append(Change(fields.pop(0), _KINDS.get(code[0], "changed")))
    both = {c.path for c in updated if c.kind != "removed"} & set(edited)
    removed_kept = tuple(c.path for c in updated if c.kind == "removed" and (top / c.path).exists())
    copies: dict[str, str] = {}
    restored: list[str] = []
    if merged:
        for path in sorted(both):
            copies[path] = teacher_copy_path(path)
            write_atomic(
                top / copies[path], _run(top, "show", f"{current}:{path}").stdout, backups=1
            )
            if path.endswith(".ipynb") and not _notebook_readable(top / path):
                mine = _student_version(top, current, path)
                if mine is not None:
                    write_atomic(top / path, mine, backups=1)
                    restored.append(path)
    added = {c.path for c in updated if c.kind in {"new", "renamed"}}
    renamed = {}
    for path in own:
        found = _RENAMED.match(path)
        if found and found["stem"] + (found["suffix"] or "") in added:
            renamed[found["stem"] + (found["suffix"] or "")] = path
    report = PullReport(
        folder=top,
        branch=branch,
        previous=previous,
        current=current,
        updated=tuple(c for c in updated if c.path not in both and c.path not in removed_kept),
        kept=tuple(sorted({*edited, *own} - {copies[p] for p in copies})),
        edited=tuple(edited),
        teacher_copies=copies,
        removed_kept=removed_kept,
        renamed=renamed,
        restored=tuple(restored),
        problems=tuple(problems),
        files=len(tracked),
    )
    if record and merged:
        when = datetime.now(UTC).isoformat(timespec="seconds")
        payload = json.dumps({"upstream": current, "branch": branch, "reported": when})
        write_atomic(_git_path(top, STATE), payload + "\n", backups=0)
    return report


def _original(path: str) -> str:
    pure = PurePosixPath(path)
    return str(pure.with_name(pure.name.replace(TEACHER_TAG + ".", ".", 1)))


def _student_version(top: Path, current: str, path: str) -> bytes | None:
    """``path`` as the student had it before the merge that brought ``current``, if HEAD's
    copy came from that merge (and not from a later edit)."""
    merge = _git(top, "rev-list", "--merges", "-n", "1", "HEAD").strip()
    parents = _git(top, "rev-list", "--parents", "-n", "1", merge).split() if merge else []
    if len(parents) < 3 or parents[2] != current:
        return None
    if (top / path).read_bytes() != _run(top, "show", f"HEAD:{path}").stdout:
        return None
    mine = _run(top, "show", f"{parents[1]}:{path}")
    return mine.stdout if mine.returncode == 0 else None
