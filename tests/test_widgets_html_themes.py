"""widgets.html_themes: the bar table states its numbers; the hits are marked."""

from __future__ import annotations

import re

from widget_support import text_of, well_formed

from rustbone_kit.widgets.html_themes import ThemeBar, ThemePassage, theme_passages_html


def test_theme_passages_bars_state_their_numbers_and_mark_the_hits():
    page = theme_passages_html(
        theme="Water <&> sea",
        description="Seas.",
        bars=[ThemeBar("a", 4, 200, 20.0), ThemeBar("<b>", 1, 100, 10.0), ThemeBar("c", 0, 9, 0)],
        passages=[ThemePassage("a, paragraph 1", "The <sea>, the sea.", ((4, 9, "sea"),))],
        total_passages=7,
        more_readings=2,
    )
    assert well_formed(page)
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", page)
    assert [text_of(r) for r in rows] == ["a204200", "<b>101100", "c009"]
    assert re.findall(r'style="width:(\d+)%"', page) == ["100", "50", "0"]
    assert "<h3>Water &lt;&amp;&gt; sea</h3>" in page
    assert 'The <mark class="rk-match">&lt;sea&gt;</mark>, the sea.' in page
    assert (
        "2 other readings not shown" in page and "7 (the first 1 are shown; 6 more are not" in page
    )
    empty = theme_passages_html(theme="T", description="", bars=[], passages=[])
    assert "No paragraph in these readings uses this theme" in empty
