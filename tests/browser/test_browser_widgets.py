"""Each widget in a generated notebook, driven in Chromium through its real controls.

The notebook (written into the served temporary folder, never committed) shows SideBySide,
Concordance, ThemeExplorer and the Annotator, one per cell. The test changes the scene and
the readings of SideBySide, types into the Concordance (Enter, then Tab) and opens a row by
keyboard and by mouse, changes the theme, and tags a sentence in the Annotator, saves, and
loads the saved file back. After each widget is used, axe-core audits it: no serious or
critical violation inside the widget (JupyterLab's interface is audited once and reported).
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from axe_audit import (
    audit,
)
from browser_pages import (
    JS_WIDGET_FAILURES,
    JS_WIDGETS_SETTLED,
    PANEL,
    RENDER_MS,
    WIDGET_REACT_MS,
    LabServer,
    PlaywrightTimeout,
    run_all_checked,
    screenshot,
    texts,
    write_notebook,
)
from lab_session import (
    LabWindow,
    fail_on,
    open_session,
)

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

pytestmark = pytest.mark.browser

#: Generated at test time into the served (temporary) folder; never committed.
WIDGETS_NOTEBOOK = "rustbone_widgets_check.ipynb"


def _widgets_sources(annotation_file: Path) -> list[str]:
    """The code cells: every widget, one per cell."""
    return [
        "import rustbone_kit as rk\n"
        "from rustbone_kit.widgets import Annotator, Concordance, SideBySide, ThemeExplorer\n"
        "corpus = rk.load_corpus()",
        'SideBySide(corpus, scene="swim", readings=["bowditch", "marchant"])',
        "Concordance(corpus)",
        "ThemeExplorer(corpus)",
        f'Annotator(corpus, "browser-check", path={str(annotation_file)!r}, reading="marchant")',
    ]


def _option_index(select: Locator, text: str) -> int:
    """The index of the first option whose label contains ``text``."""
    labels = texts(select.locator("option"))
    for index, label in enumerate(labels):
        if text in label:
            return index
    raise AssertionError(f"no option with {text!r} in {labels}")


def _wait_changed(page: Page, locator: Locator, before: list[str], what: str) -> list[str]:
    """Wait until the texts of ``locator`` differ from ``before``; return them."""
    deadline = time.monotonic() + WIDGET_REACT_MS / 1000
    while time.monotonic() < deadline:
        now = texts(locator)
        if now != before:
            return now
        page.wait_for_timeout(100)
    raise AssertionError(f"{what} did not change the widget within {WIDGET_REACT_MS // 1000} s")


def _check_side_by_side(page: Page, widget: Locator) -> str:
    """Choose another scene, then add a reading: the columns follow each change."""
    columns = widget.locator(".rk-sbs-view .rk-column")
    before = texts(columns)
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
    assert fights == 11, texts(rows)
    before = texts(rows)
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
    before = texts(view)
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


def test_widgets_work_in_chromium(
    lab: LabServer,
    window: LabWindow,
    screenshot_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest,
    axe: Path | None,
) -> None:
    """Each widget in a generated notebook, driven through its real controls, then audited."""
    annotation_file = tmp_path / "annotations" / "browser-check.yaml"
    path = lab.root / WIDGETS_NOTEBOOK
    title = "# Widgets check (made by tests/browser/test_browser_widgets.py)"
    stored = write_notebook(path, _widgets_sources(annotation_file), title)
    stem = path.stem
    checks = [
        (".rk-side-by-side-widget", _check_side_by_side),
        (".rk-concordance-widget", _check_concordance),
        (".rk-theme-explorer-widget", _check_theme_explorer),
        (".rk-annotator-widget", lambda p, w: _check_annotator(p, w, annotation_file)),
    ]
    with open_session(window, WIDGETS_NOTEBOOK, screenshot_dir, capsys, request) as session:
        page, report, problems = session.page, session.report, session.problems
        panel = run_all_checked(session, lab, WIDGETS_NOTEBOOK, stored)
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
                screenshot(widget, screenshot_dir / f"{stem}-{name}.png", failed=bool(problems))
            audit(session, f"{name} after use", [selector], lab=selector == checks[0][0])
    fail_on(WIDGETS_NOTEBOOK, session)
