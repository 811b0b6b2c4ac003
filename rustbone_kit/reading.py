"""One reading: its header fields, its text as found, and the parser that checks both.

A reading is a UTF-8 Markdown file: a YAML header between two ``---`` lines, then the
critic's text exactly as found. :func:`parse_reading` turns a file's bytes into a
:class:`Reading`; :func:`reading_from_text` makes one from text typed in a notebook.

>>> r = parse_reading(b"---\\nid: demo\\ntitle: T\\nkind: review\\n---\\nAli swims. She laughs.")
>>> r.id, [s.text for s in r.sentences], r.language
('demo', ['Ali swims.', 'She laughs.'], 'en')
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .errors import ChecksumError, ReadingError, UnknownIdError
from .files import decode_text
from .folders import SLUG
from .terms import Tokens
from .text import Span, count_words, split_lines, split_sentences
from .validate import LANGUAGE_CODE, Record
from .yamlio import load_mapping

__all__ = [
    "DELIMITER",
    "ENGLISH",
    "FIELDS",
    "Reading",
    "body_checksum",
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
        "language": FieldSpec(
            False,
            "a language code: en, fr, de, or with a region, en-GB; absent or null means en",
            "language: en",
        ),
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
_CHECKSUM = re.compile(r"^sha256:[0-9a-f]{64}$")
DELIMITER = re.compile(r"^---[ \t]*$")
#: The language of a reading whose header gives none.
ENGLISH = "en"
_LANGUAGE_NAMES = {"english": "en", "french": "fr", "français": "fr", "francais": "fr"}
_LANGUAGE_NAMES |= {"german": "de", "deutsch": "de", "spanish": "es", "español": "es"}
_LANGUAGE_NAMES |= {"italian": "it", "portuguese": "pt", "dutch": "nl"}


def _language_fix(value: str) -> str:
    """How to write ``value`` as a language code: a guess when one is plain."""
    guess = _LANGUAGE_NAMES.get(value.strip().lower())
    if guess is None:
        primary, _, region = value.strip().replace("_", "-").partition("-")
        guess = primary.lower() + (f"-{region.upper()}" if region else "")
    if LANGUAGE_CODE.match(guess):
        return f"write 'language: {guess}'"
    return (
        "write a language code: two or three lower-case letters (en, fr, de), "
        "optionally a region (en-GB); or delete the line for English"
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

    @property
    def language(self) -> str:
        """The header's language code; :data:`ENGLISH` (``"en"``) when it gives none."""
        return self.meta.get("language") or ENGLISH

    @property
    def is_english(self) -> bool:
        """Whether the reading is in English: ``en``, with or without a region (``en-GB``)."""
        return self.language.split("-")[0] == ENGLISH

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
        return count_words(self.text)

    @cached_property
    def tokens(self) -> Tokens:
        """The folded words of the text with their offsets, worked out once: scene tagging,
        theme hits and the concordance take each passage's or sentence's words from here."""
        return Tokens.of(self.text)

    def sentence(self, number: int | str) -> Span:
        """A sentence by its number as its id gives it (``3`` or ``"s3"``): counting from 1.

        >>> r = Reading(id="demo", meta={"id": "demo", "title": "T", "kind": "review"},
        ...             text="One. Two. Three.")
        >>> r.sentence(2).text, r.sentence("s3").id
        ('Two.', 'demo:s3')
        """
        written = str(number).removeprefix(f"{self.id}:").removeprefix("s")
        n = int(written) if written.isdigit() else 0
        if not 1 <= n <= len(self.sentences):
            raise UnknownIdError(
                f"{self.id} has sentences s1 to s{len(self.sentences)}; there is no s{written}",
                field="sentence",
                fix=f"give a number from 1 to {len(self.sentences)}, like {self.id}:s1",
            )
        return self.sentences[n - 1]

    def line_of(self, offset: int) -> int:
        """The file line holding character ``offset`` of the text."""
        return self.body_line + self.text.count("\n", 0, offset)

    def __repr__(self) -> str:
        return f"Reading({self.id!r}, {self.meta.get('title')!r}, {self.words} words)"


def _decode(raw: bytes, path: str) -> str:
    """UTF-8 text with a byte-order mark removed and line endings made ``\\n``."""
    nul = raw.find(b"\x00", 0, 8192)
    if nul >= 0:
        raise ReadingError(
            f"this looks like a binary file (a NUL byte at byte {nul})",
            path=path,
            fix="a reading must be plain text: copy the text into a UTF-8 .md file",
        )
    return decode_text(raw, path, error=ReadingError)


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
    if name == "language" and isinstance(value, bool):
        raise ReadingError(
            f"field 'language' must be a language code, found {str(value).lower()}",
            path=path,
            line=line,
            field=name,
            fix="YAML reads no, yes, on and off as true or false: write the code in quotes, "
            'e.g. language: "no" (Norwegian)',
        )
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
    if name == "language" and not LANGUAGE_CODE.match(value):
        raise ReadingError(
            f"language {value!r} is not a language code",
            path=path,
            line=line,
            field=name,
            fix=_language_fix(value),
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
    3 titel unknown header field 'titel'; did you mean 'title'?
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
    header_record = Record(
        header, what="header", path=spath, line=2, lines=where, error=ReadingError
    )
    header_record.fields(dict.fromkeys(FIELDS, False))
    for name, value in header.items():
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
            raise ChecksumError(
                "checksum mismatch: the text is not the one the header was stamped with "
                f"(header {header['checksum'][:19]}..., text {actual[:19]}...)",
                path=spath,
                line=where.get("checksum"),
                field="checksum",
                fix="restore the original text; if the change is intended, set "
                f"'checksum: {actual}' (or run 'rustbone-kit checksum FILE')",
            )
    return Reading(id=header["id"], meta=header, text=body, path=Path(path), body_line=body_line)


def reading_from_text(
    text: str,
    *,
    id: str = "my-reading",
    title: str = "My reading",
    author: str | None = None,
    kind: str = "student reading",
    language: str = ENGLISH,
) -> Reading:
    """A reading made from text typed in a notebook, to run the kit's tools on one's own words.

    Lines broken inside a paragraph are joined; a blank line starts a new paragraph.
    ``language`` is a language code, as in a header (``"fr"``, ``"en-GB"``).

    >>> r = reading_from_text("Ali carries her\\ninto the sea.\\n\\nIt moves me.", author="Sam")
    >>> r.id, r.meta["kind"], [p.text for p in r.passages]
    ('my-reading', 'student reading', ['Ali carries her into the sea.', 'It moves me.'])
    >>> reading_from_text("Ali nage.", language="fr").language
    'fr'
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
    if not isinstance(language, str) or not LANGUAGE_CODE.match(language):
        raise ReadingError(
            f"language {language!r} is not a language code",
            field="language",
            fix=_language_fix(str(language)),
        )
    meta = {"id": id, "title": title, "kind": kind, "author": author, "language": language}
    # typed text wraps lines inside a paragraph; the kit's passages are whole lines
    paragraphs = re.split(r"\n\s*\n", text.strip())
    body = "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())
    return Reading(id=id, meta=meta, text=body)
