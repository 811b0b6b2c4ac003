"""Loading and validating readings.

A reading is a UTF-8 Markdown file: a YAML header between two ``---`` lines, then the
critic's text exactly as found. :func:`load_corpus` reads a folder of them (the bundled
readings by default) into a :class:`Corpus` of :class:`Reading` objects.

>>> corpus = load_corpus()
>>> corpus.ids
('bowditch', 'compiled-page', 'marchant', 'overview', 'unsigned-review')
>>> corpus["marchant"].meta["rating"]
'7.2'
>>> corpus["marchant"].sentences[0].text
'Film: Rust & Bone'
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pandas as pd

from .errors import ReadingError, unknown_id_message
from .text import Span, split_lines, split_sentences, word_spans
from .yamlio import load_mapping

__all__ = [
    "FIELDS",
    "Corpus",
    "Reading",
    "body_checksum",
    "bundled_readings_path",
    "load_corpus",
    "parse_reading",
    "reading_from_text",
]


@dataclass(frozen=True)
class FieldSpec:
    """One header field: whether it is required, and what it holds."""

    required: bool
    help: str
    example: str


#: The header fields a reading may carry. Values are text (or null for an unknown).
FIELDS: Mapping[str, FieldSpec] = MappingProxyType(
    {
        "id": FieldSpec(True, "a short slug, unique in the folder", "id: bowditch"),
        "title": FieldSpec(True, "the title as the page gives it", "title: The Tenderness of Rust"),
        "kind": FieldSpec(True, "review, overview, compiled page, ...", "kind: review"),
        "author": FieldSpec(
            False, "the author the text names; null if it names none", "author: Carol Bowditch"
        ),
        "outlet": FieldSpec(False, "where it appeared; null if unknown", "outlet: null"),
        "url": FieldSpec(False, "the address it was found at; null if unknown", "url: null"),
        "date": FieldSpec(False, "the date as written", "date: 2012-11-01"),
        "rating": FieldSpec(False, "the rating as written", 'rating: "7.2"'),
        "language": FieldSpec(False, "the language code", "language: en"),
        "seed": FieldSpec(False, "the file the text was copied from", "seed: 001_review.txt"),
        "notes": FieldSpec(
            False,
            "what a reader should know about the text as a source",
            "notes: ends with a comment form",
        ),
        "checksum": FieldSpec(
            False, "sha256 of the body; verified when present", "checksum: sha256:<64 hex digits>"
        ),
    }
)
REQUIRED = tuple(name for name, spec in FIELDS.items() if spec.required)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_CHECKSUM = re.compile(r"^sha256:[0-9a-f]{64}$")
DELIMITER = re.compile(r"^---[ \t]*$")
#: File names in a readings folder that are documentation or data, not readings.
_NOT_READINGS = {".yaml", ".yml"}


def bundled_readings_path() -> Path:
    """The folder of readings that ships with the kit.

    Inside an installed wheel it is ``rustbone_kit/readings``; in a source checkout it is
    the repository's ``readings/`` folder.

    >>> (bundled_readings_path() / "bowditch.md").is_file()
    True
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "readings", here.parent / "readings"):
        if candidate.is_dir():
            return candidate
    raise ReadingError(
        "the bundled readings are missing from this installation",
        path=here / "readings",
        fix="reinstall the kit (pip install --force-reinstall rustbone-kit) or pass a folder",
    )


def body_checksum(body: str) -> str:
    """The ``checksum`` header value for a body: ``sha256:`` and its hex digest.

    >>> body_checksum("Rust and Bone")[:15]
    'sha256:736808cb'
    """
    return "sha256:" + hashlib.sha256(body.encode("utf-8")).hexdigest()


@dataclass(frozen=True, eq=False)
class Reading:
    """One critic's text and its metadata. The text never changes after loading.

    ``passages`` (one per non-blank line) and ``sentences`` are :class:`~rustbone_kit.text.Span`
    views with stable ids such as ``bowditch:p3`` and offsets into :attr:`text`.

    >>> r = Reading(id="demo", meta={"id": "demo", "title": "T", "kind": "review"},
    ...             text="Ali swims. Stéphanie laughs.\\nShop link")
    >>> [s.text for s in r.sentences]
    ['Ali swims.', 'Stéphanie laughs.', 'Shop link']
    >>> r.passages[1].id, r.words
    ('demo:p2', 6)
    """

    id: str
    meta: Mapping[str, Any]
    text: str
    path: Path | None = None
    body_line: int = 1
    "The file line on which the text begins (for messages about it)."

    def __post_init__(self) -> None:
        object.__setattr__(self, "meta", MappingProxyType(dict(self.meta)))

    @cached_property
    def passages(self) -> tuple[Span, ...]:
        """Paragraphs: each non-blank line, trimmed."""
        return tuple(split_lines(self.text, prefix=f"{self.id}:p"))

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        """Sentences, none crossing a passage boundary."""
        return tuple(split_sentences(self.text, list(self.passages), prefix=f"{self.id}:s"))

    @cached_property
    def words(self) -> int:
        """How many words the text has (letters and digits, inner apostrophes kept)."""
        return len(word_spans(self.text))

    def sentence(self, number: int | str) -> Span:
        """A sentence by its number as its id gives it (``3`` or ``"s3"``): counting from 1.

        >>> r = Reading(id="demo", meta={"id": "demo", "title": "T", "kind": "review"},
        ...             text="One. Two. Three.")
        >>> r.sentence(2).text, r.sentence("s3").id
        ('Two.', 'demo:s3')
        """
        n = int(str(number).removeprefix(f"{self.id}:").removeprefix("s"))
        if not 1 <= n <= len(self.sentences):
            raise KeyError(
                f"{self.id} has sentences s1 to s{len(self.sentences)}; there is no s{n}"
            )
        return self.sentences[n - 1]

    def line_of(self, offset: int) -> int:
        """The file line holding character ``offset`` of the text."""
        return self.body_line + self.text.count("\n", 0, offset)

    def __repr__(self) -> str:
        return f"Reading({self.id!r}, {self.meta.get('title')!r}, {self.words} words)"


@dataclass(frozen=True)
class Corpus(Sequence[Reading]):
    """Readings in file-name order, indexable by position or by id.

    ``problems`` lists every file that could not be loaded (only ever non-empty after a
    lenient load, ``strict=False``): nothing is skipped silently.

    >>> corpus = load_corpus()
    >>> len(corpus), corpus[0] is corpus["bowditch"], corpus.problems
    (5, True, ())
    """

    readings: tuple[Reading, ...]
    problems: tuple[ReadingError, ...] = ()
    path: Path | None = None
    _by_id: Mapping[str, Reading] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {r.id: r for r in self.readings})

    def __len__(self) -> int:
        return len(self.readings)

    def __iter__(self) -> Iterator[Reading]:
        return iter(self.readings)

    def __getitem__(self, key):  # type: ignore[override]
        if isinstance(key, str):
            try:
                return self._by_id[key]
            except KeyError:
                raise KeyError(unknown_id_message("reading", key, self.ids)) from None
        return self.readings[key]

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            return key in self._by_id
        return key in self.readings

    @property
    def ids(self) -> tuple[str, ...]:
        """The readings' ids, in order."""
        return tuple(r.id for r in self.readings)

    def scene(self, scene_id: str, *, annotator: str = "reference"):
        """What each critic says about a scene: passages per reading, and the silent ones.

        >>> load_corpus().scene("ice").silent
        ('bowditch', 'marchant', 'overview', 'unsigned-review')
        """
        from .scenes import scene_passages  # the scenes layer builds on this one

        return scene_passages(self, scene_id, annotator=annotator)

    def with_readings(self, *readings: Reading) -> Corpus:
        """A new corpus: these readings added after the others (the folder's catalogues,
        lexicon and annotations still apply). The corpus itself does not change.

        >>> mine = reading_from_text("Ali breaks the ice with his fists.", id="my-reading")
        >>> load_corpus().with_readings(mine).ids[-2:]
        ('unsigned-review', 'my-reading')
        """
        taken = [r.id for r in readings if r.id in self._by_id]
        if taken:
            raise ReadingError(
                f"the corpus already has a reading with the id {taken[0]!r}",
                field="id",
                fix="give your reading another id",
            )
        return Corpus((*self.readings, *readings), self.problems, self.path)

    def to_frame(self) -> pd.DataFrame:
        """One tidy row per reading: its metadata, then words, sentences, passages.

        >>> frame = load_corpus().to_frame()
        >>> frame.loc["bowditch", "author"], int(frame.loc["bowditch", "passages"])
        ('Carol Bowditch', 11)
        """
        rows = []
        for r in self.readings:
            row = {name: r.meta.get(name) for name in FIELDS if name != "checksum"}
            row.update(
                words=r.words,
                sentences=len(r.sentences),
                passages=len(r.passages),
                file=r.path.name if r.path else None,
            )
            rows.append(row)
        columns = [
            *(n for n in FIELDS if n != "checksum"),
            "words",
            "sentences",
            "passages",
            "file",
        ]
        frame = pd.DataFrame(rows, columns=columns)
        text_columns = [c for c in columns if c not in {"words", "sentences", "passages"}]
        # one missing-value marker (<NA>) for every unknown, whatever pandas would infer
        frame[text_columns] = frame[text_columns].astype("string")
        return frame.set_index("id")

    def __repr__(self) -> str:
        extra = f", {len(self.problems)} problems" if self.problems else ""
        return f"Corpus({len(self)} readings: {', '.join(self.ids)}{extra})"


def _decode(raw: bytes, path: str) -> str:
    """UTF-8 text with a byte-order mark removed and line endings made ``\\n``."""
    nul = raw.find(b"\x00", 0, 8192)
    if nul >= 0:
        raise ReadingError(
            f"this looks like a binary file (a NUL byte at byte {nul})",
            path=path,
            fix="a reading must be plain text: copy the text into a UTF-8 .md file",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ReadingError(
            f"byte 0x{raw[exc.start]:02X} at column {column} is not UTF-8",
            path=path,
            line=line,
            fix="save the file as UTF-8 (most editors: Save As, then Encoding: UTF-8)",
        ) from None
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check_field(name: str, value: Any, path: str, line: int | None) -> None:
    spec = FIELDS[name]
    if value is None:
        if spec.required:
            raise ReadingError(
                f"the required field {name!r} is empty",
                path=path,
                line=line,
                field=name,
                fix=f"give it a value, e.g. '{spec.example}'",
            )
        return
    if not isinstance(value, str):
        kind = {bool: "true/false", list: "a list", dict: "a mapping"}.get(
            type(value), type(value).__name__
        )
        raise ReadingError(
            f"field {name!r} must be text, found {kind}",
            path=path,
            line=line,
            field=name,
            fix=f'write it as text in quotes, e.g. {name}: "..." ({spec.help})',
        )
    if spec.required and not value.strip():
        raise ReadingError(
            f"the required field {name!r} is empty",
            path=path,
            line=line,
            field=name,
            fix=f"give it a value, e.g. '{spec.example}'",
        )
    if name == "id" and not SLUG.match(value):
        suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "my-reading"
        raise ReadingError(
            f"id {value!r} is not a slug (lower-case letters, digits and single hyphens)",
            path=path,
            line=line,
            field=name,
            fix=f"write it as 'id: {suggestion}'",
        )
    if name == "checksum" and not _CHECKSUM.match(value):
        raise ReadingError(
            f"checksum {value!r} is not 'sha256:' followed by 64 hex digits",
            path=path,
            line=line,
            field=name,
            fix="run 'rustbone-kit checksum FILE' and paste the line it prints, "
            "or delete the checksum line",
        )


def parse_reading(raw: bytes, *, path: str | Path = "<reading>") -> Reading:
    """Parse one reading file's bytes; raise :class:`ReadingError` naming what is wrong.

    >>> r = parse_reading(b"---\\nid: demo\\ntitle: T\\nkind: review\\n---\\nText.")
    >>> r.id, r.text, r.body_line
    ('demo', 'Text.', 6)
    >>> try:
    ...     parse_reading(b"---\\nid: demo\\ntitel: T\\nkind: review\\n---\\nText.")
    ... except ReadingError as err:
    ...     print(err.line, err.field, err.problem)
    3 titel unknown field 'titel'; did you mean 'title'?
    """
    spath = str(path)
    text = _decode(raw, spath)
    lines = text.split("\n")
    if not lines or not DELIMITER.match(lines[0]):
        raise ReadingError(
            "missing header: the file must begin with a line '---'",
            path=spath,
            line=1,
            fix="add a header at the top: '---', then 'id: ...', 'title: ...', 'kind: ...', "
            "then '---', then the text",
        )
    close = next((i for i in range(1, len(lines)) if DELIMITER.match(lines[i])), None)
    if close is None:
        raise ReadingError(
            "unclosed header: the '---' on line 1 has no closing '---' line",
            path=spath,
            line=1,
            fix="add a line '---' after the last header field, before the text",
        )
    header, where = load_mapping(
        "\n".join(lines[1:close]), path=spath, first_line=2, error=ReadingError
    )
    for name, value in header.items():
        if name not in FIELDS:
            close_names = difflib.get_close_matches(name, list(FIELDS), n=1, cutoff=0.6)
            hint = f"; did you mean {close_names[0]!r}?" if close_names else ""
            raise ReadingError(
                f"unknown field {name!r}{hint}",
                path=spath,
                line=where.get(name),
                field=name,
                fix=(
                    f"rename it to {close_names[0]!r}"
                    if close_names
                    else "remove it or put it under 'notes'"
                )
                + f" (valid fields: {', '.join(FIELDS)})",
            )
        _check_field(name, value, spath, where.get(name))
    for name in REQUIRED:
        if name not in header:
            raise ReadingError(
                f"the required field {name!r} is missing",
                path=spath,
                line=close + 1,
                field=name,
                fix=f"add '{FIELDS[name].example}' to the header ({FIELDS[name].help})",
            )
    body_start = sum(len(line) + 1 for line in lines[: close + 1])
    body = text[body_start:]
    body_line = close + 2
    if not body.strip():
        raise ReadingError(
            "the reading has a header but no text",
            path=spath,
            line=body_line,
            fix="paste the critic's text below the closing '---'",
        )
    if "checksum" in header:
        actual = body_checksum(body)
        if header["checksum"] != actual:
            raise ReadingError(
                "checksum mismatch: the text is not the one the header was stamped with "
                f"(header {header['checksum'][:19]}..., text {actual[:19]}...)",
                path=spath,
                line=where.get("checksum"),
                field="checksum",
                fix="restore the original text; if the change is intended, set "
                f"'checksum: {actual}' (or run 'rustbone-kit checksum FILE')",
            )
    return Reading(id=header["id"], meta=header, text=body, path=Path(path), body_line=body_line)


def _candidates(folder: Path) -> tuple[list[Path], list[ReadingError]]:
    """The .md files of a folder, and a problem for each file that is not a reading."""
    files, problems = [], []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or entry.is_dir():
            continue
        if entry.suffix.lower() == ".md":
            if entry.name.lower() != "readme.md":
                files.append(entry)
        elif entry.suffix.lower() not in _NOT_READINGS:
            problems.append(
                ReadingError(
                    f"{entry.suffix or 'a file without an ending'} is not a reading "
                    "(readings are .md files; .yaml files hold catalogues)",
                    path=entry,
                    fix="if it is a text to study, save it as a .md file with a header; "
                    "otherwise move it out of the readings folder",
                )
            )
    return files, problems


def reading_from_text(
    text: str,
    *,
    id: str = "my-reading",
    title: str = "My reading",
    author: str | None = None,
    kind: str = "student reading",
) -> Reading:
    """A reading made from text typed in a notebook, to run the kit's tools on one's own words.

    Lines broken inside a paragraph are joined; a blank line starts a new paragraph.

    >>> r = reading_from_text("Ali carries her\\ninto the sea.\\n\\nIt moves me.", author="Sam")
    >>> r.id, r.meta["kind"], [p.text for p in r.passages]
    ('my-reading', 'student reading', ['Ali carries her into the sea.', 'It moves me.'])
    """
    if not isinstance(text, str) or not text.strip():
        raise ReadingError(
            "the reading has no text", field="text", fix="write your reading between the quotes"
        )
    if not SLUG.match(id):
        raise ReadingError(
            f"id {id!r} is not a slug",
            field="id",
            fix="use lower-case letters, digits and single hyphens, like 'my-reading'",
        )
    meta = {"id": id, "title": title, "kind": kind, "author": author}
    # typed text wraps lines inside a paragraph; the kit's passages are whole lines
    paragraphs = re.split(r"\n\s*\n", text.strip())
    body = "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())
    return Reading(id=id, meta=meta, text=body)


def load_corpus(path: str | Path | None = None, *, strict: bool = True) -> Corpus:
    """Load every reading in a folder (the bundled readings when ``path`` is None).

    With ``strict=True`` (the default) the first problem raises :class:`ReadingError`, and
    a note on it says how many more there are. With ``strict=False`` the good files load and
    every problem is listed in :attr:`Corpus.problems`.

    >>> corpus = load_corpus(strict=False)
    >>> [r.id for r in corpus][:2], corpus.problems
    (['bowditch', 'compiled-page'], ())
    """
    folder = Path(path) if path is not None else bundled_readings_path()
    if folder.is_file():
        files, problems = [folder], []
    elif folder.is_dir():
        files, problems = _candidates(folder)
    else:
        raise ReadingError(
            "no such file or folder",
            path=folder,
            fix="check the path; with no path, load_corpus() loads the bundled readings",
        )
    readings: list[Reading] = []
    first_file: dict[str, Path] = {}
    for file in files:
        try:
            reading = parse_reading(file.read_bytes(), path=file)
        except ReadingError as exc:
            problems.append(exc)
            continue
        except OSError as exc:
            problems.append(
                ReadingError(
                    f"cannot be read ({exc.strerror})",
                    path=file,
                    fix="check the file's permissions",
                )
            )
            continue
        if reading.id in first_file:
            problems.append(
                ReadingError(
                    f"duplicate id {reading.id!r}: {first_file[reading.id].name} has it too",
                    path=file,
                    field="id",
                    fix="give each reading its own id (the first file keeps it)",
                )
            )
            continue
        first_file[reading.id] = file
        readings.append(reading)
    if not readings and not problems:
        problems.append(
            ReadingError(
                "this folder holds no readings",
                path=folder,
                fix="add .md files that start with a '---' header (see the README, "
                "'Adding a reading')",
            )
        )
    problems.sort(key=lambda p: p.path or "")
    if strict and problems:
        first = problems[0]
        if len(problems) > 1:
            first.add_note(
                f"{len(problems) - 1} more problem(s) in {folder}; list them all with "
                f"'rustbone-kit check-readings {folder}' or load_corpus(path, strict=False)"
            )
        raise first
    return Corpus(readings=tuple(readings), problems=tuple(problems), path=folder)
