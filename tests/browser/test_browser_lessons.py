"""Every lesson runs in JupyterLab in Chromium: no error, its charts drawn, its widgets react.

For each notebook in ``NOTEBOOKS`` (every ``NN_*.ipynb`` of the lessons folder) the test
opens it, clears the stored outputs, runs all cells from the Run menu and asserts that:

- every code cell ran and no output is an error or stderr (their text is shown on failure);
- each chart stored in the notebook (a ``application/vnd.vegalite.v5+json`` output) drew an
  SVG again (``rk.charts.enable_offline`` asks JupyterLab for SVG, not a canvas), and its
  accessible name, as Playwright computes it for the element Vega names
  (``role="graphics-document"``), is the chart's description: the text alternative that the
  lesson prints under it with ``rk.charts.text_alternative(chart)``;
- axe-core finds no serious or critical violation in the outputs (JupyterLab's interface is
  audited too, around the first lesson each worker runs, and reported);
- the widgets rendered, and the first dropdown changes the widget HTML next to it. Widget
  views are scrubbed from stored outputs (see ``rustbone_kit.notebooks.scrub``), so widgets
  are expected when the stored outputs hold a widget view or a code cell uses
  ``ipywidgets`` / ``<something>.widgets.``.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from axe_audit import (
    KIT_OUTPUTS,
    audit,
)
from browser_pages import (
    ACTION_MS,
    CHART_MARKS,
    CHART_NAMED,
    JS_WIDGET_FAILURES,
    JS_WIDGETS_SETTLED,
    KEEP_SCREENSHOTS,
    NOTEBOOKS,
    NOTEBOOKS_DIR,
    PANEL,
    RENDER_MS,
    VEGALITE,
    WIDGET_REACT_MS,
    LabServer,
    PlaywrightTimeout,
    StoredNotebook,
    run_all_checked,
    screenshot,
)
from lab_session import (
    LabWindow,
    fail_on,
    open_session,
)

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

pytestmark = pytest.mark.browser


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


def _descriptions(stored: StoredNotebook) -> tuple[dict[int, list[str]], set[str]]:
    """Each chart cell's stored descriptions, and every text the lesson prints (stdout)."""
    descriptions, printed = {}, set()
    for index, cell in enumerate(stored.cells):
        for output in cell.get("outputs", []):
            spec = output.get("data", {}).get(VEGALITE)
            if spec is not None:
                descriptions.setdefault(index, []).append(spec.get("description", ""))
            if output.get("output_type") == "stream":
                printed.add("".join(output.get("text", "")).strip())
    return descriptions, printed


def _check_name(cell: Locator, number: int, description: str, printed: set[str], where: str):
    """The chart's accessible name is its description, which the lesson also prints."""
    from playwright.sync_api import expect

    named = cell.locator(f".jp-OutputArea-output {CHART_NAMED}").nth(number)
    try:
        expect(named).to_have_accessible_name(description, timeout=RENDER_MS)
    except AssertionError as error:
        return [f"{where}: the chart's accessible name is not its description ({error})"]
    if description not in printed:
        return [f"{where}: the lesson does not print the chart's text alternative"]
    return []


def _check_charts(
    panel: Locator, stored: StoredNotebook, shots: Path, stem: str
) -> tuple[list[str], int]:
    """Each stored chart drew again as SVG, named by its description."""
    problems, drawn = [], 0
    descriptions, printed = _descriptions(stored)
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
            where = f"cell {index + 1}, chart {number + 1}"
            problems += _check_name(
                dom_cells.nth(index), number, descriptions[index][number], printed, where
            )
            drawn += 1
            screenshot(embed, shots / f"{stem}-cell{index + 1:02d}-chart{number + 1}.png")
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
    screenshot(area, shots / f"{stem}-widget-before.png")
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
    screenshot(area, shots / f"{stem}-widget-after.png")
    return problems, f"dropdown {options[current]!r} -> {options[choice]!r} updated the widget"


_LAB_AUDITED: list[str] = []  # the lesson around which JupyterLab's interface was audited


def test_axe_is_installed(axe_problem: str | None) -> None:
    """axe-core is there for the audits (installed by .ci/run or the ``axe`` fixture)."""
    if axe_problem:
        pytest.skip(axe_problem)


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_runs_in_chromium(
    notebook: str,
    lab: LabServer,
    window: LabWindow,
    screenshot_dir: Path,
    request: pytest.FixtureRequest,
    capsys: pytest.CaptureFixture[str],
    axe: Path | None,
) -> None:
    """Open the notebook, run all cells; no errors, charts drawn as named SVG, widgets react,
    no internet, no serious or critical axe violation in the outputs."""
    path = lab.root / notebook
    assert path.is_file(), f"{notebook} is listed in NOTEBOOKS but {NOTEBOOKS_DIR} lacks it"
    stored = StoredNotebook.read(NOTEBOOKS_DIR / notebook)  # the lab's copy has no outputs
    stem = Path(notebook).stem
    if KEEP_SCREENSHOTS:
        request.node.user_properties.append(("screenshots", str(screenshot_dir)))
        warnings.warn(
            f"browser screenshots for {notebook}: {screenshot_dir}", UserWarning, stacklevel=1
        )
    with open_session(window, notebook, screenshot_dir, capsys, request) as session:
        page, report, problems = session.page, session.report, session.problems
        panel = run_all_checked(session, lab, notebook, stored)
        chart_problems, drawn = _check_charts(panel, stored, screenshot_dir, stem)
        problems += chart_problems
        report.append(f"charts drawn: {drawn} of {sum(stored.charts_per_cell.values())}")
        if stored.expects_widgets or panel.locator(".jupyter-widgets").count():
            widget_problems, note = _check_widgets(page, panel, screenshot_dir, stem)
            problems += widget_problems
            report.append(note or "widgets: see problems")
        # after Run All, and after the widget was used; JupyterLab's own interface (reported,
        # never failing) is the same around every lesson: audited once per worker
        audit(session, notebook, [KIT_OUTPUTS], lab=not _LAB_AUDITED)
        _LAB_AUDITED.append(notebook)
    fail_on(notebook, session)
