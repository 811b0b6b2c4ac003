"""The one way the kit writes a file: atomically, keeping backups, never losing the last good one.

Every file the kit writes (annotation YAML, notebooks, checksums stamped into readings) goes
through :func:`write_atomic`:

- the new content goes to a temporary file in the same folder, is flushed to disk, and only
  then replaces the file in one ``os.replace``; a crash leaves the old file or the new one,
  never half of either, and the temporary file is removed on any failure;
- the file's permission bits are kept, and a symlink stays a symlink (its target is written);
- a read-only file is refused, not overwritten;
- the previous version is kept as ``NAME.bak`` (older ones as ``NAME.bak2``, ``NAME.bak3`` ...),
  and the backups are rotated only *after* the new file is in place, so a failed save never
  costs the last good version;
- ``expect=`` refuses to overwrite a file that changed since the caller read it (two widgets
  or two browser tabs on one file).

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> target = folder / "notes.yaml"
>>> _ = write_atomic(target, "one\\n")
>>> state = file_state(target)
>>> _ = write_atomic(target, "two\\n", expect=state)
>>> target.read_text(), (folder / "notes.yaml.bak").read_text()
('two\\n', 'one\\n')
>>> write_atomic(target, "three\\n", expect=state)
Traceback (most recent call last):
...
rustbone_kit.errors.StaleFileError: ...notes.yaml: the file changed since it was read...
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import KitError, StaleFileError

__all__ = ["FileState", "backup_paths", "file_state", "write_atomic"]

#: How many earlier versions ``write_atomic`` keeps by default.
BACKUPS = 3

_FIXES = {
    errno.ENOSPC: "free some disk space and save again; the file on disk is unchanged",
    errno.EDQUOT: "free some of your disk quota and save again; the file on disk is unchanged",
    errno.EACCES: "make the folder writable (or save somewhere you may write)",
    errno.EPERM: "make the folder writable (or save somewhere you may write)",
    errno.EROFS: "save to a folder on a writable disk",
    errno.EFBIG: "the file is larger than this system allows; save less, or on another disk",
}


@dataclass(frozen=True)
class FileState:
    """What a file held when it was read: ``digest`` is None when there was no file."""

    path: Path
    digest: str | None


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_state(path: str | Path) -> FileState:
    """Remember a file's content (as a digest) to pass later as ``write_atomic(expect=...)``.

    >>> file_state("/no/such/file").digest is None
    True
    """
    path = Path(path)
    try:
        return FileState(path, _digest(path.read_bytes()))
    except FileNotFoundError:
        return FileState(path, None)


def backup_paths(path: str | Path, backups: int = BACKUPS) -> list[Path]:
    """The backup names of ``path``, newest first: ``x.bak``, ``x.bak2`` ...

    >>> [p.name for p in backup_paths("notes.yaml", 3)]
    ['notes.yaml.bak', 'notes.yaml.bak2', 'notes.yaml.bak3']
    """
    path = Path(path)
    return [
        path.with_name(path.name + (".bak" if n == 1 else f".bak{n}"))
        for n in range(1, backups + 1)
    ]


def _failed(path: Path, exc: OSError, doing: str) -> KitError:
    fix = _FIXES.get(
        exc.errno or 0, "check the folder and try again; the file on disk is unchanged"
    )
    return KitError(f"could not {doing}: {exc.strerror or exc}", path=path, fix=fix)


def _keep_previous(target: Path) -> Path:
    """A hard link to (or else a copy of) the current file, kept until the new one is in place."""
    prefix = f".{target.name}."
    for _ in range(100):
        previous = Path(tempfile.mktemp(dir=target.parent, prefix=prefix, suffix=".prev"))
        try:
            os.link(target, previous)
            return previous
        except FileExistsError:  # another writer took the name between mktemp and link
            continue
        except OSError:  # no hard links on this disk: copy instead
            break
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=prefix, suffix=".prev")
    os.close(fd)
    try:
        shutil.copy2(target, name)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return Path(name)


def _rotate(target: Path, previous: Path, backups: int) -> None:
    names = backup_paths(target, backups)
    for older, newer in zip(reversed(names[1:]), reversed(names[:-1]), strict=True):
        # another writer of the same file may have moved ``newer`` since: nothing to shift then
        with contextlib.suppress(FileNotFoundError):
            os.replace(newer, older)
    os.replace(previous, names[0])
    # rename() does nothing when both names are links to one file (two writers that kept the
    # same old version): the backup already holds it, so the extra name goes
    with contextlib.suppress(FileNotFoundError):
        os.unlink(previous)


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entry for the renamed file to disk (POSIX; best effort)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomic(
    path: str | Path,
    data: str | bytes,
    *,
    backups: int = BACKUPS,
    expect: FileState | None = None,
    encoding: str = "utf-8",
) -> Path:
    """Replace ``path`` with ``data`` in one step; return the path of the file written.

    ``backups`` earlier versions are kept (0 keeps none). With ``expect`` (from
    :func:`file_state`), a file whose content differs from what was read is refused with a
    :class:`~rustbone_kit.errors.StaleFileError`; nothing is written then. Every failure is a
    :class:`~rustbone_kit.errors.KitError` naming the file and the fix, and leaves the file
    as it was.
    """
    link = Path(path)
    target = Path(os.path.realpath(link)) if link.is_symlink() else link
    payload = data.encode(encoding) if isinstance(data, str) else data
    try:
        old = target.stat()
    except FileNotFoundError:
        old = None
    except OSError as exc:
        raise _failed(link, exc, "read the file's permissions") from exc
    if old is not None and not stat.S_ISREG(old.st_mode):
        raise KitError(
            "is not a regular file, so the kit will not replace it",
            path=link,
            fix="save under the name of a regular file",
        )
    if old is not None and not old.st_mode & stat.S_IWUSR:
        raise KitError(
            "the file is read-only, so it was not overwritten",
            path=link,
            fix=f"make it writable (chmod u+w {link.name}) or save under another name",
        )
    try:
        stale = expect is not None and file_state(target).digest != expect.digest
    except OSError as exc:
        raise _failed(link, exc, "read the file to check it is unchanged") from exc
    if stale:
        raise StaleFileError(
            "the file changed since it was read (another window or widget saved it), "
            "so it was not overwritten",
            path=link,
            fix="load it again (re-run the cell) and redo the change",
        )
    fd, name = None, None
    previous = None
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            fd = None
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        mode = stat.S_IMODE(old.st_mode) if old is not None else 0o666 & ~_umask()
        os.chmod(name, mode)
        if old is not None and backups > 0:
            previous = _keep_previous(target)
        os.replace(name, target)
        name = None
    except OSError as exc:
        raise _failed(link, exc, "save the file") from exc
    finally:
        if fd is not None:
            os.close(fd)
        if name is not None:  # the replace did not happen: remove what this call made
            for leftover in (name, previous):
                if leftover is not None:
                    with contextlib.suppress(OSError):
                        os.unlink(leftover)
    if previous is not None:
        try:
            _rotate(target, previous, backups)
        except OSError as exc:  # the new file is in place: say so, and keep the old version
            raise KitError(
                f"saved, but the previous version could not be kept as "
                f"{backup_paths(target, 1)[0].name} ({exc.strerror or exc}); "
                f"it is in {previous.name}",
                path=link,
                fix=f"rename {previous.name} if you need the previous version",
            ) from exc
    _sync_folder(target.parent)
    return target


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
