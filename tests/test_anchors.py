"""Quote anchors: a quote resolves to a span, and a span gives back a quote that resolves to it."""

from __future__ import annotations

import pytest
from helpers import reading

import rustbone_kit as rk
from rustbone_kit.anchors import QuoteError, closest_sentence, quote_selector, resolve_quote


def test_every_sentence_and_passage_of_the_bundled_readings_round_trips():
    for r in rk.load_corpus():
        for span in (*r.sentences, *r.passages):
            selector = quote_selector(r.text, span.start, span.end)
            back = resolve_quote(r, **selector)
            assert (back.start, back.end) == (span.start, span.end), (r.id, span.id, selector)


def test_a_selector_has_context_only_when_the_quote_repeats():
    text = "Go on. Stay.\nGo on. Leave."
    assert quote_selector(text, 7, 12) == {"quote": "Stay."}
    assert quote_selector(text, 13, 19) == {"quote": "Go on.", "prefix": "ay.\n"}
    assert quote_selector(text, 0, 6) == {"quote": "Go on.", "suffix": " Sta"}  # 4 characters


def test_a_quote_no_context_tells_apart_is_refused():
    with pytest.raises(QuoteError, match="cannot be told apart") as info:
        quote_selector("aaa", 1, 2)  # "aa" twice, whatever the context
    assert isinstance(info.value, ValueError) and info.value.fix


def test_resolved_span_id_kind_and_typography():
    r = reading("demo", "She said \u201cno\u201d. Then yes.")
    span = resolve_quote(r, 'said "no".', annotator="me")
    assert span.text == "said \u201cno\u201d." and span.id == "me:demo:4"
    assert span.kind == "annotation"


def test_a_missing_or_repeated_quote_raises_the_callers_error_at_its_line():
    r = reading("demo", "Ali swims.\nSam sleeps. Sam sleeps.")
    with pytest.raises(QuoteError, match="'Sam slept' is not in reading 'demo'") as info:
        resolve_quote(r, "Sam slept", path="me.yaml", line=7)
    assert (info.value.path, info.value.line, info.value.field) == ("me.yaml", 7, "quote")
    assert "the closest sentence is 'Sam sleeps.'" in info.value.fix
    with pytest.raises(QuoteError, match=r"occurs 2 times in 'demo' \(file lines 2, 2\)"):
        resolve_quote(r, "Sam sleeps.")
    assert resolve_quote(r, "Sam sleeps.", prefix="sleeps. ").start == len(
        "Ali swims.\nSam sleeps. "
    )


def test_closest_sentence_falls_back_to_the_opening():
    assert closest_sentence("A long opening text.", [], "anything") == "A long opening text."
