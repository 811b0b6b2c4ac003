"""Reading a kit file's bytes or text: regular files only, every failure located.

A FIFO, a device or a folder where a file should be, an unreadable file, bytes that are not
UTF-8, a NUL or another control character: each is a :class:`~rustbone_kit.errors.KitError`
(the caller's subclass) naming the file, the line and column, and the fix, before any
parser sees the text.

>>> import pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "x.yaml"
>>> _ = path.write_bytes(b"id: x\\ntitle: a\\x00b\\n")
>>> read_text_file(path)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
rustbone_kit.errors.KitError: ...x.yaml, line 2: a NUL character (U+0000) at column 9...
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from .errors import KitError

__all__ = ["control_character", "decode_text", "read_bytes_file", "read_text_file"]

#: Characters no text of the kit may hold: C0 controls but tab and line ends, DEL, C1 controls.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NAMES = {0: "a NUL character", 7: "a bell character (BEL)", 27: "an escape character (ESC)"}


def read_bytes_file(path: str | Path, *, error: type[KitError] = KitError) -> bytes:
    """The bytes of a regular file; anything else, or an unreadable file, is refused."""
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise error("no such file", path=path, fix="check the name and the folder") from None
    except OSError as exc:
        raise error(
            f"cannot be read ({exc.strerror})", path=path, fix="check the file's permissions"
        ) from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise error(
            f"is {kind} (a pipe, a device or a folder), so it was not read",
            path=path,
            fix="give the path of a text file",
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise error(
            f"cannot be read ({exc.strerror})", path=path, fix="check the file's permissions"
        ) from None


def _place(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def control_character(text: str) -> tuple[int, int, str] | None:
    """``(line, column, description)`` of the first control character in ``text``, or None.

    >>> control_character("fine\\nalso\\tfine"), control_character("one\\ntw\\x1bo")
    (None, (2, 3, 'an escape character (ESC) (U+001B)'))
    """
    found = _CONTROL.search(text)
    if found is None:
        return None
    code = ord(found.group())
    line, column = _place(text, found.start())
    return line, column, f"{_NAMES.get(code, 'a control character')} (U+{code:04X})"


def decode_text(raw: bytes, path: str | Path, *, error: type[KitError] = KitError) -> str:
    """UTF-8 text without a byte-order mark, line ends made ``\\n``; refuse control characters."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise error(
            f"byte 0x{raw[exc.start]:02X} at column {column} is not UTF-8",
            path=path,
            line=line,
            fix="save the file as UTF-8 (most editors: Save As, then Encoding: UTF-8)",
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    bad = control_character(text)
    if bad is not None:
        line, column, what = bad
        raise error(
            f"{what} at column {column}: a text file holds none",
            path=path,
            line=line,
            fix="delete it (most editors do not show it: retype that part of the line); "
            "if the file is not text, move it out of the folder",
        )
    return text


def read_text_file(path: str | Path, *, error: type[KitError] = KitError) -> str:
    """:func:`read_bytes_file` then :func:`decode_text`."""
    return decode_text(read_bytes_file(path, error=error), path, error=error)
