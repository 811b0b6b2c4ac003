"""Time each lesson from a fresh kernel to its last output, against the kernel's floor.

    .venv/bin/python benchmarks/lessons.py            # every notebook in lessons/
    .venv/bin/python benchmarks/lessons.py lessons/01_meet_the_readings.ipynb

The floor, measured in the same run, is a fresh kernel that imports pandas, ipywidgets and
yaml and does nothing else (the median of three). Each lesson runs on a temporary copy, so
the stored outputs are not touched; its time includes the kernel's start and every import,
as a teacher pressing "Run All" after opening would see. Prints each lesson's seconds, its
ratio to the floor and its size, then the slowest and the mean ratio against the targets
(2.5 and 2.0).
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from rustbone_kit.notebooks import execute_notebook

ROOT = Path(__file__).resolve().parents[1]
SLOWEST, MEAN = 2.5, 2.0  # targets, as ratios to the floor


def _timed(path: Path) -> float:
    started = time.perf_counter()
    execute_notebook(path, write=False)
    return time.perf_counter() - started


def floor(folder: Path) -> float:
    """A fresh kernel importing what every lesson needs at the least."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import pandas, ipywidgets, yaml")]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = folder / "floor.ipynb"
    nbformat.write(nb, path)
    return statistics.median(_timed(path) for _ in range(3))


def main(paths: list[str]) -> None:
    notebooks = [Path(p) for p in paths] or sorted((ROOT / "lessons").glob("*.ipynb"))
    with tempfile.TemporaryDirectory() as tmp:
        base = floor(Path(tmp))
        print(f"floor (fresh kernel, import pandas, ipywidgets, yaml): {base:.2f} s\n")
        print(f"{'notebook':45} {'seconds':>8} {'x floor':>8} {'size KB':>8}")
        ratios = []
        (Path(tmp) / "lessons").mkdir()
        # a lesson reads "../readings": the copies sit beside a link to the course's readings
        (Path(tmp) / "readings").symlink_to(notebooks[0].resolve().parent.parent / "readings")
        for nb in notebooks:
            copy = Path(tmp) / "lessons" / nb.name
            shutil.copy(nb, copy)
            seconds = _timed(copy)
            ratios.append(seconds / base)
            print(
                f"{nb.name:45} {seconds:8.2f} {ratios[-1]:8.2f} {nb.stat().st_size / 1024:8.1f}",
                flush=True,
            )
    print(f"\nslowest: {max(ratios):.2f} x floor (target {SLOWEST}); "
          f"mean: {statistics.mean(ratios):.2f} x floor (target {MEAN})")  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:])
