"""Every lesson's hand-out, and the reading packet, opened in Chromium with the network cut.

``rustbone-kit handout`` writes each page into a temporary folder (each lesson run in a
fresh kernel). Each page is opened from ``file://`` in a context where every request that is
not to a file, ``data:`` or loopback is aborted, and the test asserts that the page made no
request beyond its own file: no script, stylesheet, font or image from anywhere. Every chart
is drawn (one ``<svg role="img">`` per chart the lesson stores, named by its description),
and axe-core finds no serious or critical violation on the whole page (all of it is the kit's).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
from axe_audit import (
    audit,
)
from browser_pages import (
    LOOPBACK_HOSTS,
    NOTEBOOKS,
    NOTEBOOKS_DIR,
    VEGALITE,
    screenshot,
)
from lab_session import (
    Session,
    fail_on,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Route

pytestmark = pytest.mark.browser

PACKET = "packet"


def _write_handout(folder: Path, notebook: str) -> Path:
    """A lesson's hand-out, or the reading packet, written by the command into ``folder``."""
    from rustbone_kit.cli import main

    if notebook == PACKET:
        out = folder / "packet.html"
        assert main(["handout", "--readings", "--out", str(out)]) == 0
    else:
        out = folder / f"{Path(notebook).stem}.html"
        assert main(["handout", str(NOTEBOOKS_DIR / notebook), "--out", str(out)]) == 0
    return out


class _Handouts:
    """Each page written by the command when a test first asks for it, and the page this
    worker will most likely ask for next written meanwhile, in one thread beside the tests:
    a page is written by a kernel (about 2 s) while Chromium checks the one before. Each
    part of the split file (tests/conftest.py deals its tests out in turn) writes only its
    own pages, bar at most one guessed wrong."""

    def __init__(self, folder: Path, selected: list[str], stride: int) -> None:
        self.folder, self.selected, self.stride = folder, selected, stride
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="handout")
        self.pages: dict[str, Future[Path]] = {}
        self.asked: list[int] = []

    def _page(self, notebook: str) -> Future[Path]:
        if notebook not in self.pages:
            self.pages[notebook] = self.pool.submit(_write_handout, self.folder, notebook)
        return self.pages[notebook]

    def __call__(self, notebook: str) -> Path:
        page = self._page(notebook)
        if notebook in self.selected:
            at = self.selected.index(notebook)
            if self.asked:  # the stride this worker has shown, once it has shown one
                self.stride = max(1, at - self.asked[-1])
            self.asked.append(at)
            if at + self.stride < len(self.selected):
                self._page(self.selected[at + self.stride])
        return page.result()


@pytest.fixture(scope="module")
def handouts(request: pytest.FixtureRequest) -> Iterator[Callable[[str], Path]]:
    """The hand-out of a lesson (or the packet), as :class:`_Handouts` writes them."""
    selected = [
        item.callspec.params["notebook"]
        for item in request.session.items
        if getattr(item, "module", None) is request.module and hasattr(item, "callspec")
    ]
    under_workers = request.config.getvalue("dist") == "loadfile" and bool(
        os.environ.get("PYTEST_XDIST_WORKER")
    )
    pages = _Handouts(
        Path(tempfile.mkdtemp(prefix="rustbone-handouts-")), selected, 2 if under_workers else 1
    )
    try:
        yield pages
    finally:
        pages.pool.shutdown(wait=True, cancel_futures=True)


def _stored_charts(notebook: str) -> list[str]:
    """The descriptions of the charts the lesson stores, in order."""
    if notebook == PACKET:
        return []
    cells = json.loads((NOTEBOOKS_DIR / notebook).read_text(encoding="utf-8"))["cells"]
    return [
        output["data"][VEGALITE].get("description", "")
        for cell in cells
        for output in cell.get("outputs", [])
        if VEGALITE in output.get("data", {})
    ]


@pytest.mark.parametrize("notebook", [*NOTEBOOKS, PACKET])
def test_handout_is_offline_drawn_and_accessible(
    notebook: str,
    handouts: Callable[[str], Path],
    browser: Browser,
    screenshot_dir: Path,
    request: pytest.FixtureRequest,
    capsys: pytest.CaptureFixture[str],
    axe: Path | None,
) -> None:
    """No request leaves the page; every chart drawn as named SVG; no serious axe finding."""
    page_path = handouts(notebook)
    requests: list[str] = []
    aborted: list[str] = []

    def guard(route: Route) -> None:
        parts = urlsplit(route.request.url)
        if parts.scheme in {"file", "data", "about"} or parts.hostname in LOOPBACK_HOSTS:
            route.continue_()
        else:
            aborted.append(f"{route.request.resource_type} {route.request.url}")
            route.abort("blockedbyclient")

    context = browser.new_context(viewport={"width": 1100, "height": 900})
    context.route("**/*", guard)
    page = context.new_page()
    page.on("request", lambda r: requests.append(r.url))
    session = Session(page, None, [f"hand-out {page_path.name}"])  # type: ignore[arg-type]
    try:
        page.goto(page_path.as_uri(), wait_until="load")
        page.wait_for_load_state("networkidle")
        others = [url for url in requests if url != page_path.as_uri()]
        if aborted or others:
            session.problems.append(f"the page made requests: {aborted + others}")
        session.problems += _check_charts(page, _stored_charts(notebook))
        session.report.append(f"charts drawn: {page.locator('svg[role=img]').count()}")
        if notebook == PACKET:
            assert page.locator("section.rk-reading").count() >= 5
        audit(session, f"hand-out {page_path.name}", None)
        shot = screenshot_dir / f"handout-{page_path.stem}.png"
        if screenshot(page, shot, failed=bool(session.problems), full_page=True):
            session.report.append(f"page screenshot: {shot}")
    finally:
        context.close()
        if session.audits:
            request.node.user_properties.append(("axe", json.dumps(session.audits)))
        with capsys.disabled():
            print("\n[handout] " + "\n[handout] ".join(session.report))
    fail_on(page_path.name, session)


def _check_charts(page: Any, descriptions: list[str]) -> list[str]:
    """One drawn ``<svg role="img">`` per stored chart, named by the chart's description."""
    from playwright.sync_api import expect

    svgs = page.locator("figure.rk-chart > svg[role=img]")
    if svgs.count() != len(descriptions):
        return [f"{svgs.count()} charts drawn, the lesson stores {len(descriptions)}"]
    problems = []
    for number, description in enumerate(descriptions):
        svg = svgs.nth(number)
        box = svg.bounding_box()
        if not box or box["width"] < 100 or box["height"] < 50:
            problems.append(f"chart {number + 1} is drawn empty ({box})")
        if svg.locator("[role=graphics-symbol]").count() == 0:
            problems.append(f"chart {number + 1} has no marks")
        try:
            expect(svg).to_have_accessible_name(description)
        except AssertionError as error:
            problems.append(
                f"chart {number + 1}: its accessible name is not its description: {error}"
            )
    return problems
