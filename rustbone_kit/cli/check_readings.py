"""``rustbone-kit check-readings [PATH]``: list every problem in a folder of readings and in
each course file it holds (catalogues, lexicons, sources, questions, adaptation, claims,
annotations); the checking is :func:`rustbone_kit.folder_check.check_folder`'s.

>>> run(argparse.Namespace(path=None))  # doctest: +ELLIPSIS
5 readings load cleanly from the bundled readings: bowditch, ...
course files that load cleanly: scenes.yaml + characters.yaml (15 scenes, 9 characters), ...
0
"""

from __future__ import annotations

import argparse
import sys

from ..errors import KitError

NAME = "check-readings"


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``check-readings`` to the command line."""
    parser = subparsers.add_parser(
        NAME, help="list every problem in a folder of readings and its course files"
    )
    parser.add_argument("path", nargs="?", help="a folder or a .md file (default: bundled)")
    parser.set_defaults(run=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Print every problem to stderr (exit 1), or what loads cleanly (exit 0)."""
    from ..folder_check import check_folder  # every loader: imported when the command runs

    where = args.path or "the bundled readings"
    try:
        findings = check_folder(args.path)
    except KitError as exc:
        print(exc, file=sys.stderr)
        return 1
    readings = [f for f in findings if f.part == "readings"]
    course = [f for f in findings if f.part == "course"]
    problems = [f for f in readings if f.status == "problem"]
    (loaded,) = (f.loaded for f in readings if f.status == "clean")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(
            f"{len(problems)} problem(s); {len(loaded)} reading(s) load cleanly from {where}",
            file=sys.stderr,
        )
    else:
        print(f"{len(loaded)} readings load cleanly from {where}: {', '.join(loaded)}")
    bad = [f for f in course if f.status == "problem"]
    for problem in bad:
        print(problem, file=sys.stderr)
    clean = [f"{f.file} ({f.text})" for f in course if f.status == "clean"]
    if clean:
        print(f"course files that load cleanly: {', '.join(clean)}")
    for status, label in (("borrowed", None), ("absent", None), ("skipped", "not checked")):
        files = [f for f in course if f.status == status]
        for text in dict.fromkeys(f.text for f in files):
            names = ", ".join(f.file for f in files if f.text == text)
            print(f"{names}: {text}" if label is None else f"{label}: {names} ({text})")
    if bad:
        print(f"{len(bad)} problem(s) in the course files of {where}", file=sys.stderr)
    return 1 if problems or bad else 0
