"""``rustbone-kit checksum [--write] FILE...``: print or store a reading's checksum line.

>>> import pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "demo.md"
>>> _ = path.write_text("---\\nid: demo\\ntitle: T\\nkind: review\\n---\\nAli swims.\\n")
>>> stamp_checksum(path)[:17]
'checksum: sha256:'
>>> path.read_text().count("checksum: sha256:")
1
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..atomic import write_atomic
from ..errors import ChecksumError, KitError
from ..reading import DELIMITER, body_checksum, parse_reading

__all__ = ["add_parser", "run", "stamp_checksum"]

NAME = "checksum"


def stamp_checksum(path: str | Path) -> str:
    """Write the body's checksum into a reading's header (atomically); return the line.

    Only a header ``checksum:`` line is replaced (a stale one included); the file's line
    endings, permissions and a symlink (its target is written) are kept. Any other problem
    raises the loader's own :class:`~rustbone_kit.errors.ReadingError`, and then nothing is
    written. No ``.bak`` is kept: only the checksum line changes, and a ``.bak`` file in a
    readings folder would itself be reported as "not a reading".
    """
    path = Path(path)
    raw = path.read_bytes()
    newline = b"\r\n" if b"\r\n" in raw[:4096] else b"\n"
    lines = raw.split(newline)

    def is_delimiter(line: bytes) -> bool:
        return bool(DELIMITER.match(line.decode("utf-8", "replace").lstrip("\ufeff")))

    close = next((i for i in range(1, len(lines)) if is_delimiter(lines[i])), None)
    if close is None or not is_delimiter(lines[0]):
        parse_reading(raw, path=path)  # raises the missing- or unclosed-header error
    header = [line for line in lines[1:close] if not line.startswith(b"checksum:")]
    unstamped = newline.join([lines[0], *header, *lines[close:]])
    reading = parse_reading(unstamped, path=path)  # every other problem, worded by the loader
    line = f"checksum: {body_checksum(reading.text)}"
    new = newline.join([lines[0], *header, line.encode(), *lines[close:]])
    write_atomic(path, new, backups=0)
    return line


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``checksum`` to the command line."""
    parser = subparsers.add_parser(NAME, help="print a reading's checksum line")
    parser.add_argument("files", nargs="+", help="reading .md files")
    parser.add_argument("--write", action="store_true", help="store it in the header")
    parser.set_defaults(run=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Print (or store) each file's checksum line; exit 1 if any file cannot be read."""
    status = 0
    for name in args.files:
        try:
            if args.write:
                print(f"{name}: {stamp_checksum(name)}")
            else:
                reading = parse_reading(Path(name).read_bytes(), path=name)
                print(f"{name}: checksum: {body_checksum(reading.text)}")
        except KitError as exc:
            if not args.write and isinstance(exc, ChecksumError):
                print(f"{name}: {exc.fix}")  # a stale line: the fix holds the right one
            else:
                print(exc, file=sys.stderr)
                status = 1
        except (OSError, StopIteration, UnicodeDecodeError) as exc:
            print(
                f"{name}: cannot stamp this file ({exc or 'no closing ---'}); run "
                f"'rustbone-kit check-readings {name}' first",
                file=sys.stderr,
            )
            status = 1
    return status
