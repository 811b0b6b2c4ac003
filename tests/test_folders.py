"""Where a course's files are: the bundled folder, a corpus's own folder, and fresh()."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from helpers import GOOD, write

import rustbone_kit as rk
from rustbone_kit.folders import (
    SLUG,
    bundled_readings_path,
    corpus_folder,
    fresh,
)


def test_the_bundled_folder_holds_the_readings_and_the_course_files():
    bundled = bundled_readings_path()
    assert bundled.is_dir() and bundled.name == "readings"
    assert {"bowditch.md", "scenes.yaml", "characters.yaml", "themes.yaml"} <= {
        p.name for p in bundled.iterdir()
    }
    assert (bundled / "annotations" / "reference.yaml").is_file()


@pytest.mark.parametrize(
    ("text", "ok"),
    [("ice", True), ("street-fights", True), ("lesson2", True), ("Ice", False),
     ("street--fights", False), ("-ice", False), ("ice-", False), ("ice fight", False),
     ("", False)],
)  # fmt: skip
def test_a_slug_is_lower_case_words_joined_by_single_hyphens(text, ok):
    assert bool(SLUG.match(text)) is ok


def test_corpus_folder_is_the_folder_a_corpus_was_loaded_from(tmp_path):
    write(tmp_path, "demo.md", GOOD)
    assert corpus_folder(rk.load_corpus(tmp_path)) == tmp_path
    assert corpus_folder(rk.load_corpus(tmp_path / "demo.md")) == tmp_path  # a single file's
    assert corpus_folder(SimpleNamespace(path=None)) is None  # built in memory
    assert corpus_folder(None) is None


def counting_loader(calls: list[Path]):
    def load(folder: Path) -> str:
        calls.append(folder)
        return (folder / "course.yaml").read_text(encoding="utf-8")

    return load


def test_fresh_reads_once_and_again_after_the_file_changes(tmp_path):
    path = write(tmp_path, "course.yaml", "first")
    calls: list[Path] = []
    load = counting_loader(calls)
    first = fresh(load, tmp_path, "course.yaml")
    assert first == "first" and fresh(load, tmp_path, "course.yaml") is first
    assert len(calls) == 1
    path.write_text("second", encoding="utf-8")
    stat = path.stat()
    os.utime(path, (stat.st_atime + 10, stat.st_mtime + 10))  # a later modification time
    assert fresh(load, tmp_path, "course.yaml") == "second"
    assert len(calls) == 2
    assert fresh(load, tmp_path, "course.yaml") == "second" and len(calls) == 2


def test_fresh_notices_a_file_that_appears_or_goes(tmp_path):
    write(tmp_path, "course.yaml", "x")
    calls: list[Path] = []

    def load(folder: Path) -> bool:
        calls.append(folder)
        return (folder / "extra.yaml").exists()

    assert fresh(load, tmp_path, "course.yaml", "extra.yaml") is False
    write(tmp_path, "extra.yaml", "y")
    assert fresh(load, tmp_path, "course.yaml", "extra.yaml") is True
    (tmp_path / "extra.yaml").unlink()
    assert fresh(load, tmp_path, "course.yaml", "extra.yaml") is False
    assert len(calls) >= 2  # the last state equals the first: its cached value may serve


def test_fresh_keeps_folders_apart(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir(), two.mkdir()
    write(one, "course.yaml", "one")
    write(two, "course.yaml", "two")
    calls: list[Path] = []
    load = counting_loader(calls)
    assert fresh(load, one, "course.yaml") == "one"
    assert fresh(load, two, "course.yaml") == "two"
    assert calls == [one, two]
