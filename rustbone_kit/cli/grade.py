"""``rustbone-kit grade SUBMISSIONS --out grades.csv``: grade a class's exercise notebooks.

Each submission runs in its own fresh kernel, in a scratch folder, with a stripped
environment and time and memory limits; its answers are judged here with the teacher's
copy of the checks. This runs students' code with your permissions: grade on an account
that holds nothing they should not reach.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import KitError
from ..grading.formats import FORMATS

if TYPE_CHECKING:
    from ..grading.gradebook import Row

NAME = "grade"


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``grade`` to the command line."""
    parser = subparsers.add_parser(NAME, help="grade a folder of submitted exercise notebooks")
    parser.add_argument("submissions", help="a folder of .ipynb files, one per student")
    parser.add_argument("--out", default="grades.csv", help="the grade book to write (CSV)")
    parser.add_argument("--format", choices=FORMATS, default="plain", help="CSV columns")
    parser.add_argument("--feedback", default=None, help="folder for one HTML page a student")
    parser.add_argument(
        "--roster", default=None, help="CSV: file, name, id, sis_id, login, section"
    )
    parser.add_argument("--exercises", default="exercises", help="the teacher's exercises/")
    parser.add_argument("--readings", default=None, help="the course's readings folder")
    parser.add_argument("--seconds", type=float, default=60.0, help="time limit a submission")
    parser.add_argument("--memory-mb", type=int, default=2048, help="memory limit a submission")
    parser.add_argument("--workers", type=int, default=2, help="submissions run at once")
    parser.set_defaults(run=run)
    return parser


def _bar(done: int, total: int, row: Row) -> None:
    filled = round(20 * done / max(total, 1))
    state = f"{row.total} points" if row.reason is None else f"not graded: {row.reason}"
    print(f"[{'#' * filled}{'-' * (20 - filled)}] {done}/{total} {row.file}: {state}",
          file=sys.stderr, flush=True)  # fmt: skip


def run(args: argparse.Namespace) -> int:
    """Grade, write the CSV (and feedback pages); exit 1 if a submission was not graded."""
    # imported here: grading loads pandas and nbformat, which other commands start without
    from ..atomic import write_atomic
    from ..corpus import load_corpus
    from ..grading import Limits, grade_folder, read_roster, write_feedback
    from ..grading.submission import MEMORY_CAP

    if not MEMORY_CAP:
        print(
            f"rustbone-kit grade: this system cannot cap a kernel's memory, so --memory-mb "
            f"({args.memory_mb}) is not applied; each submission still stops after --seconds "
            f"({args.seconds:g}). To cap memory too, grade on Linux or macOS.",
            file=sys.stderr,
        )
    try:
        corpus = load_corpus(args.readings)
        limits = Limits(seconds=args.seconds, memory=args.memory_mb * 1024**2)
        book = grade_folder(
            args.submissions,
            exercises=args.exercises,
            corpus=corpus,
            limits=limits,
            workers=args.workers,
            progress=_bar,
        )
        roster = read_roster(args.roster) if args.roster else None
        write_atomic(Path(args.out), book.to_csv(fmt=args.format, roster=roster))
        if args.feedback:
            write_feedback(book, args.feedback)
    except (KitError, OSError) as exc:
        print(exc, file=sys.stderr)
        return 1
    missed = [r for r in book.rows if r.reason]
    print(f"graded {len(book.rows) - len(missed)} of {len(book.rows)} submissions -> {args.out}")
    return 1 if missed else 0
