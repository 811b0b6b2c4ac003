"""Judgement: ratings as written, sentence tone with hedges and intensifiers, stance."""

from __future__ import annotations

import pandas as pd
import pytest
from helpers import FRENCH, reading, write

import rustbone_kit as rk
from rustbone_kit.corpus import Corpus
from rustbone_kit.errors import LanguageError
from rustbone_kit.judgement import parse_rating, ratings, sentence_tone, stance


@pytest.mark.parametrize(
    ("written", "score"),
    [("3/5", 0.6), ("7 out of 10", 0.7), ("4,5 / 5", 0.9), ("★★☆☆☆", 0.4), ("7.2", None),
     ("B+", None), (None, None), ("", None), ("6/5", None)],
)  # fmt: skip
def test_ratings_are_put_on_0_1_only_where_the_scale_is_written(written, score):
    assert parse_rating(written)[0] == score


def test_ratings_table_keeps_the_rating_as_written():
    table = ratings(rk.load_corpus()).set_index("reading")
    assert table.loc["marchant", "rating"] == "7.2"
    assert table.loc["marchant", "score"] is None
    assert "no scale stated" in table.loc["marchant", "how"]
    assert table.loc["bowditch", "how"] == "no rating"


def test_sentence_tone_hedges_and_intensifiers():
    corpus = Corpus(
        (
            reading(
                "x",
                "The acting is wonderful. It is perhaps a bit too long. The ending is really "
                "awful. Ali drives south.",
            ),
        )
    )
    tone = sentence_tone(corpus).set_index("sentence")
    assert tone.tone.tolist() == ["positive", "neutral", "negative", "neutral"]
    assert tone.loc["x:s1", "compound"] > 0.5
    assert tone.loc["x:s2", "hedges"] == "perhaps, a bit"
    assert tone.loc["x:s3", "intensifiers"] == "really"
    assert tone.loc["x:s4", "hedges"] == "" and tone.loc["x:s4", "compound"] == 0


def test_stance_counts_sentences_naming_each_character():
    corpus = Corpus(
        (reading("x", "Ali is wonderful. Stéphanie and Ali suffer terribly. Sam sleeps."),)
    )
    table = stance(corpus).set_index("character")
    assert table.loc["ali", "sentences"] == 2
    assert table.loc["stephanie", "sentences"] == 1 and table.loc["stephanie", "negative"] == 1
    assert table.loc["sam", "neutral"] == 1
    assert table.loc["anna", "sentences"] == 0 and pd.isna(table.loc["anna", "mean_compound"])
    evidence = stance(corpus, with_sentences=True)
    assert sorted(evidence.loc[evidence.character == "ali", "sentence"]) == ["x:s1", "x:s2"]


def test_sentence_tone_of_one_scene():
    corpus = rk.load_corpus()
    fights = sentence_tone(corpus, scene="street-fights")
    labels = rk.scenes.scene_labels(corpus).query("scene == 'street-fights'")
    assert sorted(fights.sentence) == sorted(labels.sentence)
    with pytest.raises(KeyError, match="did you mean 'ice'"):
        sentence_tone(corpus, scene="icee")


# --- readings in another language ---------------------------------------------------------------


@pytest.fixture
def mixed(tmp_path) -> tuple[Corpus, Corpus]:
    """The bundled readings, and the same with a French review (read from a file) added."""
    write(tmp_path, "critique.md", FRENCH)
    french = rk.load_corpus(tmp_path)["critique"]
    bundled = rk.load_corpus()
    return bundled, bundled.with_readings(french)


@pytest.mark.parametrize("measure", [sentence_tone, stance])
def test_tone_measures_refuse_a_reading_in_another_language_naming_it(mixed, measure):
    bundled, corpus = mixed
    with pytest.raises(LanguageError) as info:
        measure(corpus)
    err = info.value
    assert err.readings == (("critique", "fr"),)
    assert err.field == "language" and err.path.endswith("critique.md")
    assert f"rk.{measure.__name__} reads English only" in err.problem
    assert "critique (fr)" in err.problem and "VADER" in err.problem
    assert f"readings={list(bundled.ids)!r}" in err.fix and "'Languages'" in err.fix
    assert isinstance(err, rk.KitError) and isinstance(err, ValueError)


def test_a_french_reading_alone_or_chosen_by_id_is_refused_too(mixed):
    _, corpus = mixed
    with pytest.raises(LanguageError, match=r"critique \(fr\)") as info:
        sentence_tone(corpus, readings=["marchant", "critique"])
    assert "readings=['marchant']" in info.value.fix
    with pytest.raises(LanguageError, match="measures for any language"):
        sentence_tone(Corpus((corpus["critique"],)))  # no English reading to offer


def test_english_readings_of_a_mixed_corpus_keep_their_numbers(mixed):
    bundled, corpus = mixed
    english = [r.id for r in corpus if r.is_english]
    assert english == list(bundled.ids)
    pd.testing.assert_frame_equal(sentence_tone(corpus, readings=english), sentence_tone(bundled))
    pd.testing.assert_frame_equal(stance(corpus, readings=english), stance(bundled))
    tone = sentence_tone(corpus, readings=["marchant"])
    assert tone.loc[tone.text.str.startswith("This can be interpreted"), "hedges"].iloc[0] == (
        "I suppose"
    )
    assert sentence_tone(corpus, readings=english, scene="ice").reading.unique().tolist() == [
        "compiled-page"
    ]


def test_english_with_a_region_is_english():
    corpus = Corpus((reading("x", "The acting is wonderful.", language="en-GB"),))
    assert sentence_tone(corpus).tone.tolist() == ["positive"]
    assert stance(corpus, readings=["x"]).reading.unique().tolist() == ["x"]
