"""widgets.html_annotator: the sentence to tag, the status line, the kappa table."""

from __future__ import annotations

import re

from widget_support import text_of, well_formed

from rustbone_kit.widgets.html_annotator import (
    KappaRow,
    annotator_sentence_html,
    annotator_status_html,
    kappa_table_html,
)


def test_annotator_sentence_and_status_escape_and_say_things_in_words():
    page = annotator_sentence_html(
        "<b>Now</b>", reading="r", number=1, total=3, after="<i>then</i>", themes=["<Water>"]
    )
    assert "&lt;b&gt;Now&lt;/b&gt;" in page and "After: &lt;i&gt;then&lt;/i&gt;" in page
    assert "(the first sentence)" in page and "Scenes: none; Themes: &lt;Water&gt;" in page
    error = annotator_status_html("bad <file>", kind="error")
    assert "Problem: " in error and 'role="alert"' in error and "bad &lt;file&gt;" in error
    assert "Saved. " in annotator_status_html("ok", kind="saved")


def test_kappa_table_gives_numbers_sentences_and_reasons_for_na():
    rows = [
        KappaRow("Into the sea", 0.6667, 2, 1),
        KappaRow("The ice", float("nan"), 0, 0),
        KappaRow("All <of> it", None, 5, 5),
    ]
    page = kappa_table_html(rows, sentences=5, compared=["a", "b"], not_compared=["c"], overall=0.4)
    assert well_formed(page)
    assert "Sentences compared: 5</strong> (every sentence of: a, b)" in page
    body = [text_of(r) for r in re.findall(r"<tr>(.*?)</tr>", page)[1:]]
    assert body[0] == "Into the sea0.6721"
    assert body[1].startswith("The icen/a (neither you nor the reference set")
    assert body[2] == "All <of> itn/a (both sets give this scene to every sentence)55"
    assert body[3] == "All scenes, pooled0.40"
    assert "Not compared (the reference set does not cover them): c." in page
    assert "Nothing to compare yet" in kappa_table_html([], sentences=0)
    assert "no <ref>" not in kappa_table_html([], sentences=0, problem="no <ref>")
