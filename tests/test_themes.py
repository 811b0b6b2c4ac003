"""Theme hits and the theme table, on short texts counted by hand."""

from __future__ import annotations

import pandas as pd
import pytest
from helpers import LEXICON, small_corpus

import rustbone_kit as rk
from rustbone_kit.corpus import Corpus
from rustbone_kit.themes import hit_spans, theme_hits, theme_table


@pytest.fixture
def small() -> Corpus:
    return small_corpus()


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


def test_every_bundled_theme_has_hits():
    table = theme_table(rk.load_corpus())
    assert (table.groupby("theme").hits.sum() > 0).all()


def test_a_table_counted_with_a_borrowed_lexicon_says_so_on_every_row(tmp_path):
    import shutil

    shutil.copy(rk.bundled_readings_path() / "marchant.md", tmp_path)
    (tmp_path / "course.yaml").write_text("title: Demo\nborrow: [themes.yaml]\n", "utf-8")
    corpus = rk.load_corpus(tmp_path)
    for table in (rk.theme_table(corpus), rk.theme_hits(corpus)):
        assert len(table) and set(table.lexicon) == {"borrowed: the bundled course's themes.yaml"}
    assert "lexicon" not in rk.theme_table(rk.load_corpus()).columns  # the bundled course's own


def test_hits_are_found_once_per_corpus_and_lexicon_and_a_caller_cannot_spoil_them(small):
    first = theme_hits(small)
    first.loc[:, "matched"] = "spoilt"
    first["start"] += 1
    again = theme_hits(small)
    assert len(again) > 0 and "spoilt" not in set(again.matched)
    assert (again.start != first.start).all()
    assert again.equals(theme_hits(small))
    one = theme_hits(small, themes=[again.theme.iloc[0]])
    assert set(one.theme) == {again.theme.iloc[0]} and list(one.index) == list(range(len(one)))
    assert one.start.dtype == again.start.dtype == "int64"
