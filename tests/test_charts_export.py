"""charts.export and charts.table: charts saved as SVG, PNG and PDF; a chart's rows as a table."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import rustbone_kit as rk
from rustbone_kit.charts import alt, data_table, save, to_svg
from rustbone_kit.charts.export import vegalite_version
from rustbone_kit.errors import ArgumentError

FOUR = pd.DataFrame({"word": ["sea", "orca", "<b>fist</b>", "ice"], "n": [9, 6, 4, 2]})


def _chart(description: str | None = "Four bars, sea the longest.") -> alt.Chart:
    described = {"description": description} if description else {}
    return (
        alt.Chart(FOUR, title="Four words", **described)
        .mark_bar()
        .encode(
            x="n:Q",
            y="word:N",
            tooltip=[alt.Tooltip("word:N", title="Word"), alt.Tooltip("n:Q", title="Times")],
        )
    )


def test_svg_is_named_by_the_description_and_keeps_its_ids_apart():
    one, two = to_svg(_chart(), prefix="a"), to_svg(_chart(), prefix="b")
    root = re.match(r"<svg[^>]*>", one).group(0)
    assert 'role="img"' in root and 'aria-label="Four bars, sea the longest."' in root
    assert "<title>Four bars, sea the longest.</title>" in one
    ids_one, ids_two = set(re.findall(r'id="([^"]+)"', one)), set(re.findall(r'id="([^"]+)"', two))
    assert not ids_one & ids_two  # two charts in one page never share a clip path id
    assert all(i.startswith("a-") for i in ids_one)
    assert "&lt;b&gt;fist&lt;/b&gt;" in one and "<b>fist" not in one  # data is text
    assert "<script" not in one and "http" not in one.replace("http://www.w3.org", "")


def test_a_chart_without_description_still_gets_a_name():
    assert 'aria-label="A chart (no description given)."' in to_svg(_chart(None))


def test_save_writes_svg_png_and_pdf_without_a_browser(tmp_path):
    chart = rk.charts.makeup_chart(rk.load_corpus())
    written = {
        suffix: save(chart, tmp_path / f"makeup{suffix}") for suffix in (".svg", ".png", ".pdf")
    }
    assert written[".svg"].read_text().startswith("<svg")
    assert written[".png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert written[".pdf"].read_bytes()[:5] == b"%PDF-"
    small = save(chart, tmp_path / "small.png", scale=1)
    assert small.stat().st_size < written[".png"].stat().st_size  # scale 2 is sharper
    save(chart.to_dict(), tmp_path / "from-spec.svg")  # a stored notebook's spec works too


def test_save_refuses_an_unknown_format_and_data_from_the_network(tmp_path):
    with pytest.raises(ArgumentError, match=r"\.svg, \.png, \.pdf"):
        save(_chart(), tmp_path / "chart.jpg")
    remote = alt.Chart(alt.UrlData("https://example.org/x.csv")).mark_bar().encode(x="a:Q")
    with pytest.raises(ValueError, match="not allowed"):
        to_svg(remote)
    assert not list(tmp_path.iterdir())


def test_vegalite_version_follows_the_schema():
    assert vegalite_version(_chart().to_dict()) == alt.SCHEMA_VERSION.lstrip("v").rsplit(".", 1)[0]
    assert (
        vegalite_version({"$schema": "https://vega.github.io/schema/vega-lite/v1.0.0.json"}) is None
    )


def test_data_table_has_a_column_per_tooltip_and_escapes_every_value():
    table = data_table(_chart())
    assert repr(table) == "Data table: Four words (4 rows)"
    assert table._repr_html_() == table.html
    head = re.findall(r'<th scope="col">([^<]*)</th>', table.html)
    assert head == ["Word", "Times"]
    assert table.html.count("<tr>") == 5  # the heading and four rows
    assert "&lt;b&gt;fist&lt;/b&gt;" in table.html and "<b>fist" not in table.html
    assert '<td class="rk-num">9</td>' in table.html
    assert "<details" in table.html and " open" not in table.html.split(">")[1]
    assert '<details class="rk-data-table" open>' in data_table(_chart(), open=True).html


def test_data_table_of_every_kit_chart_and_of_a_stored_spec():
    corpus = rk.load_corpus()
    for chart in (rk.charts.theme_heatmap(corpus), rk.charts.judgement_chart(corpus)):
        spec = chart.to_dict()
        table = data_table(spec)
        assert table.rows == len(rk.charts.chart_rows(chart)) and "<caption>" in table.html
    untitled = alt.Chart(FOUR).mark_bar().encode(x="n:Q")
    assert data_table(untitled).title == "Chart" and '<th scope="col">word</th>' in (
        data_table(untitled).html
    )
