"""The adaptation table: what the film keeps, changes, adds or moves from its source book.

``adaptation.yaml`` in a readings folder holds the source book, the stories the film draws
on, and one entry per thing the film keeps, changes, adds or moves (:func:`load_adaptation`).
The claims made elsewhere and the factual slips are in :mod:`rustbone_kit.claims`, which
reads its file with this module's checker.

Like the scene catalogue, the file holds every word about the film; the code holds none.
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

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from .catalogue import CatalogueError, read_catalogue_file
from .errors import UnknownIdError, unknown_id_message
from .folders import bundled_readings_path
from .validate import Record, key_lines

__all__ = [
    "CHANGE_COLUMNS",
    "KINDS",
    "STATUSES",
    "Adaptation",
    "Dispute",
    "Story",
    "load_adaptation",
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
        """The story with this id; an UnknownIdError (a KeyError) suggests the nearest id."""
        for story in self.stories:
            if story.id == story_id:
                return story
        raise UnknownIdError.of("story", story_id, self.story_ids)


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


class _Checker(Record):
    """The shared field validator (:class:`~rustbone_kit.validate.Record`) for one entry of
    the adaptation or claims file, with each field's own line."""

    def __init__(self, path: Path, item: Any, node: yaml.Node, what: str) -> None:
        super().__init__(
            item,
            what=what,
            path=path,
            line=_line(node),
            lines=key_lines(node),
            error=CatalogueError,
        )

    def slug(self, seen: dict[str, int]) -> str:  # type: ignore[override]
        return super().slug("id", seen)


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
