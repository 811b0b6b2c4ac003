"""Themes, distinctive words, concordance and judgement, on short texts counted by hand."""

from __future__ import annotations

import math
import shutil
import unicodedata

import pandas as pd
import pytest

import rustbone_kit as rk
from rustbone_kit.catalogue import CatalogueError
from rustbone_kit.corpus import Corpus, Reading
from rustbone_kit.judgement import parse_rating, ratings, sentence_tone, stance
from rustbone_kit.terms import TermIndex, parse_term
from rustbone_kit.text import STOPWORDS, is_stopword
from rustbone_kit.themes import (
    Lexicon,
    Theme,
    concordance,
    distinctive_words,
    hit_spans,
    lexicon_for,
    load_themes,
    theme_hits,
    theme_table,
)

LEXICON = Lexicon(
    (
        Theme("water", "Water", "the sea", ("sea", "swim*", "the open sea")),
        Theme("body", "Body", "the body", ("legs", "steel legs", "amputat*")),
        Theme("fight", "Fighting", "fights", ("fight*", "bare-knuckle")),
    )
)


def reading(rid: str, text: str, **meta) -> Reading:
    return Reading(
        id=rid, meta={"id": rid, "title": rid.title(), "kind": "test", **meta}, text=text
    )


@pytest.fixture
def small() -> Corpus:
    return Corpus(
        (
            reading("a", "She swims in the open SEA.\nHer steel legs shine; the sea is calm."),
            reading("b", "A bare-knuckle fight. Fighters fight.\nNo water here at all, just legs."),
        )
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


def test_theme_hits_have_offsets_sentences_and_text_as_written(small):
    hits = theme_hits(small, lexicon=LEXICON)
    a = hits[hits.reading == "a"]
    assert a[["theme", "matched"]].values.tolist() == [
        ["water", "swims"],
        ["water", "the open SEA"],
        ["body", "steel legs"],
        ["water", "sea"],
    ]
    for row in hits.itertuples():
        assert small[row.reading].text[row.start : row.end] == row.matched
    assert a.sentence.tolist() == ["a:s1", "a:s1", "a:s2", "a:s2"]
    assert a.passage.tolist() == ["a:p1", "a:p1", "a:p2", "a:p2"]
    spans = hit_spans(small, "fight", lexicon=LEXICON)
    assert [s.text for s in spans] == ["bare-knuckle", "fight", "Fighters", "fight"]


def test_theme_table_by_reading_counts_rates_and_zeros(small):
    table = theme_table(small, lexicon=LEXICON, per=100)
    assert len(table) == 2 * 3
    cell = table.set_index(["reading", "theme"])
    # a: 14 words; water hits: swims, the open SEA, sea = 3
    assert small["a"].words == 14
    assert cell.loc[("a", "water"), "hits"] == 3
    assert cell.loc[("a", "water"), "rate"] == round(3 / 14 * 100, 2)
    assert cell.loc[("a", "fight"), "hits"] == 0 and cell.loc[("a", "fight"), "rate"] == 0
    assert cell.loc[("b", "fight"), "hits"] == 4
    assert cell.loc[("b", "body"), "hits"] == 1
    assert table.attrs["per"] == 100


def test_theme_table_by_passage_and_scene(small):
    by_passage = theme_table(small, by="passage", lexicon=LEXICON)
    assert len(by_passage) == 4 * 3
    p = by_passage.set_index(["passage", "theme"])
    assert p.loc[("a:p2", "water"), "hits"] == 1 and p.loc[("a:p2", "body"), "hits"] == 1
    labels = pd.DataFrame(
        {"reading": ["a", "b"], "sentence": ["a:s1", "b:s1"], "scene": ["swim", "street-fights"]}
    )
    by_scene = theme_table(small, by="scene", lexicon=LEXICON, labels=labels)
    s = by_scene.set_index(["scene", "theme"])
    assert s.loc[("swim", "water"), "hits"] == 2  # swims, the open SEA (sentence 1 only)
    assert s.loc[("swim", "water"), "words"] == 6
    assert s.loc[("street-fights", "fight"), "hits"] == 2
    assert s.loc[("ice", "water"), "words"] == 0 and s.loc[("ice", "water"), "rate"] == 0
    with pytest.raises(ValueError, match="choose 'reading', 'scene' or 'passage'"):
        theme_table(small, by="sentence")


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


def test_one_stop_word_list_with_folding():
    assert {"the", "and", "s"} <= STOPWORDS
    assert is_stopword("THE") and is_stopword("Itself") and not is_stopword("orca")
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


def test_bundled_lexicon_has_the_ten_themes_and_every_theme_has_hits():
    lex = load_themes()
    assert len(lex.themes) == 10
    assert {"body-injury", "water-sea", "animals-captivity", "disability"} <= set(lex.ids)
    table = theme_table(rk.load_corpus())
    assert (table.groupby("theme").hits.sum() > 0).all()


@pytest.mark.parametrize(
    ("find", "replace", "field", "message"),
    [
        ("\n    label:", "\n    lable:", "lable", "did you mean 'label'"),
        ("\n    terms: [", "\n    terms: ['a*b', ", "terms", "may only end a term"),
        ("\n  - id: water-sea", "\n  - id: Water Sea", "id", "not a slug"),
        ("\n  - id: water-sea", "\n  - id: body-injury", "id", "used twice"),
    ],
)
def test_bad_lexicon_names_file_line_field_and_fix(tmp_path, find, replace, field, message):
    bundled = rk.bundled_readings_path() / "themes.yaml"
    text = bundled.read_text(encoding="utf-8")
    assert find in text
    (tmp_path / "themes.yaml").write_text(text.replace(find, replace, 1), encoding="utf-8")
    with pytest.raises(CatalogueError, match=message) as err:
        load_themes(tmp_path)
    assert err.value.path == str(tmp_path / "themes.yaml")
    assert err.value.field == field and err.value.line and err.value.fix


def test_a_folder_without_a_lexicon_uses_the_bundled_one(tmp_path):
    shutil.copy(rk.bundled_readings_path() / "marchant.md", tmp_path)
    corpus = rk.load_corpus(tmp_path)
    assert lexicon_for(corpus).path == rk.bundled_readings_path() / "themes.yaml"
    with pytest.raises(CatalogueError, match=r"no themes\.yaml"):
        load_themes(tmp_path)


# --- judgement --------------------------------------------------------------------------------


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


def test_offsets_survive_decomposed_accents_and_ligatures():
    text = unicodedata.normalize("NFD", "Ste\u0301phanie’s \ufb01ght, STÉPHANIE")
    index = TermIndex([("s", "stephanie"), ("f", "fight")])
    found = [(k, text[a:b]) for k, _, a, b in index.find(text)]
    assert found == [("s", unicodedata.normalize("NFD", "Stéphanie")), ("f", "\ufb01ght"),
                     ("s", unicodedata.normalize("NFD", "STÉPHANIE"))]  # fmt: skip


def test_sentence_tone_of_one_scene():
    corpus = rk.load_corpus()
    fights = sentence_tone(corpus, scene="street-fights")
    labels = rk.scenes.scene_labels(corpus).query("scene == 'street-fights'")
    assert sorted(fights.sentence) == sorted(labels.sentence)
    with pytest.raises(KeyError, match="did you mean 'ice'"):
        sentence_tone(corpus, scene="icee")
