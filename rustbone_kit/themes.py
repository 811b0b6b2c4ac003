"""Themes: what critics stress, counted with a lexicon a teacher can edit.

Counted with the course's lexicon (:mod:`rustbone_kit.lexicon`, ``themes.yaml``):

- :func:`theme_hits`: every hit, a view with character offsets (reading, sentence, passage);
- :func:`theme_table`: hits per reading, scene or passage, per 1,000 words, zeros included;
(:func:`~rustbone_kit.words.distinctive_words` and :func:`~rustbone_kit.words.concordance`
look at single words; the lexicon itself is read by :mod:`rustbone_kit.lexicon`.)

What counting cannot see: a term denied ("not violent"), used ironically, quoted from
someone else, or in another sense ("fight" for an argument); a theme carried without its
words. The tables give offsets so that every count can be read in context and challenged.

>>> from rustbone_kit import load_corpus
>>> table = theme_table(load_corpus())
>>> table.columns.tolist()
['reading', 'theme', 'label', 'hits', 'words', 'rate']
>>> len(table) == 5 * len(lexicon_for(None).themes)   # every reading x theme, zeros included
True
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Literal

import pandas as pd

from .catalogue import catalogue_for
from .corpus import Corpus
from .errors import ArgumentError
from .folders import bundled_readings_path, corpus_folder
from .lexicon import Lexicon, lexicon_for
from .memo import kept
from .reading import Reading
from .scenes import scene_labels
from .text import Span, count_words, span_id_at

__all__ = ["hit_spans", "theme_hits", "theme_table"]

_HIT_COLUMNS = [
    "reading",
    "theme",
    "label",
    "term",
    "matched",
    "sentence",
    "passage",
    "start",
    "end",
]


def _reading_hits(reading: Reading, lexicon: Lexicon) -> list[tuple[str, str, int, int, str, str]]:
    """(theme, term as written, start, end, sentence id, passage id) of every hit, passage
    by passage, kept on the reading per lexicon version."""

    def find() -> list[tuple[str, str, int, int, str, str]]:
        hits, tokens, text, index = [], reading.tokens, reading.text, lexicon.index
        sentences = reading.sentences
        starts = [s.start for s in sentences]
        for passage in reading.passages:
            found = index.find_in(tokens, text, passage.start, passage.end, per_key=True)
            for theme, term, a, b in found:
                sentence = span_id_at(sentences, starts, a)
                hits.append((str(theme), term.written, a, b, sentence, passage.id))
        return hits

    return kept(reading, "_rk_theme_hits", find, owner=lexicon)


def _all_hits(corpus: Corpus, lexicon: Lexicon) -> pd.DataFrame:
    """Every theme's hits in the corpus, kept on the corpus per lexicon version: a widget,
    a chart and a table of one lesson share one frame."""

    def build() -> pd.DataFrame:
        labels = {t.id: t.label for t in lexicon.themes}
        rows = [
            (reading.id, theme, labels[theme], term, reading.text[a:b], sentence, passage, a, b)
            for reading in corpus
            for theme, term, a, b, sentence, passage in _reading_hits(reading, lexicon)
        ]
        return pd.DataFrame(rows, columns=_HIT_COLUMNS)

    return kept(corpus, "_rk_all_theme_hits", build, owner=lexicon)


def theme_hits(
    corpus: Corpus, *, lexicon: Lexicon | None = None, themes: Iterable[str] | None = None
) -> pd.DataFrame:
    """Every theme hit: one row per (term match, theme), with its sentence and offsets.

    ``matched`` is the text exactly as the critic wrote it; ``start`` and ``end`` are
    character offsets into the reading, so any hit can be shown in context.

    >>> from rustbone_kit import load_corpus
    >>> hits = theme_hits(load_corpus(), themes=["water-sea"])
    >>> row = hits.iloc[0]
    >>> load_corpus()[row.reading].text[row.start:row.end] == row.matched
    True
    """
    lexicon = lexicon or lexicon_for(corpus)
    wanted = list(themes) if themes is not None else None
    for t in wanted or ():
        lexicon.theme(t)  # an unknown id raises, naming the known ones
    frame = _all_hits(corpus, lexicon)
    if wanted is None:
        frame = frame.copy()  # the kept frame stays as it was, whatever the caller does
    else:
        frame = frame[frame.theme.isin(wanted)].reset_index(drop=True)
    return _say_borrowed(frame, corpus, lexicon)


def _say_borrowed(frame: pd.DataFrame, corpus: Corpus, lexicon: Lexicon) -> pd.DataFrame:
    """A table counted on another folder with the bundled course's lexicon says so, in a
    ``lexicon`` column on every row (the course file borrowed it)."""
    folder = corpus_folder(corpus)
    bundled = bundled_readings_path().resolve()
    path = Path(lexicon.path) if lexicon.path is not None else None
    if folder is None or folder.resolve() == bundled or path is None:
        return frame
    if path.resolve().parent == bundled:
        frame["lexicon"] = f"borrowed: the bundled course's {path.name}"
    return frame


def hit_spans(corpus: Corpus, theme: str, *, lexicon: Lexicon | None = None) -> list[Span]:
    """The hits of one theme as :class:`~rustbone_kit.text.Span` views, in corpus order.

    >>> from rustbone_kit import load_corpus
    >>> span = hit_spans(load_corpus(), "animals-captivity")[0]
    >>> span.kind, span.text == span.source[span.start:span.end]
    ('theme', True)
    """
    hits = theme_hits(corpus, lexicon=lexicon, themes=[theme])
    return [
        Span(corpus[r].text, a, b, id=f"{r}:{theme}:{a}", kind="theme")
        for r, a, b in zip(hits.reading, hits.start, hits.end, strict=True)
    ]


# --- tables -----------------------------------------------------------------------------------


def theme_table(
    corpus: Corpus,
    by: Literal["reading", "scene", "passage"] = "reading",
    per: int = 1000,
    *,
    lexicon: Lexicon | None = None,
    labels: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Theme hits per reading, scene or passage, and their rate per ``per`` words.

    Tidy, with zeros: one row per (unit, theme). ``words`` is the unit's length and ``rate``
    is ``hits / words * per``, so long and short texts compare. ``by="scene"`` counts the
    hits in the sentences labelled with each scene (by the reference annotation, or the
    ``labels`` given, e.g. ``tag_corpus(corpus)`` for a folder nobody has annotated) and
    adds up all readings; a sentence on two scenes counts for both.

    >>> from rustbone_kit import load_corpus
    >>> t = theme_table(load_corpus(), by="scene")
    >>> t.columns.tolist()
    ['scene', 'title', 'order', 'theme', 'label', 'hits', 'words', 'rate']
    """
    if by not in ("reading", "scene", "passage"):
        raise ArgumentError(
            f"by={by!r} is not a way to count",
            field="by",
            fix="choose 'reading', 'scene' or 'passage'",
        )
    lexicon = lexicon or lexicon_for(corpus)
    hits = theme_hits(corpus, lexicon=lexicon)
    themes = pd.DataFrame({"theme": lexicon.ids, "label": [t.label for t in lexicon.themes]})
    if by == "reading":
        units = pd.DataFrame({"reading": corpus.ids, "words": [r.words for r in corpus]})
        keys = ["reading"]
        counted = hits.groupby([*keys, "theme"]).size()
    elif by == "passage":
        units = pd.DataFrame(
            [(r.id, p.id, count_words(p.text)) for r in corpus for p in r.passages],
            columns=["reading", "passage", "words"],
        )
        keys = ["reading", "passage"]
        counted = hits.groupby([*keys, "theme"]).size()
    else:
        cat = catalogue_for(corpus)
        labels = scene_labels(corpus) if labels is None else labels
        sentence_words = {s.id: count_words(s.text) for r in corpus for s in r.sentences}
        per_scene = labels.groupby("scene").sentence.apply(list)
        units = pd.DataFrame(
            [
                (
                    s.id,
                    s.title,
                    s.order,
                    sum(sentence_words[x] for x in per_scene.get(s.id, [])),
                )
                for s in cat.scenes
            ],
            columns=["scene", "title", "order", "words"],
        )
        keys = ["scene", "title", "order"]
        joined = hits.merge(labels[["sentence", "scene"]], on="sentence")
        counted = joined.groupby(["scene", "theme"]).size()
        counted.index = counted.index.set_names(["scene", "theme"])
    grid = units.merge(themes, how="cross")
    index_keys = ["scene", "theme"] if by == "scene" else [*keys, "theme"]
    found = counted.rename("hits").reset_index()
    grid = grid.merge(found, on=index_keys, how="left")
    grid["hits"] = grid["hits"].fillna(0).astype(int)
    grid["rate"] = (grid.hits / grid.words.where(grid.words > 0) * per).fillna(0.0).round(2)
    table = grid[[*keys, "theme", "label", "hits", "words", "rate"]].reset_index(drop=True)
    table.attrs.update(per=per, by=by, lexicon=str(lexicon.path))
    return _say_borrowed(table, corpus, lexicon)
