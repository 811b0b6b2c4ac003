"""Execute notebooks and store outputs that are the same on every run.

A teacher who edits a lesson runs ``rustbone-kit notebooks lessons/*.ipynb`` (or
``python3 run.py notebooks``) so that the stored outputs match again and CI's nbval check
passes. Each notebook runs in a fresh kernel from its own folder; then :func:`scrub` removes
what would differ between runs:

- widget views (their model ids are random, and widgets are not restored when a notebook is
  reopened anyway): the output keeps its ``text/plain`` line, which tells the reader to run
  the cell;
- saved widget state and per-cell timings in the metadata.

>>> import nbformat
>>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
>>> nb.cells[0].outputs = [nbformat.v4.new_output("display_data", data={
...     "text/plain": "Browser", "application/vnd.jupyter.widget-view+json": {"model_id": "f3"}})]
>>> scrub(nb).cells[0].outputs[0].data
{'text/plain': 'Browser'}
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import nbformat

__all__ = ["ExecutionReport", "execute_notebook", "scrub"]

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


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


def execute_notebook(
    path: str | Path, *, timeout: int = 300, write: bool = True
) -> ExecutionReport:
    """Run a notebook top to bottom in a fresh kernel, scrub it, and save it in place.

    Raises nbclient's ``CellExecutionError`` (naming the cell) if a cell fails; the file is
    then left as it was.
    """
    from nbclient import NotebookClient  # imported here: only this function needs it

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=nb.metadata.get("kernelspec", {}).get("name", "python3"),
        resources={"metadata": {"path": str(path.parent.resolve())}},
        record_timing=False,
        coalesce_streams=True,  # one stdout output per cell, however the kernel chunked it
    )
    started = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - started
    scrub(nb)
    if write:
        nbformat.write(nb, path)
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
