"""The theme lexicon of a course: themes, their labels and terms, read from ``themes.yaml``.

``readings/themes.yaml`` lists the themes, each with a label, a description and its terms
(words, ``stem*`` and phrases, matched as in :mod:`rustbone_kit.terms`). A folder may hold
other lexicons in the same format, read with ``name=``: the bundled ``form.yaml`` lists the
vocabulary of film form (camera, editing, sound, music).

>>> lex = load_themes()
>>> lex.theme("water-sea").label
'Water and the sea'
>>> load_themes(name="form.yaml").ids
('camera', 'editing', 'sound', 'music')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache, partial
from pathlib import Path

from .catalogue import list_entries
from .course import course_folder
from .errors import ArgumentError, UnknownIdError
from .folders import HasPath, bundled_readings_path, fresh
from .terms import TermIndex, term_problem
from .validate import Record

__all__ = ["LEXICON_FILE", "Lexicon", "Theme", "lexicon_for", "load_themes"]

LEXICON_FILE = "themes.yaml"
_FIELDS = {"id": True, "label": True, "description": True, "terms": True}


@dataclass(frozen=True)
class Theme:
    """One theme: an id, a label for charts, a description, and the terms that signal it."""

    id: str
    label: str
    description: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    """The themes of a readings folder, in file order.

    >>> lex = load_themes()
    >>> lex.theme("water-sea").label
    'Water and the sea'
    """

    themes: tuple[Theme, ...]
    path: Path | None = None

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.themes)

    def theme(self, theme_id: str) -> Theme:
        """The theme with this id; an :class:`UnknownIdError` (a KeyError) suggests the nearest."""
        for t in self.themes:
            if t.id == theme_id:
                return t
        raise UnknownIdError.of("theme", theme_id, self.ids)

    @cached_property
    def index(self) -> TermIndex:
        """Every term of every theme, keyed by theme id; each theme is matched on its own."""
        return TermIndex((t.id, term) for t in self.themes for term in t.terms)


def _check_theme(rec: Record) -> Theme:
    rec.fields(_FIELDS)
    ident = rec.slug("id")
    terms = rec.item["terms"]
    if not isinstance(terms, list):
        rec.fail("'terms' must be a list", "terms", "write terms: [word, stem*, a phrase]")
    for term in terms:
        problem = term_problem(term)
        if problem:
            rec.fail(
                f"term {term!r}: {problem}",
                "terms",
                "write a word, a stem ending in * (injur*) or a phrase (broken hand)",
            )
    item = rec.item
    return Theme(ident, str(item["label"]), str(item["description"]), tuple(terms))


def _file_name(name: str) -> str:
    """``name`` if it is a plain ``.yaml`` file name; an :class:`ArgumentError` otherwise."""
    if not isinstance(name, str) or Path(name).name != name or not name.endswith(".yaml"):
        raise ArgumentError(
            f"a lexicon is a .yaml file in the readings folder, not {name!r}",
            field="name",
            fix='give a file name such as "themes.yaml" or "form.yaml", without a folder',
        )
    return name


def load_themes(folder: str | Path | None = None, *, name: str = LEXICON_FILE) -> Lexicon:
    """Read a lexicon, ``themes.yaml`` unless ``name`` says another file, from a readings
    folder (the bundled one by default).

    Raises :class:`~rustbone_kit.catalogue.CatalogueError` naming the file, the theme's line
    and the field of anything malformed: an unknown field, a missing label, a bad term, an id
    used twice; an :class:`~rustbone_kit.errors.ArgumentError` if ``name`` is not a plain
    ``.yaml`` file name.
    """
    folder = Path(folder) if folder is not None else bundled_readings_path()
    path = folder / _file_name(name)
    seen: dict[str, int] = {}
    themes = []
    for rec, _ in list_entries(path, "themes", "theme"):
        themes.append(_check_theme(rec))
        rec.slug("id", seen)
    return Lexicon(tuple(themes), path)


@lru_cache(maxsize=16)
def _loader(name: str) -> Callable[[Path], Lexicon]:
    """One loader per file name, so that :func:`~rustbone_kit.folders.fresh` caches it."""
    return partial(load_themes, name=name)


def lexicon_for(corpus: HasPath | None, *, name: str = LEXICON_FILE) -> Lexicon:
    """The lexicon beside a corpus's readings (``themes.yaml``, or the file ``name``); the
    bundled one if its folder has none. Read again whenever the file changes (no restart
    needed).

    A teacher's folder of new readings of the same film can leave the lexicons out; a folder
    for another film should carry its own themes.yaml.

    >>> lexicon_for(None).ids[:2]
    ('body-injury', 'fighting-violence')
    >>> lexicon_for(None, name="form.yaml").theme("music").label
    'Music'
    """
    name = _file_name(name)
    return fresh(_loader(name), course_folder(corpus, name), name)
