"""``rustbone-kit notebooks NB...``: run notebooks in fresh kernels and store their outputs.

The library side is :mod:`rustbone_kit.notebooks`.
"""

from __future__ import annotations

import argparse
import sys

from ..errors import KitError

NAME = "notebooks"


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``notebooks`` to the command line."""
    parser = subparsers.add_parser(
        NAME, help="run notebooks in fresh kernels and store their outputs"
    )
    parser.add_argument("notebooks", nargs="+", help=".ipynb files")
    parser.set_defaults(run=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Run each notebook in turn; exit 1 if one cannot be saved (a failing cell raises)."""
    from ..notebooks import execute_all  # nbclient is imported only when needed

    try:
        execute_all(args.notebooks)
    except KitError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0
