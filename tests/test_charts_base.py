"""charts.base: the offline renderer, text alternatives, chart rows and projector styling."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from rustbone_kit.charts import base
from rustbone_kit.errors import ArgumentError

FOUR = pd.DataFrame({"reading": ["a", "a", "b", "b"], "x": [1, 2, 3, 4]})


def _chart(description: str | None = "A test chart of four rows.") -> alt.Chart:
    chart = alt.Chart(FOUR, description=description) if description else alt.Chart(FOUR)
    return chart.mark_bar().encode(x="x:Q", y="reading:N")


def test_text_alternative_is_the_description():
    assert base.text_alternative(_chart()) == "A test chart of four rows."


def test_text_alternative_refuses_a_chart_without_one():
    with pytest.raises(ValueError, match="no description"):
        base.text_alternative(alt.Chart().mark_point())
    with pytest.raises(ArgumentError, match="Fix: build it"):
        base.text_alternative(_chart(None))


def test_chart_rows_are_the_rows_drawn():
    rows = base.chart_rows(_chart())
    assert rows.to_dict("list") == FOUR.to_dict("list")


def test_offline_renderer_emits_vegalite_v5_and_no_script():
    base.enable_offline()
    assert alt.renderers.active == "rustbone-offline"
    bundle, _ = _chart()._repr_mimebundle_()
    assert set(bundle) == {base.VEGALITE_MIME, "text/plain"}
    assert base.VEGALITE_MIME == "application/vnd.vegalite.v5+json"
    assert bundle["text/plain"] == "Chart: A test chart of four rows."
    assert bundle[base.VEGALITE_MIME]["description"] == "A test chart of four rows."
    assert "<script" not in str(bundle)


def test_offline_renderer_says_so_when_a_chart_has_no_description():
    base.enable_offline()
    bundle, _ = _chart(None)._repr_mimebundle_()
    assert bundle["text/plain"] == "Chart: A chart (no description given)."


def test_projector_is_readable_from_the_back_and_colour_blind_safe():
    config = base.projector(_chart()).to_dict()["config"]
    assert config["axis"]["labelFontSize"] >= 14 and config["title"]["fontSize"] >= 18
    assert config["legend"]["labelFontSize"] >= 14
    assert config["range"]["category"] == base.ON_WHITE
    assert base.PALETTE[:2] == ["#0072B2", "#E69F00"]  # Okabe-Ito
    assert set(base.ON_WHITE) < set(base.PALETTE)  # those of them dark enough on white


def test_require_columns_names_the_missing_columns_and_the_maker():
    base.require_columns(FOUR, ["reading", "x"], "rk.anything")
    with pytest.raises(ArgumentError) as caught:
        base.require_columns(FOUR, ["reading", "hits", "words"], "rk.theme_table")
    message = str(caught.value)
    assert "'hits', 'words'" in message and "rk.theme_table(...)" in message


def test_counts_read_as_words_up_to_ten():
    assert [base.number_word(n) for n in (1, 5, 10, 11)] == ["one", "five", "ten", "11"]
    assert base.sentences_word(1) == "1 sentence" and base.sentences_word(2) == "2 sentences"


def test_offline_renderer_asks_jupyterlab_for_svg_without_the_actions_menu():
    base.enable_offline()
    _, metadata = _chart()._repr_mimebundle_()
    assert metadata == {base.VEGALITE_MIME: {"embed_options": base.EMBED_OPTIONS}}
    assert base.EMBED_OPTIONS == {"renderer": "svg", "actions": False}
