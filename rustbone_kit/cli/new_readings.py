"""``rustbone-kit new-readings FOLDER``: write the commented templates of a course folder.

Every file a course folder may hold, each with its format in comments and one worked entry
about an invented film, and a README.md checklist; together they load cleanly, so
``rustbone-kit check-readings FOLDER`` passes before anything is filled in. A folder that is
not empty is refused.
"""

from __future__ import annotations

import argparse
import sys
from importlib import resources
from pathlib import Path

from ..atomic import write_atomic

NAME = "new-readings"


def template_files() -> dict[str, str]:
    """The templates, by path inside the new folder (``annotations/reference.yaml`` ...)."""
    root = resources.files("rustbone_kit") / "templates" / "course"
    found: dict[str, str] = {}

    def walk(node, prefix: str) -> None:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            if child.is_dir():
                walk(child, f"{prefix}{child.name}/")
            elif not child.name.startswith("."):
                found[prefix + child.name] = child.read_text(encoding="utf-8")

    walk(root, "")
    return found


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``new-readings`` to the command line."""
    parser = subparsers.add_parser(
        NAME, help="write commented templates of every file of a course folder"
    )
    parser.add_argument("folder", help="a new or empty folder")
    parser.set_defaults(run=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Write the templates into an empty (or new) folder; refuse anything else (exit 1)."""
    folder = Path(args.folder)
    if folder.exists() and not folder.is_dir():
        print(f"{folder}: not a folder; give a new or empty folder", file=sys.stderr)
        return 1
    if folder.is_dir() and any(folder.iterdir()):
        print(
            f"{folder}: the folder is not empty, so nothing was written; give a new or "
            "empty folder",
            file=sys.stderr,
        )
        return 1
    files = template_files()
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text, backups=0)
    print(f"wrote {len(files)} files to {folder}: {', '.join(files)}")
    print(
        f"read {folder / 'README.md'} first; check the folder with "
        f"'rustbone-kit check-readings {folder}'"
    )
    return 0
