"""``rustbone-kit release OUT``: write the students' copy (no solutions, no teacher's notes)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import KitError
from ..release import release

NAME = "release"


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``release`` to the command line."""
    parser = subparsers.add_parser(NAME, help="write the students' copy of the course")
    parser.add_argument("out", help="a new (or empty) folder")
    parser.add_argument("--root", default=".", help="the course root (default: here)")
    parser.set_defaults(run=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Write the release; exit 1 with the reason if nothing could be written."""
    try:
        written = release(Path(args.root), Path(args.out))
    except (KitError, OSError) as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"wrote the students' copy to {args.out}: {', '.join(p.name for p in written)}")
    print("left out: solutions/, lessons/TEACHING.md, tests/, benchmarks/, .ci/")
    return 0
