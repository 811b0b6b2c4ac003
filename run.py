#!/usr/bin/env python3
"""Set up and run rustbone-kit with one command. Needs only Python 3.11+.

    python3 run.py lab         open the lessons in JupyterLab (bundled readings)
    python3 run.py test        run every test: lint, unit tests, notebooks, browser
    python3 run.py notebooks   re-run lessons and solutions, store their outputs, and rebuild
                               the exercises from the solutions (rustbone-kit exercises build)

The first run makes a virtual environment in .venv and installs the kit into it (about a
minute); later runs reuse it, and reinstall only when pyproject.toml has changed.
Extra arguments are passed on: `python3 run.py lab --port 9999`, `python3 run.py test -k corpus`.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
NOTEBOOK_FOLDERS = ("lessons", "solutions")  # exercises are generated from solutions
#: How run.py test runs pytest (benchmarks/suite.py uses the same): two workers, each test
#: file on one worker (nbval's cells of a notebook share its kernel); tests/conftest.py sends
#: the longest files first and splits the two longest in two parts, one for each worker.
PYTEST_OPTIONS = ("-n2", "--dist=loadfile")


def say(message: str) -> None:
    print(f"[run.py] {message}", flush=True)


def ensure_env(extra: str) -> None:
    """Create .venv and install the kit with ``extra`` unless that is already done."""
    if sys.version_info < (3, 11):  # noqa: UP036 (run.py may be started by an older python)
        sys.exit(f"rustbone-kit needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extra.encode()).hexdigest()
    stamp = VENV / "rustbone-kit-installed"
    if stamp.exists() and stamp.read_text() == wanted and PYTHON.exists():
        return
    if not PYTHON.exists():
        say(f"creating a virtual environment in {VENV} ...")
        venv.EnvBuilder(with_pip=True).create(VENV)
    say("installing rustbone-kit and its dependencies (first run: about a minute) ...")
    target = f"{ROOT}[{extra}]" if extra else str(ROOT)
    subprocess.run(
        [
            str(PYTHON),
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--progress-bar",
            "off",
            "-q",
            "-e",
            target,
        ],
        check=True,
    )
    stamp.write_text(wanted)


def run(*args: str | Path) -> int:
    return subprocess.run([str(a) for a in args], cwd=ROOT).returncode


def lab(extra_args: list[str]) -> int:
    ensure_env("")
    args = [
        PYTHON,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={ROOT}",
        "--LabApp.default_url=/lab/tree/lessons",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")  # JupyterLab refuses root otherwise; the token stays on
    say("starting JupyterLab; open the address with ?token=... that it prints below.")
    return run(*args, *extra_args)


def test(extra_args: list[str]) -> int:
    ensure_env("test")
    steps = [
        ("ruff format --check", [PYTHON, "-m", "ruff", "format", "--check", "."]),
        ("ruff check", [PYTHON, "-m", "ruff", "check", "."]),
        # --durations: every run ends with where its time went (the slowest tests)
        ("pytest", [PYTHON, "-m", "pytest", *PYTEST_OPTIONS, "--durations=15", *extra_args]),
    ]
    began = time.monotonic()  # after the install check: the figure is the tests' own time
    for name, command in steps:
        say(f"{name} ...")
        status = run(*command)
        if status != 0:
            say(f"{name} failed (exit {status}) after {time.monotonic() - began:.0f} s")
            return status
    say(f"every test passed in {time.monotonic() - began:.0f} s (ruff and pytest, no install)")
    return 0


def notebooks(extra_args: list[str]) -> int:
    ensure_env("")
    paths = extra_args or [
        str(p.relative_to(ROOT))
        for folder in NOTEBOOK_FOLDERS
        for p in sorted((ROOT / folder).glob("*.ipynb"))
    ]
    status = run(PYTHON, "-m", "rustbone_kit.cli", "notebooks", *paths)
    if status or extra_args:
        return status
    say("rebuilding the exercises from the solutions ...")
    return run(PYTHON, "-m", "rustbone_kit.cli", "exercises", "build")


COMMANDS = {"lab": lab, "test": test, "notebooks": notebooks}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    sys.exit(COMMANDS[sys.argv[1]](sys.argv[2:]))
