"""``rustbone-kit link --hub URL [--branch B] [--open PATH]``: print the course's nbgitpuller link.

The repository is the clone's ``origin`` (``git remote get-url origin``, an SSH address
turned into its https form) unless ``--repo`` names another. ``--open`` must be a file or
folder of the committed course (``HEAD``), so a link never points at a notebook the
students will not get. The link itself is :func:`rustbone_kit.course_link.nbgitpuller_link`.
"""

from __future__ import annotations

import argparse
import subprocess

from ..course_link import nbgitpuller_link, origin_url
from ..errors import KitError

NAME = "link"


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``link`` to the command line."""
    parser = subparsers.add_parser(NAME, help="print the nbgitpuller link for a class's hub")
    parser.add_argument(
        "--hub", required=True, help="the hub's address, e.g. https://hub.school.org"
    )
    parser.add_argument("--branch", help="the branch to pull (default: the repository's default)")
    parser.add_argument(
        "--open", help="the file or folder to open, e.g. lessons/03_side_by_side.ipynb"
    )
    parser.add_argument("--repo", help="the repository's address (default: the clone's origin)")
    parser.add_argument("--target", help="the folder in each student's home (default: its name)")
    parser.add_argument("--folder", default=".", help="the course's git clone (default: here)")
    parser.set_defaults(run=run)
    return parser


def _committed(folder: str, path: str) -> bool:
    """Whether ``path`` is in the clone's HEAD commit (or there is no clone to ask)."""
    try:
        done = subprocess.run(
            ["git", "cat-file", "-e", f"HEAD:{path.strip('/')}"],
            cwd=folder,
            capture_output=True,
            timeout=30,
        )
        inside = subprocess.run(
            ["git", "rev-parse", "--is-inside-work-tree"],
            cwd=folder,
            capture_output=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return True
    return done.returncode == 0 or inside.returncode != 0


def run(args: argparse.Namespace) -> int:
    """Print the link; exit 1 (saying why) on a bad hub, repository or ``--open`` path."""
    try:
        repo = args.repo or origin_url(args.folder)
        if args.open and not _committed(args.folder, args.open):
            print(
                f"{args.open} is not in the course's last commit: commit and push it first, "
                "or check the path (relative to the course's folder)"
            )
            return 1
        print(
            nbgitpuller_link(args.hub, repo, branch=args.branch, open=args.open, target=args.target)
        )
    except KitError as error:
        print(error)
        return 1
    return 0
