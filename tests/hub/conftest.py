"""The hub test's fixtures: the proxy from npm, the teacher's course, and a running JupyterHub.

``configurable-http-proxy`` is an npm package; ``.ci/run`` installs it into
``.ci/node_modules`` (``npm install --prefix .ci``, a folder .gitignore ignores), and the
fixture installs it there the same way when it is missing. Without npm the test is skipped
with the reason; under ``CI=true`` it fails instead. The hub runs on loopback ports only, in
a temporary folder, and the fixture's teardown stops it and everything it started (the
harness beside this file, which ``benchmarks/class.py`` uses too: ``classroom.py``, the hub and
the students; ``course_repo.py``, the teacher's repository; ``first_visit.py``, a student's
first class; ``kernel_client.py``; ``host.py``, processes and the class's install).
"""

from __future__ import annotations

import os
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from classroom import Hub
from course_repo import Course, make_course
from host import proxy_command


def _requirement() -> Path:
    if not sys.platform.startswith("linux"):
        pytest.skip("the hub test reads /proc and runs JupyterHub's local spawner: Linux only")
    try:
        return proxy_command()
    except FileNotFoundError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and the hub test cannot run: {error}")
        pytest.skip(str(error))


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Course:
    """The teacher's repository (the students' copy of the kit at HEAD) and the bare one
    the class pulls from."""
    return make_course(tmp_path_factory.mktemp("course"))


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    """A running JupyterHub; stopped, with every server and kernel, after the module."""
    chp = _requirement()
    began = time.monotonic()
    running = Hub.start(tmp_path_factory.mktemp("hub"), chp=chp)
    try:
        yield running
    finally:
        left = running.stop()
        running.notes.append(f"hub, proxy, servers and kernels: {time.monotonic() - began:.1f} s")
        summary = "hub test: " + "; ".join(running.notes)
        print(f"\n[{summary}] log {running.log}")
        warnings.warn(summary, stacklevel=1)  # shown in the summary under pytest-xdist too
        assert not left, f"processes left after the hub stopped: {left}"
