"""One version number: written in pyproject.toml, read by ``rk.__version__``, and the newest
entry of CHANGELOG.md, so a course can say which kit it runs and what changed since."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.version import Version

import rustbone_kit as rk

ROOT = Path(__file__).resolve().parents[1]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
HEADING = re.compile(r"^## (?P<version>\S+) \((?P<date>\d{4}-\d{2}-\d{2})\)$", re.MULTILINE)


def test_the_package_reports_the_version_pyproject_names():
    assert rk.__version__ == VERSION, (
        f"installed metadata says {rk.__version__}, pyproject.toml {VERSION}: reinstall "
        "(python3 run.py test does when pyproject.toml changes)"
    )


def test_the_changelog_begins_with_this_version_and_goes_back_in_order():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    entries = [(Version(m["version"]), m["date"]) for m in HEADING.finditer(text)]
    assert entries, "CHANGELOG.md has no '## X.Y.Z (YYYY-MM-DD)' heading"
    assert entries[0][0] == Version(VERSION)
    assert entries == sorted(entries, reverse=True), "newest first, versions and dates"
    assert Version("0.1.0") in {v for v, _ in entries}
