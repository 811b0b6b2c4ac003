"""The adaptation table: what the film keeps, changes, combines, adds or moves from its source.

``adaptation.yaml`` in a readings folder holds the source book, the stories the film draws
on, and one entry per thing the film keeps, changes, combines, adds or moves
(:func:`load_adaptation`). Every ``source:`` cites ids of the folder's bibliography
(``sources.yaml``, :mod:`rustbone_kit.sources`); a change cites its story's side, its film's
side and, when it names who made it, the credit, and its ``status`` says how sure it is.
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
{'added': 1, 'changed': 3, 'combined': 1, 'kept': 4, 'moved': 1, 'unknown': 1}
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from .catalogue import CatalogueError, read_catalogue_file
from .course import course_folder
from .errors import UnknownIdError, unknown_id_message
from .folders import HasPath, bundled_readings_path, fresh
from .sources import Bibliography, cited_ids, load_sources
from .validate import Record, key_lines

__all__ = [
    "CHANGE_COLUMNS",
    "KINDS",
    "SIDES",
    "STATUSES",
    "Adaptation",
    "Dispute",
    "Story",
    "adaptation_for",
    "load_adaptation",
]

#: What a change does with the source.
KINDS = {
    "kept": "the element is in the story and in the film",
    "changed": "the story has it one way, the film another",
    "combined": "elements of two stories are made one",
    "moved": "the film puts the story somewhere else",
    "added": "the sources say the story does not have it",
    "unknown": "the film has it; whether the stories do is not known",
}
#: How sure an entry is, judged by its weakest side.
STATUSES = {
    "verified": "a source independent of the makers says so",
    "makers-account": "only the makers or the source's author say so",
    "unverified": "no source in the bibliography says so",
    "disputed": "the sources disagree, and watching the film cannot settle it",
}
#: The sides of a change a ``source:`` mapping cites: name -> required.
SIDES = {"story": True, "film": True, "credit": False}
#: Kinds whose entry has nothing in the story (``in_story: null``).
_NO_STORY = ("added", "unknown")
CHANGE_COLUMNS = (
    "id",
    "kind",
    "story",
    "in_story",
    "in_film",
    "credited_to",
    "source",
    "status",
    "story_source",
    "film_source",
    "credit_source",
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
    source: str  # a bibliography id


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


def _disputes(
    checker: _Checker, node: yaml.Node, path: Path, bib: Bibliography
) -> tuple[Dispute, ...]:
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
        (source,) = _one_id(entry, bib)
        result.append(Dispute(claim=entry.text("claim"), says=entry.text("says"), source=source))
    return tuple(result)


def _one_id(entry: _Checker, bib: Bibliography) -> tuple[str]:
    ids = cited_ids(entry, "source", bib)
    if len(ids) != 1:
        entry.fail(
            f"a {entry.what} cites one source, not {len(ids)}",
            "source",
            "give the id of the one source that makes the claim",
        )
    return ids  # type: ignore[return-value]


def _sides(
    entry: _Checker, node: yaml.Node, path: Path, bib: Bibliography, kind: str, credited: bool
) -> dict[str, tuple[str, ...]]:
    """A change's ``source:`` mapping: the ids for the story's side, the film's, the credit."""
    value = entry.item.get("source")
    if not isinstance(value, dict):
        entry.fail(
            "a change's 'source' must give the ids for each side",
            "source",
            "write 'source:' with 'story:' and 'film:' below it (and 'credit:' with "
            "credited_to), each one id or a list of ids from sources.yaml",
        )
    sides = _Checker(path, value, _key_nodes(node)["source"][1], "change source")
    sides.fields({**SIDES, "story": kind != "unknown", "credit": credited})
    if kind == "unknown" and "story" in value:
        sides.fail(
            "an 'unknown' change has no source for the story's side",
            "story",
            "remove 'story:', or choose another kind",
        )
    if "credit" in value and not credited:
        sides.fail(
            "'credit:' cites who made the change, but the change has no 'credited_to'",
            "credit",
            "add credited_to: ..., or remove 'credit:'",
        )
    return {side: cited_ids(sides, side, bib, required=False) for side in SIDES}


def load_adaptation(folder: str | Path | None = None) -> Adaptation:
    """Read ``adaptation.yaml`` from a readings folder (the bundled readings by default).

    Raises :class:`~rustbone_kit.catalogue.CatalogueError` naming the file, line, field and
    fix for a missing file, an unknown or missing field, a bad ``kind`` or ``status``, a
    change naming an unknown story, an id used twice, and a ``source`` citing an id that the
    folder's ``sources.yaml`` does not list (with "did you mean").

    In the ``changes`` table, ``source`` holds every id an entry cites (", "-joined);
    ``story_source``, ``film_source`` and ``credit_source`` the ids of each side (or None).

    >>> ad = load_adaptation()
    >>> ad.changes.set_index("id").loc["both-legs", ["in_story", "in_film"]].tolist()
    ['The trainer loses one leg.', 'The trainer loses both legs.']
    >>> [d.says for d in ad.story("rocket-ride").disputed]
    ['Kirkus Reviews', 'Publishers Weekly']
    >>> ad.changes.set_index("id").loc["both-legs", ["story_source", "film_source"]].tolist()
    ['366shortstories-rocket-ride, publishers-weekly-review', 'bowditch, marchant, unsigned-review']
    """
    folder = Path(folder) if folder is not None else bundled_readings_path()
    path = folder / "adaptation.yaml"
    data, node = _read(path)
    bib = load_sources(folder)
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
        "source": cited_ids(entry, "source", bib),
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
                source=cited_ids(entry, "source", bib),
                disputed=_disputes(entry, item_node, path, bib),
            )
        )

    story_ids = tuple(seen)
    rows, seen = [], {}
    for item, item_node in _section(data, node, path, "changes", list):
        entry = _Checker(path, item, item_node, "change")
        entry.fields(_CHANGE_FIELDS)
        row = {"id": entry.slug(seen), "kind": entry.choice("kind", tuple(KINDS))}
        row["story"] = entry.text("story")
        if row["story"] is not None and row["story"] not in story_ids:
            entry.fail(
                unknown_id_message("story", row["story"], story_ids),
                "story",
                "use an id from the 'stories:' list, or story: null",
            )
        row["in_story"] = entry.text("in_story")
        if row["kind"] in _NO_STORY and row["in_story"] is not None:
            entry.fail(
                f"an {row['kind']} change has nothing in the story",
                "in_story",
                "write in_story: null, or choose another kind",
            )
        if row["kind"] not in _NO_STORY and row["in_story"] is None:
            entry.fail(
                f"a {row['kind']} change needs 'in_story'",
                "in_story",
                "say what the story has, or use kind: added or unknown",
            )
        row["in_film"] = entry.text("in_film")
        row["credited_to"] = entry.text("credited_to")
        sides = _sides(entry, item_node, path, bib, row["kind"], row["credited_to"] is not None)
        cited = dict.fromkeys(i for ids in sides.values() for i in ids)
        row["source"] = ", ".join(cited)
        row["status"] = entry.choice("status", tuple(STATUSES))
        for side, ids in sides.items():
            row[f"{side}_source"] = ", ".join(ids) or None
        rows.append(row)

    return Adaptation(
        collection=collection,
        stories=tuple(stories),
        changes=pd.DataFrame(rows, columns=list(CHANGE_COLUMNS)),
        film=film,
        path=path,
    )


def adaptation_for(corpus: HasPath | None) -> Adaptation:
    """The adaptation table of a corpus's course (``adaptation.yaml`` beside its readings; the
    bundled one for None), read again whenever the file changes.

    >>> adaptation_for(None).collection["author"]
    'Craig Davidson'
    """
    return fresh(load_adaptation, course_folder(corpus, "adaptation.yaml"), "adaptation.yaml")
