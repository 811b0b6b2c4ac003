"""``rustbone-kit new-course FOLDER OUT``: a whole course for the readings in FOLDER.

OUT receives the readings (``OUT/readings``), the lessons made from the kit's lessons as
templates (``OUT/lessons``, executed so their outputs are stored) and a skeleton of teacher's
notes. FOLDER needs a ``course.yaml`` (``rustbone-kit new-readings`` writes a template);
``--lessons 03 04`` makes only those lessons, ``--no-run`` leaves them unexecuted.
"""

from __future__ import annotations

import argparse
import sys

from ..errors import KitError

NAME = "new-course"


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``new-course`` to the command line."""
    parser = subparsers.add_parser(
        NAME, help="make the lessons for a readings folder (any film) into a new folder"
    )
    parser.add_argument("folder", help="the course's readings folder (with its course.yaml)")
    parser.add_argument("out", help="a new or empty folder for the course")
    parser.add_argument("--lessons", nargs="+", metavar="NN", help="only these lessons")
    parser.add_argument("--no-run", action="store_true", help="do not execute the lessons")
    parser.set_defaults(run=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Make the course; exit 1 with the located problem if the folder cannot make one."""
    from ..course_template import new_course  # pandas and nbformat: loaded for this command only

    try:
        made = new_course(args.folder, args.out, lessons=args.lessons, execute=not args.no_run)
    except KitError as err:
        print(f"{err}", file=sys.stderr)
        return 1
    print(
        f"wrote {len(made)} lessons to {args.out}/lessons and the readings to {args.out}/readings"
    )
    return 0
