"""Each widget operated with the keyboard alone, a visible focus ring on every control reached.

A generated notebook shows SideBySide, Concordance and the Annotator, and a chart with its
data table (``rk.charts.data_table``). The test puts the focus on a widget's first control
(as Tab from the cell above would; a key is pressed first, so that the browser counts the
focus as the keyboard's) and from there uses only the keyboard: Tab, the arrow keys, Enter,
Space and typing. It checks what each key did (the scene and readings of SideBySide, the
lines of a Concordance search, the Annotator's sentence, tag and saved file, the data table
opened) and that every control the focus reaches shows a focus indicator: a computed
outline of at least 2px while it matches ``:focus-visible``. Each widget is then audited by
axe-core.

The keys are the ones that work inside JupyterLab: there, the plain arrow keys and
Shift+arrows on a focused menu or list move the notebook's cell cursor instead
(ipywidgets issue #3912), so a menu is opened with Space and chosen from with the arrows and
Enter, and a list is moved through with Ctrl+arrows and chosen from with Space or Home.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from axe_audit import (
    audit,
)
from browser_pages import (
    JS_WIDGETS_SETTLED,
    PANEL,
    RENDER_MS,
    WIDGET_REACT_MS,
    LabServer,
    PlaywrightTimeout,
    run_all_checked,
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
KEYBOARD_NOTEBOOK = "rustbone_keyboard_check.ipynb"
TABS = 16  # at most this many Tab presses to reach a control
ACTION = 5_000

# Run in the page: the focused element, whether it matches :focus-visible, and its ring.
JS_FOCUSED = """(root) => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  return {
    inside: root.contains(e), tag: e.tagName.toLowerCase(),
    label: (e.getAttribute('title') || e.textContent || '').trim().slice(0, 40),
    visible: e.matches(':focus-visible'),
    outline: style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth),
    outlineColor: style.outlineColor, shadow: style.boxShadow,
  };
}"""


def _sources(annotation_file: Path) -> list[str]:
    return [
        "import rustbone_kit as rk\n"
        "from rustbone_kit.widgets import Annotator, Concordance, SideBySide\n"
        "rk.charts.enable_offline()\ncorpus = rk.load_corpus()",
        'SideBySide(corpus, scene="swim", readings=["bowditch", "marchant"])',
        "Concordance(corpus)",
        f'Annotator(corpus, "keyboard-check", path={str(annotation_file)!r}, reading="marchant")',
        "chart = rk.charts.distinctive_words_chart(corpus, 'marchant')\n"
        "display(chart)\nrk.charts.data_table(chart)",
    ]


class Keys:
    """The keyboard, and a record of every control it reached without a focus ring."""

    def __init__(self, page: Page, widget: Locator) -> None:
        self.page, self.widget = page, widget
        self.root = widget.element_handle()
        self.unringed: list[str] = []
        self.reached = 0

    def focused(self) -> dict[str, Any]:
        return self.page.evaluate(JS_FOCUSED, self.root)

    def check_ring(self) -> None:
        now = self.focused()
        self.reached += 1
        if not (now["visible"] and now["outline"] >= 2):
            self.unringed.append(f"{now['tag']} {now['label']!r}: {now}")

    def start(self, css: str) -> None:
        """Focus the first control after a key press (Tab from the cell above would do it)."""
        self.page.keyboard.press("Shift")
        self.widget.locator(css).first.focus()
        assert self.widget.locator(css).first.evaluate("(e) => e === document.activeElement")
        self.check_ring()

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)

    def tab_to(self, css: str) -> None:
        """Press Tab until the focus is on an element matching ``css`` inside the widget."""
        for _ in range(TABS):
            self.page.keyboard.press("Tab")
            if self.page.evaluate(
                "([root, css]) => root.contains(document.activeElement)"
                " && document.activeElement.matches(css)",
                [self.root, css],
            ):
                self.check_ring()
                return
        raise AssertionError(f"{TABS} Tab presses did not reach {css}; at {self.focused()}")


def _wait_changed(page: Page, locator: Locator, before: list[str], what: str) -> list[str]:
    deadline = time.monotonic() + WIDGET_REACT_MS / 1000
    while time.monotonic() < deadline:
        now = texts(locator)
        if now != before:
            return now
        page.wait_for_timeout(100)
    raise AssertionError(f"{what} did not change the widget within {WIDGET_REACT_MS // 1000} s")


def _selected(select: Locator) -> list[str]:
    return select.evaluate("(s) => [...s.selectedOptions].map((o) => o.textContent.trim())")


def _side_by_side(page: Page, widget: Locator, keys: Keys) -> str:
    """Space, ArrowUp, Enter in the scene menu change the scene; Ctrl+Down, Space add a
    reading; Tab to a passage and Enter opens it."""
    columns = widget.locator(".rk-sbs-view .rk-column")
    before = texts(columns)
    scene = widget.locator(".rk-sbs-scene select")
    keys.start(".rk-sbs-scene select")
    first = scene.evaluate("(s) => s.selectedIndex")
    keys.press("Space", "ArrowUp", "Enter")  # open the menu, the scene before, choose it
    after_scene = _wait_changed(page, columns, before, "Space, ArrowUp, Enter in the menu")
    assert scene.evaluate("(s) => s.selectedIndex") == first - 1
    assert "Waking without her legs" in texts(scene.locator("option:checked"))[0]
    readings = widget.locator(".rk-sbs-readings select")
    keys.tab_to(".rk-sbs-readings select")
    chosen = _selected(readings)
    assert len(chosen) == 2, chosen
    # Ctrl+Down moves through the list without choosing; Space adds the one reached
    keys.press("Control+ArrowDown", "Space")
    after_readings = _wait_changed(page, columns, after_scene, "Ctrl+Down, Space in the list")
    now = _selected(readings)
    assert len(now) == 3 and set(chosen) < set(now), (chosen, now)
    assert len(after_readings) == 3, after_readings
    keys.tab_to(".rk-sbs-view summary")
    passage = widget.locator(".rk-sbs-view details.rk-passage").first
    keys.press("Enter")
    assert passage.evaluate("(d) => d.open")
    return f"SideBySide by keyboard: scene {first} -> {first - 1}, readings {chosen} -> {now}"


def _concordance(page: Page, widget: Locator, keys: Keys) -> str:
    """Type a term and Enter: one line; Tab to it and Enter opens it, Space closes it."""
    rows = widget.locator(".rk-kwic-view .rk-kwic-row")
    keys.start(".rk-kwic-term input")
    page.keyboard.type("orca")
    keys.press("Enter")
    page.wait_for_function(
        "(e) => e.querySelectorAll('.rk-kwic-row').length > 0",
        arg=widget.element_handle(),
        timeout=WIDGET_REACT_MS,
    )
    assert rows.count() == 1, texts(rows)
    keys.tab_to(".rk-kwic-view summary")
    full = rows.first.locator(".rk-full")
    keys.press("Enter")
    full.wait_for(state="visible")
    assert "orca" in full.inner_text()
    keys.press("Space")
    full.wait_for(state="hidden")
    return "Concordance by keyboard: typed 'orca' + Enter gave 1 line; Enter opened it, Space shut"


def _annotator(page: Page, widget: Locator, keys: Keys, annotation_file: Path) -> str:
    """Next by Enter and Space, a scene by Home in the list, Save by Space."""
    view = widget.locator(".rk-annotate-view")
    keys.start(".rk-annotate-reading select")
    keys.tab_to('button[title="Next sentence"]')
    keys.press("Enter", "Enter", "Space")
    page.wait_for_function(
        "(e) => e.innerText.includes('Sentence 4 of 32')",
        arg=view.element_handle(),
        timeout=WIDGET_REACT_MS,
    )
    scenes = widget.locator(".rk-annotate-scenes select")
    keys.tab_to(".rk-annotate-scenes select")
    keys.press("Home")  # the first scene of the list
    page.wait_for_function(
        "(s) => s.selectedOptions.length === 1", arg=scenes.element_handle(), timeout=ACTION
    )
    scene_id = scenes.evaluate("(s) => s.selectedOptions[0].value")
    agreement = widget.locator(".rk-annotate-agreement table.rk-kappa")
    agreement.wait_for(state="visible", timeout=WIDGET_REACT_MS)
    keys.tab_to("button.rk-annotate-save")
    keys.press("Space")
    page.wait_for_function(
        "(e) => e.innerText.includes('Saved.')",
        arg=widget.locator(".rk-annotate-status").element_handle(),
        timeout=WIDGET_REACT_MS,
    )
    from rustbone_kit import load_corpus
    from rustbone_kit.annotations import load_annotations

    corpus = load_corpus()
    notes = load_annotations(corpus, annotation_file)
    labels = [(n.reading, n.span.text, len(n.scenes)) for n in notes]
    assert len(notes) == 1 and notes[0].reading == "marchant", labels
    assert notes[0].span.text == corpus["marchant"].sentences[3].text
    assert len(notes[0].scenes) == 1, labels
    return f"Annotator by keyboard: sentence 4 tagged ({scene_id!r} option), saved by Space"


def _data_table(page: Page, widget: Locator, keys: Keys) -> str:
    """Tab to the chart's data table and press Enter: it opens onto the chart's rows."""
    keys.start("summary")
    keys.press("Enter")
    widget.locator("table").wait_for(state="visible")
    rows = widget.locator("tbody tr").count()
    assert rows == 15, rows
    return f"data table by keyboard: Enter opened {rows} rows"


def test_widgets_work_with_the_keyboard_alone(
    lab: LabServer,
    window: LabWindow,
    screenshot_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest,
    axe: Path | None,
) -> None:
    """Every widget by keyboard alone; a focus ring on each control reached; axe after use."""
    annotation_file = tmp_path / "annotations" / "keyboard-check.yaml"
    path = lab.root / KEYBOARD_NOTEBOOK
    title = "# Keyboard check (made by tests/browser/test_browser_keyboard.py)"
    stored = write_notebook(path, _sources(annotation_file), title)
    checks = [
        (".rk-side-by-side-widget", _side_by_side),
        (".rk-concordance-widget", _concordance),
        (".rk-annotator-widget", lambda p, w, k: _annotator(p, w, k, annotation_file)),
        ("details.rk-data-table", _data_table),
    ]
    with open_session(window, KEYBOARD_NOTEBOOK, screenshot_dir, capsys, request) as session:
        page, report, problems = session.page, session.report, session.problems
        panel = run_all_checked(session, lab, KEYBOARD_NOTEBOOK, stored)
        try:
            page.wait_for_function(JS_WIDGETS_SETTLED, arg=PANEL, timeout=RENDER_MS)
        except PlaywrightTimeout:
            problems.append(f"a widget was still loading after {RENDER_MS // 1000} s")
        for selector, check in checks:
            widget = panel.locator(selector).first
            try:
                widget.wait_for(state="visible", timeout=RENDER_MS)
                widget.scroll_into_view_if_needed()
                keys = Keys(page, widget)
                report.append(check(page, widget, keys))
                report.append(
                    f"  {keys.reached} controls reached, focus rings on all but "
                    f"{len(keys.unringed)}"
                )
                problems += [f"{selector}: no visible focus ring on {u}" for u in keys.unringed]
            except (AssertionError, PlaywrightTimeout) as error:
                problems.append(f"{selector} by keyboard: {error}")
            audit(session, f"{selector} after keyboard use", [selector], lab=False)
    fail_on(KEYBOARD_NOTEBOOK, session)
