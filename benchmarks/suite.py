"""Where the test suite's time goes: seconds per test file, each worker's files in order, total.

    .venv/bin/python benchmarks/suite.py                    # the suite, as run.py test runs it
    .venv/bin/python benchmarks/suite.py -- tests/browser   # only these (pytest arguments)
    .venv/bin/python benchmarks/suite.py --junit run.xml    # a junit xml pytest wrote (no workers)

Run mode starts pytest as ``python3 run.py test`` does (``run.PYTEST_OPTIONS``: two workers,
files shared out by ``tests/conftest.py``), with this file loaded as a plugin that records
each test's start, end and worker, and measures the wall time and the CPU seconds of pytest
and everything it started (kernels, JupyterLab, Chromium, the hub). It prints:

- one line per file (a notebook's cells for nbval, a test module for the rest): its tests,
  the seconds they took (setup, call and teardown added up, as pytest reports them), and the
  share of the summed time;
- each worker's files in the order it ran them, with when each started and ended, so that
  the file that ends the run is seen;
- the summed test time against the wall time (how well the workers were kept busy), the CPU
  seconds, and the load average before and after (only an idle machine gives fair figures);
- a speed probe before and after (probe.py): the seconds a fixed loop takes on one core.
  This shared virtual machine ran it in 0.24 to 0.44 s from one minute to the next with nothing
  else running, and the suite's wall time follows: compare runs by their probes too.

The README's figures for the suite come from here.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TIMELINE = "RUSTBONE_SUITE_TIMELINE"  # where the plugin writes the run's records (JSON)


# ------------------------------------------------------------------ the plugin (in pytest)

_records: list[dict[str, Any]] = []


def pytest_runtest_logreport(report: Any) -> None:
    """Every phase of every test, with its worker (set by pytest-xdist on the controller)."""
    node = getattr(report, "node", None)
    worker = getattr(getattr(node, "gateway", None), "id", None) or "main"
    _records.append(
        {
            "nodeid": report.nodeid,
            "when": report.when,
            "worker": worker,
            "start": report.start,
            "stop": report.stop,
            "seconds": report.duration,
        }
    )


def pytest_sessionfinish(session: Any) -> None:
    path = os.environ.get(TIMELINE)
    if path and not hasattr(session.config, "workerinput"):  # the controller writes it
        Path(path).write_text(json.dumps(_records), encoding="utf-8")


# ------------------------------------------------------------------ reading the results


def file_of(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


def case_file(case: ET.Element) -> str:
    """The file a junit testcase belongs to, from its class name (``tests.test_x``,
    ``lessons.01_x.ipynb``, ``rustbone_kit.text``)."""
    classname = case.get("classname", "") or case.get("name", "")
    if ".ipynb" in classname:  # nbval: "lessons.01_meet_the_readings.ipynb"
        folder, _, name = classname.split(".ipynb")[0].partition(".")
        return f"{folder}/{name}.ipynb"
    parts = [part for part in classname.split(".") if part]
    for cut in range(len(parts), 0, -1):  # the longest prefix that is a file on disk
        candidate = Path(*parts[:cut]).with_suffix(".py")
        if (ROOT / candidate).is_file():
            return candidate.as_posix()
    return classname or "(unknown: a collection error?)"


def read_junit(path: Path) -> dict[str, list[float]]:
    times: dict[str, list[float]] = defaultdict(list)
    for case in ET.parse(path).iter("testcase"):
        times[case_file(case)].append(float(case.get("time", 0)))
    return times


def per_file(records: list[dict[str, Any]]) -> dict[str, list[float]]:
    """Seconds per test (its phases added up), by file."""
    tests: dict[str, float] = defaultdict(float)
    for record in records:
        tests[record["nodeid"]] += record["seconds"]
    times: dict[str, list[float]] = defaultdict(list)
    for nodeid, seconds in tests.items():
        times[file_of(nodeid)].append(seconds)
    return times


def print_files(times: dict[str, list[float]], top: int) -> float:
    summed = sum(sum(v) for v in times.values()) or 1.0
    rows = sorted(times.items(), key=lambda item: -sum(item[1]))
    print(f"{'seconds':>8} {'share':>6} {'tests':>6}  file")
    for name, values in rows[:top]:
        seconds = sum(values)
        print(f"{seconds:8.1f} {seconds / summed:6.1%} {len(values):6d}  {name}")
    rest = rows[top:]
    if rest:
        seconds = sum(sum(v) for _, v in rest)
        count = sum(len(v) for _, v in rest)
        print(f"{seconds:8.1f} {seconds / summed:6.1%} {count:6d}  ({len(rest)} other files)")
    folders: dict[str, float] = defaultdict(float)
    for name, values in times.items():
        parts = Path(name).parts
        folders["/".join(parts[:-1]) if parts[:1] == ("tests",) else parts[0]] += sum(values)
    print("\nby folder: " + ", ".join(f"{f} {s:.0f} s" for f, s in sorted(folders.items())))
    return summed


def print_workers(records: list[dict[str, Any]], top: int) -> None:
    """Each worker's longest files and its last one, in the order it ran them (a file's span:
    its first test's start, its last test's end; a split file's parts show as one)."""
    began = min(r["start"] for r in records)
    spans: dict[str, dict[str, list[float]]] = defaultdict(dict)
    for record in records:
        span = spans[record["worker"]].setdefault(file_of(record["nodeid"]), [1e18, 0.0, 0.0])
        span[0] = min(span[0], record["start"] - began)
        span[1] = max(span[1], record["stop"] - began)
        span[2] += record["seconds"]
    for worker, files in sorted(spans.items()):
        ordered = sorted(files.items(), key=lambda item: item[1][0])
        busy = sum(span[2] for _, span in ordered)
        end = ordered[-1][1][1]
        print(f"\n{worker}: {len(ordered)} files, {busy:.1f} s of tests, ends at {end:.1f} s")
        long = {name for name, _ in sorted(ordered, key=lambda item: -item[1][2])[:top]}
        for name, (start, stop, seconds) in ordered:
            if name in long or name == ordered[-1][0]:
                print(f"  {start:7.1f} - {stop:7.1f}  {seconds:6.1f} s  {name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--junit", type=Path, help="read this junit xml instead of running")
    parser.add_argument("--top", type=int, default=25, help="files to list (default 25)")
    parser.add_argument("pytest_args", nargs="*", help="passed to pytest (after --)")
    args = parser.parse_args(argv)
    if args.junit:
        print_files(read_junit(args.junit), args.top)
        return 0
    sys.path.insert(0, str(ROOT))
    from probe import speed_probe  # beside this file

    from run import PYTEST_OPTIONS, PYTHON  # run.py is the one place they are set

    load, probe = os.getloadavg()[0], speed_probe()
    with tempfile.TemporaryDirectory(prefix="rustbone-suite-") as folder:
        timeline = Path(folder) / "timeline.json"
        env = {**os.environ, TIMELINE: str(timeline)}
        env["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(ROOT / "benchmarks"), env.get("PYTHONPATH")])
        )
        command = [str(PYTHON), "-m", "pytest", *PYTEST_OPTIONS, "-p", "suite", "-q"]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.monotonic()
        status = subprocess.run([*command, *args.pytest_args], cwd=ROOT, env=env).returncode
        wall = time.monotonic() - began
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if not timeline.is_file():
            print(f"pytest wrote no timeline (exit {status})")
            return status or 1
        records = json.loads(timeline.read_text(encoding="utf-8"))
    print()
    if not records:
        print("no test ran")
        return status
    summed = print_files(per_file(records), args.top)
    print_workers(records, top=6)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(
        f"\n{len({r['nodeid'] for r in records})} tests; their times add up to {summed:.1f} s; "
        f"wall {wall:.1f} s; CPU {cpu:.1f} s (pytest and all it started, on "
        f"{os.cpu_count()} cores); load average {load:.2f} before, {os.getloadavg()[0]:.2f} "
        f"after; pytest exit {status}"
    )
    print(f"speed probe (one core, fixed loop): {probe:.2f} s before, {speed_probe():.2f} s after")
    return status


if __name__ == "__main__":
    sys.exit(main())
