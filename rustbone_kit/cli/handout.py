"""``rustbone-kit handout LESSON.ipynb [--out X.html] [--pdf]``: a lesson as a page to hand out.

``rustbone-kit handout --readings [--out packet.html] [--blank]`` writes the reading packet
instead (``--blank``: no reference annotation in the margins). The page is self-contained and
offline; ``--pdf`` also prints it to a PDF beside it with headless Chromium.

>>> parser = build_parser_for_doc()
>>> args = parser.parse_args(["handout", "lessons/04_side_by_side.ipynb", "--pdf"])
>>> args.lesson, args.pdf, default_out(args)
('lessons/04_side_by_side.ipynb', True, PosixPath('04_side_by_side.html'))
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import KitError

__all__ = ["add_parser", "build_parser_for_doc", "default_out", "run"]

NAME = "handout"


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``handout`` to the command line."""
    parser = subparsers.add_parser(
        NAME,
        help="write a lesson (or the readings) as one offline HTML page to print or post",
        description="Write a lesson as one self-contained HTML page (prose, tables, charts as "
        "SVG, widgets as they open), or with --readings a reading packet for annotating on "
        "paper. Nothing in the page is loaded from anywhere.",
    )
    parser.add_argument("lesson", nargs="?", help="the lesson notebook (.ipynb)")
    parser.add_argument("--readings", action="store_true", help="write the reading packet")
    parser.add_argument("--corpus", help="folder of readings for --readings (default: bundled)")
    parser.add_argument("--blank", action="store_true", help="--readings with blank margins")
    parser.add_argument("--out", help="the HTML file to write (default: NAME.html here)")
    parser.add_argument("--pdf", action="store_true", help="also print it to NAME.pdf")
    parser.add_argument(
        "--no-run", action="store_true", help="use the stored outputs (widgets not shown)"
    )
    parser.add_argument("--no-code", action="store_true", help="leave the code cells out")
    parser.set_defaults(run=run)
    return parser


def build_parser_for_doc() -> argparse.ArgumentParser:
    """A parser with only this command (for the docstring example)."""
    parser = argparse.ArgumentParser(prog="rustbone-kit")
    add_parser(parser.add_subparsers(dest="command"))
    return parser


def default_out(args: argparse.Namespace) -> Path:
    """``--out``, else ``packet.html`` or the lesson's name with ``.html``, in this folder."""
    if args.out:
        return Path(args.out)
    return Path("packet.html") if args.readings else Path(Path(args.lesson).stem + ".html")


def run(args: argparse.Namespace) -> int:
    """Write the page (and the PDF); exit 1 with the reason and the fix when one cannot be."""
    if bool(args.lesson) == bool(args.readings):
        print("rustbone-kit handout: give a lesson notebook, or --readings", file=sys.stderr)
        return 2
    out = default_out(args)
    # imported here: the hand-outs draw charts (altair), so other commands start without them
    from ..corpus import load_corpus
    from ..handout import lesson_handout, print_pdf, readings_packet, write_page

    try:
        if args.readings:
            corpus = load_corpus(args.corpus) if args.corpus else load_corpus()
            markup = readings_packet(corpus, flags=not args.blank)
            said = f"the reading packet of {len(corpus)} readings"
        else:
            markup, charts = lesson_handout(args.lesson, run=not args.no_run, code=not args.no_code)
            said = f"{args.lesson} ({charts} chart{'s' if charts != 1 else ''})"
        write_page(markup, out)
        print(f"wrote {out}: {said}")
        if args.pdf:
            pdf = print_pdf(out, out.with_suffix(".pdf"))
            print(f"wrote {pdf}")
    except KitError as error:
        print(error, file=sys.stderr)
        return 1
    return 0
