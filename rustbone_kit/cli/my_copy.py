"""``rustbone-kit my-copy NOTEBOOK...``: the student's own copy of an exercise, in ``mine/``.

``exercises/03_side_by_side.ipynb`` is copied to ``exercises/mine/03_side_by_side.ipynb``
the first time; later runs leave the copy as it is. No pull of the course ever touches a
``mine/`` folder (:func:`rustbone_kit.course_sync.my_copy`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..course_sync import MINE, my_copy
from ..errors import KitError

NAME = "my-copy"


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``my-copy`` to the command line."""
    parser = subparsers.add_parser(NAME, help="copy an exercise to your own mine/ folder")
    parser.add_argument("notebooks", nargs="+", help="e.g. exercises/03_side_by_side.ipynb")
    parser.set_defaults(run=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Print each copy's path; exit 1 if one could not be made."""
    status = 0
    for name in args.notebooks:
        source = Path(name)
        had = (source.parent / MINE / source.name).exists() or MINE in source.parts[:-1]
        try:
            target = my_copy(source)
        except KitError as error:
            print(error)
            status = 1
            continue
        print(f"your copy: {target}" + (" (already there, left as it is)" if had else " (new)"))
    return status
