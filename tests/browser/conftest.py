"""Real-browser tests: each lesson runs in JupyterLab, driven by Debian's headless Chromium.

A session fixture starts JupyterLab (``sys.executable -m jupyterlab``, so the same environment
as pytest) on a free loopback port, token authentication on, serving a temporary copy of the
notebook folder: running cells and JupyterLab's autosave never touch the committed lessons.
Jupyter's config, runtime, settings and workspace folders live in the same temporary folder,
with two user settings written there: no "Jupyter news" pop-up, and no windowed rendering
(``windowingMode: none``, so every cell is in the page and can be checked).

Playwright for Python drives ``/usr/bin/chromium`` (``playwright install`` is never needed);
every request that is not to loopback is aborted and recorded, and the test fails if one of
them was a script, a stylesheet or a fetch/XHR (something would need the internet).

What each test asserts is in its module's docstring (see the end of this one).

Screenshots go to a ``rustbone-browser-*`` temporary folder; its path is printed (shown even
without ``-s``), added to the test's user properties, and emitted as a
``UserWarning`` so that it also appears in the summary under pytest-xdist (whose workers'
output is not shown; xdist cannot rebuild a warning class defined in a test module).

Without Chromium or Playwright the test skips and says why; under ``CI=true`` it fails.
Point it at another folder with ``RUSTBONE_BROWSER_NOTEBOOKS_DIR`` (default: ``lessons/``).

The accessibility audit: axe-core, an npm package that ``.ci/run`` installs into
``.ci/npm`` (the ``axe`` fixture installs it the same way when npm is there; without npm the
audits are skipped and ``test_axe_is_installed`` says why), is injected from that file into
every page the tests open (``browser_pages.audit``). The kit's outputs must have no serious
or critical violation; JupyterLab's own interface is counted and reported. The counts of
the whole run are printed at its end (``pytest_terminal_summary`` in ``tests/conftest.py``,
which the xdist controller loads; this file is only loaded where browser tests run).

The harness: this file starts JupyterLab and Chromium (the ``lab`` and ``browser``
fixtures, one of each for each pytest-xdist worker that runs browser tests: the lessons and
the hand-outs are split between both workers, see ``tests/conftest.py``) and keeps
JupyterLab open in one page that the notebook tests take in turn (the ``window`` fixture;
after a failure the next test gets a fresh page); ``browser_pages.py`` drives the pages.
The tests, by subject: ``test_browser_lessons.py`` (every lesson), ``test_browser_widgets.py``
(each widget through its real controls), ``test_browser_keyboard.py`` (each widget by
keyboard alone), ``test_browser_safety.py`` (hostile text stays text),
``test_browser_handouts.py`` (the hand-outs, offline).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from axe_audit import (
    AXE_JS,
    AXE_PREFIX,
    AXE_VERSION,
)
from browser_pages import (
    NOTEBOOKS_DIR,
    LabServer,
)
from lab_session import (
    LabWindow,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
APT_HINT = "sudo apt-get install -y --no-install-recommends chromium"

SERVER_START_S = 90
SERVER_STOP_S = 20

#: User settings written to the temporary JUPYTERLAB_SETTINGS_DIR.
LAB_SETTINGS: dict[str, dict[str, Any]] = {
    # No "Would you like to get notified about official Jupyter news?" toast, no update check.
    "@jupyterlab/apputils-extension/notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    # Attach every cell to the page, so outputs far down the notebook are rendered and found.
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
}


# --------------------------------------------------------------------------- requirements


def _missing_requirement() -> str | None:
    """Why the browser test cannot run here, or None when Chromium and Playwright are present."""
    if _chromium_path() is None:
        return f"Debian's Chromium is not installed ({CHROMIUM} missing); install it: {APT_HINT}"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as error:
        return f"Playwright for Python is not importable ({error}); pip install -e '.[test]'"
    return None


def _chromium_path() -> str | None:
    if os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def chromium() -> str:
    """The Chromium executable; skip without it (fail under ``CI=true``)."""
    problem = _missing_requirement()
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and the browser test cannot run: {problem}")
        pytest.skip(problem)
    path = _chromium_path()
    assert path is not None
    return path


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _write_lab_settings(settings_dir: Path) -> None:
    for plugin, values in LAB_SETTINGS.items():
        path = settings_dir / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values, indent=2))


def _strip_outputs(path: Path) -> None:
    """The notebook at ``path`` without outputs or execution counts (what a test compares
    with is read from the lessons folder itself)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _start_lab(workdir: Path) -> LabServer:
    """Start JupyterLab on a copy of the notebook folder; return once /api/status answers."""
    root = workdir / NOTEBOOKS_DIR.name
    shutil.copytree(NOTEBOOKS_DIR, root)
    for copy in root.glob("*.ipynb"):  # every output a test checks comes from its own run,
        _strip_outputs(copy)  # and Chromium need not draw the stored ones before it starts
    readings = NOTEBOOKS_DIR.parent / "readings"  # a lesson reads "../readings"
    if readings.is_dir():
        shutil.copytree(readings, workdir / "readings")
    dirs = {
        "JUPYTER_CONFIG_DIR": workdir / "config",
        "JUPYTER_RUNTIME_DIR": workdir / "runtime",
        "JUPYTERLAB_SETTINGS_DIR": workdir / "lab-settings",
        "JUPYTERLAB_WORKSPACES_DIR": workdir / "lab-workspaces",
        "IPYTHONDIR": workdir / "ipython",
    }
    for path in dirs.values():
        path.mkdir()
    _write_lab_settings(dirs["JUPYTERLAB_SETTINGS_DIR"])
    env = {**os.environ, **{name: str(path) for name, path in dirs.items()}}
    env.pop("JUPYTER_TOKEN", None)

    token = secrets.token_hex(24)
    port = _free_port()
    args = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",  # fail rather than move to a port we do not know
        f"--ServerApp.root_dir={root}",
        f"--IdentityProvider.token={token}",
        # The server itself never goes online either: no news feed, update check or PyPI.
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")
    log_path = workdir / "jupyterlab.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            args,
            cwd=root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: kernels can be cleaned up with it
        )
    server = LabServer(f"http://127.0.0.1:{port}", token, root, log_path, process)

    deadline = time.monotonic() + SERVER_START_S
    while True:
        if process.poll() is not None:
            problem = f"JupyterLab exited with code {process.returncode} while starting"
            break
        try:
            server.api("/api/status", timeout=2)
            return server
        except (OSError, ValueError) as error:
            if time.monotonic() > deadline:
                problem = f"JupyterLab did not answer within {SERVER_START_S} s ({error})"
                break
        time.sleep(0.25)
    _stop_lab(server)
    pytest.fail(f"{problem}; log {log_path}, last lines:\n{server.log_tail()}", pytrace=False)


def _stop_lab(server: LabServer) -> None:
    """Stop the server and its kernels: API shutdown, then SIGTERM, then SIGKILL the group."""
    process = server.process
    if process.poll() is None:
        with contextlib.suppress(OSError, ValueError):
            server.api("/api/shutdown", method="POST", timeout=SERVER_STOP_S)
        try:
            process.wait(timeout=SERVER_STOP_S)
        except subprocess.TimeoutExpired:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
    # Anything left in the server's own process group (a stuck kernel) goes too.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def lab(chromium: str) -> Iterator[LabServer]:
    """JupyterLab serving a temporary copy of the notebook folder; stopped at teardown."""
    if not NOTEBOOKS_DIR.is_dir():
        pytest.fail(f"notebook folder {NOTEBOOKS_DIR} does not exist")
    workdir = Path(tempfile.mkdtemp(prefix="rustbone-lab-"))
    server = _start_lab(workdir)
    try:
        yield server
    finally:
        _stop_lab(server)
        shutil.rmtree(workdir, ignore_errors=True)


# ------------------------------------------------------------------------------ Chromium


@pytest.fixture(scope="session")
def browser(chromium: str) -> Iterator[Browser]:
    """Headless Debian Chromium, launched by Playwright (no downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium, args=CHROMIUM_ARGS, headless=True, timeout=60_000
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def window(browser: Browser, lab: LabServer) -> Iterator[LabWindow]:
    """JupyterLab in one Chromium page, shared by this worker's tests in turn (a failed test's
    page is closed and the next one boots afresh: ``browser_pages.LabWindow``)."""
    opened = LabWindow(browser, lab)
    try:
        yield opened
    finally:
        opened.close()


def _install_axe() -> str | None:
    """Install axe-core into .ci/npm as .ci/run does; None when it is there, else why not."""
    if AXE_JS.is_file():
        return None
    npm = shutil.which("npm")
    if npm is None:
        return (
            f"npm is not installed, so axe-core cannot be ({AXE_JS} missing): "
            "sudo apt-get install npm, then "
            f"npm install --prefix {AXE_PREFIX} axe-core@{AXE_VERSION} (.ci/run does both)"
        )
    done = subprocess.run(
        [
            npm,
            "install",
            "--prefix",
            str(AXE_PREFIX),
            *("--no-save", "--no-package-lock", "--no-audit", "--no-fund"),
            *("--loglevel", "error", f"axe-core@{AXE_VERSION}"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    if done.returncode != 0 or not AXE_JS.is_file():
        return f"npm install axe-core@{AXE_VERSION} failed: {(done.stderr or done.stdout)[-400:]}"
    return None


@pytest.fixture(scope="session")
def axe() -> Path | None:
    """axe-core's script, installed by npm if need be; None (audits skipped) without npm."""
    return None if _install_axe() else AXE_JS


@pytest.fixture(scope="session")
def axe_problem() -> str | None:
    """Why axe-core is not there, or None."""
    return _install_axe()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """A fresh temporary folder for this run's screenshots, kept for people to look at: a
    failing test's page, or every page, chart and widget with RUSTBONE_SCREENSHOTS=1."""
    return Path(tempfile.mkdtemp(prefix="rustbone-browser-"))
