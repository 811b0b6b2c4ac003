"""Terms (words, stems, phrases) and the index that finds them in any typography."""

from __future__ import annotations

import unicodedata

import pytest

from rustbone_kit.errors import ArgumentError
from rustbone_kit.terms import TermIndex, parse_term, term_problem, words_of


def test_terms_match_whole_words_stems_and_phrases_in_any_typography():
    index = TermIndex([("k", "ali's son"), ("k", "amputat*"), ("k", "ice")])
    text = "ALI’S  son; amputated; nice ice; Amputation"
    found = [text[a:b] for _, _, a, b in index.find(text)]
    assert found == ["ALI’S  son", "amputated", "ice", "Amputation"]
    assert parse_term("Stéphanie*").words == ("stephanie",)
    with pytest.raises(ValueError, match="'\\*' may only end a term"):
        parse_term("a*b")


def test_each_theme_is_matched_on_its_own_but_not_twice_within_a_theme():
    index = TermIndex([("body", "legs"), ("body", "steel legs"), ("metal", "steel")])
    text = "steel legs"
    rows = sorted((k, text[a:b]) for k, _, a, b in index.find(text, per_key=True))
    assert rows == [("body", "steel legs"), ("metal", "steel")]
    # without per_key, the longest match wins across keys and nothing overlaps
    assert [(k, text[a:b]) for k, _, a, b in index.find(text)] == [("body", "steel legs")]


def test_offsets_survive_decomposed_accents_and_ligatures():
    text = unicodedata.normalize("NFD", "Ste\u0301phanie’s \ufb01ght, STÉPHANIE")
    index = TermIndex([("s", "stephanie"), ("f", "fight")])
    found = [(k, text[a:b]) for k, _, a, b in index.find(text)]
    assert found == [("s", unicodedata.normalize("NFD", "Stéphanie")), ("f", "\ufb01ght"),
                     ("s", unicodedata.normalize("NFD", "STÉPHANIE"))]  # fmt: skip


@pytest.mark.parametrize(
    ("written", "problem"),
    [(None, "a term must be a word or phrase"), ("  ", "a term must be a word or phrase"),
     ("ice*cream", "'*' may only end a term"), ("--", "it has no letters or digits"),
     ("broken hand*", None), ("ice", None)],
)  # fmt: skip
def test_term_problem_says_why_a_term_cannot_be_used(written, problem):
    assert term_problem(written) == problem


def test_a_bad_term_is_an_argument_error_and_a_good_one_is_folded():
    with pytest.raises(ArgumentError, match="term '!!': it has no letters or digits") as info:
        parse_term("!!")
    assert info.value.field == "term" and "injur*" in info.value.fix
    term = parse_term("Bare-knuckle FIGHT*")
    assert term.words == ("bare", "knuckle", "fight") and term.stem
    assert term.length == len("bare knuckle fight") and not parse_term("ice").stem
    assert words_of("Ali’s FISTS") == ["ali", "s", "fists"]
