"""The answer kinds checked row by row: a table, a chart."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

import rustbone_kit as rk
from rustbone_kit.checks.frames import Chart, Table


@pytest.fixture(scope="module")
def corpus():
    return rk.load_corpus()


def test_table_and_chart_kinds(corpus):
    table = Table(lambda c: c.to_frame().reset_index()[["id", "kind"]], columns=("id", "kind"))
    right = corpus.to_frame()[["kind"]]  # the id as index is accepted
    assert table.judge(right, corpus)[0]
    assert not table.judge(right.head(2), corpus)[0]
    assert "needs the column(s) kind" in table.judge(right[[]], corpus)[1]
    chart = Chart("bar", {"y": "reading"})
    data = pd.DataFrame({"reading": ["a"], "n": [1]})
    bars = alt.Chart(data, title="Counts").mark_bar().encode(x="n", y="reading")
    assert chart.judge(bars, corpus)[0]
    assert "mark_bar()" in chart.judge(alt.Chart(data).mark_point(), corpus)[1]
    assert "Put 'reading' on y" in chart.judge(alt.Chart(data).mark_bar().encode(y="n"), corpus)[1]
    assert "altair chart" in chart.judge("a chart", corpus)[1]
    titled = alt.Chart(data).mark_bar().encode(x="n", y="reading").properties(title="Counts")
    untitled = alt.Chart(data).mark_bar().encode(x="n", y="reading")
    checked = Chart("bar", {"y": "reading", "x": "n"}, data=lambda c: data)
    assert checked.judge(titled, corpus)[0]
    assert "Give the chart a title" in checked.judge(untitled, corpus)[1]
    other = (
        alt.Chart(data.assign(n=[2])).mark_bar().encode(x="n", y="reading").properties(title="T")
    )
    assert "rows are not the kit's" in checked.judge(other, corpus)[1]
    rounded = (
        corpus.to_frame().reset_index()[["id", "words"]].assign(words=lambda f: f.words + 0.004)
    )
    numeric = Table(lambda c: c.to_frame().reset_index()[["id", "words"]], columns=("id", "words"))
    assert numeric.judge(rounded, corpus)[0]  # numbers compared to two decimal places
    assert "values differ" in numeric.judge(rounded.assign(words=1), corpus)[1]
