"""The one field validator every loader uses: a record's fields, located, with "did you mean".

A loader wraps each entry of a file (a reading's header, a scene, a theme, an annotation, a
row of the adaptation table) in a :class:`Record` and asks it for typed fields. Every problem
becomes the loader's own :class:`~rustbone_kit.errors.KitError` subclass, naming the file, the
line of the field (or of the entry), the field, and the fix.

>>> rec = Record({"id": "ice", "titel": "Ice"}, what="scene", path="scenes.yaml", line=4)
>>> try:
...     rec.fields({"id": True, "title": True})
... except KitError as err:
...     print(err.where, err.problem, err.fix, sep="\\n")
scenes.yaml, line 4, field 'titel'
unknown scene field 'titel'; did you mean 'title'?
rename it to 'title' (valid fields: id, title)
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn

import yaml

from .errors import KitError, closest, unknown_id_message
from .folders import SLUG

__all__ = ["LANGUAGE_CODE", "Record", "key_lines"]

#: A language code as a reading's header and a course file write it (a BCP-47 primary subtag,
#: optionally a region of two letters or three digits): en, fra, en-GB, es-419.
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:-(?:[A-Z]{2}|[0-9]{3}))?$")

_EMPTY = (None, "", [], {})
_WHOLE = re.compile(r"[0-9]+")


def key_lines(node: yaml.Node | None, first_line: int = 1) -> dict[str, int]:
    """The file line of each key of a YAML mapping node (``first_line`` is the node's first).

    >>> key_lines(yaml.compose("id: a\\ntitle: b"))
    {'id': 1, 'title': 2}
    """
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {
        str(k.value): k.start_mark.line + first_line
        for k, _ in node.value
        if isinstance(k, yaml.ScalarNode)
    }


class Record:
    """One entry of a file, checked field by field; each failure names file, line and field.

    ``line`` is the entry's line; ``lines`` the line of each of its keys, where known (from
    :func:`key_lines`), so an error points at the field's own line. ``error`` is the class
    raised (the loader's own subclass of :class:`~rustbone_kit.errors.KitError`).
    """

    def __init__(
        self,
        item: Any,
        *,
        what: str,
        path: str | Path | None,
        line: int | None,
        lines: Mapping[str, int] | None = None,
        error: type[KitError] = KitError,
    ) -> None:
        self.item, self.what, self.path, self.line = item, what, path, line
        self.lines = dict(lines or {})
        self.error = error

    @classmethod
    def of_node(
        cls, item: Any, node: yaml.Node, *, what: str, path: str | Path, error: type[KitError]
    ) -> Record:
        """A record for a YAML node of a whole file (lines counted from 1)."""
        return cls(
            item,
            what=what,
            path=path,
            line=node.start_mark.line + 1,
            lines=key_lines(node),
            error=error,
        )

    def fail(self, problem: str, field: str | None, fix: str) -> NoReturn:
        """Raise the loader's error at the field's line (the entry's if the field has none)."""
        line = self.lines.get(field, self.line) if field else self.line
        raise self.error(problem, path=self.path, line=line, field=field, fix=fix)

    def fields(self, allowed: Mapping[str, bool], *, example: str | None = None) -> None:
        """The entry is a mapping, every key is allowed (``name -> required``), none missing."""
        if not isinstance(self.item, dict):
            self.fail(
                f"each {self.what} must be a mapping of fields",
                None,
                example or f"write the {self.what} as 'field: value' lines, as in the bundled file",
            )
        valid = f"valid fields: {', '.join(allowed)}"
        for key in self.item:
            if key not in allowed:
                near = closest(key, list(allowed))
                hint = f"; did you mean {near!r}?" if near else ""
                self.fail(
                    f"unknown {self.what} field {key!r}{hint}",
                    str(key),
                    f"rename it to {near!r} ({valid})" if near else f"remove it ({valid})",
                )
        for key, required in allowed.items():
            if required and self.item.get(key) in _EMPTY:
                self.fail(f"the {self.what} has no {key!r}", key, f"add '{key}: ...' to it")

    def text(self, key: str) -> str | None:
        """The field's text (None when absent or null); refuse anything but text."""
        value = self.item.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(
                f"field {key!r} must be text",
                key,
                f'write it as {key}: "..." (in quotes), or {key}: null',
            )
        return value.strip()

    def texts(self, key: str) -> tuple[str, ...]:
        """One text or a non-empty list of texts, as a tuple."""
        value = self.item.get(key)
        if isinstance(value, str) and value.strip():
            return (value.strip(),)
        if (
            isinstance(value, list)
            and value
            and all(isinstance(v, str) and v.strip() for v in value)
        ):
            return tuple(v.strip() for v in value)
        self.fail(
            f"field {key!r} must be text or a list of texts",
            key,
            f'write {key}: "..." or list one item per line under {key}:',
        )

    def words(self, key: str) -> tuple[str, ...]:
        """A list of words or phrases (absent or null: empty)."""
        value = self.item.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(
                f"field {key!r} must be a list of words or phrases",
                key,
                f"write it as {key}: [first, second phrase, third]",
            )
        return tuple(value)

    def ids(self, key: str, known: Sequence[str], *, kind: str, fix: str) -> tuple[str, ...]:
        """A list of ids, each one of ``known`` (absent: empty)."""
        value = self.item.get(key, [])
        if value is None:
            value = []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(f"{key!r} must be a list of ids", key, f"write {key}: [first-id, second-id]")
        for ident in value:
            if ident not in known:
                self.fail(unknown_id_message(kind, ident, known), key, fix)
        return tuple(value)

    def number(self, key: str) -> int | None:
        """A whole number written as digits (None when absent)."""
        value = self.item.get(key)
        if value is None:
            return None
        if not isinstance(value, str | int) or not _WHOLE.fullmatch(str(value).strip()):
            self.fail(f"field {key!r} must be a whole number", key, f'write it as {key}: "8"')
        return int(value)

    def choice(self, key: str, allowed: Sequence[str]) -> str:
        """One of ``allowed``; a near miss is named."""
        value = self.item.get(key)
        if value not in allowed:
            near = closest(value, allowed)
            self.fail(
                f"{key} {value!r} is not one of {', '.join(allowed)}"
                + (f"; did you mean {near!r}?" if near else ""),
                key,
                f"use one of: {', '.join(allowed)}",
            )
        return value

    def slug(self, key: str = "id", seen: dict[str, int] | None = None) -> str:
        """An id: a slug, and (with ``seen``) not used by an earlier entry."""
        value = self.item.get(key)
        if not isinstance(value, str) or not SLUG.match(value):
            suggestion = re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-") or "my-id"
            self.fail(
                f"{key} {value!r} is not a slug (lower-case letters, digits and single hyphens)",
                key,
                f"write it as '{key}: {suggestion}'",
            )
        if seen is not None:
            if value in seen:
                self.fail(
                    f"{self.what} id {value!r} is used twice (first on line {seen[value]})",
                    key,
                    f"give every {self.what} its own id",
                )
            seen[value] = self.lines.get(key, self.line or 0)
        return value
