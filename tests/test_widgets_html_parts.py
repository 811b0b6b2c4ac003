"""widgets.html_parts: escaping and overlapping highlights as well-formed HTML; shared words."""

from __future__ import annotations

from widget_support import text_of, well_formed

from rustbone_kit.widgets.html_parts import (
    clipped_html,
    count_label,
    esc,
    highlight_html,
    known,
    message_html,
    shared_words,
)


def test_highlight_builds_non_overlapping_segments_from_overlapping_marks():
    text = "her steel legs ache"
    marks = [
        (4, 14, "theme", "Disability"),  # "steel legs"
        (10, 14, "theme", "The body"),  # "legs", the same words under another theme
        (10, 19, "shared", ""),  # "legs ache": overlaps the end of both themes
    ]
    got = highlight_html(text, marks)
    assert got == (
        'her <span class="rk-theme" title="Disability">steel </span>'
        '<mark class="rk-shared"><span class="rk-theme" title="Disability; The body">legs</span>'
        '</mark><mark class="rk-shared"> ache</mark>'  # one piece per run of the same marks
    )
    assert well_formed(got) and text_of(got) == text


def test_highlight_escapes_clips_and_ignores_empty_or_unknown_marks():
    got = highlight_html("a <b> & c", [(2, 5, "match", ""), (8, 99, "shared", ""), (3, 3, "x", "")])
    assert got == 'a <mark class="rk-match">&lt;b&gt;</mark> &amp; <mark class="rk-shared">c</mark>'
    assert highlight_html("<i>", []) == "&lt;i&gt;"
    assert highlight_html("x", [(0, 1, "theme", '"><img src=x>')]) == (
        '<span class="rk-theme" title="&quot;&gt;&lt;img src=x&gt;">x</span>'
    )


def test_shared_words_are_folded_content_words_in_at_least_two_columns():
    columns = [
        ["Stéphanie and the SEA, 2012."],
        ["stephanie swims; the sea"],
        ["The 2012 sea"],
        ["Ali"],
    ]
    assert shared_words(columns) == {"stephanie", "sea"}  # not 'the', 'and', '2012'
    assert shared_words([["sea sea sea"], ["land"]]) == frozenset()


def test_small_pieces_escape_and_say_unknowns_in_words():
    assert esc('"<x>"') == "&quot;&lt;x&gt;&quot;"
    assert known("  ", "outlet not stated") == '<span class="rk-unknown">outlet not stated</span>'
    assert known("<b>", "x") == "&lt;b&gt;"
    assert count_label(1, "reading") == "1 reading" and count_label(0, "reading") == "0 readings"
    page = message_html("Choose <strong>one</strong>", label='a "label"')
    assert well_formed(page) and 'aria-label="a &quot;label&quot;"' in page
    assert 'role="status">Choose <strong>one</strong></p>' in page


def test_clipped_html_cuts_a_long_text_around_its_focus_and_counts_the_cut():
    text = "x " * 5000 + "<sea>" + " y" * 5000
    marks = [(10000, 10005, "match", ""), (3, 4, "shared", "")]
    page = clipped_html(text, marks, limit=200)
    assert '<mark class="rk-match">&lt;sea&gt;</mark>' in page and "rk-shared" not in page
    assert "[9,903 characters before]" in page and "[9,902 more characters]" in page
    assert len(page) < 400 and well_formed(page)
    assert clipped_html(text, marks, focus=(0, 0), limit=200).startswith("x x")
    assert clipped_html("short <b>", [], limit=200) == highlight_html("short <b>", [])
