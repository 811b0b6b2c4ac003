"""``rustbone-kit check-readings [PATH]``: list every problem in a folder of readings.

>>> run(argparse.Namespace(path=None))  # doctest: +ELLIPSIS
5 readings load cleanly from the bundled readings: bowditch, ...
0
"""

from __future__ import annotations

import argparse
import sys

from ..corpus import load_corpus
from ..errors import KitError

NAME = "check-readings"


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``check-readings`` to the command line."""
    parser = subparsers.add_parser(NAME, help="list every problem in a folder of readings")
    parser.add_argument("path", nargs="?", help="a folder or a .md file (default: bundled)")
    parser.set_defaults(run=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Print every problem to stderr (exit 1), or the readings that load cleanly (exit 0)."""
    where = args.path or "the bundled readings"
    try:
        corpus = load_corpus(args.path, strict=False)
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
