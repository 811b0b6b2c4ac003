"""widgets.html_side_by_side: columns in order, shared words and theme terms, the 2-5 rule."""

from __future__ import annotations

import re

import pytest
from widget_support import text_of, well_formed

from rustbone_kit.widgets.html_side_by_side import ColumnView, PassageView, side_by_side_html


def demo_columns() -> list[ColumnView]:
    paragraph = "It is cold. She swims <out> in the sea. Then she rests."
    return [
        ColumnView(
            "a",
            title="Into <the> sea",
            author="Ann <A>",
            outlet=None,
            passages=(
                PassageView(
                    "She swims <out> in the sea.",
                    paragraph,
                    12,
                    themes=((4, 9, "Water"), (23, 26, "Water")),
                ),
                PassageView("The sea again."),
            ),
        ),
        ColumnView("b", author=None, outlet="Weekly", passages=(PassageView("A grey sea swims."),)),
        ColumnView("c", title="Silent", author="Cy"),
    ]


def test_side_by_side_columns_in_order_with_critic_outlet_and_silence():
    page = side_by_side_html(demo_columns(), scene="The <swim>")
    assert well_formed(page)
    assert page.count('class="rk-column') == 3
    shown = text_of(page)
    assert shown.index("Ann <A>") < shown.index("author not stated") < shown.index("Cy")
    assert "outlet not stated" in shown and "Weekly" in shown
    assert "Says nothing about The <swim>." in shown and "1 reading of 3 say nothing" in shown
    assert 'class="rk-column rk-silent"' in page
    assert "The &lt;swim&gt;" in page and "<swim>" not in page


def test_side_by_side_marks_shared_words_and_theme_terms_with_a_legend():
    page = side_by_side_html(demo_columns(), scene="Swim")
    # 'sea' and 'swims' are in columns a and b: shared; 'grey' only in b: not shared
    assert page.count('<mark class="rk-shared">sea</mark>') == 2  # a's second passage, b
    assert '<mark class="rk-shared">grey</mark>' not in page
    # in a's first passage "swims" is both a theme term and shared, "sea" likewise
    assert (
        '<mark class="rk-shared"><span class="rk-theme" title="Theme: Water">swims</span></mark>'
        in page
    )
    assert "theme terms: Water (2)" in page
    legend = re.search(r'<div class="rk-legend".*?</div>', page, flags=re.S).group()
    assert "bold on yellow" in legend and "underlined" in legend
    assert "Shared words (2): sea, swims" in text_of(legend)
    assert 'class="rk-legend"' not in side_by_side_html(demo_columns(), scene="S", legend=False)


def test_side_by_side_passage_expands_to_its_paragraph():
    page = side_by_side_html(demo_columns(), scene="Swim")
    first = re.search(r'<details class="rk-passage">.*?</details>', page, flags=re.S).group()
    summary = re.search(r"<summary>(.*?)</summary>", first, flags=re.S).group(1)
    assert text_of(summary) == "She swims <out> in the sea."
    body = first.split("</summary>")[1]
    assert text_of(body).endswith("It is cold. She swims <out> in the sea. Then she rests.")
    assert '<span class="rk-here">She swims &lt;out&gt; in the sea.</span>' in body
    assert page.count("This passage is the whole paragraph.") == 2


@pytest.mark.parametrize("n", [0, 1, 6, 9])
def test_side_by_side_explains_the_two_to_five_rule_instead_of_failing(n):
    columns = [ColumnView(f"r{i}", passages=(PassageView("x"),)) for i in range(n)]
    page = side_by_side_html(columns, scene="Swim")
    assert "Choose two to five readings" in page and f"you have chosen {n}" in page
    assert 'class="rk-column' not in page
    assert ("drop it" in page) == (n > 5) and ("add a reading" in page) == (n < 2)


@pytest.mark.parametrize("n", [2, 5])
def test_side_by_side_accepts_two_and_five(n):
    columns = [ColumnView(f"r{i}", passages=(PassageView("x"),)) for i in range(n)]
    page = side_by_side_html(columns, scene="Swim")
    assert page.count('<section class="rk-column"') == n
    assert f"repeat({n},minmax(13em,1fr))" in page
