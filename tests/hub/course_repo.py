"""The teacher's repository for the hub test and ``benchmarks/class.py``: the students' copy
of the kit at ``HEAD`` (``rustbone-kit release``, as docs/class.md tells a teacher to hand
out), committed in a teacher's working clone and pushed to a bare repository that the
students pull from by its ``file://`` address (:func:`make_course`, :class:`Course`).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from host import ClassroomError

ROOT = Path(__file__).resolve().parents[2]
COURSE = "rustbone-kit"  # the folder the link pulls into, in each student's home


def git(*args: str | Path, cwd: Path) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Teacher", "-c", "user.email=teacher@example.org"]
        + [str(a) for a in args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if done.returncode:
        raise ClassroomError(f"git {' '.join(map(str, args))} failed: {done.stderr.strip()}")
    return done.stdout


@dataclass
class Course:
    """The teacher's working clone and the bare repository the students pull from."""

    teacher: Path
    bare: Path

    @property
    def url(self) -> str:
        return self.bare.as_uri()

    def commit(self, message: str, files: dict[str, str | bytes]) -> str:
        """Write ``files`` (path -> text) in the teacher's clone, commit, push; the commit id."""
        for name, data in files.items():
            path = self.teacher / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data, encoding="utf-8")
        git("add", "--", *files, cwd=self.teacher)
        git("commit", "-q", "-m", message, cwd=self.teacher)
        git("push", "-q", "origin", "main", cwd=self.teacher)
        return git("rev-parse", "HEAD", cwd=self.teacher).strip()


def make_course(folder: Path) -> Course:
    """The students' copy of the kit's tree at HEAD (``release``: no solutions, teacher's
    notes, tests or benchmarks), first commit of a teacher's repository pushed to a bare one."""
    from rustbone_kit.release import release

    kit, teacher, bare = folder / "kit", folder / "teacher", folder / f"{COURSE}.git"
    kit.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", "--format=tar", "HEAD"], cwd=ROOT, capture_output=True, timeout=60
    )
    if archive.returncode:
        raise ClassroomError(f"git archive HEAD failed: {archive.stderr.decode().strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(kit, filter="data")
    release(kit, teacher)
    shutil.rmtree(kit)
    git("init", "-q", "-b", "main", cwd=teacher)
    git("add", "-A", cwd=teacher)
    git("commit", "-q", "-m", "The course as handed out", cwd=teacher)
    git("init", "-q", "--bare", "-b", "main", bare, cwd=folder)
    git("remote", "add", "origin", bare, cwd=teacher)
    git("push", "-q", "origin", "main", cwd=teacher)
    return Course(teacher, bare)
