"""Loading and validating readings.

A reading is a UTF-8 Markdown file: a YAML header between two ``---`` lines, then the
critic's text exactly as found. :func:`load_corpus` reads a folder of them (the bundled
readings by default) into a :class:`Corpus` of :class:`Reading` objects.
:func:`require_english` is the one language rule of the measures whose word lists are
English.

>>> corpus = load_corpus()
>>> corpus.ids
('bowditch', 'compiled-page', 'marchant', 'overview', 'unsigned-review')
>>> corpus["marchant"].meta["rating"]
'7.2'
>>> corpus["marchant"].sentences[0].text
'Film: Rust & Bone'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import KNOWN_SHOWN, LanguageError, ReadingError, UnknownIdError
from .files import read_bytes_file
from .folders import bundled_readings_path
from .reading import FIELDS, Reading, parse_reading

__all__ = ["Corpus", "load_corpus", "register_scene_view", "require_english"]

#: The function behind :meth:`Corpus.scene`, registered by the scenes layer.
_SCENE_VIEW: list[Callable[..., Any]] = []


def register_scene_view(view: Callable[..., Any]) -> None:
    """Let :meth:`Corpus.scene` call ``view(corpus, scene_id, annotator=...)``."""
    _SCENE_VIEW[:] = [view]


#: File names in a readings folder that are documentation or data, not readings.
_NOT_READINGS = {".yaml", ".yml"}


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
                raise UnknownIdError.of("reading", key, self.ids) from None
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

        A convenience for :func:`rustbone_kit.scene_passages` ``(corpus, scene_id)``. The
        corpus layer does not import the scenes layer: the scenes module registers the
        function here when the package is imported (``import rustbone_kit`` does that).

        >>> load_corpus().scene("ice").silent
        ('bowditch', 'marchant', 'overview', 'unsigned-review')
        """
        return _SCENE_VIEW[0](self, scene_id, annotator=annotator)

    def with_readings(self, *readings: Reading) -> Corpus:
        """A new corpus: these readings added after the others (the folder's catalogues,
        lexicon and annotations still apply). The corpus itself does not change.

        >>> from rustbone_kit.reading import reading_from_text
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

        ``language`` is the reading's language code, ``en`` where the header gives none.

        >>> frame = load_corpus().to_frame()
        >>> frame.loc["bowditch", "author"], int(frame.loc["bowditch", "passages"])
        ('Carol Bowditch', 11)
        >>> frame.loc["bowditch", "language"]
        'en'
        """
        rows = []
        for r in self.readings:
            row = {name: r.meta.get(name) for name in FIELDS if name != "checksum"}
            row.update(
                language=r.language,
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


def _candidates(folder: Path) -> tuple[list[Path], list[ReadingError]]:
    """The .md files of a folder, and a problem for each file that is not a reading."""
    files, problems = [], []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or entry.is_dir():
            continue
        if entry.suffix.lower() == ".md":
            if entry.name.lower() == "readme.md":
                continue
            if entry.is_symlink() and not entry.resolve().is_relative_to(folder.resolve()):
                problems.append(
                    ReadingError(
                        f"is a link to {entry.resolve()}, outside the readings folder, so it "
                        "was not loaded",
                        path=entry,
                        fix="copy the reading into the folder (a course folder must hold its "
                        "own texts, so that what a class reads is what the folder holds)",
                    )
                )
                continue
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
    if folder.is_dir():
        try:
            files, problems = _candidates(folder)
        except OSError as exc:
            raise ReadingError(
                f"the folder cannot be read ({exc.strerror})",
                path=folder,
                fix="check the folder's permissions (it must be readable and searchable)",
            ) from None
    elif folder.exists() or folder.is_symlink():
        files, problems = [folder], []
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
            reading = parse_reading(read_bytes_file(file, error=ReadingError), path=file)
        except ReadingError as exc:
            problems.append(exc)
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


def require_english(
    readings: Iterable[Reading], measure: str, why: str, *, fix: str | None = None
) -> list[Reading]:
    """The readings, if all are in English; else a :class:`LanguageError` naming the others.

    For the measures whose word lists are English: they refuse a reading in another language
    rather than score it with words it does not use. ``fix`` replaces the usual advice (pass
    ``readings=`` with the English ones).

    >>> from rustbone_kit.reading import reading_from_text
    >>> fr = reading_from_text("Ali nage.", id="critique", language="fr")
    >>> try:
    ...     require_english([fr], "rk.sentence_tone", "VADER's English lexicon")
    ... except LanguageError as err:
    ...     print(err.readings, err.field)
    (('critique', 'fr'),) language
    """
    chosen = list(readings)
    others = [r for r in chosen if not r.is_english]
    if not others:
        return chosen
    english = [r.id for r in chosen if r.is_english]
    named = ", ".join(f"{r.id} ({r.language})" for r in others[:KNOWN_SHOWN])
    if len(others) > KNOWN_SHOWN:
        named += f" ... ({len(others) - KNOWN_SHOWN:,} more)"
    if fix is None:
        listed = repr(english) if len(english) <= 6 else "[r.id for r in corpus if r.is_english]"
        fix = (
            f"pass readings={listed}, the English ones"
            if english
            else "read these texts with the measures for any language (concordance, theme "
            "counts with a lexicon in their language)"
        )
    these = "this reading is" if len(others) == 1 else "these readings are"
    raise LanguageError(
        f"{measure} reads English only ({why}), and {these} in another language: {named}",
        path=others[0].path,
        field="language",
        fix=f"{fix}; the README's 'Languages' says which measures work in which language",
        readings=[(r.id, r.language) for r in others],
    )
