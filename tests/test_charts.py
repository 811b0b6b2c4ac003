"""The charts package as lessons use it: every name kept, every chart titled and described."""

from __future__ import annotations

import shutil

import pytest

import rustbone_kit as rk
from rustbone_kit import charts
from rustbone_kit.charts import (
    chart_rows,
    distinctive_words_chart,
    judgement_chart,
    makeup_chart,
    scene_coverage_chart,
    text_alternative,
    theme_heatmap,
    themes_by_scene_chart,
)

CHARTS = {
    "theme_heatmap": lambda c: theme_heatmap(c),
    "themes_by_scene_chart": lambda c: themes_by_scene_chart(c),
    "scene_coverage_chart": lambda c: scene_coverage_chart(c),
    "judgement_chart": lambda c: judgement_chart(c),
    "distinctive_words_chart": lambda c: distinctive_words_chart(c, c.ids[0]),
}

#: Every public name charts.py had before it became a package (lessons and tests use them).
BEFORE = {
    "MAX_MAKEUP_READINGS",
    "MAX_ROWS",
    "PALETTE",
    "VEGALITE_MIME",
    "alt",
    "chart_rows",
    "distinctive_words_chart",
    "enable_offline",
    "judgement_chart",
    "makeup_chart",
    "scene_coverage_chart",
    "text_alternative",
    "theme_heatmap",
    "themes_by_scene_chart",
}


def test_the_package_keeps_every_name_and_adds_a_table_taking_core_per_chart():
    assert set(charts.__all__) >= BEFORE
    assert all(getattr(rk.charts, name) is getattr(charts, name) for name in charts.__all__)
    for name in charts.__all__:
        if name.endswith(("_chart", "_heatmap")):
            assert f"{name}_from" in charts.__all__, name
    assert charts.MAX_ROWS == 25 and charts.MAX_MAKEUP_READINGS == 40
    assert charts.alt.__name__ == "altair"  # notebooks that build their own chart use it


@pytest.fixture(scope="module")
def corpus():
    return rk.load_corpus()


@pytest.mark.parametrize("name", CHARTS)
def test_every_chart_is_titled_labelled_with_tooltips_and_a_text_alternative(corpus, name):
    chart = CHARTS[name](corpus)
    spec = chart.to_dict()
    assert spec["title"]["text"] and spec["title"]["subtitle"]
    for channel in ("x", "y"):
        enc = spec["encoding"][channel]
        assert "title" in enc  # a title, or None on purpose for self-explaining labels
    assert spec["encoding"]["x"]["title"]
    assert len(spec["encoding"]["tooltip"]) >= 4
    assert all(t.get("title") for t in spec["encoding"]["tooltip"])
    assert spec["config"]["axis"]["labelFontSize"] >= 14  # readable on a projector
    assert len(text_alternative(chart)) > 100
    assert len(chart_rows(chart)) < 5000


def test_every_chart_draws_on_a_teachers_own_folder(tmp_path):
    for name in ("marchant.md", "bowditch.md"):
        shutil.copy(rk.bundled_readings_path() / name, tmp_path)
    borrow = "borrow: [scenes.yaml, characters.yaml, themes.yaml]\n"
    (tmp_path / "course.yaml").write_text(f"title: Rust and Bone\n{borrow}", "utf-8")
    corpus = rk.load_corpus(tmp_path)
    for name, make in {**CHARTS, "makeup_chart": makeup_chart}.items():
        chart = make(corpus)
        assert len(chart_rows(chart)) > 0, name
    # no annotation in that folder: scene charts say they use the suggestions
    assert "Scene labels: suggestions" in text_alternative(scene_coverage_chart(corpus))
