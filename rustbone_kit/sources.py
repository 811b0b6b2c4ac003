"""The bibliography of a readings folder (``sources.yaml``): every source the kit cites, by id.

Data files cite a source by its id in a ``source:`` field (one id or a list); prose cites it
with the marker ``[source: ID]`` (see :data:`MARKER`). :func:`load_sources` reads and checks
the file; :func:`cited_ids` is the check every other loader applies to a ``source:`` field,
so a dangling citation is a located error with "did you mean".

>>> bib = load_sources()
>>> bib.entry("guardian-review-2012").outlet
'The Guardian'
>>> print(bib.cite("kirkus-review"))
[Review of Rust and Bone (the collection)], Kirkus Reviews, n.d. https://kirkusreviews.com/book-reviews/craig-davidson/rust-and-bone/
>>> MARKER.findall("She is Anna [source: comingsoon-review, press-kit].")
['comingsoon-review, press-kit']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from .catalogue import list_entries
from .course import course_folder
from .errors import UnknownIdError, unknown_id_message
from .folders import HasPath, bundled_readings_path, fresh
from .validate import Record

__all__ = [
    "KINDS",
    "MARKER",
    "SOURCE_COLUMNS",
    "Bibliography",
    "Source",
    "cite",
    "cited_ids",
    "load_sources",
    "marker_ids",
    "sources",
    "sources_for",
]

#: What kind of thing a source is.
KINDS = (
    "film",
    "book",
    "reading",
    "review",
    "article",
    "interview",
    "press-kit",
    "reference",
    "book-page",
    "blog",
)
#: The citation marker in prose: ``[source: ID]`` or ``[source: ID1, ID2]``.
MARKER = re.compile(r"\[" r"source:\s*([^\]]*)\]")  # split: this line is no marker
SOURCE_COLUMNS = (
    "id",
    "kind",
    "author",
    "title",
    "title_is_descriptive",
    "outlet",
    "date",
    "address",
    "accessed",
    "reading",
    "supports",
    "note",
)
_FIELDS = {
    "id": True,
    "kind": True,
    "author": False,
    "title": True,
    "title_is_descriptive": False,
    "outlet": False,
    "date": False,
    "address": False,
    "accessed": False,
    "reading": False,
    "supports": True,
    "note": False,
}
_REQUIRED_KEYS = ("author", "outlet", "date", "address", "accessed")  # present, null allowed
_DATE = re.compile(r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$")
_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_ADDRESS = re.compile(r"^https?://\S+$")
FILE = "sources.yaml"


@dataclass(frozen=True)
class Source:
    """One entry of the bibliography; unknown fields are None, never guessed."""

    id: str
    kind: str
    title: str
    supports: tuple[str, ...]
    author: str | None = None
    title_is_descriptive: bool = False
    outlet: str | None = None
    date: str | None = None
    address: str | None = None
    accessed: str | None = None
    reading: str | None = None
    note: str | None = None

    def citation(self) -> str:
        """The entry as one line: author, title (ours in [brackets]), outlet, date, address.

        >>> print(Source("x", "review", "Review", ("y",), outlet="Kirkus",
        ...              title_is_descriptive=True).citation())
        [Review], Kirkus, n.d. Address not recorded.
        """
        title = f"[{self.title}]" if self.title_is_descriptive else f'"{self.title}"'
        parts = [p for p in (self.author, title, self.outlet) if p]
        text = f"{', '.join(parts)}, {self.date or 'n.d'}."
        if self.address:
            text += f" {self.address}"
        elif self.reading:
            text += f" Reading '{self.reading}' of this course."
        elif self.kind not in ("film", "book"):
            text += " Address not recorded."
        if self.accessed:
            text += f" (accessed {self.accessed})"
        return text


@dataclass(frozen=True, eq=False)
class Bibliography:
    """The sources of a readings folder, in file order, with lookups by id."""

    sources: tuple[Source, ...]
    path: Path | None = None

    @cached_property
    def _by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self._by_id)

    def __contains__(self, source_id: object) -> bool:
        return source_id in self._by_id

    def __len__(self) -> int:
        return len(self.sources)

    def entry(self, source_id: str) -> Source:
        """The source with this id; an :class:`UnknownIdError` (a KeyError) names the nearest.

        >>> try:
        ...     load_sources().entry("kirkus")
        ... except KeyError as err:
        ...     print(err.problem[:57])
        unknown source id 'kirkus'; did you mean 'kirkus-review'?
        """
        try:
            return self._by_id[source_id]
        except KeyError:
            raise UnknownIdError.of("source", source_id, self.ids, path=self.path) from None

    def cite(self, source_id: str) -> str:
        """The formatted citation of one source (see :meth:`Source.citation`)."""
        return self.entry(source_id).citation()

    def to_frame(self) -> pd.DataFrame:
        """One row per source; ``supports`` joined with "; ".

        >>> load_sources().to_frame().columns.tolist()[:4]
        ['id', 'kind', 'author', 'title']
        """
        rows = [
            {
                **{c: getattr(s, c) for c in SOURCE_COLUMNS},
                "supports": "; ".join(s.supports),
            }
            for s in self.sources
        ]
        return pd.DataFrame(rows, columns=list(SOURCE_COLUMNS))


def _text(rec: Record, key: str, pattern: re.Pattern[str] | None = None, form: str = "") -> Any:
    value = rec.text(key)
    if value is not None and pattern is not None and not pattern.match(value):
        rec.fail(f"{key} {value!r} is not {form}", key, f'write it as {key}: "{form}", or null')
    return value


def _source(rec: Record, seen: dict[str, int]) -> Source:
    rec.fields(_FIELDS)
    for key in _REQUIRED_KEYS:
        if key not in rec.item:
            rec.fail(
                f"the source has no {key!r}",
                None,
                f"add '{key}: ...', or '{key}: null' when it is not known",
            )
    descriptive = rec.item.get("title_is_descriptive", False)
    if descriptive not in (True, False):
        rec.fail(
            "'title_is_descriptive' must be true or false",
            "title_is_descriptive",
            "write title_is_descriptive: true (the title is ours) or leave it out",
        )
    return Source(
        id=rec.slug("id", seen),
        kind=rec.choice("kind", KINDS),
        title=rec.text("title"),
        supports=rec.texts("supports"),
        author=rec.text("author"),
        title_is_descriptive=descriptive,
        outlet=rec.text("outlet"),
        date=_text(rec, "date", _DATE, "YYYY, YYYY-MM or YYYY-MM-DD"),
        address=_text(rec, "address", _ADDRESS, "a full address, https://..."),
        accessed=_text(rec, "accessed", _DAY, "YYYY-MM-DD"),
        reading=rec.text("reading"),
        note=rec.text("note"),
    )


def load_sources(folder: str | Path | None = None) -> Bibliography:
    """Read ``sources.yaml`` from a readings folder (the bundled readings by default).

    Raises :class:`~rustbone_kit.catalogue.CatalogueError` naming the file, line, field and
    fix for a missing file, an unknown or missing field, a bad kind, date or address, and
    an id used twice.

    >>> bib = load_sources()
    >>> bib.entry("davidson-collection").date, bib.entry("lapresse-audiard").note[:34]
    ('2005', 'Address not recorded beyond the si')
    """
    folder = Path(folder) if folder is not None else bundled_readings_path()
    path = folder / FILE
    seen: dict[str, int] = {}
    found = [
        _source(rec, seen) for rec, _ in list_entries(path, "sources", "source", only_key=True)
    ]
    return Bibliography(sources=tuple(found), path=path)


def sources_for(corpus: HasPath | None) -> Bibliography:
    """The bibliography that applies to a corpus (beside its readings, else the bundled one),
    read again whenever the file changes."""
    return fresh(load_sources, course_folder(corpus, FILE), FILE)


def _bibliography(corpus_or_folder: HasPath | str | Path | None) -> Bibliography:
    if isinstance(corpus_or_folder, str | Path):
        return load_sources(corpus_or_folder)
    return sources_for(corpus_or_folder)


def sources(corpus_or_folder: HasPath | str | Path | None = None) -> pd.DataFrame:
    """The bibliography as a table, one row per source (a corpus, a folder, or the bundled).

    >>> table = sources()
    >>> table.set_index("id").loc["guardian-london-festival-2012", "date"]
    '2012-10-20'
    """
    return _bibliography(corpus_or_folder).to_frame()


def cite(source_id: str, corpus_or_folder: HasPath | str | Path | None = None) -> str:
    """One source's citation, by id (from the bibliography of a corpus, folder, or bundled).

    >>> print(cite("guardian-review-2012"))
    [Review of Rust and Bone], The Guardian, 2012-11-01. Address not recorded.
    """
    return _bibliography(corpus_or_folder).cite(source_id)


def marker_ids(text: str) -> list[str]:
    """The ids cited in prose with ``[source: ID]`` markers, in order.

    >>> marker_ids("Anna [source: comingsoon-review]; Antibes [source: press-kit, bowditch].")
    ['comingsoon-review', 'press-kit', 'bowditch']
    """
    return [i.strip() for group in MARKER.findall(text) for i in group.split(",") if i.strip()]


def cited_ids(
    rec: Record, key: str, bibliography: Bibliography, *, required: bool = True
) -> tuple[str, ...]:
    """The source ids of a record's field (one id or a list), each listed in the bibliography.

    A missing field is an error when ``required``, else ``()``; an unknown id is a located
    error of the record's own class, naming the id with "did you mean".

    >>> from rustbone_kit.errors import KitError
    >>> rec = Record({"source": "kirkus"}, what="claim", path="claims.yaml", line=3)
    >>> try:
    ...     cited_ids(rec, "source", load_sources())
    ... except KitError as err:
    ...     print(err.where, err.problem[:57], sep="\\n")
    claims.yaml, line 3, field 'source'
    unknown source id 'kirkus'; did you mean 'kirkus-review'?
    """
    if rec.item.get(key) is None and not required:
        return ()
    ids = rec.texts(key)
    for ident in ids:
        if ident not in bibliography:
            where = bibliography.path.name if bibliography.path else FILE
            rec.fail(
                unknown_id_message("source", ident, bibliography.ids),
                key,
                f"cite an id listed in {where}, or add an entry for the source there",
            )
    return ids
