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

import difflib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from .corpus import SLUG, bundled_readings_path
from .errors import KitError, unknown_id_message
from .yamlio import load_document

__all__ = [
    "Catalogue",
    "CatalogueError",
    "Character",
    "Scene",
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
        """The scene with this id; a KeyError suggests the nearest id."""
        try:
            return self._scenes[scene_id]
        except KeyError:
            raise KeyError(unknown_id_message("scene", scene_id, self.scene_ids)) from None

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
        """The character with this id; a KeyError suggests the nearest id."""
        try:
            return self._characters[character_id]
        except KeyError:
            ids = tuple(self._characters)
            raise KeyError(unknown_id_message("character", character_id, ids)) from None


def read_catalogue_file(path: Path) -> tuple[Any, Any]:
    """The data of a readings folder's YAML file (scenes, characters, themes, adaptation...)
    and its node tree for line numbers; a missing file raises :class:`CatalogueError`."""
    if not path.is_file():
        raise CatalogueError(
            f"no {path.name} in the readings folder",
            path=path,
            fix=f"copy {path.name} from the bundled readings and adapt it to your film",
        )
    return load_document(path.read_text(encoding="utf-8-sig"), path=str(path), error=CatalogueError)


def _items(path: Path, key: str) -> list[tuple[Any, int]]:
    """The entries of the file's top-level list, each with its file line."""
    data, node = read_catalogue_file(path)
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise CatalogueError(
            f"expected a top-level '{key}:' list",
            path=path,
            line=1,
            fix=f"start the file with '{key}:' and list one item per '- id: ...' entry",
        )
    entries = next(v for k, v in node.value if k.value == key).value
    return [(item, entries[i].start_mark.line + 1) for i, item in enumerate(data[key])]


def _text_list(value: Any, path: Path, line: int, field: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise CatalogueError(
            f"field {field!r} must be a list of words or phrases",
            path=path,
            line=line,
            field=field,
            fix=f"write it as {field}: [first, second phrase, third]",
        )
    return tuple(value)


def _check_keys(item: Any, allowed: dict[str, bool], path: Path, line: int, what: str) -> None:
    if not isinstance(item, dict):
        raise CatalogueError(
            f"each {what} must be a mapping of fields",
            path=path,
            line=line,
            fix=f"write each {what} as '- id: ...' followed by its fields",
        )
    for key in item:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), list(allowed), n=1)
            raise CatalogueError(
                f"unknown field {key!r} in a {what}"
                + (f"; did you mean {close[0]!r}?" if close else ""),
                path=path,
                line=line,
                field=str(key),
                fix=f"use only: {', '.join(allowed)}",
            )
    for key, required in allowed.items():
        if required and not item.get(key):
            raise CatalogueError(
                f"the {what} has no {key!r}",
                path=path,
                line=line,
                field=key,
                fix=f"add '{key}: ...' to it",
            )
    if not SLUG.match(str(item["id"])):
        raise CatalogueError(
            f"id {item['id']!r} is not a slug",
            path=path,
            line=line,
            field="id",
            fix="use lower-case letters, digits and single hyphens",
        )


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
    path = folder / "characters.yaml"
    for item, line in _items(path, "characters"):
        _check_keys(item, _CHARACTER_FIELDS, path, line, "character")
        characters.append(
            Character(
                id=item["id"],
                names=_text_list(item.get("names"), path, line, "names"),
                roles=_text_list(item.get("roles"), path, line, "roles"),
                actor=item.get("actor"),
                source=item.get("source"),
                verified=item.get("verified", True) is not False,
            )
        )
    known = tuple(c.id for c in characters)
    scenes = []
    path = folder / "scenes.yaml"
    for item, line in _items(path, "scenes"):
        _check_keys(item, _SCENE_FIELDS, path, line, "scene")
        chars = _text_list(item.get("characters"), path, line, "characters")
        for c in chars:
            if c not in known:
                raise CatalogueError(
                    unknown_id_message("character", c, known),
                    path=path,
                    line=line,
                    field="characters",
                    fix="add the character to characters.yaml or fix the id",
                )
        try:
            order = int(item["order"])
        except ValueError:
            raise CatalogueError(
                f"order {item['order']!r} is not a whole number",
                path=path,
                line=line,
                field="order",
                fix="number the scenes 1, 2, 3 ... in film order",
            ) from None
        scenes.append(
            Scene(
                id=item["id"],
                order=order,
                title=str(item["title"]),
                description=str(item["description"]),
                characters=chars,
                cues=_text_list(item.get("cues"), path, line, "cues"),
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
