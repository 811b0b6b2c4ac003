"""The ``rustbone-kit`` command.

``rustbone-kit check-readings [PATH]`` lists every problem in a folder of readings (exit 1 if
any); ``rustbone-kit checksum FILE...`` prints (or, with ``--write``, stores) the checksum
line of a reading whose text you have checked; ``rustbone-kit notebooks NB...`` runs notebooks
and stores outputs that are the same on every run.

>>> main(["check-readings"])  # doctest: +ELLIPSIS
5 readings load cleanly from the bundled readings: bowditch, ...
0
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .corpus import DELIMITER, body_checksum, load_corpus, parse_reading
from .errors import KitError

__all__ = ["main", "stamp_checksum"]


def _check(path: str | None) -> int:
    where = path or "the bundled readings"
    try:
        corpus = load_corpus(path, strict=False)
    except KitError as exc:
        print(exc, file=sys.stderr)
        return 1
    for problem in corpus.problems:
        print(problem, file=sys.stderr)
    if corpus.problems:
        print(
            f"{len(corpus.problems)} problem(s); {len(corpus)} reading(s) load cleanly from "
            f"{where}",
            file=sys.stderr,
        )
        return 1
    print(f"{len(corpus)} readings load cleanly from {where}: {', '.join(corpus.ids)}")
    return 0


def stamp_checksum(path: str | Path) -> str:
    """Write the body's checksum into a reading's header (atomically); return the line.

    Only a header ``checksum:`` line is replaced (a stale one included); the file's line
    endings are kept. Any other problem raises the loader's own :class:`ReadingError`, and
    then nothing is written.
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
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "wb") as out:
        out.write(new)
    os.replace(tmp, path)
    return line


def _checksum(files: Sequence[str], write: bool) -> int:
    status = 0
    for name in files:
        try:
            if write:
                print(f"{name}: {stamp_checksum(name)}")
            else:
                reading = parse_reading(Path(name).read_bytes(), path=name)
                print(f"{name}: checksum: {body_checksum(reading.text)}")
        except KitError as exc:
            if not write and "checksum mismatch" in exc.problem:
                print(f"{name}: {exc.fix}")
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


def _exercises(args: argparse.Namespace) -> int:
    from .exercises import ExerciseError, build, out_of_date

    solutions, exercises = Path(args.solutions), Path(args.exercises)
    if not solutions.is_dir():
        print(f"no folder {solutions}: run this from the kit's folder or pass --solutions")
        return 2
    if args.action == "check":
        problems = out_of_date(solutions, exercises)
        for problem in problems:
            print(problem)
        if not problems:
            print(f"every exercise in {exercises} is in step with {solutions}")
        return 1 if problems else 0
    try:
        build(solutions, exercises, force=args.force, names=args.names or None)
    except ExerciseError as error:
        print(error)
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = argparse.ArgumentParser(
        prog="rustbone-kit", description="Tools for the rustbone-kit readings."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check-readings", help="list every problem in a folder of readings")
    check.add_argument("path", nargs="?", help="a folder or a .md file (default: bundled)")
    stamp = sub.add_parser("checksum", help="print a reading's checksum line")
    stamp.add_argument("files", nargs="+", help="reading .md files")
    stamp.add_argument("--write", action="store_true", help="store it in the header")
    ex = sub.add_parser("exercises", help="build student exercises from solutions, or check them")
    ex.add_argument("action", choices=["build", "check"])
    ex.add_argument("names", nargs="*", help="build only these solutions (file names or stems)")
    ex.add_argument("--force", action="store_true", help="replace edited exercises (keeps .bak)")
    ex.add_argument("--solutions", default="solutions", help="folder of solutions")
    ex.add_argument("--exercises", default="exercises", help="folder of exercises")
    run = sub.add_parser("notebooks", help="run notebooks in fresh kernels and store their outputs")
    run.add_argument("notebooks", nargs="+", help=".ipynb files")
    args = parser.parse_args(argv)
    if args.command == "check-readings":
        return _check(args.path)
    if args.command == "exercises":
        return _exercises(args)
    if args.command == "notebooks":
        from .notebooks import execute_all

        execute_all(args.notebooks)
        return 0
    return _checksum(args.files, args.write)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
