"""Grading a class: seconds per submission, against running the same notebooks alone.

    .venv/bin/python benchmarks/grading.py [--students 40] [--exercise 04_themes]

Makes N copies of the exercise's solution (well-formed submissions), grades them with
``rustbone_kit.grading.grade_folder`` on 2 workers, and in the same run executes the same
notebook with nbclient (a fresh kernel each, 2 at a time) as the baseline. Prints the total,
the seconds per submission, and the ratio to the baseline.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient

import rustbone_kit as rk
from rustbone_kit.grading import grade_folder

ROOT = Path(__file__).resolve().parents[1]


def run_alone(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=120, resources={"metadata": {"path": str(path.parent)}}).execute()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--exercise", default="04_themes")
    args = parser.parse_args()
    solution = ROOT / "solutions" / f"{args.exercise}.ipynb"
    folder = Path(tempfile.mkdtemp(prefix="rk-bench-"))
    for i in range(args.students):
        shutil.copy(solution, folder / f"student{i:03d}_{args.exercise}.ipynb")
    baseline_runs = 4
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(run_alone, [solution] * baseline_runs))
    alone = (time.perf_counter() - start) / baseline_runs
    start = time.perf_counter()
    book = grade_folder(folder, exercises=ROOT / "exercises", corpus=rk.load_corpus(), workers=2)
    total = time.perf_counter() - start
    graded = sum(1 for r in book.rows if r.reason is None)
    per = total / args.students
    print(f"{graded} of {args.students} submissions of {args.exercise} graded in {total:.1f} s")
    print(f"per submission: {per:.2f} s; running the notebook alone: {alone:.2f} s")
    print(f"ratio to running the notebooks alone: {per / alone:.2f}")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
