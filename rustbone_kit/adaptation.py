"""The adaptation and the fact-check: what the film does with its source, and claims about it.

Three files of a readings folder feed the lessons on adaptation and on checking facts:

- ``adaptation.yaml``: the source book, the stories the film draws on, and one entry per
  thing the film keeps, changes, adds or moves (:func:`load_adaptation`);
- ``claims.yaml``: claims about the film made in reviews that are not among the readings,
  each with a verdict, ``wrong`` or ``disputed`` (:func:`load_claims`);
- the annotations flagged ``factual-slip`` in the readings themselves (:func:`slips`).

Like the scene catalogue, the files hold every word about the film; the code holds none.
A malformed file raises :class:`~rustbone_kit.catalogue.CatalogueError` naming the file, the
line, the field and the fix.

>>> ad = load_adaptation()
>>> ad.collection["author"], ad.collection["number_of_stories"]
('Craig Davidson', 8)
>>> [s.id for s in ad.stories]
['rust-and-bone', 'rocket-ride']
>>> ad.changes.kind.value_counts().sort_index().to_dict()
{'added': 2, 'changed': 4, 'kept': 4, 'moved': 1}
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import pandas as pd
import yaml

from .annotations import VERDICTS, load_annotations
from .catalogue import CatalogueError, read_catalogue_file
from .corpus import SLUG, Corpus, bundled_readings_path
from .errors import unknown_id_message

__all__ = [
    "CHANGE_COLUMNS",
    "CLAIM_COLUMNS",
    "KINDS",
    "SLIP_COLUMNS",
    "STATUSES",
    "Adaptation",
    "Dispute",
    "Story",
    "load_adaptation",
    "load_claims",
    "slips",
]

#: What a change does with the source.
KINDS = ("kept", "changed", "added", "moved")
#: How the project's checked notes mark a change.
STATUSES = ("verified", "unverified", "disputed")
CHANGE_COLUMNS = (
    "id",
    "kind",
    "story",
    "in_story",
    "in_film",
    "credited_to",
    "source",
    "status",
)
CLAIM_COLUMNS = ("id", "claim", "verdict", "fact", "source")
SLIP_COLUMNS = ("reading", "text", "note", "verdict", "source", "line")

# Fields of each kind of entry: name -> required.
_TOP_FIELDS = {"film": False, "collection": True, "stories": True, "changes": True}
_COLLECTION_FIELDS = {
    "author": True,
    "nationality": False,
    "title": True,
    "year": True,
    "number_of_stories": False,
    "form": True,
    "source": True,
}
_STORY_FIELDS = {"id": True, "title": True, "summary": True, "source": True, "disputed": False}
_DISPUTE_FIELDS = {"claim": True, "says": True, "source": True}
_CHANGE_FIELDS = {
    "id": True,
    "kind": True,
    "story": False,
    "in_story": False,
    "in_film": True,
    "credited_to": False,
    "source": True,
    "status": True,
}
_CLAIM_FIELDS = {"id": True, "claim": True, "verdict": True, "fact": True, "source": True}


@dataclass(frozen=True)
class Dispute:
    """One side of a point on which the sources disagree: what is claimed, by whom, where."""

    claim: str
    says: str
    source: str


@dataclass(frozen=True)
class Story:
    """A story of the source book that the film draws on."""

    id: str
    title: str
    summary: str
    source: tuple[str, ...]
    disputed: tuple[Dispute, ...] = ()


@dataclass(frozen=True, eq=False)
class Adaptation:
    """The source book (``collection``), its stories, and the changes as a tidy table."""

    collection: dict[str, Any]
    stories: tuple[Story, ...]
    changes: pd.DataFrame
    film: str | None = None
    path: Path | None = None

    @property
    def story_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.stories)

    def story(self, story_id: str) -> Story:
        """The story with this id; a KeyError suggests the nearest id."""
        for story in self.stories:
            if story.id == story_id:
                return story
        raise KeyError(unknown_id_message("story", story_id, self.story_ids))


# --- reading and checking ----------------------------------------------------------------


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _key_nodes(node: yaml.Node) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """Each key of a mapping node, with its key node and value node."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def _read(path: Path) -> tuple[dict[str, Any], yaml.Node]:
    data, node = read_catalogue_file(path)
    if not isinstance(data, dict):
        raise CatalogueError(
            "expected 'field: value' lines at the top of the file",
            path=path,
            line=1,
            fix=f"start from the bundled {path.name} and keep its layout",
        )
    return data, node


class _Checker:
    """Checks one entry (a mapping) of a file; every error names the file, line and field."""

    def __init__(self, path: Path, item: Any, node: yaml.Node, what: str) -> None:
        self.path, self.item, self.what = path, item, what
        self.line = _line(node)
        self.keys = _key_nodes(node)

    def fail(self, problem: str, field: str | None, fix: str) -> NoReturn:
        line = _line(self.keys[field][0]) if field in self.keys else self.line
        raise CatalogueError(problem, path=self.path, line=line, field=field, fix=fix)

    def fields(self, allowed: dict[str, bool]) -> None:
        if not isinstance(self.item, dict):
            raise CatalogueError(
                f"each {self.what} must be a mapping of fields",
                path=self.path,
                line=self.line,
                fix=f"write the {self.what} as 'field: value' lines, as in the bundled file",
            )
        for key in self.item:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), list(allowed), n=1)
                self.fail(
                    f"unknown {self.what} field {key!r}"
                    + (f"; did you mean {close[0]!r}?" if close else ""),
                    str(key),
                    f"use only: {', '.join(allowed)}",
                )
        for key, required in allowed.items():
            if required and self.item.get(key) in (None, "", [], {}):
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
        """One text or a list of texts, as a tuple."""
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
            f'write {key}: "..." or list one address per line under {key}:',
        )

    def number(self, key: str) -> int | None:
        value = self.item.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not re.fullmatch(r"[0-9]+", value.strip()):
            self.fail(f"field {key!r} must be a whole number", key, f'write it as {key}: "8"')
        return int(value)

    def choice(self, key: str, allowed: Sequence[str]) -> str:
        value = self.item[key]
        if value not in allowed:
            close = difflib.get_close_matches(str(value), list(allowed), n=1)
            self.fail(
                f"{key} {value!r} is not one of {', '.join(allowed)}"
                + (f"; did you mean {close[0]!r}?" if close else ""),
                key,
                f"use one of: {', '.join(allowed)}",
            )
        return value

    def slug(self, seen: dict[str, int]) -> str:
        value = self.item["id"]
        if not isinstance(value, str) or not SLUG.match(value):
            self.fail(
                f"id {value!r} is not a slug",
                "id",
                "use lower-case letters, digits and single hyphens",
            )
        if value in seen:
            self.fail(
                f"{self.what} id {value!r} is used twice (first on line {seen[value]})",
                "id",
                f"give every {self.what} its own id",
            )
        seen[value] = self.line
        return value


def _section(
    data: dict[str, Any], node: yaml.Node, path: Path, key: str, kind: type
) -> list[tuple[Any, yaml.Node]]:
    """A top-level section: a list's items (or a mapping), each with its node."""
    value = data.get(key)
    key_node, value_node = _key_nodes(node).get(key, (node, node))
    if not isinstance(value, kind):
        shape = "a list of '- id: ...' entries" if kind is list else "a mapping of fields"
        raise CatalogueError(
            f"'{key}:' must be {shape}",
            path=path,
            line=_line(key_node),
            field=key,
            fix=f"write '{key}:' followed by {shape}, as in the bundled file",
        )
    if kind is dict:
        return [(value, value_node)]
    return list(zip(value, value_node.value, strict=True))


def _top_fields(
    data: dict[str, Any], node: yaml.Node, path: Path, allowed: dict[str, bool]
) -> _Checker:
    top = _Checker(path, data, node, "top-level")
    top.line = 1
    top.fields(allowed)
    return top


def _disputes(checker: _Checker, node: yaml.Node, path: Path) -> tuple[Dispute, ...]:
    value = checker.item.get("disputed")
    if value is None:
        return ()
    if not isinstance(value, list):
        checker.fail(
            "'disputed' must be a list of {claim, says, source} entries",
            "disputed",
            "list one '- claim: ...' entry per claim, with 'says:' and 'source:'",
        )
    items = _key_nodes(node)["disputed"][1].value
    result = []
    for item, item_node in zip(value, items, strict=True):
        entry = _Checker(path, item, item_node, "disputed claim")
        entry.fields(_DISPUTE_FIELDS)
        result.append(
            Dispute(claim=entry.text("claim"), says=entry.text("says"), source=entry.text("source"))
        )
    return tuple(result)


def load_adaptation(folder: str | Path | None = None) -> Adaptation:
    """Read ``adaptation.yaml`` from a readings folder (the bundled readings by default).

    Raises :class:`~rustbone_kit.catalogue.CatalogueError` naming the file, line, field and
    fix for a missing file, an unknown or missing field, a bad ``kind`` or ``status``, a
    change naming an unknown story, and an id used twice.

    >>> ad = load_adaptation()
    >>> ad.changes.set_index("id").loc["both-legs", ["in_story", "in_film"]].tolist()
    ['The trainer loses one leg.', 'The trainer loses both legs.']
    >>> [d.says for d in ad.story("rocket-ride").disputed]
    ['Kirkus Reviews', 'Publishers Weekly']
    """
    folder = Path(folder) if folder is not None else bundled_readings_path()
    path = folder / "adaptation.yaml"
    data, node = _read(path)
    film = _top_fields(data, node, path, _TOP_FIELDS).text("film")

    ((item, item_node),) = _section(data, node, path, "collection", dict)
    entry = _Checker(path, item, item_node, "collection")
    entry.fields(_COLLECTION_FIELDS)
    collection = {
        "author": entry.text("author"),
        "nationality": entry.text("nationality"),
        "title": entry.text("title"),
        "year": entry.number("year"),
        "number_of_stories": entry.number("number_of_stories"),
        "form": entry.text("form"),
        "source": entry.texts("source"),
    }

    stories, seen = [], {}
    for item, item_node in _section(data, node, path, "stories", list):
        entry = _Checker(path, item, item_node, "story")
        entry.fields(_STORY_FIELDS)
        stories.append(
            Story(
                id=entry.slug(seen),
                title=entry.text("title"),
                summary=entry.text("summary"),
                source=entry.texts("source"),
                disputed=_disputes(entry, item_node, path),
            )
        )

    story_ids = tuple(seen)
    rows, seen = [], {}
    for item, item_node in _section(data, node, path, "changes", list):
        entry = _Checker(path, item, item_node, "change")
        entry.fields(_CHANGE_FIELDS)
        row = {"id": entry.slug(seen), "kind": entry.choice("kind", KINDS)}
        row["story"] = entry.text("story")
        if row["story"] is not None and row["story"] not in story_ids:
            entry.fail(
                unknown_id_message("story", row["story"], story_ids),
                "story",
                "use an id from the 'stories:' list, or story: null",
            )
        row["in_story"] = entry.text("in_story")
        if row["kind"] == "added" and row["in_story"] is not None:
            entry.fail(
                "an added change has nothing in the story",
                "in_story",
                "write in_story: null, or choose another kind",
            )
        if row["kind"] != "added" and row["in_story"] is None:
            entry.fail(
                f"a {row['kind']} change needs 'in_story'",
                "in_story",
                "say what the story has, or use kind: added",
            )
        row["in_film"] = entry.text("in_film")
        row["credited_to"] = entry.text("credited_to")
        row["source"] = entry.text("source")
        row["status"] = entry.choice("status", STATUSES)
        rows.append(row)

    return Adaptation(
        collection=collection,
        stories=tuple(stories),
        changes=pd.DataFrame(rows, columns=list(CHANGE_COLUMNS)),
        film=film,
        path=path,
    )


def load_claims(folder: str | Path | None = None) -> pd.DataFrame:
    """Read ``claims.yaml``: one row per claim made elsewhere, with its verdict and the fact.

    Columns: ``id``, ``claim``, ``verdict`` (``wrong`` or ``disputed``), ``fact``, ``source``.
    Raises :class:`~rustbone_kit.catalogue.CatalogueError` as :func:`load_adaptation` does.

    >>> claims = load_claims()
    >>> claims.verdict.value_counts().to_dict()
    {'wrong': 5, 'disputed': 3}
    >>> claims.set_index("id").loc["marine-biologist", "fact"]
    'Stéphanie trains orcas at Marineland.'
    """
    folder = Path(folder) if folder is not None else bundled_readings_path()
    path = folder / "claims.yaml"
    data, node = _read(path)
    _top_fields(data, node, path, {"claims": True})
    rows, seen = [], {}
    for item, item_node in _section(data, node, path, "claims", list):
        entry = _Checker(path, item, item_node, "claim")
        entry.fields(_CLAIM_FIELDS)
        rows.append(
            {
                "id": entry.slug(seen),
                "claim": entry.text("claim"),
                "verdict": entry.choice("verdict", tuple(VERDICTS)),
                "fact": entry.text("fact"),
                "source": entry.text("source"),
            }
        )
    return pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))


def slips(corpus: Corpus, annotator: str | Path = "reference") -> pd.DataFrame:
    """The annotations flagged ``factual-slip``: one row per slip, in file order.

    Columns: ``reading``, ``text`` (the quoted passage as the reading writes it), ``note``,
    ``verdict``, ``source`` and ``line`` (of the entry in the annotation file).

    >>> from rustbone_kit import load_corpus
    >>> table = slips(load_corpus())
    >>> len(table), table.verdict.unique().tolist()
    (5, ['wrong'])
    >>> table.reading.value_counts().sort_index().to_dict()
    {'bowditch': 2, 'marchant': 2, 'overview': 1}
    """
    rows = [
        {
            "reading": note.reading,
            "text": note.span.text,
            "note": note.note,
            "verdict": note.verdict,
            "source": note.source,
            "line": note.line,
        }
        for note in load_annotations(corpus, annotator)
        if note.flag == "factual-slip"
    ]
    return pd.DataFrame(rows, columns=list(SLIP_COLUMNS))
