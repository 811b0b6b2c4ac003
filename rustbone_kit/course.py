"""The course file (``course.yaml``): what a readings folder is about, and what each lesson shows.

A readings folder is the whole description of a course. Its ``course.yaml`` names the film
and the work it adapts, the language of its readings, which of the bundled course's files it
borrows (none unless it says so), and, for each lesson, the examples the lesson's code uses:
the scene it opens, the readings it compares, the terms it searches. The lessons' code cells
read those examples (``rk.lesson_examples(corpus, "04").scene``) and never name a film's ids.

:func:`course_folder` is the one rule for where a course file comes from: the folder of the
corpus; the bundled readings when the corpus is None or was built in memory (the documented
default); the bundled copy for another folder only when its ``course.yaml`` lists the file
under ``borrow:``. A folder that lacks a file a call needs gets a :class:`MissingFileError`
that names the file and the template to start from.

>>> course = load_course(bundled_readings_path())
>>> course.title, course.year, course.language
('Rust and Bone', 2012, 'en')
>>> lesson_examples(None, "04").scene
'orca-accident'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import KitError, closest
from .files import read_text_file
from .folders import HasPath, bundled_readings_path, corpus_folder, fresh
from .validate import LANGUAGE_CODE, Record
from .yamlio import load_document

__all__ = [
    "COURSE_FILE",
    "Course",
    "CourseError",
    "LessonExamples",
    "MissingFileError",
    "borrowed",
    "course_folder",
    "course_for",
    "course_path",
    "lesson_examples",
    "load_course",
    "template_path",
]

COURSE_FILE = "course.yaml"
_FIELDS = {
    "title": True,
    "year": False,
    "director": False,
    "source_work": False,
    "source_author": False,
    "source": False,
    "language": False,
    "borrow": False,
    "lessons": False,
}
_LESSON = re.compile(r"^[0-9]{2}$")
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_INT = re.compile(r"^-?[0-9]+$")


class CourseError(KitError):
    """A problem in a ``course.yaml``: names the file, the line, the field and the fix."""


class MissingFileError(KitError):
    """A course folder lacks a file that a call needs; names it and the template to copy."""


def template_path(name: str) -> Path:
    """The commented template of a course file, as ``rustbone-kit new-readings`` writes it.

    >>> template_path("themes.yaml").name
    'themes.yaml'
    """
    return Path(__file__).resolve().parent / "templates" / "course" / name


class LessonExamples:
    """The examples one lesson uses, read as attributes: ``lesson.scene``, ``lesson.terms``.

    An example the course file does not give raises a :class:`CourseError` that names the
    file, the lesson and the key to add (it is also an ``AttributeError``).

    >>> lesson = lesson_examples(None, "02")
    >>> lesson.example_scene
    'balcony'
    """

    def __init__(self, number: str, values: dict[str, Any], path: Path | None) -> None:
        self._number, self._values, self._path = number, dict(values), path

    def __getattr__(self, key: str) -> Any:
        if key.startswith("_"):
            raise AttributeError(key)
        try:
            return self._values[key]
        except KeyError:
            near = closest(key, list(self._values))
            hint = f"; did you mean {near!r}?" if near else ""
            raise _MissingExample(
                f"lesson {self._number} has no example {key!r}{hint}",
                path=self._path,
                field=f"lessons.{self._number}.{key}",
                fix=f"add '{key}: ...' under lessons: \"{self._number}\": in the course file "
                "(the bundled readings/course.yaml shows every lesson's examples)",
            ) from None

    def __dir__(self) -> list[str]:
        return sorted(self._values)

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self._values.items())
        return f"LessonExamples({self._number}: {inner})"

    def as_dict(self) -> dict[str, Any]:
        """The examples as a plain mapping (a copy)."""
        return dict(self._values)


class _MissingExample(CourseError, AttributeError):
    pass


@dataclass(frozen=True)
class Course:
    """A course file, read and checked. ``lessons`` maps "04" to that lesson's examples."""

    title: str
    year: int | None = None
    director: str | None = None
    source_work: str | None = None
    source_author: str | None = None
    source: tuple[str, ...] = ()
    language: str = "en"
    borrow: tuple[str, ...] = ()
    lessons: dict[str, dict[str, Any]] = field(default_factory=dict)
    path: Path | None = None
    lines: dict[tuple[str, str], int] = field(default_factory=dict, compare=False, repr=False)

    def lesson(self, number: str | int) -> LessonExamples:
        """The examples of lesson ``number`` ("04" or 4); an empty set if it lists none."""
        key = f"{int(number):02d}" if str(number).isdigit() else str(number)
        return LessonExamples(key, self.lessons.get(key, {}), self.path)

    def unknown_ids(self, known: dict[str, set[str]]) -> list[CourseError]:
        """A located error for each example that names an id its kind does not know.

        ``known`` maps a kind ("scene", "reading", "character", "theme") to its ids; an
        example's kind is the end of its name (``silent_scene``, ``readings`` ...).

        >>> load_course().unknown_ids({"scene": {"ice"}})[0].field
        'lessons.02.example_scene'
        """
        found = []
        for number, values in self.lessons.items():
            for key, value in values.items():
                kind = next((k for k in known if key.endswith((k, k + "s"))), None)
                if kind is None:
                    continue
                for item in value if isinstance(value, list) else [value]:
                    if str(item) not in known[kind]:
                        near = closest(str(item), sorted(known[kind]))
                        hint = f"; did you mean {near!r}?" if near else ""
                        found.append(
                            CourseError(
                                f"lesson {number}'s {key} names no {kind} {item!r}{hint}",
                                path=self.path,
                                line=self.lines.get((number, key)),
                                field=f"lessons.{number}.{key}",
                                fix=f"use one of the course's {kind} ids",
                            )
                        )
        return found

    def facts(self) -> dict[str, Any]:
        """The film's fields, for the lessons' prose: ``{film}``, ``{year}`` ..."""
        return {
            "film": self.title,
            "year": self.year,
            "director": self.director,
            "source_work": self.source_work,
            "source_author": self.source_author,
        }


def _example(rec: Record, number: str, key: Any, value: Any) -> Any:
    where = f"lessons.{number}.{key}"
    if not isinstance(key, str) or not _KEY.match(key):
        rec.fail(
            f"example name {key!r} in lesson {number} is not a lower-case name",
            where,
            "use letters, digits and underscores, starting with a letter (e.g. example_scene)",
        )
    scalar = (str, int, float)
    ok = isinstance(value, scalar) and not isinstance(value, bool)
    ok = ok or (isinstance(value, list) and all(isinstance(v, scalar) for v in value))
    if not ok:
        rec.fail(
            f"example {key!r} of lesson {number} must be text, a number or a list of them",
            where,
            "write it as 'key: value' or 'key: [a, b]'",
        )
    return value


def _lessons(rec: Record, raw: Any) -> dict[str, dict[str, Any]]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        rec.fail("'lessons' must map lesson numbers to examples", "lessons", 'write "04": {...}')
    lessons = {}
    for number, values in raw.items():
        if not isinstance(number, str) or not _LESSON.match(number):
            rec.fail(
                f"lesson number {number!r} must be two digits in quotes",
                "lessons",
                'write the lesson as "04" (quoted, two digits)',
            )
        if not isinstance(values, dict):
            rec.fail(f"lesson {number} must map example names to values", "lessons", "key: value")
        lessons[number] = {k: _example(rec, number, k, v) for k, v in values.items()}
    return lessons


def _number(node: Any, value: Any) -> Any:
    """A plain (unquoted) whole number of the YAML as an int; anything else as written."""
    if getattr(node, "style", "'") in (None, "") and isinstance(value, str) and _INT.match(value):
        return int(value)
    return value


def _typed_lessons(data: Any, node: Any) -> Any:
    """The ``lessons:`` section with unquoted whole numbers as ints (the kit's YAML keeps
    every scalar as written, so "5" and 5 would otherwise both be text)."""
    raw = data.get("lessons") if isinstance(data, dict) else None
    if not isinstance(raw, dict):
        return raw
    for key, value in getattr(node, "value", ()):
        if getattr(key, "value", None) != "lessons" or not isinstance(value.value, list):
            continue
        for number, examples in value.value:
            values = raw.get(number.value)
            if not isinstance(values, dict) or not isinstance(examples.value, list):
                continue
            for name, item in examples.value:
                got = values.get(name.value)
                if isinstance(got, list) and isinstance(item.value, list):
                    values[name.value] = [
                        _number(n, v) for n, v in zip(item.value, got, strict=True)
                    ]
                else:
                    values[name.value] = _number(item, got)
    return raw


def _example_lines(node: Any) -> dict[tuple[str, str], int]:
    """The file line of each lesson example's key."""
    lines: dict[tuple[str, str], int] = {}
    for key, value in getattr(node, "value", ()):
        if getattr(key, "value", None) != "lessons" or not isinstance(value.value, list):
            continue
        for number, examples in value.value:
            for name, _ in examples.value if isinstance(examples.value, list) else ():
                lines[(str(number.value), str(name.value))] = name.start_mark.line + 1
    return lines


def _texts(rec: Record, key: str) -> tuple[str, ...]:
    return () if rec.item.get(key) in (None, [], "") else rec.texts(key)


def load_course(folder: str | Path | None = None) -> Course:
    """Read ``course.yaml`` of a folder (the bundled readings by default).

    Raises :class:`MissingFileError` if the folder has none, :class:`CourseError` naming the
    line and field of anything malformed.

    >>> load_course().borrow
    ()
    """
    folder = Path(folder) if folder is not None else bundled_readings_path()
    path = folder / COURSE_FILE
    if not path.exists():
        raise MissingFileError(
            f"the folder has no {COURSE_FILE}",
            path=path,
            fix=f"copy the template {template_path(COURSE_FILE)} and fill it in, or run "
            "'rustbone-kit new-readings NEW_FOLDER' to start a course from templates",
        )
    text = read_text_file(path, error=CourseError)
    data, node = load_document(text, path=str(path), error=CourseError)
    rec = Record.of_node(data, node, what="course", path=path, error=CourseError)
    rec.fields(_FIELDS)
    language = rec.text("language") or "en"
    if not LANGUAGE_CODE.match(language):
        rec.fail(
            f"language {language!r} is not a language code",
            "language",
            "write a code such as en, fr or pt-BR",
        )
    borrow = _texts(rec, "borrow")
    for name in borrow:
        if name == COURSE_FILE or not (bundled_readings_path() / name).is_file():
            rec.fail(
                f"the bundled course has no {name!r} to borrow",
                "borrow",
                "list only files of the bundled readings folder, e.g. form.yaml",
            )
    return Course(
        title=rec.text("title") or "",
        year=rec.number("year"),
        director=rec.text("director"),
        source_work=rec.text("source_work"),
        source_author=rec.text("source_author"),
        source=_texts(rec, "source"),
        language=language,
        borrow=borrow,
        lessons=_lessons(rec, _typed_lessons(data, node)),
        path=path,
        lines=_example_lines(node),
    )


def _own_folder(corpus: HasPath | None) -> Path | None:
    """The corpus's folder, or None for the bundled one (no corpus, or built in memory)."""
    folder = corpus_folder(corpus)
    if folder is None or folder.resolve() == bundled_readings_path().resolve():
        return None
    return folder


def course_for(corpus: HasPath | None) -> Course:
    """The course file of a corpus's folder (the bundled course for None or a corpus built in
    memory), read again whenever it changes."""
    folder = _own_folder(corpus) or bundled_readings_path()
    return fresh(load_course, folder, COURSE_FILE)


def lesson_examples(corpus: HasPath | None, number: str | int) -> LessonExamples:
    """The examples lesson ``number`` uses on this corpus's course.

    >>> lesson_examples(None, 4).readings[:2]
    ['bowditch', 'marchant']
    """
    return course_for(corpus).lesson(number)


def course_folder(corpus: HasPath | None, *names: str) -> Path:
    """The folder whose ``names`` apply to ``corpus``.

    The corpus's own folder when it holds any of them; the bundled readings when the corpus
    is None or built in memory, or when its folder's course file borrows one of them; else a
    :class:`MissingFileError` naming the first file and its template.

    >>> course_folder(None, "scenes.yaml").name
    'readings'
    """
    folder = _own_folder(corpus)
    if folder is None:
        return bundled_readings_path()
    if any((folder / name).exists() for name in names):
        return folder
    if (folder / COURSE_FILE).exists() and set(names) & set(course_for(corpus).borrow):
        return bundled_readings_path()
    raise MissingFileError(
        f"this course folder has no {' or '.join(names)}",
        path=folder / names[0],
        fix=f"start from the template {template_path(names[0])} (or 'rustbone-kit new-readings "
        f"NEW_FOLDER' writes them all); to use the bundled film's copy instead, list "
        f"'{names[0]}' under borrow: in {folder / COURSE_FILE}",
    )


def borrowed(corpus: HasPath | None, name: str) -> bool:
    """Whether ``name`` comes from the bundled course although the corpus has its own folder.

    >>> borrowed(None, "themes.yaml")
    False
    """
    return _own_folder(corpus) is not None and course_folder(corpus, name) != corpus_folder(corpus)


def course_path(corpus: HasPath | None, name: str) -> Path:
    """The file or folder ``name`` of a corpus's course, by the :func:`course_folder` rule.

    >>> course_path(None, "class-sample").name
    'class-sample'
    """
    return course_folder(corpus, name) / name
