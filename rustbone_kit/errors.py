"""The kit's one exception family.

Every error a user can cause names where it is (file, line, field) and how to fix it.

>>> err = ReadingError("missing field 'title'", path="x.md", line=1, field="title",
...                    fix="add 'title: ...' to the header")
>>> str(err)
"x.md, line 1, field 'title': missing field 'title'. Fix: add 'title: ...' to the header."
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path

__all__ = [
    "ArgumentError",
    "ChecksumError",
    "KitError",
    "LanguageError",
    "ReadingError",
    "StaleFileError",
    "UnknownIdError",
    "closest",
    "unknown_id_message",
]


class KitError(Exception):
    """Base class of every error rustbone-kit raises on purpose.

    ``path``, ``line`` and ``field`` say where the problem is; ``fix`` says what to do.
    """

    def __init__(
        self,
        problem: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
        fix: str | None = None,
    ) -> None:
        self.problem = problem
        self.path = str(path) if path is not None else None
        self.line = line
        self.field = field
        self.fix = fix
        super().__init__(self._message())

    @property
    def where(self) -> str:
        """``file, line N, field 'x'``: as much of the place as is known."""
        parts = []
        if self.path:
            parts.append(self.path)
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.field:
            parts.append(f"field {self.field!r}")
        return ", ".join(parts)

    def __str__(self) -> str:  # KeyError would quote the message; every KitError reads alike
        return self._message()

    def _message(self) -> str:
        text = f"{self.where}: {self.problem}" if self.where else self.problem
        if self.fix:
            end = "" if text.endswith(("?", "!")) else "."
            text = f"{text.rstrip('.')}{end} Fix: {self.fix.rstrip('.')}."
        return text


class ReadingError(KitError, ValueError):
    """A reading (or a folder of readings) that cannot be loaded as it is."""


class UnknownIdError(KitError, KeyError):
    """An id (reading, scene, theme, question ...) that the corpus or catalogue does not know.

    Also a ``KeyError``, so ``except KeyError`` keeps working.

    >>> err = UnknownIdError.of("scene", "icee", ["ice", "swim"])
    >>> isinstance(err, KeyError), err.problem
    (True, "unknown scene id 'icee'; did you mean 'ice'? Known: ice, swim")
    >>> err.fix
    'use one of the known ids'
    """

    @classmethod
    def of(
        cls, kind: str, value: object, known: Sequence[str], *, path: str | Path | None = None
    ) -> UnknownIdError:
        """The error for ``value`` not among ``known`` ids of ``kind``, with "did you mean"."""
        return cls(
            unknown_id_message(kind, value, known), path=path, fix="use one of the known ids"
        )


class ArgumentError(KitError, ValueError):
    """A function was called with a value it cannot use (also a ``ValueError``)."""


class ChecksumError(ReadingError):
    """A reading's body no longer matches the checksum in its header."""


class LanguageError(KitError, ValueError):
    """A measure whose word lists are English, asked of readings in another language.

    ``readings`` holds ``(reading id, language code)`` of each reading it refused.

    >>> err = LanguageError("no", field="language", readings=[("critique", "fr")])
    >>> err.readings, isinstance(err, ValueError)
    ((('critique', 'fr'),), True)
    """

    def __init__(self, problem: str, *, readings: Sequence[tuple[str, str]] = (), **where):
        self.readings = tuple((str(r), str(lang)) for r, lang in readings)
        super().__init__(problem, **where)


class StaleFileError(KitError):
    """A file changed on disk since it was read, so the kit refused to overwrite it."""


def closest(value: object, known: Sequence[str]) -> str | None:
    """The one "did you mean" rule of the kit: the nearest known name, or None.

    >>> closest("titel", ["title", "kind"]), closest("zzz", ["title"])
    ('title', None)
    """
    near = difflib.get_close_matches(str(value), [str(k) for k in known], n=1, cutoff=0.6)
    return near[0] if near else None


def unknown_id_message(kind: str, value: object, known: Sequence[str]) -> str:
    """``unknown scene id 'icee'; did you mean 'ice'? Known: ...``

    >>> unknown_id_message("reading", "marchand", ["bowditch", "marchant"])
    "unknown reading id 'marchand'; did you mean 'marchant'? Known: bowditch, marchant"
    """
    near = closest(value, known)
    hint = f"; did you mean {near!r}?" if near else "."
    known = [str(k) for k in known]
    shown = ", ".join(known[:KNOWN_SHOWN])
    if len(known) > KNOWN_SHOWN:  # a corpus of thousands of readings: name a few, count the rest
        shown += f" ... ({len(known) - KNOWN_SHOWN:,} more)"
    return f"unknown {kind} id {str(value)[:80]!r}{hint} Known: {shown}"


#: How many known ids an "unknown id" message names before it counts the rest.
KNOWN_SHOWN = 25
