"""The page side of the browser tests: what the tests share, and what they check.

:class:`LabServer` is the running JupyterLab (started by the ``lab`` fixture in
``conftest.py``); :func:`run_all_checked` clears a notebook's outputs, runs all cells from the
Run menu and notes any cell that did not run or printed an error; :class:`StoredNotebook` is
what the committed notebook says should appear. A test's session in the page is
``lab_session.py``'s; the accessibility audit is ``axe_audit.py``'s.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import threading
import time
import urllib.request
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
    import subprocess

    from playwright.sync_api import Locator, Page, Route

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS_DIR = Path(os.environ.get("RUSTBONE_BROWSER_NOTEBOOKS_DIR") or REPO / "lessons")
#: Every lesson, found on disk: a new lesson is checked in the browser without a list to edit.
NOTEBOOKS = sorted(p.name for p in NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))

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
CHART_MARKS = "svg.marks"  # vega's SVG drawing (rk.charts.enable_offline asks for SVG)
#: The element Vega names with the chart's description (the ``.vega-embed`` itself, or its
#: ``.chart-wrapper`` when vega-embed draws its actions menu).
CHART_NAMED = '[role="graphics-document"]'
WIDGET_USE = re.compile(r"\bipywidgets\b|\.widgets\.")

KERNEL_READY_MS = 90_000
RUN_ALL_MS = 120_000
RENDER_MS = 20_000
WIDGET_REACT_MS = 10_000
ACTION_MS = 15_000
#: RUSTBONE_SCREENSHOTS=1 keeps a screenshot of every page, chart and widget a test checks
#: (to look at what Chromium drew); otherwise only the page of a test that found a problem.
KEEP_SCREENSHOTS = os.environ.get("RUSTBONE_SCREENSHOTS") == "1"

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

    def shutdown_kernels(self, *, wait: bool = True) -> None:
        """Stop every kernel running now (each notebook's kernel is no longer needed once it
        is checked). With ``wait=False`` the kernels are listed now and stopped in the
        background (each stop waits for the kernel to exit, about 0.5 s), so the next test
        starts at once; a kernel it starts is not on the list."""
        # On failure the server-wide shutdown at teardown still stops them.
        with contextlib.suppress(OSError, ValueError):
            ids = [kernel["id"] for kernel in self.api("/api/kernels")]

            def stop() -> None:
                with contextlib.suppress(OSError, ValueError):
                    for kernel in ids:
                        self.api(f"/api/kernels/{kernel}", method="DELETE", timeout=15)

            if wait:
                stop()
            else:
                threading.Thread(target=stop, name="kernel-shutdown", daemon=True).start()


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


def click_menu(page: Page, menu: str, command: str) -> None:
    """Click a main-menu entry by its command id, e.g. ("Run", "runmenu:run-all")."""
    page.locator(".lm-MenuBar-item").filter(has_text=re.compile(rf"^\s*{menu}\s*$")).click()
    item = page.locator(f'.lm-Menu-item[data-command="{command}"]')
    item.wait_for(state="visible")
    if item.get_attribute("aria-disabled") == "true":
        page.keyboard.press("Escape")
        pytest.fail(f"menu {menu} > {command} is disabled (is the notebook the current tab?)")
    item.click()


def screenshot(target: Any, path: Path, *, failed: bool = False, **options: Any) -> bool:
    """Save a screenshot of ``target`` (a page or an element) to ``path`` when every one is
    kept (:data:`KEEP_SCREENSHOTS`) or the test ``failed``; return whether one was saved."""
    if not (KEEP_SCREENSHOTS or failed):
        return False
    target.screenshot(path=path, **options)
    return True


def run_all_checked(session: Any, lab: LabServer, notebook: str, stored: Any) -> Locator:
    """Open and run the notebook, time it into the report, and add any cell that did not run
    (or printed an error) to the session's problems."""
    started = time.monotonic()
    panel = open_and_run(session.page, lab, notebook)
    session.report.append(f"ran all cells in {time.monotonic() - started:.1f} s")
    session.problems += check_cells_ran(panel, stored)
    return panel


def open_and_run(page: Page, lab: LabServer, notebook: str) -> Locator:
    """Open the notebook (by its URL in a new workspace on a fresh page, else from the File
    menu of the JupyterLab already there), wait for its kernel, clear outputs, run all."""
    if page.url.startswith(lab.base_url):
        click_menu(page, "File", "filebrowser:open-path")
        path = page.locator(".jp-Dialog input")
        path.fill(notebook)
        path.press("Enter")
    else:
        workspace = f"browser-test-{secrets.token_hex(4)}"  # nothing restored from other runs
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
    click_menu(page, "Edit", "editmenu:clear-all")
    panel.locator(".jp-OutputArea-output").first.wait_for(state="detached", timeout=ACTION_MS)
    click_menu(page, "Run", "runmenu:run-all")
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


def check_cells_ran(panel: Locator, stored: StoredNotebook) -> list[str]:
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


def notebook_json(sources: list[str], title: str) -> dict[str, Any]:
    """A notebook made at test time: a markdown title, then one code cell per source."""
    cells = [{"cell_type": "markdown", "id": "w-00", "metadata": {}, "source": title}]
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


def write_notebook(path: Path, sources: list[str], title: str) -> StoredNotebook:
    """Write a generated notebook into the served folder; return what it stores."""
    path.write_text(json.dumps(notebook_json(sources, title), indent=1), encoding="utf-8")
    return StoredNotebook.read(path)


# Run in the page on an element: its rendered text, every run of white space made one space
# (ipywidgets puts non-breaking spaces in option labels).
JS_TEXT = "(e) => e.innerText.replace(/\\s+/g, ' ').trim()"
# ... and on several: their text content. Not innerText: it depends on whether the element is
# laid out at that moment, so it can change while the widget has not.
JS_TEXTS = "(es) => es.map((e) => e.textContent.replace(/\\s+/g, ' ').trim())"


def texts(locator: Locator) -> list[str]:
    return locator.evaluate_all(JS_TEXTS)
