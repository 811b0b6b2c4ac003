"""Text views, normalised matching forms, words and the one stop-word list."""

from __future__ import annotations

import pytest

from rustbone_kit.stoplist import STOPWORDS, is_stopword
from rustbone_kit.text import (
    Span,
    count_words,
    fold,
    normalize,
    span_id_at,
    split_lines,
    split_sentences,
    word_spans,
)


@pytest.mark.parametrize(
    ("original", "typed"),
    [
        (
            "M83\u2032s \u201cMy Tears Are Becoming A Sea.\u201d",
            'M83\'s "My Tears Are Becoming A Sea."',
        ),
        ("Bullhead of \u00a0last year", "Bullhead of last year"),
        ("light years away \u2014 a quirky", "light years away - a quirky"),
        ("Ste\u0301phanie", "St\u00e9phanie"),  # decomposed accent against composed
    ],
)
def test_normalize_lets_a_typed_quote_find_the_critics_characters(original, typed):
    n = normalize(original)
    at = n.text.find(normalize(typed).text)
    assert at >= 0
    start, end = n.span_to_original(at, at + len(normalize(typed).text))
    assert (start, end) == (0, len(original))


def test_normalize_keeps_case_and_accents():
    assert normalize("Stéphanie").text == "Stéphanie"


def test_fold_drops_case_and_accents_and_maps_back():
    text = "As for St\u00e9phanie, STEPHANIE and Ste\u0301phanie"
    n = fold(text)
    hits = [i for i in range(len(n.text)) if n.text.startswith("stephanie", i)]
    assert len(hits) == 3
    originals = [text[slice(*n.span_to_original(h, h + 9))] for h in hits]
    assert originals == ["St\u00e9phanie", "STEPHANIE", "Ste\u0301phanie"]


def test_fold_of_expanding_characters_maps_every_piece_to_its_source():
    n = fold("Stra\u00dfe")
    assert n.text == "strasse"
    assert n.span_to_original(0, 7) == (0, 6)


def test_span_is_a_view_with_context():
    s = Span("Rust and Bone", 5, 8, id="x", kind="word")
    assert s.text == "and" and len(s) == 3 and s.context(width=2) == "t [and] B"
    with pytest.raises(ValueError, match="outside a text of 13 characters"):
        Span("Rust and Bone", 5, 30)


def test_lines_are_passages_trimmed_and_blank_lines_skipped():
    text = "Title\n\n  First paragraph.  \nSecond.\n"
    spans = split_lines(text, prefix="r:p")
    assert [s.text for s in spans] == ["Title", "First paragraph.", "Second."]
    assert [s.id for s in spans] == ["r:p1", "r:p2", "r:p3"]


def test_sentences_never_cross_passages_and_keep_symbol_only_lines():
    text = "It is winter. Sam falls\nthrough the ice.\n041b061a72"
    sentences = split_sentences(text, split_lines(text))
    assert [s.text for s in sentences] == [
        "It is winter.",
        "Sam falls",
        "through the ice.",
        "041b061a72",
    ]


def test_sentences_split_where_the_space_after_a_full_stop_was_lost():
    text = "Stephanie's tough resilience.And Stephanie comes alive again."
    sentences = split_sentences(text, split_lines(text))
    assert [s.text for s in sentences][-1] == "And Stephanie comes alive again."


def test_words_keep_inner_apostrophes():
    text = "Ali\u2019s son isn't five-year-old"
    assert [text[a:b] for a, b in word_spans(text)] == [
        "Ali\u2019s",
        "son",
        "isn't",
        "five",
        "year",
        "old",
    ]


def test_one_stop_word_list_with_folding():
    assert {"the", "and", "s"} <= STOPWORDS
    assert is_stopword("THE") and is_stopword("Itself") and not is_stopword("orca")


def test_count_words_is_the_one_word_count():
    text = "Ali\u2019s son isn't five-year-old \u2014 2 hands."
    assert count_words(text) == len(word_spans(text)) == 8
    assert count_words("") == 0 and count_words(" \u2014 ... ") == 0


def test_span_id_at_finds_the_span_holding_an_offset():
    text = "One. Two.\nThree."
    spans = split_sentences(text, split_lines(text))
    starts = [s.start for s in spans]
    assert [span_id_at(spans, starts, i) for i in (0, 3, 5, 10, len(text))] == [
        "s1",
        "s1",
        "s2",
        "s3",
        "s3",
    ]
    assert span_id_at(spans, starts, -1) == ""


def test_the_ascii_shortcut_of_folding_gives_what_the_full_path_gives():
    import unicodedata

    from rustbone_kit.text import _TYPOGRAPHY, _folded

    for chunk in ["It`s ICE", "A plain, ASCII sentence: 42!", "tab\there", ""]:
        full = unicodedata.normalize("NFKD", chunk.translate(_TYPOGRAPHY)).casefold()
        assert _folded(chunk) == full
