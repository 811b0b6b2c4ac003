"""Every chart's colours, as drawn: contrast on white, steps on a projector, never colour alone.

Each chart function draws the bundled readings (the class sample for the disagreement chart)
and vl-convert renders it to SVG, as JupyterLab would: the test reads the colours Vega really
paints, the scheme's steps included. axe does not look into charts, so these are the checks:

- text (titles, axes, legends) has 4.5:1 on white (WCAG 1.4.3);
- a categorical mark (a bar coloured by a category), after its opacity, has 3:1 on white, and
  so do the edges of heatmap cells, which are all that marks a white "silence" cell
  (WCAG 1.4.11);
- on a washed-out projector (``PROJECTOR_FLARE``), five steps of each sequential scheme stay
  apart in lightness, the faintest non-zero cell stays apart from white, and categorical
  colours stay apart from the white screen;
- from ``to_dict()``: every field a chart colours by is also carried by another channel
  (opacity, shape, order, text, size) or by the tooltip, and the text alternative names it.
"""

from __future__ import annotations

import itertools
import re

import pytest

import rustbone_kit as rk
from rustbone_kit.charts import (
    ON_WHITE,
    PALETTE,
    class_disagreement_chart,
    distinctive_words_chart,
    judgement_chart,
    makeup_chart,
    scene_coverage_chart,
    theme_heatmap,
    themes_by_scene_chart,
    to_svg,
)
from rustbone_kit.charts.colour import (
    GRAPHICS,
    PROJECTOR_FLARE,
    TEXT,
    contrast,
    lightness,
    parse_colour,
)

#: Lightness (CIELAB L*) two steps must keep apart on the projector to be told apart.
STEP = 8.0
#: ... and the faintest non-zero cell from a white zero cell, and a category from the screen.
FROM_WHITE = 12.0
CATEGORY_FROM_WHITE = 25.0


@pytest.fixture(scope="module")
def corpus():
    return rk.load_corpus()


CHARTS = {
    "makeup_chart": lambda c: makeup_chart(c),
    "scene_coverage_chart": lambda c: scene_coverage_chart(c),
    "theme_heatmap": lambda c: theme_heatmap(c),
    "themes_by_scene_chart": lambda c: themes_by_scene_chart(c),
    "judgement_chart": lambda c: judgement_chart(c),
    "distinctive_words_chart": lambda c: distinctive_words_chart(c, "marchant"),
    "class_disagreement_chart": lambda c: class_disagreement_chart(
        rk.class_agreement(c, rk.bundled_readings_path() / "class-sample")
    ),
}


def blend(colour: str, opacity: float) -> str:
    """The colour a mark of ``opacity`` shows on white."""
    channels = parse_colour(colour)
    r, g, b = (round(opacity * c + (1 - opacity) * 255) for c in channels)
    return f"#{r:02x}{g:02x}{b:02x}"


def _attr(tag: str, name: str) -> str | None:
    match = re.search(rf'\s{name}="([^"]*)"', tag)
    return match.group(1) if match else None


def drawn(chart) -> dict[str, list]:
    """What the SVG paints: text fills, mark fills (after opacity), mark strokes."""
    svg = to_svg(chart)
    texts = [_attr(t, "fill") or "#000" for t in re.findall(r"<text\b[^>]*>", svg)]
    marks, strokes = [], []
    for tag in re.findall(r'<path\b[^>]*role="graphics-symbol"[^>]*>', svg):
        fill = _attr(tag, "fill")
        if fill and fill not in ("none", "transparent") and not fill.startswith("url("):
            opacity = float(_attr(tag, "opacity") or _attr(tag, "fill-opacity") or 1)
            marks.append(blend(fill, opacity))
        stroke = _attr(tag, "stroke")
        if stroke and stroke not in ("none", "white", "#fff", "#ffffff"):
            strokes.append(stroke)
    return {"texts": texts, "marks": marks, "strokes": strokes}


@pytest.mark.parametrize("name", CHARTS)
def test_text_has_4_5_to_1_on_white(corpus, name):
    painted = drawn(CHARTS[name](corpus))
    assert painted["texts"], "no text drawn"
    low = {
        t: round(contrast(t, "white"), 2) for t in painted["texts"] if contrast(t, "white") < TEXT
    }
    assert not low, f"{name}: text colours under {TEXT}:1 on white: {low}"


@pytest.mark.parametrize("name", CHARTS)
def test_categorical_marks_and_cell_edges_have_3_to_1_on_white(corpus, name):
    chart = CHARTS[name](corpus)
    spec = chart.to_dict()
    painted = drawn(chart)
    assert painted["marks"], "no mark drawn"
    edges = {s: round(contrast(s, "white"), 2) for s in set(painted["strokes"])}
    assert all(ratio >= GRAPHICS for ratio in edges.values()), f"{name}: cell edges {edges}"
    colour = spec["encoding"].get("color", {})
    if colour.get("type") == "quantitative":
        return  # a scheme: its steps are checked on the projector below
    low = {
        m: round(contrast(m, "white"), 2)
        for m in set(painted["marks"])
        if m != "#ffffff" and contrast(m, "white") < GRAPHICS
    }
    assert not low, f"{name}: marks under {GRAPHICS}:1 on white: {low}"
    projected = {m: lightness(m, flare=PROJECTOR_FLARE) for m in set(painted["marks"])}
    white = lightness("white", flare=PROJECTOR_FLARE)
    faint = {
        m: round(white - v, 1) for m, v in projected.items() if white - v < CATEGORY_FROM_WHITE
    }
    assert not faint, f"{name}: categories too close to a projected white screen: {faint}"


def _scheme_steps(scale: dict, domain: tuple[float, float], steps: int = 5) -> list[str]:
    """The colours a scale gives ``steps`` evenly spaced values of ``domain``, drawn by Vega."""
    low, high = domain
    values = [low + (high - low) * i / (steps - 1) for i in range(steps)]
    chart = (
        rk.charts.alt.Chart(
            rk.charts.alt.Data(values=[{"i": i, "v": v} for i, v in enumerate(values)])
        )
        .mark_rect()
        .encode(
            x="i:O",
            color=rk.charts.alt.Color("v:Q", scale=rk.charts.alt.Scale(**scale)),
        )
        .properties(description="Scheme steps.")
    )
    return drawn(chart)["marks"]


QUANTITATIVE = ["scene_coverage_chart", "theme_heatmap", "themes_by_scene_chart", "judgement_chart"]


@pytest.mark.parametrize("name", QUANTITATIVE)
def test_scheme_steps_stay_apart_on_a_washed_out_projector(corpus, name):
    chart = CHARTS[name](corpus)
    spec = chart.to_dict()
    colour = spec["encoding"]["color"]
    colour = colour.get("condition", {}) | colour if "condition" in colour else colour
    field, scale = colour["field"], dict(colour["scale"])
    values = [row[field] for row in next(iter(spec["datasets"].values()))]
    domain = tuple(scale.pop("domain", (scale.pop("domainMin", min(values)), max(values))))
    scale.pop("domainMin", None)
    steps = _scheme_steps(scale, domain)
    lights = [lightness(s, flare=PROJECTOR_FLARE) for s in steps]
    if scale.get("reverse") and "blueorange" in str(scale):  # diverging: two ramps from white
        middle = len(lights) // 2
        ramps = [lights[middle::-1], lights[middle:]]
    else:
        ramps = [lights]
    for ramp in ramps:
        gaps = [abs(a - b) for a, b in itertools.pairwise(ramp)]
        assert min(gaps) >= STEP, f"{name}: steps {[round(v) for v in ramp]} on a projector"
    # the faintest cell drawn (a count of one, say) stays apart from a white zero cell
    cells = [m for m in drawn(chart)["marks"] if m != "#ffffff"]
    white = lightness("white", flare=PROJECTOR_FLARE)
    faintest = max(lightness(m, flare=PROJECTOR_FLARE) for m in cells)
    if "blueorange" not in str(scale):  # a diverging scale is white at zero on purpose
        assert white - faintest >= FROM_WHITE, f"{name}: faintest cell L*={faintest:.0f}"


#: Channels that carry a value without colour.
OTHER_CHANNELS = ("opacity", "shape", "size", "strokeDash", "text", "order", "x", "y")


@pytest.mark.parametrize("name", CHARTS)
def test_no_chart_relies_on_colour_alone(corpus, name):
    chart = CHARTS[name](corpus)
    spec = chart.to_dict()
    encoding = spec["encoding"]
    colour = encoding.get("color")
    if colour is None:  # one colour for every mark: the bars' length is the value
        assert spec["mark"].get("color") in ON_WHITE
        return
    field = colour.get("field") or colour["condition"].get("field")
    tooltip_fields = {t["field"] for t in encoding["tooltip"]}
    elsewhere = {c for c in OTHER_CHANNELS if encoding.get(c, {}).get("field") == field}
    assert field in tooltip_fields or elsewhere, f"{name}: {field!r} is shown by colour alone"
    if colour.get("type") == "nominal" or colour.get("condition", {}).get("type") == "nominal":
        # a category: a second visual channel as well as the tooltip (opacity, stacking order)
        assert elsewhere or encoding.get("order"), f"{name}: {field!r} has only colour and tooltip"
    assert len(rk.charts.text_alternative(chart)) > 100  # and the text says what colour shows


def test_palette_for_marks_keeps_3_to_1_and_stays_okabe_ito():
    assert set(ON_WHITE) <= set(PALETTE)
    assert all(contrast(c, "white") >= GRAPHICS for c in ON_WHITE)
    too_light = [c for c in PALETTE if contrast(c, "white") < GRAPHICS]
    assert too_light == ["#E69F00", "#56B4E9", "#F0E442"]  # left out of ON_WHITE


def test_contrast_arithmetic_matches_wcag():
    assert round(contrast("#000", "#fff"), 1) == 21.0
    assert round(contrast("#767676", "white"), 2) == 4.54  # the classic 4.5:1 grey
    assert contrast("#777", "white") < TEXT < contrast("#767676", "white")
    assert contrast("#000", "#fff", flare=PROJECTOR_FLARE) < 8  # a projector washes it out
    assert lightness("white") == pytest.approx(100) and lightness("black") == pytest.approx(0)
    with pytest.raises(ValueError, match="not a colour"):
        parse_colour("papayawhip-ish")
