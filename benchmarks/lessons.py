"""Time each lesson from a fresh kernel to its last output, and report its size.

    .venv/bin/python benchmarks/lessons.py            # every notebook in lessons/
    .venv/bin/python benchmarks/lessons.py lessons/01_meet_the_readings.ipynb

Notebooks run on a temporary copy, so the stored outputs are not touched. The time includes
the kernel's start and every import, as a teacher pressing "Run All" after opening would see.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from rustbone_kit.notebooks import execute_notebook

ROOT = Path(__file__).resolve().parents[1]
TARGET = 60  # seconds for the whole sequence on the 2-core machine CI uses


def main(paths: list[str]) -> None:
    notebooks = [Path(p) for p in paths] or sorted((ROOT / "lessons").glob("*.ipynb"))
    total = 0.0
    print(f"{'notebook':45} {'seconds':>8} {'size KB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for nb in notebooks:
            copy = Path(tmp) / nb.name
            shutil.copy(nb, copy)
            started = time.perf_counter()
            execute_notebook(copy, write=False)
            seconds = time.perf_counter() - started
            total += seconds
            print(f"{nb.name:45} {seconds:8.1f} {nb.stat().st_size / 1024:8.1f}", flush=True)
    print(f"{'all lessons':45} {total:8.1f}")
    if not paths:
        print(f"target: the whole sequence in under {TARGET} s; ratio {total / TARGET:.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
