"""``rustbone-kit pull-report [FOLDER]``: what the last pull of the course changed.

Run it (or ``!rustbone-kit pull-report`` in a notebook) after opening the course's link
again: it lists the files the teacher updated, the student's files kept, and where the
teacher's newer copy of a file the student edited went (beside it, as ``NAME.teacher.EXT``).
The rule is :mod:`rustbone_kit.course_sync`'s. FOLDER is the course's folder (default: the
one this is run in, or any folder inside it).
"""

from __future__ import annotations

import argparse

from ..course_sync import pull_report
from ..errors import KitError

NAME = "pull-report"


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``pull-report`` to the command line."""
    parser = subparsers.add_parser(NAME, help="what the last pull of the course changed")
    parser.add_argument("folder", nargs="?", default=".", help="the course's folder")
    parser.set_defaults(run=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Print the report; exit 1 when the pull did not finish (or the folder is no course)."""
    try:
        report = pull_report(args.folder)
    except KitError as error:
        print(error)
        return 1
    print(report.text())
    return 1 if report.problems else 0
