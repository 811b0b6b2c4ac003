"""Measures as tidy tables: passages and their form; rows of text printed whole."""

from __future__ import annotations

from helpers import reading

import rustbone_kit as rk
from rustbone_kit.corpus import Corpus
from rustbone_kit.measures import SHORT_LINE_WORDS, passage_table


def test_quote_rows_prints_whole_sentences_and_says_when_there_are_none():
    tone = rk.sentence_tone(rk.load_corpus(), readings=["marchant"]).head(2)
    text = rk.quote_rows(tone, note="compound")
    assert text.split("\n\n")[1].startswith(f"marchant:s2 ({tone.compound.iloc[1]}): ")
    assert tone.text.iloc[0] in text  # never cut, however long
    assert rk.quote_rows(tone.head(0)) == "(no rows)"


def test_passage_table_is_a_row_per_passage_with_its_form():
    long_line = " ".join(["word"] * SHORT_LINE_WORDS) + "."
    corpus = Corpus((reading("x", f"A Title\n{long_line} And more.\nShop link"),))
    table = passage_table(corpus)
    assert table.passage.tolist() == ["x:p1", "x:p2", "x:p3"]
    assert table.order.tolist() == [1, 2, 3] and set(table.title) == {"X"}
    assert table.form.tolist() == ["short line", "paragraph", "short line"]
    assert table.words.tolist() == [2, SHORT_LINE_WORDS + 2, 2]
    assert table.sentences.tolist() == [1, 2, 1]
    for row in table.itertuples():
        assert corpus["x"].text[row.start : row.end].startswith(row.opening.rstrip("…"))
    assert passage_table(corpus, short=2).form.tolist() == ["paragraph", "paragraph", "paragraph"]


def test_passage_table_opening_is_cut_with_an_ellipsis():
    corpus = Corpus((reading("x", "x" * 100),))
    opening = passage_table(corpus).opening.iloc[0]
    assert len(opening) == 70 and opening.endswith("…")


def test_passage_table_counts_words_as_the_corpus_does():
    corpus = rk.load_corpus()
    table = passage_table(corpus)
    assert table.groupby("reading").words.sum().to_dict() == {r.id: r.words for r in corpus}
    assert len(table) == sum(len(r.passages) for r in corpus)
