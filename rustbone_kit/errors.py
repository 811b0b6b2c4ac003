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

__all__ = ["KitError", "ReadingError", "unknown_id_message"]


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

    def _message(self) -> str:
        text = f"{self.where}: {self.problem}" if self.where else self.problem
        if self.fix:
            text = f"{text.rstrip('.')}. Fix: {self.fix.rstrip('.')}."
        return text


class ReadingError(KitError, ValueError):
    """A reading (or a folder of readings) that cannot be loaded as it is."""


def unknown_id_message(kind: str, value: object, known: Sequence[str]) -> str:
    """``unknown scene id 'icee'; did you mean 'ice'? Known: ...``

    >>> unknown_id_message("reading", "marchand", ["bowditch", "marchant"])
    "unknown reading id 'marchand'; did you mean 'marchant'? Known: bowditch, marchant"
    """
    close = difflib.get_close_matches(str(value), list(known), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown {kind} id {value!r}{hint} Known: {', '.join(known)}"
