"""Distinctive words and the concordance, on short texts counted by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from helpers import FRENCH, folder, reading, small_corpus, write

import rustbone_kit as rk
from rustbone_kit.corpus import Corpus
from rustbone_kit.errors import LanguageError
from rustbone_kit.lexicon import Lexicon, Theme
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


# --- readings in another language ---------------------------------------------------------------


def _with_french(tmp_path) -> tuple[Corpus, Corpus]:
    write(tmp_path, "critique.md", FRENCH)
    bundled = rk.load_corpus()
    return bundled, bundled.with_readings(rk.load_corpus(tmp_path)["critique"])


def test_distinctive_words_refuse_a_corpus_with_a_reading_in_another_language(tmp_path):
    bundled, corpus = _with_french(tmp_path)
    with pytest.raises(LanguageError) as info:
        distinctive_words(corpus, "marchant")
    err = info.value
    assert err.readings == (("critique", "fr"),) and err.field == "language"
    assert "rk.distinctive_words reads English only" in err.problem
    assert "stop list" in err.problem and "critique (fr)" in err.problem
    others = [r for r in bundled.ids if r != "marchant"]
    assert f"readings={others!r}" in err.fix
    # the English readings, chosen, give the numbers they gave before
    pd.testing.assert_frame_equal(
        distinctive_words(corpus, "marchant", readings=others),
        distinctive_words(bundled, "marchant"),
    )
    with pytest.raises(LanguageError, match="choose an English reading"):
        distinctive_words(corpus, "critique", readings=["marchant"])


def test_distinctive_words_against_chosen_readings_only():
    corpus = Corpus(
        (
            reading("x", "whale whale whale whale sea sea dog"),
            reading("y", "dog dog dog dog sea sea whale"),
            reading("z", "whale " * 40),
        )
    )
    assert distinctive_words(corpus, "x", min_count=1, readings=["y"]).word.tolist() == ["whale"]
    assert distinctive_words(corpus, "x", min_count=1).word.tolist() == ["sea", "dog"]


def test_the_measures_for_any_language_work_on_a_french_reading(tmp_path):
    notes = """\
        annotator: reference
        annotations:
          - {reading: critique, quote: "Ali travaille comme videur", scenes: [club]}
        """
    corpus = rk.load_corpus(folder(tmp_path, notes, reading=FRENCH))
    (tmp_path / "annotations" / "me.yaml").rename(tmp_path / "annotations" / "reference.yaml")
    kwic = concordance(corpus, "orque*", window=12)
    assert kwic[["sentence", "left", "match"]].values.tolist() == [
        ["critique:s2", " dresse des ", "orques"]
    ]
    assert concordance(corpus, "boite de nuit").match.tolist() == ["boîte de nuit"]
    lexicon = Lexicon((Theme("eau", "L'eau", "la mer", ("mer", "nage*")),))
    hits = rk.theme_hits(corpus, lexicon=lexicon)
    assert hits.matched.tolist() == ["mer", "nage"]
    table = rk.theme_table(corpus, lexicon=lexicon)
    assert table[["hits", "words"]].values.tolist() == [[2, 29]]
    passages = corpus.scene("club").passages["critique"]
    assert [p.text for p in passages] == ["Ali travaille comme videur dans une boîte de nuit."]
