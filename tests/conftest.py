"""How ``run.py test`` shares the tests between its two pytest-xdist workers.

``--dist=loadfile`` sends each file to one worker, whole (nbval's cells of a notebook share
its kernel, a module's fixtures stay on one worker), and starts the files with the most tests
first. Two changes, made here by a scheduler of that kind (used only with ``loadfile``):

- **long files first**: the files in :data:`LONG_FIRST` go out before all others, in that
  order, so that no long file (the hub test has two tests) is left to run alone at the end;
- **split files**: a file in :data:`SPLIT` is cut into that many parts, its tests dealt out
  in turn, each part a unit of its own: the lessons in Chromium run on both workers, each
  worker with its own JupyterLab and Chromium (session fixtures are per worker; a module's
  fixtures are made once in each part, so a split file's costly fixtures make only what
  their tests ask for).

The figures behind the order come from ``benchmarks/suite.py`` (seconds per file).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

#: Not collected for doctests (``--doctest-modules`` would import this file a second time, as
#: a module named ``conftest`` like those of tests/browser and tests/hub, and fail on the clash).
collect_ignore = ["conftest.py"]

#: Started first, in this order: the longest first (seconds alone on an idle machine, from
#: benchmarks/suite.py; a file not there yet is simply never met).
LONG_FIRST = (
    "tests/browser/test_browser_lessons.py",  # ~65 s in two parts, each with its JupyterLab
    "tests/hub/test_hub.py",  # ~23 s: a hub and five students
    "tests/browser/test_browser_handouts.py",  # ~38 s in two parts: each lesson run for its page
    "tests/test_second_film.py",  # ~21 s: a new course made and every notebook of it run
    "tests/test_exercises.py",  # ~10 s: nbgrader
    "tests/test_grading.py",  # ~9 s
    "tests/browser/test_browser_widgets.py",
    "tests/browser/test_browser_keyboard.py",
    "tests/browser/test_browser_safety.py",
)
#: Files whose tests are dealt out into this many units (each part every other test), so that
#: no one file holds a worker for longer than the rest of the run takes on the other. Only
#: files whose tests stand alone: never a notebook (nbval's cells share one kernel).
SPLIT = {
    "tests/browser/test_browser_lessons.py": 2,
    "tests/browser/test_browser_handouts.py": 2,  # each test writes only its own page
}


def _file(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


def _scheduler(base: type) -> type:
    class LongFirstLoadFile(base):  # type: ignore[misc,valid-type]
        """``loadfile``, with :data:`SPLIT` files in parts and :data:`LONG_FIRST` first."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._scopes: dict[str, str] = {}
            self._dealt: dict[str, int] = {}

        def _split_scope(self, nodeid: str) -> str:
            # First called for every test in collection order (so the parts are the same
            # for every worker's identical collection), then looked up.
            scope = self._scopes.get(nodeid)
            if scope is None:
                path = _file(nodeid)
                scope = path
                if path in SPLIT:
                    dealt = self._dealt.get(path, 0)
                    self._dealt[path] = dealt + 1
                    scope = f"{path}::part{dealt % SPLIT[path] + 1}"
                self._scopes[nodeid] = scope
            return scope

        def _assign_work_unit(self, node: Any) -> None:
            first = min(self.workqueue, key=_rank)  # min is stable: ties keep xdist's order
            self.workqueue.move_to_end(first, last=False)
            super()._assign_work_unit(node)

    return LongFirstLoadFile


def _rank(scope: str) -> int:
    path = _file(scope)
    return LONG_FIRST.index(path) if path in LONG_FIRST else len(LONG_FIRST)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """With ``--dist=loadfile``, the scheduler above; any other mode is xdist's own."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    return _scheduler(LoadFileScheduling)(config, log)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """The browser tests' axe-core audits added up at the end of the run: the kit's outputs,
    JupyterLab's interface (each test hands its audits over as the user property ``axe``,
    which pytest-xdist carries to the controller, the one process that prints this)."""
    records = []
    for reports in terminalreporter.stats.values():
        for report in reports:
            for name, value in getattr(report, "user_properties", ()):
                if name == "axe" and getattr(report, "when", "call") == "call":
                    records += json.loads(value)
    if not records:
        return
    # every record counts every impact, most severe first (axe_audit.IMPACTS)
    impacts = list(dict.fromkeys(impact for r in records for impact in r["counts"]))
    write = terminalreporter.write_line
    terminalreporter.section("axe-core accessibility audit")
    for scope, title in (("kit", "the kit's outputs"), ("lab", "JupyterLab's own interface")):
        mine = [r for r in records if r["scope"] == scope]
        totals = dict.fromkeys(impacts, 0)
        rules: dict[str, int] = {}
        for record in mine:
            for impact, n in record["counts"].items():
                totals[impact] += n
            for rule, n in record["rules"].items():
                rules[rule] = rules.get(rule, 0) + n
        counts = ", ".join(f"{n} {impact}" for impact, n in totals.items())
        write(f"{title}: {len(mine)} audits; failing elements: {counts}")
        for rule, n in sorted(rules.items(), key=lambda item: -item[1]):
            write(f"    {n:4d}  {rule}")
    write("(the kit fails on serious or critical; JupyterLab's interface is reported only)")
