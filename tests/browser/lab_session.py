"""One test's session in the JupyterLab page that a worker keeps (see ``browser_pages.py``):
:class:`LabWindow` is JupyterLab open in one Chromium page (the ``window`` fixture), in a
context that aborts (and records) every request that is not to loopback; :func:`open_session`
opens a notebook there for one test; :func:`fail_on` fails the test with everything the
session noted.

The page is kept from one test to the next on a worker: booting JupyterLab costs about 4 s
of CPU, more than running most lessons. The first session on a page opens its notebook by
its URL (JupyterLab boots, and every request of the boot is checked like the notebook's);
the next ones open theirs with File > Open from Path in the same JupyterLab, once the
previous session's tabs are closed (its changes discarded) and its kernel is shut down.
After a session that failed, or that could not be closed cleanly, the page is closed and the
next session boots JupyterLab afresh, so that no failure carries over to another test.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from browser_pages import (
    ACTION_MS,
    KEEP_SCREENSHOTS,
    LabServer,
    NetworkGuard,
    click_menu,
    screenshot,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page


@dataclass
class Session:
    """One test's notebook in the page: the page, the network guard, what to report."""

    page: Page
    guard: NetworkGuard
    report: list[str]
    problems: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    audits: list[dict[str, Any]] = field(default_factory=list)  # axe results, for the summary


class LabWindow:
    """JupyterLab in one Chromium page, kept across tests (see the module's docstring).

    Whatever happens in the page (a request, a page error, an ``alert()``) goes to the
    session of the test that has it open; what happens between tests goes to the next one.
    """

    def __init__(self, browser: Browser, lab: LabServer) -> None:
        self.browser, self.lab = browser, lab
        self.context: Any = None
        self.page: Page | None = None
        self.pages = 0  # JupyterLab boots so far (reported)
        self._session: Session | None = None
        self._waiting = Session(None, NetworkGuard(), [])  # type: ignore[arg-type]

    @property
    def current(self) -> Session:
        return self._session or self._waiting

    def start(self, notebook: str, screenshot_dir: Path) -> Session:
        """The session of the next test: on this page, or on a new one after a failure."""
        if self.page is None:
            self.context = self.browser.new_context(viewport={"width": 1366, "height": 1000})
            self.context.set_default_timeout(ACTION_MS)
            self.context.route("**/*", lambda route: self.current.guard.handle(route))
            self.page = self.context.new_page()
            self.page.on("pageerror", lambda error: self.current.page_errors.append(str(error)))
            self.page.on("dialog", self._on_dialog)
            self.pages += 1
        waiting, self._waiting = self._waiting, Session(None, NetworkGuard(), [])  # type: ignore[arg-type]
        kept = "every" if KEEP_SCREENSHOTS else "a failing test's"
        self._session = Session(
            self.page, waiting.guard, [f"{notebook}: {kept} screenshots in {screenshot_dir}"]
        )
        self._session.page_errors += waiting.page_errors
        self._session.dialogs += waiting.dialogs
        return self._session

    def _on_dialog(self, dialog: Any) -> None:  # an alert() that ran: recorded, dismissed
        self.current.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def finish(self, *, failed: bool) -> str:
        """End the session: close its tabs (changes discarded) and shut its kernel down; the
        page itself too after a failure. Returns what was done, for the report."""
        self._session = None
        done = "page kept for the next test"
        if not failed:
            try:
                self._close_tabs()
            except Exception as error:  # the next test then gets a fresh page
                failed, done = True, f"page closed (its tabs would not close: {error})"
        elif self.page is not None:
            done = "page closed after a failure (the next test boots JupyterLab afresh)"
        if failed:
            self.close()
        self.lab.shutdown_kernels(wait=failed)  # after a failure, a clean slate first
        return done

    def _close_tabs(self) -> None:
        """File > Close All Tabs; "Discard" in each "Save your work" dialog."""
        assert self.page is not None
        page = self.page
        click_menu(page, "File", "application:close-all")
        deadline = time.monotonic() + ACTION_MS / 1000
        while page.locator(".jp-NotebookPanel").count():
            discard = page.locator(".jp-Dialog button.jp-mod-warn", has_text="Discard")
            if discard.count():
                discard.first.click()
            if time.monotonic() > deadline:
                raise AssertionError(f"tabs still open after {ACTION_MS // 1000} s")
            page.wait_for_timeout(50)
        if page.locator(".jp-Dialog").count():
            raise AssertionError(f"a dialog is open: {page.locator('.jp-Dialog').inner_text()}")

    def close(self) -> None:
        """Close the page and its context (the next session starts a new one)."""
        if self.context is not None:
            with contextlib.suppress(Exception):
                self.context.close()
        self.context = self.page = None


@contextlib.contextmanager
def open_session(
    window: LabWindow,
    notebook: str,
    screenshot_dir: Path,
    capsys: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest | None = None,
) -> Iterator[Session]:
    """The test's session in the JupyterLab page, every non-loopback request aborted; on
    exit: a full-page screenshot (of a failing test, or of every one with
    RUSTBONE_SCREENSHOTS=1), the report printed, the session's tabs and kernel closed (and
    the page too if the test failed), and the axe results (:func:`audit`) handed to the
    run's summary through ``request``."""
    session = window.start(notebook, screenshot_dir)
    page, guard = session.page, session.guard
    failed = True  # until the body ends without an exception and without a problem
    try:
        yield session
        forbidden = guard.forbidden()
        if forbidden:
            session.problems.append(
                "needed the internet (requests aborted):\n" + "\n".join(forbidden)
            )
        failed = bool(session.problems)
    finally:
        try:
            shot = screenshot_dir / f"{Path(notebook).stem}-page.png"
            if screenshot(page, shot, failed=failed, full_page=True):
                session.report.append(f"page screenshot: {shot}")
        except Exception as error:  # a screenshot must not hide the real failure
            session.report.append(f"no page screenshot: {error}")
        session.report.append(f"aborted non-loopback requests: {len(guard.aborted)}")
        session.report += [f"  {kind} {url}" for url, kind in guard.aborted]
        session.report += [f"page error: {error}" for error in session.page_errors]
        session.report.append(f"JupyterLab page {window.pages}: {window.finish(failed=failed)}")
        if request is not None and session.audits:
            request.node.user_properties.append(("axe", json.dumps(session.audits)))
        with capsys.disabled():
            print("\n[browser] " + "\n[browser] ".join(session.report))


def fail_on(notebook: str, session: Session) -> None:
    if session.problems:
        pytest.fail(
            f"{notebook} in Chromium:\n- "
            + "\n- ".join(session.problems)
            + "\n"
            + "\n".join(session.report),
            pytrace=False,
        )
