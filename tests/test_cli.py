"""The rustbone-kit command: one module per subcommand, its messages and exit codes."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import rustbone_kit as rk
from rustbone_kit import cli
from rustbone_kit.cli import main, stamp_checksum
from rustbone_kit.errors import ChecksumError
from rustbone_kit.folders import bundled_readings_path

GOOD = "---\nid: demo\ntitle: A demo review\nkind: review\n---\nAli swims. Sam sleeps.\n"


def test_every_command_is_one_module_with_add_parser_and_run(capsys):
    names = [command.NAME for command in cli.COMMANDS]
    assert names == [
        "check-readings",
        "new-readings",
        "new-course",
        "checksum",
        "exercises",
        "notebooks",
        "release",
        "grade",
        "link",
        "pull-report",
        "my-copy",
        "handout",
    ]
    for command in cli.COMMANDS:
        assert callable(command.add_parser) and callable(command.run)
        assert command.__doc__.startswith(f"``rustbone-kit {command.NAME}")
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    assert "{" + ",".join(names) + "}" in capsys.readouterr().out


def test_no_command_or_an_unknown_one_exits_2(capsys):
    for argv in ([], ["frobnicate"]):
        with pytest.raises(SystemExit) as exit_:
            main(argv)
        assert exit_.value.code == 2
    assert "invalid choice: 'frobnicate'" in capsys.readouterr().err


def test_python_dash_m_runs_the_command():
    result = subprocess.run(
        [sys.executable, "-m", "rustbone_kit.cli", "check-readings"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "5 readings load cleanly from the bundled readings" in result.stdout


def test_check_readings_passes_on_the_bundled_readings(capsys):
    assert main(["check-readings"]) == 0
    assert "5 readings load cleanly" in capsys.readouterr().out


def test_check_readings_prints_every_problem_and_exits_1(tmp_path, capsys):
    (tmp_path / "good.md").write_text(GOOD)
    (tmp_path / "bad.md").write_text(GOOD.replace("title: A demo review", "titel: X"))
    (tmp_path / "other.txt").write_text("x")
    assert main(["check-readings", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert (
        "bad.md, line 3, field 'titel': unknown header field 'titel'; did you mean 'title'?" in err
    )
    assert "other.txt" in err and "2 problem(s); 1 reading(s) load cleanly" in err


#: A course file, its first text replaced with a broken one (see tests/test_folder_check.py).
BROKEN = [
    ("scenes.yaml", "    order: 1\n", "    order: first\n"),
    ("themes.yaml", '    label: "The body', '    labl: "The body'),
    ("annotations/reference.yaml", 'quote: "', 'quote: "Words no critic wrote '),
    ("adaptation.yaml", "    kind: kept\n", "    kind: kep\n"),
    ("claims.yaml", "    verdict: wrong\n", "    verdict: wrongish\n"),
    ("questions.yaml", "    kind: number\n", "    kind: numbr\n"),
]


@pytest.mark.parametrize(("name", "old", "new"), BROKEN, ids=[b[0] for b in BROKEN])
def test_check_readings_fails_on_a_broken_course_file_with_its_file_and_line(
    tmp_path, capsys, name, old, new
):
    folder = tmp_path / "course"
    shutil.copytree(bundled_readings_path(), folder)
    path = folder / name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    assert main(["check-readings", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert f"5 readings load cleanly from {folder}" in out  # the readings part as before
    assert f"{path}, line " in err and "1 problem(s) in the course files" in err


def test_check_readings_passes_on_the_second_film_and_says_what_it_borrows(capsys):
    folder = Path(__file__).resolve().parents[1] / "courses" / "salt-orchard"
    assert main(["check-readings", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "course files that load cleanly: scenes.yaml + characters.yaml (11 scenes" in out
    assert "form.yaml: borrowed from the bundled course (course.yaml, borrow:)" in out
    assert "questions.yaml (" in out and "not in this folder" not in out
    assert "course.yaml (The Salt Orchard, " in out


def test_new_readings_writes_templates_that_check_cleanly(tmp_path, capsys):
    folder = tmp_path / "my-course"
    assert main(["new-readings", str(folder)]) == 0
    written = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert written == [
        "README.md",
        "adaptation.yaml",
        "annotations/reference.yaml",
        "characters.yaml",
        "claims.yaml",
        "course.yaml",
        "example-review.md",
        "questions.yaml",
        "scenes.yaml",
        "sources.yaml",
        "themes.yaml",
    ]
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "rustbone-kit check-readings FOLDER" in readme and "1. [ ]" in readme
    for path in folder.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert "Rust and Bone" not in text and "Stéphanie" not in text, path
            assert text.lstrip("-\n").startswith("#"), f"{path.name} does not explain itself"
    capsys.readouterr()
    # The templates are a tiny working course: they load cleanly before anything is filled.
    assert main(["check-readings", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "1 readings load cleanly" in out and "annotations/reference.yaml (3 annotations" in out
    # Filled in wrong, the teacher's first mistake is located like any other.
    scenes = folder / "scenes.yaml"
    scenes.write_text(scenes.read_text().replace("characters: [mara]", "characters: [mra]"))
    assert main(["check-readings", str(folder)]) == 1
    assert f"{scenes}, line " in capsys.readouterr().err


def test_new_readings_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["new-readings", str(tmp_path)]) == 1
    assert "not empty, so nothing was written" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    assert main(["new-readings", str(tmp_path / "notes.txt")]) == 1
    assert "not a folder" in capsys.readouterr().err


def test_check_readings_of_a_missing_folder_exits_1(tmp_path, capsys):
    assert main(["check-readings", str(tmp_path / "nowhere")]) == 1
    assert "no such file or folder" in capsys.readouterr().err


def test_checksum_prints_and_writes_the_line(tmp_path, capsys):
    path = tmp_path / "demo.md"
    path.write_text(GOOD)
    assert main(["checksum", str(path)]) == 0
    expected = rk.body_checksum("Ali swims. Sam sleeps.\n")
    assert f"checksum: {expected}" in capsys.readouterr().out
    assert main(["checksum", "--write", str(path)]) == 0
    assert rk.load_corpus(tmp_path)["demo"].meta["checksum"] == expected
    path.write_text(path.read_text().replace("Sam sleeps", "Sam wakes"))  # a deliberate edit
    assert main(["checksum", "--write", str(path)]) == 0
    assert rk.load_corpus(tmp_path)["demo"].meta["checksum"] != expected
    assert path.read_text().count("checksum:") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.md"]  # no .bak, no temp file
    assert main(["check-readings", str(tmp_path)]) == 0


def test_a_stale_checksum_is_a_checksum_error_and_the_command_prints_the_right_line(
    tmp_path, capsys
):
    path = tmp_path / "demo.md"
    path.write_text(GOOD)
    stamp_checksum(path)
    path.write_text(path.read_text().replace("Sam sleeps", "Sam wakes"))
    with pytest.raises(ChecksumError, match="checksum mismatch"):
        rk.load_corpus(tmp_path)
    assert main(["checksum", str(path)]) == 0  # printing the right line is not a failure
    out = capsys.readouterr().out
    right = rk.body_checksum("Ali swims. Sam wakes.\n")
    assert out.startswith(f"{path}: restore the original text") and f"checksum: {right}" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("no header", "missing header"),
        ("---\nid: demo\ntitle: T\nkind: review\nText.\n", "unclosed header"),
        (GOOD.replace("title: A demo review", "titel: T"), "did you mean 'title'"),
    ],
)
def test_checksum_refuses_a_bad_reading_with_the_loaders_message(
    tmp_path, capsys, content, message
):
    path = tmp_path / "demo.md"
    path.write_text(content)
    assert main(["checksum", "--write", str(path)]) == 1
    assert message in capsys.readouterr().err
    assert path.read_text() == content  # nothing written


def test_checksum_of_a_missing_file_says_what_to_run(tmp_path, capsys):
    missing = tmp_path / "gone.md"
    assert main(["checksum", "--write", str(missing)]) == 1
    assert f"run 'rustbone-kit check-readings {missing}' first" in capsys.readouterr().err


def test_checksum_touches_only_the_header_and_keeps_crlf(tmp_path):
    body = "checksum: this line is the critic's text\r\nAli swims.\r\n"
    path = tmp_path / "demo.md"
    path.write_bytes(b"---  \r\nid: demo\r\ntitle: T\r\nkind: review\r\n---\r\n" + body.encode())
    line = stamp_checksum(path)
    raw = path.read_bytes()
    assert raw.endswith(body.encode()) and raw.count(b"\r\n") == raw.count(b"\n")
    reading = rk.load_corpus(tmp_path)["demo"]
    assert line == f"checksum: {reading.meta['checksum']}"
    assert reading.text.startswith("checksum: this line is the critic's text\n")


@pytest.mark.parametrize("mode", [0o644, 0o600, 0o664])
def test_checksum_write_keeps_the_files_mode(tmp_path, mode):
    path = tmp_path / "demo.md"
    path.write_text(GOOD)
    path.chmod(mode)
    assert main(["checksum", "--write", str(path)]) == 0
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert "checksum: sha256:" in path.read_text()


def test_checksum_write_keeps_a_symlink_and_writes_its_target(tmp_path):
    real = tmp_path / "store" / "demo.md"
    real.parent.mkdir()
    real.write_text(GOOD)
    folder = tmp_path / "readings"
    folder.mkdir()
    link = folder / "demo.md"
    link.symlink_to(os.path.relpath(real, folder))
    assert main(["checksum", "--write", str(link)]) == 0
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert "checksum: sha256:" in real.read_text()
    assert rk.load_corpus(real.parent)["demo"].meta["checksum"].startswith("sha256:")


def test_checksum_write_refuses_a_read_only_file_and_names_it(tmp_path, capsys):
    path = tmp_path / "demo.md"
    path.write_text(GOOD)
    path.chmod(0o444)
    assert main(["checksum", "--write", str(path)]) == 1
    err = capsys.readouterr().err
    assert str(path) in err and "read-only" in err and "chmod u+w demo.md" in err
    assert path.read_text() == GOOD and stat.S_IMODE(path.stat().st_mode) == 0o444


def test_exercises_without_a_solutions_folder_exits_2(tmp_path, capsys):
    args = ["exercises", "check", "--solutions", str(tmp_path / "none")]
    assert main(args) == 2
    assert "run this from the kit's folder or pass --solutions" in capsys.readouterr().out


def test_notebooks_command_prints_a_refused_save_and_exits_1(tmp_path, capsys):
    path = tmp_path / "r.ipynb"
    path.write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n')
    path.chmod(0o444)
    assert main(["notebooks", str(path)]) == 1
    captured = capsys.readouterr()
    assert "[1/1] running" in captured.out
    assert f"{path}: could not" in captured.err or "read-only" in captured.err
