"""How fast this machine runs right now: a fixed piece of pure Python, timed on one core.

A shared virtual machine does not run at one speed: here the probe took 0.24 to 0.44 s from
one minute to the next with nothing else running, and every figure measured alongside moves
with it. ``suite.py`` and ``class.py`` print it before and after their runs, so two runs can
be compared by their probes as well as by their times.

    >>> 0 < speed_probe() < 60
    True
"""

from __future__ import annotations

import time

__all__ = ["speed_probe"]


def speed_probe() -> float:
    """Seconds a fixed loop of ten million additions takes on one core (median of three)."""

    def once() -> float:
        began, total = time.perf_counter(), 0
        for i in range(10_000_000):
            total += i
        return time.perf_counter() - began

    return sorted(once() for _ in range(3))[1]
