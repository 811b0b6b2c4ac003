"""The ``rustbone-kit`` command: one module per subcommand, each with ``add_parser`` and ``run``.

``rustbone-kit check-readings [PATH]`` lists every problem in a folder of readings and its
course files (exit 1 if any); ``rustbone-kit new-readings FOLDER`` writes commented templates
of every file of a course folder; ``rustbone-kit checksum FILE...`` prints (or, with
``--write``, stores) the checksum line of a reading whose text you have checked;
``rustbone-kit exercises build|check`` makes the students' exercises from the solutions;
``rustbone-kit notebooks NB...`` runs notebooks
and stores outputs that are the same on every run; ``rustbone-kit release OUT`` writes
the students' copy (no solutions, no teacher's notes); ``rustbone-kit grade SUBMISSIONS``
grades a class's exercises into a CSV for Canvas or Moodle; ``rustbone-kit handout LESSON``
writes a lesson as one offline HTML page to print or post (``--readings``: a reading packet).

A new command is one new module here with ``add_parser(subparsers)`` (which calls
``set_defaults(run=run)``) and ``run(args) -> int``, listed in :data:`COMMANDS`.

>>> main(["check-readings"])  # doctest: +ELLIPSIS
5 readings load cleanly from the bundled readings: bowditch, ...
0
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from ..quick_import import without_iri_checker
from . import (
    check_readings,
    checksum,
    exercises,
    grade,
    handout,
    link,
    my_copy,
    new_course,
    new_readings,
    notebooks,
    pull_report,
    release,
)
from .checksum import stamp_checksum

__all__ = ["COMMANDS", "build_parser", "main", "stamp_checksum"]

#: The subcommands, in the order ``rustbone-kit --help`` lists them.
COMMANDS = (
    check_readings,
    new_readings,
    new_course,
    checksum,
    exercises,
    notebooks,
    release,
    grade,
    link,
    pull_report,
    my_copy,
    handout,
)


def build_parser() -> argparse.ArgumentParser:
    """The parser of every subcommand in :data:`COMMANDS`."""
    parser = argparse.ArgumentParser(
        prog="rustbone-kit", description="Tools for the rustbone-kit readings."
    )
    subparsers = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status. Each command loads what its run needs
    (nbformat, pandas, altair) when it runs, with jsonschema's IRI grammars left out (1.0 to
    1.4 s, :mod:`rustbone_kit.quick_import`): ``--help`` and the parser load none of them."""
    args = build_parser().parse_args(argv)
    with without_iri_checker():
        return args.run(args)
