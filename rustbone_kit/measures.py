"""Measures of readings as tidy tables (one row per observation).

>>> from rustbone_kit import load_corpus
>>> table = passage_table(load_corpus())
>>> table.columns.tolist()
['reading', 'title', 'passage', 'order', 'start', 'end', 'words', 'sentences', 'form', 'opening']
>>> table[table.reading == "compiled-page"].form.value_counts().to_dict()
{'paragraph': 6, 'short line': 2}
"""

from __future__ import annotations

import pandas as pd

from .corpus import Corpus
from .text import word_spans

__all__ = ["SHORT_LINE_WORDS", "passage_table"]

#: A passage of fewer words than this is a "short line": a title, a caption, a link, a hash.
SHORT_LINE_WORDS = 12


def _opening(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def passage_table(corpus: Corpus, *, short: int = SHORT_LINE_WORDS) -> pd.DataFrame:
    """One row per passage: where it is, how long, and whether it is a short line.

    ``form`` is ``"short line"`` under ``short`` words, else ``"paragraph"``. Short lines
    are where web pages keep their titles, captions, links and forms, so they are the first
    place to look for text that is not the critic's argument. Length is all this measure
    sees: a short line can be a fine sentence, and boilerplate can be long.
    """
    rows = []
    for reading in corpus:
        for order, passage in enumerate(reading.passages, start=1):
            text = passage.text
            words = len(word_spans(text))
            rows.append(
                {
                    "reading": reading.id,
                    "title": reading.meta["title"],
                    "passage": passage.id,
                    "order": order,
                    "start": passage.start,
                    "end": passage.end,
                    "words": words,
                    "sentences": sum(
                        1 for s in reading.sentences if passage.start <= s.start < passage.end
                    ),
                    "form": "short line" if words < short else "paragraph",
                    "opening": _opening(text),
                }
            )
    columns = [
        "reading",
        "title",
        "passage",
        "order",
        "start",
        "end",
        "words",
        "sentences",
        "form",
        "opening",
    ]
    return pd.DataFrame(rows, columns=columns)
