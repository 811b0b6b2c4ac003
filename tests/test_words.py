"""Distinctive words and the concordance, on short texts counted by hand."""

from __future__ import annotations

import math

import pytest
from helpers import reading, small_corpus

import rustbone_kit as rk
from rustbone_kit.corpus import Corpus
from rustbone_kit.words import concordance, distinctive_words


@pytest.fixture
def small() -> Corpus:
    return small_corpus()


def test_distinctive_words_is_log_likelihood_against_the_rest():
    corpus = Corpus(
        (
            reading("x", "whale whale whale whale sea sea dog"),
            reading("y", "dog dog dog dog sea sea whale"),
        )
    )
    table = distinctive_words(corpus, "x", min_count=1)
    assert table.word.tolist() == ["whale"]  # 'sea' is used at the same rate; dog less
    row = table.iloc[0]
    a, b, c, d = 4, 1, 7, 7
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    g2 = 2 * (a * math.log(a / e1) + b * math.log(b / e2))
    assert row.g2 == round(g2, 2)
    assert row.log_ratio == round(math.log2((4 / 7) / (1 / 7)), 2)
    assert (row["count"], row.other_count) == (4, 1)


def test_distinctive_words_skip_the_one_stop_word_list_with_folding():
    corpus = Corpus((reading("x", "The the THE orca orca"), reading("y", "a film")))
    assert distinctive_words(corpus, "x").word.tolist() == ["orca"]


def test_concordance_rows_offsets_windows_and_filters(small):
    kwic = concordance(small, "fight*", window=8)
    assert kwic.match.tolist() == ["fight", "Fighters", "fight"]
    first = kwic.iloc[0]
    assert first.left == "knuckle " and first.right == ". Fighte"
    assert small["b"].text[first.start : first.end] == "fight"
    assert concordance(small, "SEA", readings=["b"]).empty
    assert concordance(small, "sea", readings=["a"]).sentence.tolist() == ["a:s1", "a:s2"]
    # the window never crosses a line break
    assert concordance(small, "calm", window=100).right.tolist() == ["."]


def test_concordance_by_scene_on_the_bundled_readings():
    corpus = rk.load_corpus()
    kwic = concordance(corpus, "ice", scene="ice")
    assert set(kwic.reading) == {"compiled-page"}
    assert all(
        corpus[r].text[a:b].lower() == "ice"
        for r, a, b in zip(kwic.reading, kwic.start, kwic.end, strict=True)
    )
    with pytest.raises(KeyError, match="did you mean 'ice'"):
        concordance(corpus, "ice", scene="icee")
    with pytest.raises(KeyError, match="unknown reading id"):
        concordance(corpus, "ice", readings=["nobody"])


def test_curly_and_straight_apostrophes_accents_and_case_alike():
    corpus = Corpus((reading("x", "Stéphanie’s legs. STEPHANIE'S legs. stephanie's legs."),))
    assert len(concordance(corpus, "stephanie's legs")) == 3
    assert len(concordance(corpus, "Stéphanie’s")) == 3
