"""Run one submitted exercise in a fresh kernel, in a scratch folder, with limits; read its answers.

The student's code runs with the teacher's permissions: in a temporary copy of nothing but
the submission, with a stripped environment (no tokens or keys of the teacher's shell),
under a memory limit and a time limit, and its output is never shown or stored. The
student's own check cells are not run (a student may have edited or deleted them): the
answers are read by expressions taken from the teacher's copy of the exercise.

>>> questions_of({"cells": [{"cell_type": "code", "metadata": {"tags": ["check"]},
...                          "source": 'check("02.1", answer_02_1)'}]})
[('02.1', 'answer_02_1')]
"""

from __future__ import annotations

import ast
import contextlib
import importlib.util
import json
import os
import queue
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from ..exercises import is_check_cell
from ..notebooks import kernel_sockets
from .answers import ENCODER, MARKER, decode

__all__ = ["MEMORY_CAP", "Limits", "Run", "questions_of", "run_submission"]

#: Whether this system can cap a kernel's memory: POSIX resource limits (Linux, macOS) can,
#: Windows has none, so there a submission is stopped by its time limit only (``rustbone-kit
#: grade`` says so when it starts).
MEMORY_CAP = importlib.util.find_spec("resource") is not None


@dataclass(frozen=True)
class Limits:
    """How much a submission may take: seconds in all, bytes of memory (where
    :data:`MEMORY_CAP` says the system can cap it), bytes of output."""

    seconds: float = 60.0
    memory: int = 2 * 1024**3
    output: int = 2_000_000


@dataclass
class Run:
    """What running a submission gave: answers by question id, or the reason it failed."""

    answers: dict[str, Any] = field(default_factory=dict)
    reason: str | None = None
    seconds: float = 0.0


def _is_check(cell: dict) -> bool:
    """A cell the grader does not run: the exercises' own rule for a check cell
    (:func:`~rustbone_kit.exercises.is_check_cell`), a cell tagged ``check``, or
    ``progress()``."""
    source = "".join(cell.get("source", ""))
    node = nbformat.from_dict({**cell, "cell_type": cell.get("cell_type"), "source": source})
    tags = cell.get("metadata", {}).get("tags", [])
    return "check" in tags or is_check_cell(node) or "progress(" in source


def questions_of(exercise: dict) -> list[tuple[str, str]]:
    """``(question id, answer expression)`` of every ``check(id, expr)`` in the teacher's
    exercise, in order."""
    found = []
    for cell in exercise.get("cells", []):
        if cell.get("cell_type") != "code" or not _is_check(cell):
            continue
        try:
            tree = ast.parse("".join(cell.get("source", "")))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "check"
                and len(node.args) >= 2
                and isinstance(node.args[0], ast.Constant)
            ):
                found.append((str(node.args[0].value), ast.unparse(node.args[1])))
    return found


def _prelude(limits: Limits) -> str:
    """What the kernel runs first: its memory cap, where the system has one."""
    if not MEMORY_CAP:
        return ""
    return (
        "import resource as _rk_resource\n"
        f"_rk_resource.setrlimit(_rk_resource.RLIMIT_AS, ({limits.memory}, {limits.memory}))\n"
        "del _rk_resource\n"
    )


def _environment(home: Path) -> dict[str, str]:
    """Only what a kernel needs: no tokens, keys or the teacher's own settings."""
    keep = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
    for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):  # the machine's BLAS settings
        if name in os.environ:
            keep[name] = os.environ[name]
    return {
        **keep,
        "HOME": str(home),
        "PYTHONNOUSERSITE": "1",
        "MPLBACKEND": "Agg",
        "JUPYTER_PLATFORM_DIRS": "1",
    }


class _Kernel:
    """A fresh python3 kernel of this interpreter, started in ``folder`` with ``env``."""

    def __init__(self, folder: Path, env: dict[str, str]) -> None:
        from jupyter_client.manager import KernelManager

        self.manager = KernelManager(kernel_name="python3", **kernel_sockets(folder))
        self.manager.kernel_spec.argv[0] = sys.executable
        self.manager.start_kernel(cwd=str(folder), env=env)
        self.client = self.manager.client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=60)

    def run(self, code: str, deadline: float, limit: int) -> tuple[str, str | None]:
        """Execute ``code``; return its stdout, and why it stopped early (or None)."""
        msg_id = self.client.execute(code, store_history=False, allow_stdin=False)
        out: list[str] = []
        size = 0
        while True:
            if time.monotonic() > deadline:
                return "".join(out), "it ran past the time limit (an endless loop?)"
            if not self.manager.is_alive():
                return "".join(
                    out
                ), "its kernel stopped (the code ended Python or ran out of memory)"
            try:
                msg = self.client.get_iopub_msg(timeout=0.2)
            except queue.Empty:
                continue
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream" and content.get("name") == "stdout" and size < limit:
                out.append(content.get("text", ""))
                size += len(out[-1])
            elif kind == "status" and content.get("execution_state") == "idle":
                return "".join(out), None

    def drain(self, deadline: float) -> None:
        """Wait until the kernel is idle again (after an interrupt), at most until ``deadline``."""
        while time.monotonic() < deadline and self.manager.is_alive():
            try:
                msg = self.client.get_iopub_msg(timeout=0.2)
            except queue.Empty:
                continue
            if msg["msg_type"] == "status" and msg["content"].get("execution_state") == "idle":
                return

    def stop(self) -> None:
        try:
            self.client.stop_channels()
        finally:
            self.manager.shutdown_kernel(now=True)


def _student_cells(notebook: dict) -> list[str]:
    cells = []
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code" or _is_check(cell):
            continue
        source = "".join(cell.get("source", ""))
        if source.strip():
            cells.append(source)
    return cells


def run_submission(
    notebook: dict, wanted: list[tuple[str, str]], *, limits: Limits | None = None
) -> Run:
    """Run the submission's code cells (not its check cells) and read each wanted answer.

    A cell that raises does not stop the run (the student's later answers still count);
    the time limit, a dead kernel or a memory error ends it with a reason. Never raises.
    """
    limits = limits or Limits()
    started = time.monotonic()
    deadline = started + limits.seconds
    scratch = Path(tempfile.mkdtemp(prefix="rk-grade-"))
    result = Run()
    kernel = None
    try:
        (scratch / "home").mkdir()
        kernel = _Kernel(scratch, _environment(scratch / "home"))
        kernel.run(_prelude(limits) + (ENCODER % MARKER), deadline, limits.output)
        for source in _student_cells(notebook):
            _, stopped = kernel.run(source, deadline, limits.output)
            if stopped:
                result.reason = stopped
                break
        if kernel.manager.is_alive():
            if result.reason is not None:  # stop the endless cell, keep what was answered
                kernel.manager.interrupt_kernel()
                kernel.drain(time.monotonic() + 5)
            sends = "\n".join(f"_rk_send({q!r}, lambda: ({expr}))" for q, expr in wanted)
            output, stopped = kernel.run(sends, time.monotonic() + 30, limits.output * 10)
            result.reason = result.reason or stopped
            for line in output.splitlines():
                if line.startswith(MARKER):
                    try:
                        data = json.loads(line[len(MARKER) :])
                    except ValueError:
                        continue
                    if isinstance(data, dict) and isinstance(data.get("q"), str):
                        result.answers[data["q"]] = decode(data.get("a"))
    except Exception as error:  # the grader keeps going, whatever one submission does
        result.reason = f"it could not be run ({type(error).__name__}: {error})"[:300]
    finally:
        if kernel is not None:
            with contextlib.suppress(Exception):  # a kernel already gone
                kernel.stop()
        shutil.rmtree(scratch, ignore_errors=True)
        result.seconds = time.monotonic() - started
    return result
