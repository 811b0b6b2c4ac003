"""widgets.html_kwic: concordance lines, the match bold, each opening onto its paragraph."""

from __future__ import annotations

import re

from widget_support import text_of, well_formed

from rustbone_kit.widgets.html_kwic import KwicRow, kwic_html


def test_kwic_rows_mark_the_match_and_open_onto_the_whole_passage():
    passage = "Before. She swims into the <sea> again and again, far out."
    start = passage.index("<sea>")
    row = KwicRow("r1, paragraph 2", "into the ", "<sea>", " again", passage, start, start + 5)
    page = kwic_html([row], term="sea", total=3, readings=1)
    assert well_formed(page)
    assert '<li class="rk-kwic-row"><details><summary>' in page
    assert '<span>...into the </span></span><mark class="rk-match">&lt;sea&gt;</mark>' in page
    assert '<span class="rk-right"> again...</span>' in page  # cut on both sides
    full = re.search(r'<blockquote class="rk-full">(.*?)</blockquote>', page).group(1)
    assert text_of(full) == passage and '<mark class="rk-match">&lt;sea&gt;</mark>' in full
    assert "3 matches of sea in 1 reading (the first 1 are shown; 2 more are not" in text_of(page)


def test_kwic_messages_for_a_problem_or_no_match():
    assert "No match for <strong>&lt;x&gt;</strong>" in kwic_html([], term="<x>")
    page = kwic_html([], term="a*b", problem="a*b cannot be searched")
    assert "cannot be searched" in page and "rk-kwic-row" not in page
