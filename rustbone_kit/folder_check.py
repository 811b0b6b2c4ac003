"""Check a whole course folder: its readings and every course file, each problem located.

:func:`check_folder` loads the readings (every problem listed, as
``load_corpus(folder, strict=False)`` does), then each course file the folder holds with its
own loader: the scene and character catalogues, the lexicons (``themes.yaml``, ``form.yaml``),
the bibliography, the questions, the adaptation and claims tables, and every
``annotations/*.yaml`` resolved against the folder's readings (quotes found, ids known). It
returns one :class:`Finding` per file (a problem is the loader's
:class:`~rustbone_kit.errors.KitError`, which names the file, line, field and fix); a file the
folder does not hold is ``absent`` (or ``borrowed``, when its ``course.yaml`` takes the bundled
copy), not a problem. The course file is checked too, with every lesson example that names a
scene, reading, character or theme. ``rustbone-kit check-readings`` prints them.

>>> findings = check_folder()
>>> [f.file for f in findings if f.status != "clean"]
[]
>>> next(f for f in findings if f.file == "themes.yaml").text
'10 themes'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .adaptation import load_adaptation
from .annotations import load_annotation_file
from .catalogue import Catalogue, load_catalogue
from .checks.bank import QUESTIONS_FILE, load_questions
from .claims import load_claims
from .corpus import Corpus, load_corpus
from .course import COURSE_FILE, load_course, template_path
from .errors import KitError
from .folders import bundled_readings_path
from .lexicon import load_themes
from .sources import load_sources

__all__ = ["ABSENT", "STATUSES", "Finding", "check_folder", "has_problems"]

#: What a finding may say of its file.
STATUSES = ("clean", "problem", "absent", "borrowed", "skipped")
#: What is said of a course file the folder does not hold.
ABSENT = "not in this folder (calls that need it say so; course.yaml may borrow the bundled one)"
#: ... and of one its course file borrows from the bundled course.
BORROWED = "borrowed from the bundled course (course.yaml, borrow:)"


@dataclass(frozen=True)
class Finding:
    """What checking one file found.

    ``part`` is ``"readings"`` (a reading's problem, or the readings that loaded) or
    ``"course"`` (a course file); ``status`` one of :data:`STATUSES`; ``text`` the problem
    (the error's own message: file, line, field, fix) or what loaded (``"11 scenes, ..."``);
    ``loaded`` the ids of the readings that loaded cleanly (readings part only).
    """

    part: str
    file: str
    status: str
    text: str
    loaded: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.text if self.status == "problem" else f"{self.file}: {self.text}"


def has_problems(findings: list[Finding]) -> bool:
    """True if any finding is a problem."""
    return any(f.status == "problem" for f in findings)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _borrows(folder: Path) -> tuple[str, ...]:
    try:
        return load_course(folder).borrow if (folder / COURSE_FILE).is_file() else ()
    except KitError:
        return ()  # the course file's own finding reports it


def _one(file: str, folder: Path, present: bool, load: Callable[[], str]) -> Finding:
    if not present:
        if file in _borrows(folder):
            return Finding("course", file, "borrowed", BORROWED)
        return Finding("course", file, "absent", ABSENT)
    try:
        return Finding("course", file, "clean", load())
    except KitError as exc:
        return Finding("course", file, "problem", str(exc))


def _readings(folder: Path) -> tuple[Corpus, list[Finding]]:
    corpus = load_corpus(folder, strict=False)
    found = [
        Finding("readings", Path(p.path).name if p.path else str(folder), "problem", str(p))
        for p in corpus.problems
    ]
    text = f"{_plural(len(corpus), 'reading')} load cleanly"
    found.append(Finding("readings", "readings", "clean", text, loaded=corpus.ids))
    return corpus, found


def _catalogue(folder: Path) -> tuple[Catalogue | None, Finding]:
    names = ("scenes.yaml", "characters.yaml")
    file = " + ".join(names)
    if not any((folder / n).is_file() for n in names):
        if set(names) & set(_borrows(folder)):
            return load_catalogue(bundled_readings_path()), Finding(
                "course", file, "borrowed", BORROWED
            )
        return None, Finding("course", file, "absent", ABSENT)
    try:
        cat = load_catalogue(folder)
    except KitError as exc:
        return None, Finding("course", file, "problem", str(exc))
    text = f"{_plural(len(cat.scenes), 'scene')}, {_plural(len(cat.characters), 'character')}"
    return cat, Finding("course", file, "clean", text)


def _annotations(folder: Path, corpus: Corpus, cat: Catalogue | None) -> list[Finding]:
    files = sorted((folder / "annotations").glob("*.yaml"))
    if not files:
        return [Finding("course", "annotations/", "absent", "not in this folder (no annotator)")]
    found = []
    for path in files:
        file = f"annotations/{path.name}"
        if cat is None:
            found.append(
                Finding("course", file, "skipped", "not checked: the folder needs a catalogue")
            )
            continue
        try:
            loaded = load_annotation_file(corpus, path, catalogue=cat)
        except KitError as exc:
            found.append(Finding("course", file, "problem", str(exc)))
            continue
        covers = f", covering {', '.join(loaded.covers)}" if loaded.covers else ""
        text = f"{_plural(len(loaded.annotations), 'annotation')}{covers}"
        found.append(Finding("course", file, "clean", text))
    return found


def _questions(folder: Path) -> list[Finding]:
    path = folder / QUESTIONS_FILE
    if not path.is_file():
        return [Finding("course", QUESTIONS_FILE, "absent", ABSENT)]
    try:
        bank = load_questions(folder, strict=False)
    except KitError as exc:
        return [Finding("course", QUESTIONS_FILE, "problem", str(exc))]
    found = [Finding("course", QUESTIONS_FILE, "problem", str(p)) for p in bank.problems]
    if not bank.problems:
        found.append(Finding("course", QUESTIONS_FILE, "clean", _plural(len(bank), "question")))
    return found


def _course(folder: Path, corpus: Corpus, cat: Catalogue | None) -> list[Finding]:
    if not (folder / COURSE_FILE).is_file():
        text = f"not in this folder (new-course needs one: start from {template_path(COURSE_FILE)})"
        return [Finding("course", COURSE_FILE, "absent", text)]
    try:
        course = load_course(folder)
    except KitError as exc:
        return [Finding("course", COURSE_FILE, "problem", str(exc))]
    known = {"reading": set(corpus.ids)}
    if cat is not None:
        known |= {"scene": set(cat.scene_ids), "character": {c.id for c in cat.characters}}
    try:
        lexicon = "themes.yaml" if (folder / "themes.yaml").is_file() else None
        lexicon = lexicon or ("themes.yaml" if "themes.yaml" in course.borrow else None)
        if lexicon:
            theme_folder = folder if (folder / lexicon).is_file() else bundled_readings_path()
            known["theme"] = set(load_themes(theme_folder).ids)
    except KitError:
        pass  # themes.yaml's own finding reports it
    problems = course.unknown_ids(known)
    if problems:
        return [Finding("course", COURSE_FILE, "problem", str(p)) for p in problems]
    text = f"{course.title}, {_plural(len(course.lessons), 'lesson')} with examples"
    return [Finding("course", COURSE_FILE, "clean", text)]


def check_folder(folder: str | Path | None = None) -> list[Finding]:
    """Check every reading and every course file of a folder (the bundled readings by default).

    A folder that cannot be read at all (missing, not a folder) raises the loader's
    :class:`~rustbone_kit.errors.KitError`; everything else is a :class:`Finding`.
    """
    folder = Path(folder) if folder is not None else bundled_readings_path()
    corpus, found = _readings(folder)
    if not folder.is_dir():  # a single .md file: only the reading is checked
        return found
    cat, finding = _catalogue(folder)
    found.append(finding)

    def here(name: str) -> bool:
        return (folder / name).is_file()

    for name in ("themes.yaml", "form.yaml"):
        found.append(
            _one(
                name,
                folder,
                here(name),
                lambda name=name: _plural(len(load_themes(folder, name=name).themes), "theme"),
            )
        )
    found.append(
        _one(
            "sources.yaml",
            folder,
            here("sources.yaml"),
            lambda: _plural(len(load_sources(folder)), "source"),
        )
    )
    found.extend(_questions(folder))
    found.append(
        _one(
            "adaptation.yaml",
            folder,
            here("adaptation.yaml"),
            lambda: _plural(len(load_adaptation(folder).changes), "change"),
        )
    )
    found.append(
        _one(
            "claims.yaml",
            folder,
            here("claims.yaml"),
            lambda: _plural(len(load_claims(folder)), "claim"),
        )
    )
    found.extend(_annotations(folder, corpus, cat))
    found.extend(_course(folder, corpus, cat))
    return found
