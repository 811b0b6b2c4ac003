"""Where a course's files are: the bundled readings, and the one "beside the corpus" rule.

A readings folder holds the readings and, beside them, the files that describe the course
(``scenes.yaml``, ``characters.yaml``, ``themes.yaml``, ``annotations/`` ...). Every loader
asks :func:`rustbone_kit.course.course_folder` which folder's copy of a file applies, and
:func:`fresh` reads it again only when the file has changed, so a teacher's edit is seen
without restarting.

>>> (bundled_readings_path() / "scenes.yaml").is_file()
True
>>> corpus_folder(None) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol, TypeVar

from .errors import ReadingError

__all__ = ["SLUG", "HasPath", "bundled_readings_path", "corpus_folder", "fresh"]

#: An id: lower-case letters and digits, in words joined by single hyphens.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

T = TypeVar("T")


class HasPath(Protocol):
    """Anything loaded from a folder (a corpus): it has a ``path``."""

    path: Path | None


def bundled_readings_path() -> Path:
    """The folder of readings that ships with the kit.

    Inside an installed wheel it is ``rustbone_kit/readings``; in a source checkout it is
    the repository's ``readings/`` folder.

    >>> (bundled_readings_path() / "bowditch.md").is_file()
    True
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "readings", here.parent / "readings"):
        if candidate.is_dir():
            return candidate
    raise ReadingError(
        "the bundled readings are missing from this installation",
        path=here / "readings",
        fix="reinstall the kit (pip install --force-reinstall rustbone-kit) or pass a folder",
    )


def corpus_folder(corpus: HasPath | None) -> Path | None:
    """The folder a corpus was loaded from (a single reading's own folder), or None if it was
    built in memory."""
    path = getattr(corpus, "path", None)
    if path is None:
        return None
    return path if path.is_dir() else path.parent


def _stamp(folder: Path, names: Sequence[str]) -> tuple[float, ...]:
    return tuple((folder / n).stat().st_mtime if (folder / n).exists() else 0.0 for n in names)


@lru_cache(maxsize=64)
def _cached(loader: Callable[[Path], Any], folder: Path, stamps: tuple[float, ...]) -> Any:
    return loader(folder)


def fresh(loader: Callable[[Path], T], folder: Path, *names: str) -> T:
    """``loader(folder)``, cached until one of the folder's ``names`` changes on disk.

    >>> def names(folder):
    ...     return sorted(p.name for p in folder.glob("*.yaml"))
    >>> first = fresh(names, bundled_readings_path(), "scenes.yaml")
    >>> first is fresh(names, bundled_readings_path(), "scenes.yaml"), first[:2]
    (True, ['adaptation.yaml', 'characters.yaml'])
    """
    return _cached(loader, folder, _stamp(folder, names))
