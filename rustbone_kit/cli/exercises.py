"""``rustbone-kit exercises build|check``: make the exercises from the solutions, or check them.

The library side (blanks, edit detection, the build) is :mod:`rustbone_kit.exercises`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import KitError

NAME = "exercises"


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``exercises`` to the command line."""
    parser = subparsers.add_parser(
        NAME, help="build student exercises from solutions, or check them"
    )
    parser.add_argument("action", choices=["build", "check"])
    parser.add_argument("names", nargs="*", help="build only these solutions (file names or stems)")
    parser.add_argument(
        "--force", action="store_true", help="replace edited exercises (keeps .bak)"
    )
    parser.add_argument("--solutions", default="solutions", help="folder of solutions")
    parser.add_argument("--exercises", default="exercises", help="folder of exercises")
    parser.set_defaults(run=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """``check``: exit 1 if any exercise is out of step; ``build``: exit 1 if any was refused."""
    from ..exercises import build, out_of_date  # nbformat is imported only when needed

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
    except KitError as error:  # an edited exercise refused, or a file that cannot be written
        print(error)
        return 1
    return 0
