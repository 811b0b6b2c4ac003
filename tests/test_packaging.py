"""A non-editable install: the console script, and a wheel that carries the readings."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

import rustbone_kit as rk

ROOT = Path(__file__).resolve().parents[1]


def test_the_console_script_points_at_the_cli_package():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts == {
        "rustbone-kit": "rustbone_kit.cli:main",
        "rustbone-kit-singleuser": "rustbone_kit.singleuser:main",  # a hub's server command
    }
    assert (ROOT / "rustbone_kit" / "cli" / "__init__.py").is_file()
    assert not (ROOT / "rustbone_kit" / "cli.py").exists()  # the package, not a module


def test_console_script_is_installed():
    result = subprocess.run(
        [Path(sys.executable).parent / "rustbone-kit", "check-readings"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "bowditch, compiled-page, marchant, overview, unsigned-review" in result.stdout


def test_a_wheel_carries_the_readings_and_loads_them_outside_the_source_tree(tmp_path):
    """pip install . (not editable) must still find the bundled readings."""
    pytest.importorskip("hatchling")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("rustbone_kit-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {f"rustbone_kit/readings/{r}.md" for r in rk.load_corpus().ids} <= set(names)
    assert "rustbone_kit/cli/__init__.py" in names and "rustbone_kit/cli/__main__.py" in names
    # rustbone-kit new-readings writes these templates: package data, in the wheel.
    assert {
        "rustbone_kit/templates/course/README.md",
        "rustbone_kit/templates/course/example-review.md",
        "rustbone_kit/templates/course/annotations/reference.yaml",
    } <= set(names)
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "import rustbone_kit as rk; c = rk.load_corpus(); "
        "print(rk.__file__); print(c.path); print(len(c))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={"PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    assert out[0].startswith(str(site)) and out[1].startswith(str(site)) and out[2] == "5"
    cli = subprocess.run(
        [sys.executable, "-m", "rustbone_kit.cli", "check-readings"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert cli.returncode == 0 and "5 readings load cleanly" in cli.stdout, cli.stderr
