"""Real-browser test: each lesson runs in JupyterLab, driven by Debian's headless Chromium.

A module fixture starts JupyterLab (``sys.executable -m jupyterlab``, so the same environment
as pytest) on a free loopback port, token authentication on, serving a temporary copy of the
notebook folder: running cells and JupyterLab's autosave never touch the committed lessons.
Jupyter's config, runtime, settings and workspace folders live in the same temporary folder,
with two user settings written there: no "Jupyter news" pop-up, and no windowed rendering
(``windowingMode: none``, so every cell is in the page and can be checked).

Playwright for Python drives ``/usr/bin/chromium`` (``playwright install`` is never needed);
every request that is not to loopback is aborted and recorded, and the test fails if one of
them was a script, a stylesheet or a fetch/XHR (something would need the internet).

For each notebook in ``NOTEBOOKS`` the test opens it, clears the stored outputs, runs all
cells from the Run menu and asserts that:

- every code cell ran and no output is an error or stderr (their text is shown on failure);
- each chart stored in the notebook (a ``application/vnd.vegalite.v5+json`` output) drew an
  SVG or canvas again;
- the widgets rendered, and the first dropdown changes the widget HTML next to it. Widget
  views are scrubbed from stored outputs (see ``rustbone_kit.notebooks.scrub``), so widgets
  are expected when the stored outputs hold a widget view or a code cell uses
  ``ipywidgets`` / ``<something>.widgets.``.

Screenshots go to a ``rustbone-browser-*`` temporary folder; its path is printed (shown even
without ``-s``), added to the test's user properties, and emitted as a
``UserWarning`` so that it also appears in the summary under pytest-xdist (whose workers'
output is not shown; xdist cannot rebuild a warning class defined in a test module).

Without Chromium or Playwright the test skips and says why; under ``CI=true`` it fails.
Point it at another folder with ``RUSTBONE_BROWSER_NOTEBOOKS_DIR`` (default: ``lessons/``).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

import pytest

try:  # the module must still be collected without Playwright: the `chromium` fixture then
    from playwright.sync_api import TimeoutError as PlaywrightTimeout  # skips (fails under CI)
except ImportError:
    PlaywrightTimeout = TimeoutError  # type: ignore[assignment,misc]

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page, Route

#: The notebooks to run, by file name in the notebook folder. Add later lessons here.
REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS_DIR = Path(os.environ.get("RUSTBONE_BROWSER_NOTEBOOKS_DIR") or REPO / "lessons")
#: Every lesson, found on disk: a new lesson is checked in the browser without a list to edit.
NOTEBOOKS = sorted(p.name for p in NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))

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

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
#: Resource types that must never need the internet (a CDN script, a web font CSS, an API).
FORBIDDEN_REMOTE_TYPES = frozenset({"script", "stylesheet", "fetch", "xhr"})

VEGALITE = "application/vnd.vegalite.v5+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: JupyterLab 4 renders both stderr streams and error tracebacks with the stderr mime type.
ERROR_OUTPUTS = (
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"],'
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]'
)
CHART_MARKS = "svg.marks, canvas.marks"  # vega's drawing surface (not the "..." menu icon)
WIDGET_USE = re.compile(r"\bipywidgets\b|\.widgets\.")

SERVER_START_S = 90
SERVER_STOP_S = 20
KERNEL_READY_MS = 90_000
RUN_ALL_MS = 120_000
RENDER_MS = 20_000
WIDGET_REACT_MS = 10_000
ACTION_MS = 15_000

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

pytestmark = pytest.mark.browser


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


@pytest.fixture(scope="module")
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


# ------------------------------------------------------------------------------ JupyterLab


#: Talks to the loopback server directly, whatever http_proxy says.
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass
class LabServer:
    """A running JupyterLab: where it is, how to log in, what it serves, where it logs."""

    base_url: str
    token: str
    root: Path
    log_path: Path
    process: subprocess.Popen[bytes] = field(repr=False)

    def api(self, path: str, method: str = "GET", timeout: float = 5) -> Any:
        """Call the REST API with the token; return the decoded JSON (None when empty)."""
        request = urllib.request.Request(
            f"{self.base_url}{path}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with _NO_PROXY.open(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def log_tail(self, lines: int = 40) -> str:
        """The last lines of the server log."""
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])

    def shutdown_kernels(self) -> None:
        """Stop every kernel (each notebook's kernel is no longer needed once it is checked)."""
        # On failure the server-wide shutdown at teardown still stops them.
        with contextlib.suppress(OSError, ValueError):
            for kernel in self.api("/api/kernels"):
                self.api(f"/api/kernels/{kernel['id']}", method="DELETE", timeout=15)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _write_lab_settings(settings_dir: Path) -> None:
    for plugin, values in LAB_SETTINGS.items():
        path = settings_dir / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values, indent=2))


def _start_lab(workdir: Path) -> LabServer:
    """Start JupyterLab on a copy of the notebook folder; return once /api/status answers."""
    root = workdir / "notebooks"
    shutil.copytree(NOTEBOOKS_DIR, root)
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


@pytest.fixture(scope="module")
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


@pytest.fixture(scope="module")
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
def screenshot_dir() -> Path:
    """A fresh temporary folder for this run's screenshots (kept for people to look at)."""
    return Path(tempfile.mkdtemp(prefix="rustbone-browser-"))


@dataclass
class NetworkGuard:
    """Route handler that lets loopback through and aborts (and records) everything else."""

    aborted: list[tuple[str, str]] = field(default_factory=list)

    def handle(self, route: Route) -> None:
        """Continue a loopback request; abort any other."""
        request = route.request
        parts = urlsplit(request.url)
        if parts.scheme in {"data", "blob", "about"} or parts.hostname in LOOPBACK_HOSTS:
            route.continue_()
        else:
            self.aborted.append((request.url, request.resource_type))
            route.abort("blockedbyclient")

    def forbidden(self) -> list[str]:
        """Aborted requests that something on the page needed (script, stylesheet, fetch)."""
        return [f"{kind} {url}" for url, kind in self.aborted if kind in FORBIDDEN_REMOTE_TYPES]


# ------------------------------------------------------------------------- the notebook


@dataclass
class StoredNotebook:
    """What the committed notebook says should appear once it has run."""

    cells: list[dict[str, Any]]
    charts_per_cell: dict[int, int]  # cell index -> number of stored Vega-Lite outputs
    expects_widgets: bool

    @classmethod
    def read(cls, path: Path) -> StoredNotebook:
        """Read a notebook's JSON and count what its stored outputs promise."""
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        charts: dict[int, int] = {}
        widgets = False
        for index, cell in enumerate(cells):
            if cell["cell_type"] != "code":
                continue
            outputs = cell.get("outputs", [])
            count = sum(VEGALITE in output.get("data", {}) for output in outputs)
            if count:
                charts[index] = count
            widgets = widgets or any(WIDGET_VIEW in output.get("data", {}) for output in outputs)
            widgets = widgets or bool(WIDGET_USE.search(_source(cell)))
        return cls(cells, charts, widgets)


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


# Run in the page: is the notebook's kernel connected and idle? A dialog is returned as text.
JS_KERNEL_READY = """(panelSelector) => {
  const dialog = document.querySelector('.jp-Dialog');
  if (dialog) return 'dialog: ' + dialog.innerText.replace(/\\s+/g, ' ').trim();
  const panel = document.querySelector(panelSelector);
  if (!panel) return false;
  const name = panel.querySelector('.jp-Toolbar-kernelName');
  const status = panel.querySelector('.jp-Notebook-ExecutionIndicator');
  return Boolean(name && status && !/No Kernel/i.test(name.textContent)
                 && status.dataset.status === 'idle') && 'ready';
}"""

# Run in the page: have all cells run? Run All marks every code cell [*] at once; each gets
# its number when it finishes, and cells skipped after an error go back to [ ].
JS_RUN_FINISHED = """(panelSelector) => {
  const panel = document.querySelector(panelSelector);
  if (!panel) return false;
  const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
    .map((p) => p.textContent.trim());
  const status = panel.querySelector('.jp-Notebook-ExecutionIndicator');
  const started = prompts.some((p) => /\\d/.test(p));
  return started && !prompts.some((p) => p.includes('*'))
    && Boolean(status) && status.dataset.status === 'idle';
}"""

# Run in the page on a <select>: mark the widget outputs that should react to it (the widget
# HTML and Output areas in the same cell output, else the first one after it), count them.
JS_MARK_WATCHED = """(select) => {
  const area = select.closest('.jp-OutputArea');
  const selector = '.widget-html-content, .widget-output';
  let targets = area ? [...area.querySelectorAll(selector)] : [];
  if (!targets.length) {
    targets = [...document.querySelectorAll(selector)]
      .filter((e) => select.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING)
      .slice(0, 1);
  }
  targets.forEach((e) => e.setAttribute('data-rustbone-watch', ''));
  return targets.length;
}"""
JS_WATCHED = """() => [...document.querySelectorAll('[data-rustbone-watch]')]
  .map((e) => e.innerHTML).join('\\n')"""
JS_WATCHED_CHANGED = f"(before) => ({JS_WATCHED})() !== before"

# Run in the page on an element: the index of its cell in the notebook.
JS_CELL_INDEX = """(e) => [...e.closest('.jp-Notebook').querySelectorAll('.jp-Notebook-cell')]
  .indexOf(e.closest('.jp-Notebook-cell'))"""

# Run in the page: the texts ipywidgets puts in an output while a widget loads or has failed
# ("Loading widget...", "Error displaying widget..."), on the output element itself.
JS_WIDGET_FAILURES = """(panelSelector) => [...document.querySelector(panelSelector)
    .querySelectorAll('.jp-OutputArea-output')].map((e) => e.textContent.trim())
  .filter((t) => t.startsWith('Error displaying widget') || t.startsWith('Loading widget'))"""
JS_WIDGETS_SETTLED = f"""(panelSelector) => !({JS_WIDGET_FAILURES})(panelSelector)
  .some((t) => t.startsWith('Loading widget'))"""

PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"


def _menu(page: Page, menu: str, command: str) -> None:
    """Click a main-menu entry by its command id, e.g. ("Run", "runmenu:run-all")."""
    page.locator(".lm-MenuBar-item").filter(has_text=re.compile(rf"^\s*{menu}\s*$")).click()
    item = page.locator(f'.lm-Menu-item[data-command="{command}"]')
    item.wait_for(state="visible")
    if item.get_attribute("aria-disabled") == "true":
        page.keyboard.press("Escape")
        pytest.fail(f"menu {menu} > {command} is disabled (is the notebook the current tab?)")
    item.click()


def _run_all_checked(session: Any, lab: LabServer, notebook: str, stored: Any) -> Locator:
    """Open and run the notebook, time it into the report, and add any cell that did not run
    (or printed an error) to the session's problems."""
    started = time.monotonic()
    panel = _open_and_run(session.page, lab, notebook)
    session.report.append(f"ran all cells in {time.monotonic() - started:.1f} s")
    session.problems += _check_cells_ran(panel, stored)
    return panel


def _open_and_run(page: Page, lab: LabServer, notebook: str) -> Locator:
    """Open the notebook in a fresh workspace, wait for its kernel, clear outputs, run all."""
    workspace = f"browser-test-{secrets.token_hex(4)}"  # nothing restored from other tests
    page.goto(
        f"{lab.base_url}/lab/workspaces/{workspace}/tree/{quote(notebook)}?token={lab.token}",
        wait_until="domcontentloaded",
        timeout=60_000,
    )
    panel = page.locator(PANEL)
    panel.wait_for(state="visible", timeout=60_000)
    ready = page.wait_for_function(JS_KERNEL_READY, arg=PANEL, timeout=KERNEL_READY_MS)
    state = ready.json_value()
    if state != "ready":
        pytest.fail(f"{notebook}: JupyterLab showed a dialog, not a kernel: {state}", pytrace=False)
    # Clear stored outputs first, so every output checked below comes from this run.
    _menu(page, "Edit", "editmenu:clear-all")
    panel.locator(".jp-OutputArea-output").first.wait_for(state="detached", timeout=ACTION_MS)
    _menu(page, "Run", "runmenu:run-all")
    try:
        page.wait_for_function(JS_RUN_FINISHED, arg=PANEL, timeout=RUN_ALL_MS)
    except PlaywrightTimeout:  # say where the run stood
        prompts = panel.locator(".jp-CodeCell .jp-InputArea-prompt").all_inner_texts()
        pytest.fail(
            f"{notebook}: Run All did not finish within {RUN_ALL_MS // 1000} s; "
            f"cell prompts: {' '.join(p.strip() for p in prompts)}",
            pytrace=False,
        )
    return panel


def _check_cells_ran(panel: Locator, stored: StoredNotebook) -> list[str]:
    """Every non-empty code cell has an execution number, and nothing went to stderr."""
    problems = []
    dom_cells = panel.locator(".jp-Notebook-cell")
    if dom_cells.count() != len(stored.cells):
        problems.append(
            f"the page shows {dom_cells.count()} cells, the file has {len(stored.cells)}"
        )
    else:
        for index, cell in enumerate(stored.cells):
            if cell["cell_type"] != "code" or not _source(cell).strip():
                continue
            prompt = dom_cells.nth(index).locator(".jp-InputArea-prompt").inner_text().strip()
            if not re.fullmatch(r"\[\d+\]:", prompt):
                problems.append(f"cell {index + 1} did not run (prompt {prompt!r})")
    for output in panel.locator(ERROR_OUTPUTS).all():
        index = output.evaluate(JS_CELL_INDEX)
        problems.append(f"error/stderr output in cell {index + 1}:\n{output.inner_text().strip()}")
    return problems


def _check_charts(
    panel: Locator, stored: StoredNotebook, shots: Path, stem: str
) -> tuple[list[str], int]:
    """Each stored chart drew again: a .vega-embed with a non-empty SVG or canvas."""
    problems, drawn = [], 0
    dom_cells = panel.locator(".jp-Notebook-cell")
    if stored.charts_per_cell and dom_cells.count() != len(stored.cells):
        return ["cannot match charts to cells (cell counts differ)"], 0
    for index, expected in stored.charts_per_cell.items():
        embeds = dom_cells.nth(index).locator(".jp-OutputArea-output .vega-embed")
        for number in range(expected):
            embed = embeds.nth(number)
            try:
                embed.wait_for(state="attached", timeout=RENDER_MS)
                embed.scroll_into_view_if_needed(timeout=ACTION_MS)
                marks = embed.locator(CHART_MARKS).first
                marks.wait_for(state="visible", timeout=RENDER_MS)
            except PlaywrightTimeout as error:
                problems.append(
                    f"cell {index + 1}: chart {number + 1} drew no SVG/canvas ({error})"
                )
                continue
            box = marks.bounding_box()
            if not box or box["width"] < 10 or box["height"] < 10:
                problems.append(f"cell {index + 1}: chart {number + 1} is drawn empty ({box})")
                continue
            drawn += 1
            embed.screenshot(path=shots / f"{stem}-cell{index + 1:02d}-chart{number + 1}.png")
    return problems, drawn


def _check_widgets(page: Page, panel: Locator, shots: Path, stem: str) -> tuple[list[str], str]:
    """Widgets rendered; the first dropdown changes the widget HTML beside it."""
    problems: list[str] = []
    try:
        page.wait_for_function(JS_WIDGETS_SETTLED, arg=PANEL, timeout=RENDER_MS)
    except PlaywrightTimeout:
        problems.append(f"a widget was still loading after {RENDER_MS // 1000} s")
    failed = page.evaluate(JS_WIDGET_FAILURES, PANEL)
    problems += [f"a widget did not render: {text[:200]}" for text in failed]
    if not panel.locator(".jp-OutputArea-output .jupyter-widgets").count():
        return [*problems, "no widget rendered (no .jupyter-widgets element in any output)"], ""

    select = panel.locator(".widget-dropdown select").first
    if not select.count():
        return problems, "widgets rendered; no dropdown to change"
    select.scroll_into_view_if_needed(timeout=ACTION_MS)
    options = [o.replace("\xa0", " ") for o in select.locator("option").all_inner_texts()]
    current = select.evaluate("(s) => s.selectedIndex")
    if len(options) < 2:
        return [*problems, f"the first dropdown has {len(options)} option(s)"], ""
    if not select.evaluate(JS_MARK_WATCHED):
        return [*problems, "no widget HTML or Output follows the first dropdown"], ""
    area = select.locator("xpath=ancestor::*[contains(@class, 'jp-OutputArea')][1]")
    area.screenshot(path=shots / f"{stem}-widget-before.png")
    before = page.evaluate(JS_WATCHED)
    choice = 1 if current == 0 else 0
    select.select_option(index=choice)
    try:
        page.wait_for_function(JS_WATCHED_CHANGED, arg=before, timeout=WIDGET_REACT_MS)
    except PlaywrightTimeout:
        problems.append(
            f"choosing {options[choice]!r} (was {options[current]!r}) in the first dropdown "
            f"did not change the widget HTML within {WIDGET_REACT_MS // 1000} s"
        )
        return problems, ""
    area.screenshot(path=shots / f"{stem}-widget-after.png")
    return problems, f"dropdown {options[current]!r} -> {options[choice]!r} updated the widget"


@dataclass
class Session:
    """One browser context on one notebook: its page, the network guard, what to report."""

    page: Page
    guard: NetworkGuard
    report: list[str]
    problems: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@contextlib.contextmanager
def _session(
    browser: Browser,
    lab: LabServer,
    notebook: str,
    screenshot_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> Iterator[Session]:
    """A fresh context with every non-loopback request aborted; on exit: a full-page
    screenshot, the report printed, the context and the kernels closed."""
    guard = NetworkGuard()
    context = browser.new_context(viewport={"width": 1366, "height": 1000})
    context.set_default_timeout(ACTION_MS)
    context.route("**/*", guard.handle)
    page = context.new_page()
    session = Session(page, guard, [f"{notebook}: screenshots in {screenshot_dir}"])
    page.on("pageerror", lambda error: session.page_errors.append(str(error)))

    def on_dialog(dialog: Any) -> None:  # an alert() that ran: recorded, then dismissed
        session.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    try:
        yield session
        forbidden = guard.forbidden()
        if forbidden:
            session.problems.append(
                "needed the internet (requests aborted):\n" + "\n".join(forbidden)
            )
    finally:
        try:
            page.screenshot(path=screenshot_dir / f"{Path(notebook).stem}-page.png", full_page=True)
        except Exception as error:  # a screenshot must not hide the real failure
            session.report.append(f"no page screenshot: {error}")
        session.report.append(f"aborted non-loopback requests: {len(guard.aborted)}")
        session.report += [f"  {kind} {url}" for url, kind in guard.aborted]
        session.report += [f"page error: {error}" for error in session.page_errors]
        context.close()
        lab.shutdown_kernels()
        with capsys.disabled():
            print("\n[browser] " + "\n[browser] ".join(session.report))


def _fail_on(notebook: str, session: Session) -> None:
    if session.problems:
        pytest.fail(
            f"{notebook} in Chromium:\n- "
            + "\n- ".join(session.problems)
            + "\n"
            + "\n".join(session.report),
            pytrace=False,
        )


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_runs_in_chromium(
    notebook: str,
    lab: LabServer,
    browser: Browser,
    screenshot_dir: Path,
    request: pytest.FixtureRequest,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Open the notebook, run all cells; no errors, charts drawn, widgets react, no internet."""
    path = lab.root / notebook
    assert path.is_file(), f"{notebook} is listed in NOTEBOOKS but {NOTEBOOKS_DIR} lacks it"
    stored = StoredNotebook.read(path)
    stem = Path(notebook).stem
    request.node.user_properties.append(("screenshots", str(screenshot_dir)))
    warnings.warn(
        f"browser screenshots for {notebook}: {screenshot_dir}", UserWarning, stacklevel=1
    )
    with _session(browser, lab, notebook, screenshot_dir, capsys) as session:
        page, report, problems = session.page, session.report, session.problems
        panel = _run_all_checked(session, lab, notebook, stored)
        chart_problems, drawn = _check_charts(panel, stored, screenshot_dir, stem)
        problems += chart_problems
        report.append(f"charts drawn: {drawn} of {sum(stored.charts_per_cell.values())}")
        if stored.expects_widgets or panel.locator(".jupyter-widgets").count():
            widget_problems, note = _check_widgets(page, panel, screenshot_dir, stem)
            problems += widget_problems
            report.append(note or "widgets: see problems")
    _fail_on(notebook, session)


# ---------------------------------------------------------------- the widgets, one by one

#: Generated at test time into the served (temporary) folder; never committed.
WIDGETS_NOTEBOOK = "rustbone_widgets_check.ipynb"
#: Markup a reading may carry. The notebook builds these strings from pieces, so its own
#: code cells never contain them: on the page they can only come from a widget's output.
HOSTILE = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")
HOSTILE_CELL = """\
from IPython.display import display

S = "<" + "script>alert(1)</" + "script>"
I = "<" + "img src=x onerror=alert(1)>"
hostile = rk.Corpus(readings=tuple(
    rk.Reading(id=key, text=text,
               meta={"id": key, "title": S, "kind": "review", "author": I, "outlet": S})
    for key, text in [
        ("hostile-a", f"Ali carries Stéphanie into the sea for a swim {S} and {I} here."),
        ("hostile-b", f"In the sea, Ali carries her for a swim {I}. {S}"),
    ]
))
display(SideBySide(hostile))
ReadingBrowser(hostile)"""


def _widgets_notebook(annotation_file: Path) -> dict[str, Any]:
    """A notebook showing every widget (one per cell), and a hostile reading in two."""
    sources = [
        "import rustbone_kit as rk\n"
        "from rustbone_kit.widgets import (Annotator, Concordance, ReadingBrowser, SideBySide,\n"
        "                                  ThemeExplorer)\n"
        "corpus = rk.load_corpus()",
        'SideBySide(corpus, scene="swim", readings=["bowditch", "marchant"])',
        "Concordance(corpus)",
        "ThemeExplorer(corpus)",
        f'Annotator(corpus, "browser-check", path={str(annotation_file)!r}, reading="marchant")',
        HOSTILE_CELL,
    ]
    cells = [
        {
            "cell_type": "markdown",
            "id": "w-00",
            "metadata": {},
            "source": "# Widgets check (made by tests/test_browser.py)",
        }
    ]
    cells += [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": f"w-{number:02d}",
            "metadata": {},
            "outputs": [],
            "source": source,
        }
        for number, source in enumerate(sources, start=1)
    ]
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


# Run in the page on an element: its rendered text, every run of white space made one space
# (ipywidgets puts non-breaking spaces in option labels).
JS_TEXT = "(e) => e.innerText.replace(/\\s+/g, ' ').trim()"
# ... and on several: their text content. Not innerText: it depends on whether the element is
# laid out at that moment, so it can change while the widget has not.
JS_TEXTS = "(es) => es.map((e) => e.textContent.replace(/\\s+/g, ' ').trim())"


def _texts(locator: Locator) -> list[str]:
    return locator.evaluate_all(JS_TEXTS)


def _option_index(select: Locator, text: str) -> int:
    """The index of the first option whose label contains ``text``."""
    labels = _texts(select.locator("option"))
    for index, label in enumerate(labels):
        if text in label:
            return index
    raise AssertionError(f"no option with {text!r} in {labels}")


def _wait_changed(page: Page, locator: Locator, before: list[str], what: str) -> list[str]:
    """Wait until the texts of ``locator`` differ from ``before``; return them."""
    deadline = time.monotonic() + WIDGET_REACT_MS / 1000
    while time.monotonic() < deadline:
        now = _texts(locator)
        if now != before:
            return now
        page.wait_for_timeout(100)
    raise AssertionError(f"{what} did not change the widget within {WIDGET_REACT_MS // 1000} s")


def _check_side_by_side(page: Page, widget: Locator) -> str:
    """Choose another scene, then add a reading: the columns follow each change."""
    columns = widget.locator(".rk-sbs-view .rk-column")
    before = _texts(columns)
    assert len(before) == 2, f"{len(before)} columns: {before}"
    assert "Says nothing about Into the sea" in before[1], before
    scene = widget.locator(".rk-sbs-scene select")
    scene.select_option(index=_option_index(scene, "Waking without her legs"))
    after_scene = _wait_changed(page, columns, before, "choosing another scene")
    assert len(after_scene) == 2 and "Says nothing" not in " ".join(after_scene), after_scene
    readings = widget.locator(".rk-sbs-readings select")
    readings.locator("option", has_text="(overview)").click(modifiers=["Control"])
    after_readings = _wait_changed(page, columns, after_scene, "Ctrl+clicking a reading")
    assert len(after_readings) == 3, after_readings
    # columns come in the list's order: bowditch, marchant, then the overview (no author)
    assert after_readings[:2] == after_scene, after_readings
    assert after_readings[2].startswith("author not stated"), after_readings[2]
    # a passage opens onto its paragraph
    passage = widget.locator(".rk-sbs-view details.rk-passage").first
    passage.locator("summary").click()
    assert passage.evaluate("(d) => d.open") and passage.locator(".rk-here").is_visible()
    return "SideBySide: columns changed with the scene and with Ctrl+click on a reading"


def _check_concordance(page: Page, widget: Locator) -> str:
    """Type a term and press Enter, then another and press Tab: rows appear; a row opens."""
    rows = widget.locator(".rk-kwic-view .rk-kwic-row")
    assert rows.count() == 0
    term = widget.locator(".rk-kwic-term input")
    term.fill("fight*")
    term.press("Enter")
    page.wait_for_function(
        "(e) => e.querySelectorAll('.rk-kwic-row').length > 0",
        arg=widget.element_handle(),
        timeout=WIDGET_REACT_MS,
    )
    fights = rows.count()
    assert fights == 11, _texts(rows)
    before = _texts(rows)
    term.fill("orca")
    term.press("Tab")
    _wait_changed(page, rows, before, "typing another term and pressing Tab")
    assert rows.count() == 1
    row = rows.first
    full = row.locator(".rk-full")
    # by keyboard: focus the line (as Tab would) and press Enter; then by mouse, to close
    row.locator("summary").focus()
    page.keyboard.press("Enter")
    full.wait_for(state="visible")
    assert "orca" in full.inner_text() and full.locator("mark.rk-match").count() == 1
    row.locator("summary").click()
    full.wait_for(state="hidden")
    return f"Concordance: Enter gave {fights} rows, Tab 1; Enter and a click open and close a row"


def _check_theme_explorer(page: Page, widget: Locator) -> str:
    """Choose another theme: the heading, bars and passages change."""
    view = widget.locator(".rk-theme-view .rk-view")
    before = _texts(view)
    theme = widget.locator(".rk-theme-choice select")
    theme.select_option(index=_option_index(theme, "Water and the sea"))
    _wait_changed(page, view, before, "choosing another theme")
    assert view.locator("h3").inner_text() == "Water and the sea"
    passages = view.locator(".rk-theme-passage")
    assert passages.count() > 0 and view.locator(".rk-theme-passage mark.rk-match").count() > 0
    return f"ThemeExplorer: 'Water and the sea' shows {passages.count()} passages"


def _check_annotator(page: Page, widget: Locator, annotation_file: Path) -> str:
    """Step to a sentence, tag it with a scene: the kappa table appears; Save writes."""
    agreement = widget.locator(".rk-annotate-agreement")
    assert "Nothing to compare yet" in agreement.inner_text()
    sentence = widget.locator(".rk-annotate-view")
    for _ in range(3):
        widget.locator("button", has_text="Next").click()
    page.wait_for_function(
        "(e) => e.innerText.includes('Sentence 4 of 32')",
        arg=sentence.element_handle(),
        timeout=WIDGET_REACT_MS,
    )
    widget.locator(".rk-annotate-scenes select option", has_text="Father and son").click()
    table = agreement.locator("table.rk-kappa")
    table.wait_for(state="visible", timeout=WIDGET_REACT_MS)
    text = agreement.inner_text()
    assert "Sentences compared: 32" in text and "Father and son head south" in text, text
    widget.locator("button.rk-annotate-save").click()
    status = widget.locator(".rk-annotate-status")
    page.wait_for_function(
        "(e) => e.innerText.includes('Saved.')",
        arg=status.element_handle(),
        timeout=WIDGET_REACT_MS,
    )
    from rustbone_kit import load_corpus
    from rustbone_kit.annotations import load_annotations

    notes = load_annotations(load_corpus(), annotation_file)
    assert [(n.reading, n.scenes) for n in notes] == [("marchant", ("journey-south",))]
    return "Annotator: tagging showed the kappa table; Save wrote a file that loads back"


def _check_hostile(page: Page, panel: Locator, session: Session, shot: Path) -> str:
    """The hostile strings show as text; no <img src=x> element exists; no dialog fired."""
    cell = panel.locator(".jp-Notebook-cell").last
    cell.scroll_into_view_if_needed()
    cell.locator(".jp-OutputArea").screenshot(path=shot)
    shown = panel.evaluate(JS_TEXT)
    for text in HOSTILE:
        assert text in shown, f"{text!r} is not shown as text"
    injected = page.evaluate(
        """() => document.querySelectorAll('img[src="x"]').length
          + [...document.querySelectorAll('script')]
              .filter((s) => s.textContent.includes('alert(1)')).length"""
    )
    assert injected == 0, f"{injected} hostile element(s) in the page"
    assert not session.dialogs, session.dialogs
    return "hostile strings shown as text; no element made of them; no dialog"


def test_widgets_work_in_chromium(
    lab: LabServer,
    browser: Browser,
    screenshot_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Each widget in a generated notebook, driven through its real controls."""
    annotation_file = tmp_path / "annotations" / "browser-check.yaml"
    path = lab.root / WIDGETS_NOTEBOOK
    path.write_text(json.dumps(_widgets_notebook(annotation_file), indent=1), encoding="utf-8")
    stored = StoredNotebook.read(path)
    stem = path.stem
    checks = [
        (".rk-side-by-side-widget", _check_side_by_side),
        (".rk-concordance-widget", _check_concordance),
        (".rk-theme-explorer-widget", _check_theme_explorer),
        (".rk-annotator-widget", lambda p, w: _check_annotator(p, w, annotation_file)),
    ]
    with _session(browser, lab, WIDGETS_NOTEBOOK, screenshot_dir, capsys) as session:
        page, report, problems = session.page, session.report, session.problems
        panel = _run_all_checked(session, lab, WIDGETS_NOTEBOOK, stored)
        try:
            page.wait_for_function(JS_WIDGETS_SETTLED, arg=PANEL, timeout=RENDER_MS)
        except PlaywrightTimeout:
            problems.append(f"a widget was still loading after {RENDER_MS // 1000} s")
        problems += [
            f"a widget did not render: {t[:200]}" for t in page.evaluate(JS_WIDGET_FAILURES, PANEL)
        ]
        for selector, check in checks:
            widget = panel.locator(selector).first
            name = selector.strip(".")
            try:
                widget.wait_for(state="visible", timeout=RENDER_MS)
                widget.scroll_into_view_if_needed()
                report.append(check(page, widget))
            except (AssertionError, PlaywrightTimeout) as error:
                problems.append(f"{name}: {error}")
            with contextlib.suppress(PlaywrightTimeout):
                widget.screenshot(path=screenshot_dir / f"{stem}-{name}.png")
        try:
            shot = screenshot_dir / f"{stem}-hostile.png"
            report.append(_check_hostile(page, panel, session, shot))
        except (AssertionError, PlaywrightTimeout) as error:
            problems.append(f"hostile reading: {error}")
    _fail_on(WIDGETS_NOTEBOOK, session)
