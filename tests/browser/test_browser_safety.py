"""Text from readings is escaped before it goes into any HTML: checked in Chromium.

A generated notebook shows SideBySide and ReadingBrowser on two readings whose title, author,
outlet and text hold ``<script>`` and ``<img onerror=...>``. On the page they must show as
text: no element is made of them and no dialog fires.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browser_pages import (
    JS_TEXT,
    JS_WIDGET_FAILURES,
    JS_WIDGETS_SETTLED,
    PANEL,
    RENDER_MS,
    WIDGET_REACT_MS,
    LabServer,
    PlaywrightTimeout,
    run_all_checked,
    screenshot,
    write_notebook,
)
from lab_session import (
    LabWindow,
    Session,
    fail_on,
    open_session,
)

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

pytestmark = pytest.mark.browser

#: Generated at test time into the served (temporary) folder; never committed.
HOSTILE_NOTEBOOK = "rustbone_hostile_check.ipynb"
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


def _check_hostile(page: Page, panel: Locator, session: Session, shot: Path) -> str:
    """The hostile strings show as text; no <img src=x> element exists; no dialog fired."""
    cell = panel.locator(".jp-Notebook-cell").last
    cell.scroll_into_view_if_needed()
    screenshot(cell.locator(".jp-OutputArea"), shot)
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


def _wait_shown(page: Page, panel: Locator) -> None:
    """Wait (up to WIDGET_REACT_MS) until the widgets have put the hostile strings on the page."""
    deadline = time.monotonic() + WIDGET_REACT_MS / 1000
    while time.monotonic() < deadline:
        if all(text in panel.evaluate(JS_TEXT) for text in HOSTILE):
            return
        page.wait_for_timeout(100)


def test_hostile_reading_is_shown_as_text(
    lab: LabServer,
    window: LabWindow,
    screenshot_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """SideBySide and ReadingBrowser on a reading full of markup: text on the page, no more."""
    path = lab.root / HOSTILE_NOTEBOOK
    imports = (
        "import rustbone_kit as rk\nfrom rustbone_kit.widgets import ReadingBrowser, SideBySide"
    )
    title = "# Hostile text check (made by tests/browser/test_browser_safety.py)"
    stored = write_notebook(path, [imports, HOSTILE_CELL], title)
    with open_session(window, HOSTILE_NOTEBOOK, screenshot_dir, capsys) as session:
        page, report, problems = session.page, session.report, session.problems
        panel = run_all_checked(session, lab, HOSTILE_NOTEBOOK, stored)
        try:
            page.wait_for_function(JS_WIDGETS_SETTLED, arg=PANEL, timeout=RENDER_MS)
        except PlaywrightTimeout:
            problems.append(f"a widget was still loading after {RENDER_MS // 1000} s")
        problems += [
            f"a widget did not render: {t[:200]}" for t in page.evaluate(JS_WIDGET_FAILURES, PANEL)
        ]
        try:
            widget = panel.locator(".rk-side-by-side-widget").first
            widget.wait_for(state="visible", timeout=RENDER_MS)
            _wait_shown(page, panel)
            shot = screenshot_dir / f"{path.stem}-hostile.png"
            report.append(_check_hostile(page, panel, session, shot))
        except (AssertionError, PlaywrightTimeout) as error:
            problems.append(f"hostile reading: {error}")
    fail_on(HOSTILE_NOTEBOOK, session)
