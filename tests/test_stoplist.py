"""The one stop list: every tool that drops stop words uses it."""

from __future__ import annotations

import pytest

import rustbone_kit as rk
from rustbone_kit.stoplist import STOPWORDS, is_content_word, is_stopword


def test_the_stop_list_is_the_one_the_package_exports():
    assert rk.STOPWORDS is STOPWORDS and "the" in STOPWORDS and "orca" not in STOPWORDS


def test_content_words_leave_out_stop_words_numbers_and_single_letters():
    assert [w for w in ["the", "7", "s", "orca", "fists"] if is_content_word(w)] == [
        "orca",
        "fists",
    ]


def test_stop_words_are_matched_folded():
    assert is_stopword("THE") and is_stopword("Would") and not is_stopword("Whale")


def test_the_stop_list_is_english_so_the_measures_built_on_it_refuse_other_languages():
    # French function words are content words to it: that is why distinctive words refuse
    assert [w for w in ("les", "des", "und", "the") if is_stopword(w)] == ["the"]
    corpus = rk.Corpus((rk.reading_from_text("Les orques et les orques.", id="fr", language="fr"),))
    with pytest.raises(rk.LanguageError, match=r"fr \(fr\)"):
        rk.distinctive_words(corpus, "fr")
