"""``run.py test`` ends with the time the tests took, and says which step failed and when."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def run_py(monkeypatch: pytest.MonkeyPatch):
    """run.py as a module, with the install check and the commands it starts recorded."""
    spec = importlib.util.spec_from_file_location("run_script", ROOT / "run.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.started = []
    monkeypatch.setattr(module, "ensure_env", lambda extra: None)
    return module


def test_a_passing_run_ends_with_its_time(run_py, monkeypatch, capsys) -> None:
    clock = iter([100.0, 247.4])
    # run.py's own clock, not the time module's (which pytest itself reads)
    monkeypatch.setattr(run_py, "time", SimpleNamespace(monotonic=lambda: next(clock)))
    monkeypatch.setattr(run_py, "run", lambda *args: run_py.started.append(args) or 0)
    assert run_py.test(["-k", "corpus"]) == 0
    names = [" ".join(str(a) for a in args[1:4]) for args in run_py.started]
    assert names == ["-m ruff format", "-m ruff check", "-m pytest -n2"]
    assert run_py.started[-1][-2:] == ("-k", "corpus")  # extra arguments reach pytest
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last == "[run.py] every test passed in 147 s (ruff and pytest, no install)"


def test_a_failing_step_stops_the_run_and_says_which(run_py, monkeypatch, capsys) -> None:
    monkeypatch.setattr(run_py, "run", lambda *args: run_py.started.append(args) or 1)
    assert run_py.test([]) == 1
    assert len(run_py.started) == 1  # ruff format failed: nothing after it ran
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert re.fullmatch(r"\[run\.py\] ruff format --check failed \(exit 1\) after \d+ s", last)
