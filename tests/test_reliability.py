"""Hostile and clumsy files: each ends fast in a located KitError, and a lenient load lists all.

Every case is a kind an attacker or a tired teacher produces: alias bombs, deep nesting,
control characters, NUL bytes, pipes and devices where a file should be, unreadable folders,
links out of the folder. Each must end within a second per file, with the file, the line
where there is one, and a fix; none may stop a lenient load or ``check-readings`` from
reporting the other files.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

import rustbone_kit as rk
from rustbone_kit.annotations import AnnotationError, load_annotations
from rustbone_kit.catalogue import CatalogueError, load_catalogue
from rustbone_kit.cli import main
from rustbone_kit.errors import KitError, ReadingError
from rustbone_kit.lexicon import load_themes

HEADER = "---\nid: {id}\ntitle: A review\nkind: review\n{extra}---\nAli swims in the sea.\n"
BOMB = "\n".join(
    ["lol0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    + [f"lol{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 12)]
)
#: (name, header lines added to a reading, the line the error must name)
HOSTILE_HEADERS = [
    ("billion-laughs", "notes: &a [x, x, x]\nurl: *a\n", 5),
    ("deep-nesting", "notes: " + "[" * 5000 + "]" * 5000 + "\n", 5),
    ("deep-mapping", "notes: " + "{a: " * 3000 + "b" + "}" * 3000 + "\n", 5),
    ("bell", "notes: ring\x07ring\n", 5),
    ("escape", "notes: \x1b[31mred\n", 5),
    ("many-nodes", "notes: [" + ", ".join(["x"] * 20_000) + "]\n", 5),
    ("tag", "notes: !!python/object:os.system echo\n", 5),
]


def reading(folder: Path, name: str, extra: str = "", *, raw: bytes | None = None) -> Path:
    path = folder / f"{name}.md"
    path.write_bytes(raw if raw is not None else HEADER.format(id=name, extra=extra).encode())
    return path


def timed(call):
    start = time.perf_counter()
    try:
        call()
    except KitError as exc:
        return exc, time.perf_counter() - start
    raise AssertionError("no KitError was raised")


@pytest.mark.parametrize(
    ("name", "extra", "line"), HOSTILE_HEADERS, ids=[c[0] for c in HOSTILE_HEADERS]
)
def test_hostile_header_ends_fast_with_a_located_error(tmp_path, name, extra, line):
    path = reading(tmp_path, name, extra)
    err, seconds = timed(lambda: rk.load_corpus(path))
    assert isinstance(err, ReadingError)
    assert seconds < 1.0, f"{name} took {seconds:.2f} s"
    assert err.path == str(path) and err.line == line and err.fix, str(err)


def test_an_alias_bomb_in_a_catalogue_a_lexicon_or_annotations_costs_nothing(tmp_path):
    shutil.copytree(rk.bundled_readings_path(), tmp_path / "r")
    folder = tmp_path / "r"
    for name, load, error in (
        ("scenes.yaml", lambda: load_catalogue(folder), CatalogueError),
        ("themes.yaml", lambda: load_themes(folder), CatalogueError),
        (
            "annotations/reference.yaml",
            lambda: load_annotations(rk.load_corpus(folder), "reference"),
            AnnotationError,
        ),
    ):
        original = (folder / name).read_text(encoding="utf-8")
        (folder / name).write_text(BOMB + "\n", encoding="utf-8")
        err, seconds = timed(load)
        assert isinstance(err, error) and seconds < 1.0, (name, seconds)
        assert err.path.endswith(name) and err.line == 1 and "anchor" in err.problem
        (folder / name).write_text(original, encoding="utf-8")


@pytest.mark.parametrize(
    ("raw", "line", "words"),
    [
        (b"---\nid: n\ntitle: T\nkind: review\n---\n" + b"a" * 9000 + b"\nb\x00c\n", 7, "NUL"),
        (b"---\nid: n\ntitle: T\nkind: review\n---\nAli\x1b[0m swims.\n", 6, "escape"),
        (b"---\nid: n\ntitle: T\nkind: review\n---\nfine\n\x7f\n", 7, "control"),
    ],
    ids=["nul-after-8kb", "escape-in-text", "delete-in-text"],
)
def test_control_characters_anywhere_in_a_text_are_refused_with_their_place(
    tmp_path, raw, line, words
):
    path = reading(tmp_path, "n", raw=raw)
    err, _ = timed(lambda: rk.load_corpus(path))
    assert err.line == line and words in err.problem and "column" in err.problem


def test_a_pipe_where_a_reading_should_be_is_refused_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")
    reading(tmp_path, "good")
    corpus = rk.load_corpus(tmp_path, strict=False)  # would block forever if it opened the pipe
    assert corpus.ids == ("good",)
    (problem,) = corpus.problems
    assert problem.path.endswith("pipe.md") and "not a regular file" in problem.problem


def test_dev_null_is_not_called_missing():
    err, _ = timed(lambda: rk.load_corpus("/dev/null"))
    assert "not a regular file" in err.problem and err.path == "/dev/null"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_folder_is_a_located_error(tmp_path):  # pragma: no cover - not as root
    (tmp_path / "locked").mkdir(mode=0)
    err, _ = timed(lambda: rk.load_corpus(tmp_path / "locked"))
    assert "cannot be read" in err.problem


def test_an_unreadable_folder_as_root_is_a_located_error(tmp_path, monkeypatch):
    """Root reads every folder, so the failure is made by the operating system's own call."""
    reading(tmp_path, "good")

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "iterdir", refuse)
    err, _ = timed(lambda: rk.load_corpus(tmp_path))
    assert err.path == str(tmp_path) and "cannot be read (Permission denied)" in err.problem


def test_a_link_out_of_the_folder_is_refused_and_said(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    target = reading(outside, "secret")
    folder = tmp_path / "course"
    folder.mkdir()
    reading(folder, "good")
    (folder / "secret.md").symlink_to(target)
    (folder / "drafts").mkdir()
    (folder / "inside.md").symlink_to(reading(folder / "drafts", "draft"))  # inside: loads
    corpus = rk.load_corpus(folder, strict=False)
    assert [p.path for p in corpus.problems] == [str(folder / "secret.md")]
    assert "outside the readings folder" in corpus.problems[0].problem
    assert corpus.ids == ("good", "draft")


def test_a_lenient_load_and_check_readings_list_every_bad_file(tmp_path, capsys):
    for name, extra, _ in HOSTILE_HEADERS:
        reading(tmp_path, name, extra)
    reading(tmp_path, "good")
    start = time.perf_counter()
    corpus = rk.load_corpus(tmp_path, strict=False)
    assert time.perf_counter() - start < len(HOSTILE_HEADERS)
    assert corpus.ids == ("good",)
    assert sorted(Path(p.path).stem for p in corpus.problems) == sorted(
        n for n, _, _ in HOSTILE_HEADERS
    )
    assert main(["check-readings", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    for name, _, _ in HOSTILE_HEADERS:
        assert f"{name}.md, line 5" in err, name
