"""Terms (words, stems, phrases) and the index that finds them in any typography."""

from __future__ import annotations

import re
import unicodedata

import pytest

from rustbone_kit import terms
from rustbone_kit.errors import ArgumentError
from rustbone_kit.terms import (
    TermIndex,
    Tokens,
    folds_word_for_word,
    parse_term,
    term_problem,
    words_of,
)


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


# --- tokens kept for a whole text ---------------------------------------------------------------

_PIECES = [
    "Ali",
    "STÉPHANIE",
    "ﬁst",
    "straße",
    "ΟΔΟΣ",
    "e\u0301",
    "’s",
    "'",
    " ",
    "\n",
    "  ",
    "-",
    "the",
    "sea",
    "swims",
    "broken",
    "hand",
    "ice",
    ".",
    "\u200b",
    "x\u0308y",
    "Ǆ",
    "²",
]
_INDEX = TermIndex(
    [
        ("sea", "the sea"),
        ("sea", "swim*"),
        ("hurt", "broken hand"),
        ("hurt", "broken"),
        ("cold", "ice"),
        ("name", "stéphanie"),
        ("name", "ali"),
        ("name", "ali's"),
        ("x", "s"),
    ]
)


def _texts(seed: int, count: int) -> list[str]:
    import random

    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 40))) for _ in range(count)]


def test_folding_keeps_words_exactly_where_the_kit_says_it_does():
    assert folds_word_for_word("Ali’s ﬁst, STRASSE, straße, ΟΔΟΣ")
    assert not folds_word_for_word("Ste\u0301phanie")  # the accent folds to nothing
    for text in _texts(1, 400):
        if folds_word_for_word(text):  # then the words are at the text's own words
            tokens = [m.group() for m in re.finditer(r"\w+", text)]
            assert [w for t in tokens for w in words_of(t)] == words_of(text)


def test_a_stretch_of_kept_tokens_is_what_the_stretch_alone_gives():
    import random

    rng = random.Random(2)
    checked = {"slice": 0, "alone": 0}
    for text in _texts(3, 300):
        tokens = Tokens.of(text)
        assert tokens.words == words_of(text)
        for _ in range(6):
            start = rng.randint(0, len(text))
            end = rng.randint(start, len(text))
            alone = [(k, t, start + a, start + b) for k, t, a, b in _INDEX.find(text[start:end])]
            per_key = _INDEX.find(text[start:end], per_key=True)
            assert _INDEX.find_in(tokens, text, start, end) == alone
            assert _INDEX.find_in(tokens, text, start, end, per_key=True) == [
                (k, t, start + a, start + b) for k, t, a, b in per_key
            ]
            assert tokens.words_in(text, start, end) == words_of(text[start:end])
            checked["slice" if tokens.between(start, end) is not None else "alone"] += 1
    assert min(checked.values()) > 100  # both ways were tried, many times


def test_a_stretch_that_cuts_a_word_is_folded_on_its_own():
    tokens = Tokens.of("Ali swims")
    assert tokens.between(0, 9) == range(0, 2)
    assert tokens.between(1, 9) is None and tokens.between(0, 5) is None
    assert tokens.between(3, 4) == range(1, 1)  # only the space: no word, none cut
    assert tokens.words_in("Ali swims", 6, 9) == ["ims"]


def test_an_index_plans_each_word_once_and_keeps_a_bounded_number(monkeypatch):
    index = TermIndex([("sea", "the sea"), ("sea", "swim*"), ("cold", "ice")])
    words = words_of("the sea, the ice; swims and swam")
    assert index.match_per_key(words) == [
        ("sea", parse_term("the sea"), 0),
        ("cold", parse_term("ice"), 3),
        ("sea", parse_term("swim*"), 4),
    ]
    assert set(index._plans) == set(words)
    assert index._plans["and"] is None and index._plans["swims"].longest == parse_term("swim*")
    monkeypatch.setattr(terms, "_PLANS_KEPT", 3)
    index.match_words(words_of("one two three four"))
    assert set(index._plans) == {"one", "two", "three", "four"}  # started again, this text only
