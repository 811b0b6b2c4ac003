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
from .text import count_words

__all__ = ["SHORT_LINE_WORDS", "passage_table", "quote_rows"]

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
            words = count_words(text)
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


def quote_rows(
    frame: pd.DataFrame, *, key: str = "sentence", note: str | None = None, text: str = "text"
) -> str:
    """Rows of a table as text to print in full: ``key (note): text``, a blank line between.

    pandas cuts long text in its tables; a sentence is evidence only when it can be read
    whole, so lessons print them with this.

    >>> rows = pd.DataFrame({"sentence": ["a:s1"], "compound": [0.5], "text": ["Superb."]})
    >>> print(quote_rows(rows, note="compound"))
    a:s1 (0.5): Superb.
    """
    if frame.empty:
        return "(no rows)"
    head = frame[key].astype(str)
    if note is not None:
        head = head + " (" + frame[note].astype(str) + ")"
    return "\n\n".join(head + ": " + frame[text].astype(str))
