"""Reading a kit file: regular files only, control characters and bad bytes located."""

from __future__ import annotations

import os

import pytest

from rustbone_kit.errors import KitError
from rustbone_kit.files import control_character, read_bytes_file, read_text_file


def test_text_comes_back_without_bom_and_with_unix_line_ends(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"\xef\xbb\xbfid: x\r\ntitle: y\r\n")
    assert read_text_file(path) == "id: x\ntitle: y\n"


@pytest.mark.parametrize(
    ("raw", "line", "column", "what"),
    [
        (b"a\nb\x00c", 2, 2, "NUL"),
        (b"ok\n\x07", 2, 1, "bell"),
        (b"x\x1b[0m", 1, 2, "escape"),
        ("tab\tis fine\n\u0085".encode(), 2, 1, "control character"),
    ],
)
def test_control_characters_are_refused_with_line_and_column(tmp_path, raw, line, column, what):
    path = tmp_path / "x.md"
    path.write_bytes(raw)
    with pytest.raises(KitError) as info:
        read_text_file(path)
    err = info.value
    assert err.path == str(path) and err.line == line and f"column {column}" in err.problem
    assert what in err.problem and err.fix


def test_bytes_that_are_not_utf8_are_located(tmp_path):
    path = tmp_path / "x.md"
    path.write_bytes("one\ncaf\u00e9".encode("latin-1"))
    with pytest.raises(KitError, match="0xE9 at column 4 is not UTF-8") as info:
        read_text_file(path)
    assert info.value.line == 2


def test_a_pipe_a_device_and_a_folder_are_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    for path in (tmp_path / "pipe", "/dev/null", tmp_path):
        with pytest.raises(KitError, match="not read"):
            read_bytes_file(path)


def test_a_missing_file_and_the_callers_error_class(tmp_path):
    class MyError(KitError):
        pass

    with pytest.raises(MyError, match="no such file"):
        read_bytes_file(tmp_path / "nothing", error=MyError)


def test_control_character_is_none_for_clean_text():
    assert control_character("Ali\tswims.\nShe laughs.") is None
