"""Execute notebooks and store outputs that are the same on every run.

A teacher who edits a lesson runs ``rustbone-kit notebooks lessons/*.ipynb`` (or
``python3 run.py notebooks``) so that the stored outputs match again and CI's nbval check
passes. Each notebook runs in a fresh kernel from its own folder; then :func:`scrub` removes
what would differ between runs:

- widget views (their model ids are random, and widgets are not restored when a notebook is
  reopened anyway): the output keeps its ``text/plain`` line, which tells the reader to run
  the cell;
- saved widget state and per-cell timings in the metadata.

Every notebook is saved with :func:`write_notebook`, atomically (see
:mod:`rustbone_kit.atomic`), and refused if someone saved the file while it ran.

>>> import nbformat
>>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
>>> nb.cells[0].outputs = [nbformat.v4.new_output("display_data", data={
...     "text/plain": "Browser", "application/vnd.jupyter.widget-view+json": {"model_id": "f3"}})]
>>> scrub(nb).cells[0].outputs[0].data
{'text/plain': 'Browser'}
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .atomic import FileState, file_state, write_atomic
from .errors import KitError
from .files import read_text_file

__all__ = [
    "ExecutionReport",
    "execute_all",
    "execute_notebook",
    "kernel_sockets",
    "read_notebook",
    "run_notebook",
    "scrub",
    "write_notebook",
]

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
FIX = "restore the file (`git checkout -- FILE`, or a copy you kept)"


@dataclass(frozen=True)
class ExecutionReport:
    """How one notebook ran: seconds from a fresh kernel to its last output, and file size."""

    path: Path
    seconds: float
    size_bytes: int

    def __str__(self) -> str:
        return f"{self.path}: {self.seconds:.1f} s, {self.size_bytes / 1024:.1f} KB"


def scrub(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove random ids, widget state and timings from a notebook, in place; return it."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for output in cell.get("outputs", []):
            data = output.get("data")
            if data and WIDGET_VIEW in data:
                del data[WIDGET_VIEW]
    return nb


def read_notebook(
    path: str | Path, *, error: type[KitError] = KitError, fix: str = FIX, role: str = "notebook"
) -> nbformat.NotebookNode:
    """The notebook at ``path``; a missing, unreadable, empty or corrupt file is refused.

    The ``error`` raised names the file, the line for bad JSON, and ``fix``; ``role`` names
    the notebook in the message ("the solution is not valid JSON").

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "n.ipynb"
    >>> _ = path.write_text('{"cells": [')
    >>> read_notebook(path)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    rustbone_kit.errors.KitError: ...n.ipynb, line 1: the notebook is not valid JSON ...
    """
    text = read_text_file(path, error=error)
    if not text.strip():
        raise error(f"the {role} is an empty file, not a notebook", path=path, fix=fix)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise error(
            f"the {role} is not valid JSON ({exc.msg}, column {exc.colno})",
            path=path,
            line=exc.lineno,
            fix=fix,
        ) from None
    try:
        if not isinstance(data, dict):
            raise TypeError(f"a JSON {type(data).__name__}, not an object")
        nb = nbformat.reads(text, as_version=4)
        nbformat.validate(nb)
    except Exception as exc:  # nbformat raises many kinds (ValidationError, KeyError ...)
        reason = (str(exc).strip().splitlines() or [""])[0][:200]
        raise error(
            f"the {role} is not a notebook nbformat can read ({type(exc).__name__}: {reason})",
            path=path,
            fix=fix,
        ) from None
    return nb


def write_notebook(
    nb: nbformat.NotebookNode,
    path: str | Path,
    *,
    backups: int = 0,
    expect: FileState | None = None,
) -> Path:
    """Save a notebook atomically, byte for byte as ``nbformat.write`` would; return its path.

    ``backups`` and ``expect`` are :func:`~rustbone_kit.atomic.write_atomic`'s: by default no
    ``.bak`` is kept (a notebook the kit runs or generates can be made again).

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "n.ipynb"
    >>> _ = write_notebook(nbformat.v4.new_notebook(), path)
    >>> nbformat.read(path, as_version=4).nbformat
    4
    """
    text = nbformat.writes(nb)
    if not text.endswith("\n"):
        text += "\n"
    return write_atomic(path, text, backups=backups, expect=expect)


#: The longest socket path the kit gives a kernel: Linux allows 107 bytes, macOS 103, and
#: jupyter_client adds a channel number ("-5") to the path it is given.
MAX_SOCKET_PATH = 100


def kernel_sockets(folder: str | Path) -> dict[str, str]:
    """The ``KernelManager`` settings for a kernel that talks over Unix sockets in
    ``folder`` (a private one): no loopback port to collide on, and no "running over TCP
    without encryption" warning from every kernel. Where there are no such sockets
    (Windows), or the folder's path is too long for one, ``{}``: TCP, jupyter_client's
    default.

    >>> sorted(kernel_sockets("/tmp/k")) == (["ip", "transport"] if os.name == "posix" else [])
    True
    >>> kernel_sockets("/tmp/" + "x" * 120)
    {}
    """
    path = os.path.join(str(folder), "kernel")
    if os.name != "posix" or len(os.fsencode(path)) + 3 > MAX_SOCKET_PATH:
        return {}
    return {"transport": "ipc", "ip": path}


def run_notebook(
    nb: nbformat.NotebookNode,
    *,
    folder: str | Path,
    timeout: int = 300,
    keep_widget_state: bool = False,
) -> float:
    """Run ``nb`` top to bottom in a fresh kernel started in ``folder``, then scrub it.

    The notebook is changed in place (outputs stored); returns the seconds it took. Raises
    nbclient's ``CellExecutionError`` (naming the cell) if a cell fails. With
    ``keep_widget_state`` it is not scrubbed: widget views and the widgets' state (in
    ``nb.metadata.widgets``) stay, for a reader of the widgets' views (``rustbone-kit handout``).
    """
    from nbclient import NotebookClient  # imported here: only this function needs it
    from traitlets.config import Config

    config, sockets = Config(), None
    if os.name == "posix":  # the kernel's Unix sockets, in a folder of their own
        sockets = tempfile.mkdtemp(prefix="rustbone-kernel-")
    for name, value in kernel_sockets(sockets or "").items():
        setattr(config.KernelManager, name, value)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=nb.metadata.get("kernelspec", {}).get("name", "python3"),
        resources={"metadata": {"path": str(Path(folder).resolve())}},
        record_timing=False,
        coalesce_streams=True,  # one stdout output per cell, however the kernel chunked it
        # The last cell has run, so the kernel is stopped at once: a graceful shutdown waits
        # for the kernel to exit, and one run in four waited 3 s more for nothing here.
        shutdown_kernel="immediate",
        config=config,
    )
    started = time.perf_counter()
    try:
        client.execute()
    finally:
        if sockets is not None:
            shutil.rmtree(sockets, ignore_errors=True)
    seconds = time.perf_counter() - started
    if not keep_widget_state:
        scrub(nb)
    return seconds


def execute_notebook(
    path: str | Path, *, timeout: int = 300, write: bool = True
) -> ExecutionReport:
    """Run a notebook top to bottom in a fresh kernel, scrub it, and save it in place.

    Raises nbclient's ``CellExecutionError`` (naming the cell) if a cell fails, and
    :class:`~rustbone_kit.errors.StaleFileError` if the file was saved by someone else while
    it ran; the file is then left as it was.
    """
    path = Path(path)
    state = file_state(path)  # before reading: a save in between is then refused, not lost
    nb = read_notebook(path)
    seconds = run_notebook(nb, folder=path.parent, timeout=timeout)
    if write:
        write_notebook(nb, path, expect=state)
    return ExecutionReport(path, seconds, path.stat().st_size)


def execute_all(paths: Iterable[str | Path], *, timeout: int = 300) -> list[ExecutionReport]:
    """Execute several notebooks one after another, printing progress as each finishes."""
    paths = list(paths)
    reports = []
    for number, path in enumerate(paths, start=1):
        print(f"[{number}/{len(paths)}] running {path} ...", flush=True)
        report = execute_notebook(path, timeout=timeout)
        print(f"[{number}/{len(paths)}] {report}", flush=True)
        reports.append(report)
    return reports
