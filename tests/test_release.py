"""The students' copy: everything a student needs, nothing of the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from rustbone_kit.cli import main
from rustbone_kit.errors import KitError
from rustbone_kit.release import release

ROOT = Path(__file__).resolve().parents[1]


def test_the_release_has_lessons_exercises_and_readings_but_no_key(tmp_path):
    out = tmp_path / "class"
    release(ROOT, out)
    assert (out / "exercises" / "01_meet_the_readings.ipynb").is_file()
    assert (out / "readings" / "bowditch.md").is_file() and (out / "run.py").is_file()
    assert any((out / "lessons").glob("*.ipynb"))
    assert not (out / "solutions").exists() and not (out / "lessons" / "TEACHING.md").exists()
    assert not list(out.rglob("tests")) and not list(out.rglob("*.bak"))


def test_a_release_never_writes_over_a_folder(tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "mine.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(KitError, match="not empty"):
        release(ROOT, tmp_path / "used")
    assert (tmp_path / "used" / "mine.txt").read_text(encoding="utf-8") == "keep"
    with pytest.raises(KitError, match="inside the course"):
        release(ROOT, ROOT / "lessons" / "out")


def test_the_command_says_what_it_left_out(tmp_path, capsys):
    assert main(["release", str(tmp_path / "c"), "--root", str(ROOT)]) == 0
    assert "left out: solutions/" in capsys.readouterr().out
