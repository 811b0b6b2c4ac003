"""The colours of the kit's stylesheets: text 4.5:1, graphics 3:1 on white and on a projector.

axe checks the contrast of text it finds in the page; these checks read the stylesheets
themselves, so that a colour no test page happens to show is checked too: the widgets'
(``widgets/style.py``), the charts' data tables and the hand-outs'.
"""

from __future__ import annotations

import re

import pytest

from rustbone_kit.charts.colour import GRAPHICS, PROJECTOR_FLARE, TEXT, contrast
from rustbone_kit.charts.table import _STYLE as TABLE_STYLE
from rustbone_kit.handout import STYLESHEET as HANDOUT_STYLE
from rustbone_kit.widgets.style import STYLE

COLOUR = r"#[0-9a-fA-F]{3,6}\b|rgba?\([^)]*\)|\bwhite\b|\bblack\b"
#: Colours that carry no meaning, and why (WCAG 1.4.11 asks 3:1 only of what a reader needs).
DECORATIVE = {
    "#bbb": "the rules between table rows: the table's structure is in its markup",
    "#ddd": "the hand-out's code box background, behind text that has its own check",
}
#: The kit's text colour where a rule sets none (JupyterLab's --jp-content-font-color1 is
#: near-black; the hand-outs set #111).
DEFAULT_TEXT = "#000000"
SHEETS = {"widgets": STYLE, "data tables": TABLE_STYLE, "hand-outs": HANDOUT_STYLE}


def rules(css: str) -> list[tuple[str, dict[str, str]]]:
    """``(selector, {property: value})`` for every rule (``@media`` blocks opened up)."""
    css = re.sub(r"</?style>", "", css)
    css = re.sub(r"@media[^{]*\{((?:[^{}]*\{[^{}]*\})*)\s*\}", r"\1", css)
    found = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        declarations = {}
        for part in body.split(";"):
            if ":" in part:
                name, value = part.split(":", 1)
                declarations[name.strip()] = value.replace("!important", "").strip()
        found.append((" ".join(selector.split()), declarations))
    return found


def problems(css: str) -> list[str]:
    found = []
    for selector, declarations in rules(css):
        background = None
        for name in ("background", "background-color"):
            colours = re.findall(COLOUR, declarations.get(name, ""))
            background = colours[0] if colours else background
        text = re.findall(COLOUR, declarations.get("color", ""))
        if text or (background and "rk-bar" not in selector):
            fore, back = (text[0] if text else DEFAULT_TEXT), (background or "white")
            for flare, where in ((0.0, "on screen"), (PROJECTOR_FLARE, "projected")):
                ratio = contrast(fore, back, flare=flare)
                if ratio < TEXT:
                    found.append(f"{selector}: text {fore} on {back} {ratio:.2f}:1 {where}")
        for name, value in declarations.items():
            if not name.startswith(("border", "outline", "text-decoration")) and not (
                name.startswith("background") and "rk-bar" in selector
            ):
                continue
            for colour in re.findall(COLOUR, value):
                if colour.lower() in DECORATIVE:
                    continue
                ratio = contrast(colour, "white")
                if ratio < GRAPHICS:
                    found.append(f"{selector}: {name} {colour} {ratio:.2f}:1 on white")
    return found


@pytest.mark.parametrize("sheet", SHEETS)
def test_every_colour_passes_on_white_and_on_a_projector(sheet):
    assert rules(SHEETS[sheet]), "no rules read"
    assert problems(SHEETS[sheet]) == []


def test_the_check_finds_a_pale_border_and_pale_text():
    css = ".rk-view .x{border-left:6px dashed #E69F00}.rk-view .y{color:#999}"
    found = problems(css)
    assert len(found) == 3 and "#E69F00 2.25:1" in found[0]
    assert "#999 on white 2.85:1 on screen" in found[1] and "projected" in found[2]
    assert problems(".rk-view th{border-bottom:1px solid #bbb}") == []  # decorative


def test_every_control_a_keyboard_reaches_shows_a_visible_outline():
    focus = [d for s, d in rules(STYLE) if ":focus-visible" in s and "select" in s]
    assert focus and "3px solid" in focus[0]["outline"]
    (colour,) = re.findall(COLOUR, focus[0]["outline"])
    assert contrast(colour, "white") >= GRAPHICS
    # ipywidgets sets ``outline: none !important`` on its inputs: only !important wins
    rule = STYLE[STYLE.index(".rk-widget select:focus-visible") :]
    assert "!important" in rule[: rule.index("}")]
