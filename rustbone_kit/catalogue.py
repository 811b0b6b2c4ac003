"""The scene and character catalogues of a readings folder (``scenes.yaml``, ``characters.yaml``).

The library holds no word about any one film: scenes, their cue terms and the characters come
from these files, so a teacher can build a set for another film.

>>> cat = load_catalogue()
>>> [s.id for s in cat.scenes][:3]
['journey-south', 'anna-garage', 'nightclub']
>>> cat.character("ali").actor
'Matthias Schoenaerts'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from .course import course_folder
from .errors import KitError, UnknownIdError, unknown_id_message
from .files import read_text_file
from .folders import HasPath, bundled_readings_path, fresh
from .validate import Record, key_lines
from .yamlio import MAX_FILE_NODES, load_document

__all__ = [
    "Catalogue",
    "CatalogueError",
    "Character",
    "Scene",
    "list_entries",
    "load_catalogue",
    "unknown_id_message",
]


class CatalogueError(KitError, ValueError):
    """A scene or character catalogue that cannot be used as it is."""


@dataclass(frozen=True)
class Scene:
    """One scene of the film, with the cue terms that signal it in a critic's sentence."""

    id: str
    order: int
    title: str
    description: str
    characters: tuple[str, ...]
    cues: tuple[str, ...]


@dataclass(frozen=True)
class Character:
    """A character, the names and roles critics use for them, and the actor."""

    id: str
    names: tuple[str, ...]
    roles: tuple[str, ...]
    actor: str | None = None
    source: str | None = None
    verified: bool = True

    @property
    def mentions(self) -> tuple[str, ...]:
        """Every way a text may refer to the character: names, roles, the actor."""
        return (*self.names, *self.roles, *((self.actor,) if self.actor else ()))


@dataclass(frozen=True)
class Catalogue:
    """Scenes in film order and characters, with lookups by id."""

    scenes: tuple[Scene, ...]
    characters: tuple[Character, ...]
    path: Path | None = None

    @cached_property
    def _scenes(self) -> dict[str, Scene]:
        return {s.id: s for s in self.scenes}

    @cached_property
    def _characters(self) -> dict[str, Character]:
        return {c.id: c for c in self.characters}

    @property
    def scene_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.scenes)

    def scene(self, scene_id: str) -> Scene:
        """The scene with this id; an :class:`UnknownIdError` (a KeyError) names the nearest."""
        try:
            return self._scenes[scene_id]
        except KeyError:
            raise UnknownIdError.of("scene", scene_id, self.scene_ids) from None

    def to_frame(self) -> pd.DataFrame:
        """The scenes as a table, in film order: order, id, title, characters, description.

        >>> load_catalogue().to_frame().columns.tolist()
        ['order', 'id', 'title', 'characters', 'description']
        """
        rows = [
            (s.order, s.id, s.title, ", ".join(s.characters), s.description) for s in self.scenes
        ]
        return pd.DataFrame(rows, columns=["order", "id", "title", "characters", "description"])

    def character(self, character_id: str) -> Character:
        """The character with this id; an :class:`UnknownIdError` (a KeyError) names the nearest."""
        try:
            return self._characters[character_id]
        except KeyError:
            ids = tuple(self._characters)
            raise UnknownIdError.of("character", character_id, ids) from None


def read_catalogue_file(path: Path) -> tuple[Any, Any]:
    """The data of a readings folder's YAML file (scenes, characters, themes, adaptation...)
    and its node tree for line numbers; a missing file raises :class:`CatalogueError`."""
    if not path.is_file():
        raise CatalogueError(
            f"no {path.name} in the readings folder",
            path=path,
            fix=f"copy {path.name} from the bundled readings and adapt it to your film",
        )
    return load_document(
        read_text_file(path, error=CatalogueError),
        path=str(path),
        error=CatalogueError,
        max_nodes=MAX_FILE_NODES,
    )


def list_entries(
    path: Path, key: str, what: str, *, only_key: bool = False
) -> list[tuple[Record, Any]]:
    """The entries of a course file's top-level ``key:`` list, each as a :class:`Record`
    (with its lines) and its YAML node: the one reader of every list-shaped course file
    (scenes, characters, themes, sources, questions). ``only_key`` refuses any other
    top-level field. Every problem is a located :class:`CatalogueError`.

    >>> from rustbone_kit.folders import bundled_readings_path
    >>> rec, _ = list_entries(bundled_readings_path() / "scenes.yaml", "scenes", "scene")[0]
    >>> rec.item["id"], rec.line > 1
    ('journey-south', True)
    """
    data, node = read_catalogue_file(path)
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise CatalogueError(
            f"expected a top-level '{key}:' list",
            path=path,
            line=1,
            field=key,
            fix=f"start the file with '{key}:' and list one '- id: ...' entry per {what}",
        )
    extra = [k for k in data if k != key] if only_key else []
    if extra:
        raise CatalogueError(
            f"unknown top-level field {extra[0]!r}",
            path=path,
            line=key_lines(node).get(str(extra[0]), 1),
            field=str(extra[0]),
            fix=f"keep only the '{key}:' list at the top level",
        )
    entries = next(v for k, v in node.value if k.value == key).value
    return [
        (Record.of_node(item, entries[i], what=what, path=path, error=CatalogueError), entries[i])
        for i, item in enumerate(data[key])
    ]


def _records(path: Path, key: str, what: str) -> list[Record]:
    return [rec for rec, _ in list_entries(path, key, what)]


_CHARACTER_FIELDS = {
    "id": True,
    "names": True,
    "roles": False,
    "actor": False,
    "source": False,
    "verified": False,
}
_SCENE_FIELDS = {
    "id": True,
    "order": True,
    "title": True,
    "description": True,
    "characters": False,
    "cues": True,
}


def load_catalogue(folder: str | Path | None = None) -> Catalogue:
    """Read ``scenes.yaml`` and ``characters.yaml`` from a readings folder (bundled by default).

    Raises :class:`CatalogueError` naming the file, line and field of anything malformed,
    including a scene that names an unknown character.
    """
    folder = Path(folder) if folder is not None else bundled_readings_path()
    characters = []
    seen: dict[str, int] = {}
    for rec in _records(folder / "characters.yaml", "characters", "character"):
        rec.fields(_CHARACTER_FIELDS)
        characters.append(
            Character(
                id=rec.slug("id", seen),
                names=rec.words("names"),
                roles=rec.words("roles"),
                actor=rec.item.get("actor"),
                source=rec.item.get("source"),
                verified=rec.item.get("verified", True) is not False,
            )
        )
    known = tuple(c.id for c in characters)
    scenes = []
    path = folder / "scenes.yaml"
    for rec in _records(path, "scenes", "scene"):
        rec.fields(_SCENE_FIELDS)
        ident = rec.slug("id")
        chars = rec.ids(
            "characters",
            known,
            kind="character",
            fix="add the character to characters.yaml or fix the id",
        )
        order = rec.number("order")
        if order is None:
            rec.fail(
                f"order {rec.item['order']!r} is not a whole number",
                "order",
                "number the scenes 1, 2, 3 ... in film order",
            )
        scenes.append(
            Scene(
                id=ident,
                order=order,
                title=str(rec.item["title"]),
                description=str(rec.item["description"]),
                characters=chars,
                cues=rec.words("cues"),
            )
        )
    ids = [s.id for s in scenes]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise CatalogueError(
            f"scene id(s) used twice: {', '.join(sorted(duplicates))}",
            path=path,
            field="id",
            fix="give every scene its own id",
        )
    scenes.sort(key=lambda s: s.order)
    return Catalogue(scenes=tuple(scenes), characters=tuple(characters), path=folder)


CATALOGUE_FILES = ("scenes.yaml", "characters.yaml")


def catalogue_for(corpus: HasPath | None) -> Catalogue:
    """The catalogue that applies to a corpus: the one beside its readings, else the bundled
    one if its folder has neither scenes.yaml nor characters.yaml. Read again whenever one of
    the files changes.

    >>> catalogue_for(None).scene("ice").order
    14
    """
    return fresh(load_catalogue, course_folder(corpus, *CATALOGUE_FILES), *CATALOGUE_FILES)
