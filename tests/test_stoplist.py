"""The one stop list: every tool that drops stop words uses it."""

from __future__ import annotations

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
