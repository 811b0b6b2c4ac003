"""Builders shared by the core's test modules: small reading folders and hand-made tables.

Import them as ``from helpers import folder`` (pytest puts ``tests/`` on ``sys.path``).
"""

from __future__ import annotations

import textwrap
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

import rustbone_kit as rk
from rustbone_kit.corpus import Corpus
from rustbone_kit.lexicon import Lexicon, Theme
from rustbone_kit.reading import Reading

# --- one reading file, and its loading errors -------------------------------------------------

#: The smallest valid reading: the three required fields and two sentences.
GOOD = "---\nid: demo\ntitle: A demo review\nkind: review\n---\nAli swims. Sam sleeps.\n"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    """Write ``content`` (text as UTF-8, or bytes as they are) to ``folder / name``."""
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def load_error(tmp_path: Path, content: str | bytes, name: str = "bad.md") -> rk.ReadingError:
    """The ReadingError that loading a folder holding ``content`` as ``name`` raises."""
    write(tmp_path, name, content)
    with pytest.raises(rk.ReadingError) as info:
        rk.load_corpus(tmp_path)
    return info.value


# --- a course folder: one reading, two characters, two scenes ---------------------------------

READING = textwrap.dedent(
    """\
    ---
    id: demo
    title: Demo
    kind: review
    ---
    Ali works as a bouncer at a club. The boy sleeps.
    Sam falls through the ice of a frozen lake. Leave a Reply
    Rust and Bone is a film. Rust and Bone is long.
    """
)
CHARACTERS = textwrap.dedent(
    """\
    characters:
      - id: ali
        names: [Ali, Alain]
        roles: [the boxer]
      - id: sam
        names: [Sam]
        roles: [the boy, his son]
    """
)
SCENES = textwrap.dedent(
    """\
    scenes:
      - id: club
        order: 1
        title: The club
        description: Ali works the door.
        characters: [ali]
        cues: [bouncer, club, nightclub]
      - id: ice
        order: 2
        title: The ice
        description: Sam falls through.
        characters: [ali, sam]
        cues: [ice, frozen lake, drown*]
    """
)

COURSE = "title: Demo\nborrow: [themes.yaml, sources.yaml]\n"


def folder(
    tmp_path: Path, annotations: str | None = None, *, reading: str = READING, **files: str
) -> Path:
    """A readings folder: demo.md, characters.yaml, scenes.yaml, a course.yaml that borrows
    the bundled themes.yaml and sources.yaml, and, if given, the annotations of annotator
    ``me`` (``annotations/me.yaml``). ``characters=``, ``scenes=`` and ``course=`` replace
    those files' text."""
    (tmp_path / "demo.md").write_text(reading)
    (tmp_path / "course.yaml").write_text(files.get("course", COURSE))
    (tmp_path / "characters.yaml").write_text(files.get("characters", CHARACTERS))
    (tmp_path / "scenes.yaml").write_text(files.get("scenes", SCENES))
    if annotations is not None:
        (tmp_path / "annotations").mkdir(exist_ok=True)
        (tmp_path / "annotations" / "me.yaml").write_text(textwrap.dedent(annotations))
    return tmp_path


def labels(rows: list[tuple[str, str]], readings=("demo",)) -> pd.DataFrame:
    """Sentence labels (reading, sentence, scene) of the ``demo`` reading, by hand."""
    frame = pd.DataFrame(
        [("demo", s, c) for s, c in rows], columns=["reading", "sentence", "scene"]
    )
    frame.attrs["readings"] = readings
    return frame


# --- corpora built in memory, counted by hand ------------------------------------------------

LEXICON = Lexicon(
    (
        Theme("water", "Water", "the sea", ("sea", "swim*", "the open sea")),
        Theme("body", "Body", "the body", ("legs", "steel legs", "amputat*")),
        Theme("fight", "Fighting", "fights", ("fight*", "bare-knuckle")),
    )
)


def reading(rid: str, text: str, **meta) -> Reading:
    """A reading built in memory (no file), with the three required fields."""
    return Reading(
        id=rid, meta={"id": rid, "title": rid.title(), "kind": "test", **meta}, text=text
    )


def small_corpus() -> Corpus:
    """Two readings: ``a`` on water and the body, ``b`` on fighting (see LEXICON)."""
    return Corpus(
        (
            reading("a", "She swims in the open SEA.\nHer steel legs shine; the sea is calm."),
            reading("b", "A bare-knuckle fight. Fighters fight.\nNo water here at all, just legs."),
        )
    )


def broken_copy_error(tmp_path, loader, name, old, new, marker):
    """Copy the bundled ``name`` (and sources.yaml) into tmp_path with ``old`` replaced by
    ``new``; return the error ``loader(tmp_path)`` raises and the line of ``marker``."""
    import shutil

    import rustbone_kit as rk
    from rustbone_kit.errors import KitError

    for file in (name, "sources.yaml"):
        shutil.copy(rk.bundled_readings_path() / file, tmp_path / file)
    text = (tmp_path / name).read_text(encoding="utf-8")
    assert old in text, f"the bundled {name} no longer has {old!r}: update this case"
    broken = text.replace(old, new, 1)
    (tmp_path / name).write_text(broken, encoding="utf-8")
    line = max(i for i, row in enumerate(broken.splitlines(), 1) if row.strip() == marker)
    try:
        loader(tmp_path)
    except KitError as err:
        return err, line
    raise AssertionError(f"{name} with {new!r} loaded without an error")


# --- a reading in another language ------------------------------------------------------------

#: A short review in French (``language: fr``): two passages, four sentences, 29 words.
FRENCH = textwrap.dedent(
    """\
    ---
    id: critique
    title: De rouille et d'os
    kind: review
    language: fr
    ---
    Ali travaille comme videur dans une boîte de nuit. Stéphanie dresse des orques.
    L'accident la prive de ses jambes. Ali la porte dans la mer, et elle nage enfin !
    """
)


class Meanwhile:
    """A save made while a notebook runs, with no guess at timing: :attr:`cell` says it has
    started and then waits; :meth:`start` runs ``save`` on a thread once the cell has
    started, and then lets the cell end. A run that never reaches the cell lets the thread
    give up after ``timeout`` seconds (it saves anyway, so the test fails on its assertion).
    """

    def __init__(self, folder: Path, timeout: float = 120.0) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.started, self.saved, self.timeout = folder / "started", folder / "saved", timeout

    @property
    def cell(self) -> str:
        return (
            f"import pathlib, time\npathlib.Path({str(self.started)!r}).touch()\n"
            f"while not pathlib.Path({str(self.saved)!r}).exists():\n    time.sleep(0.02)"
        )

    def start(self, save: Callable[[], None]) -> threading.Thread:
        def work() -> None:
            deadline = time.monotonic() + self.timeout
            while not self.started.exists() and time.monotonic() < deadline:
                time.sleep(0.02)
            try:
                save()
            finally:
                self.saved.touch()

        thread = threading.Thread(target=work)
        thread.start()
        return thread
