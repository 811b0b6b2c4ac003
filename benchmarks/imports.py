"""What importing the kit costs, against importing pandas in the same run.

    .venv/bin/python benchmarks/imports.py [--runs 5]

Each figure is the median over fresh interpreters. Prints seconds for ``import pandas``,
``import rustbone_kit`` (pandas included) and their difference (the issue's bound: 0.15 s),
then ``import altair`` on its own (which pulls in jsonschema's rfc3987_syntax grammars) and
``import rustbone_kit.charts`` (altair imported without them), and the ratio of the two.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMED = "import time; t = time.perf_counter(); import {0}; print(time.perf_counter() - t)"


def seconds(module: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", TIMED.format(module)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        times.append(float(done.stdout.split()[-1]))
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    pandas = seconds("pandas", runs)
    kit = seconds("rustbone_kit", runs)
    altair = seconds("altair", runs)
    charts = seconds("rustbone_kit.charts", runs)
    print(f"import pandas               {pandas:6.3f} s")
    print(f"import rustbone_kit         {kit:6.3f} s   (+{kit - pandas:.3f} s over pandas)")
    print(f"import altair (plain)       {altair:6.3f} s")
    print(
        f"import rustbone_kit.charts  {charts:6.3f} s   "
        f"(ratio to plain altair {charts / altair:.2f})"
    )


if __name__ == "__main__":
    main()
