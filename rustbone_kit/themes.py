"""Themes: what critics stress, counted with a lexicon a teacher can edit.

``readings/themes.yaml`` lists the themes, each with a label, a description and its terms
(words, ``stem*`` and phrases, matched as in :mod:`rustbone_kit.terms`). From it come:

- :func:`theme_hits`: every hit, a view with character offsets (reading, sentence, passage);
- :func:`theme_table`: hits per reading, scene or passage, per 1,000 words, zeros included;
- :func:`distinctive_words`: what one critic says more than the others (log-likelihood);
- :func:`concordance`: keyword in context for any term, filterable by reading and scene.

What counting cannot see: a term denied ("not violent"), used ironically, quoted from
someone else, or in another sense ("fight" for an argument); a theme carried without its
words. The tables give offsets so that every count can be read in context and challenged.

>>> from rustbone_kit import load_corpus
>>> table = theme_table(load_corpus())
>>> table.columns.tolist()
['reading', 'theme', 'label', 'hits', 'words', 'rate']
>>> len(table) == 5 * len(load_themes().themes)   # every reading x theme, zeros included
True
"""

from __future__ import annotations

import difflib
import math
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from .catalogue import CatalogueError, read_catalogue_file
from .corpus import SLUG, Corpus, Reading, bundled_readings_path
from .errors import unknown_id_message
from .terms import TermIndex, term_problem, words_of
from .text import Span, is_content_word, word_spans

__all__ = [
    "Lexicon",
    "Theme",
    "concordance",
    "distinctive_words",
    "hit_spans",
    "lexicon_for",
    "load_themes",
    "theme_hits",
    "theme_table",
]

_FIELDS = {"id": True, "label": True, "description": True, "terms": True}


@dataclass(frozen=True)
class Theme:
    """One theme: an id, a label for charts, a description, and the terms that signal it."""

    id: str
    label: str
    description: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    """The themes of a readings folder, in file order.

    >>> lex = load_themes()
    >>> lex.theme("water-sea").label
    'Water and the sea'
    """

    themes: tuple[Theme, ...]
    path: Path | None = None

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.themes)

    def theme(self, theme_id: str) -> Theme:
        """The theme with this id; a KeyError suggests the nearest id."""
        for t in self.themes:
            if t.id == theme_id:
                return t
        raise KeyError(unknown_id_message("theme", theme_id, self.ids))

    @cached_property
    def index(self) -> TermIndex:
        """Every term of every theme, keyed by theme id; each theme is matched on its own."""
        return TermIndex((t.id, term) for t in self.themes for term in t.terms)


def _fail(problem: str, path: Path, line: int | None, field: str | None, fix: str):
    raise CatalogueError(problem, path=path, line=line, field=field, fix=fix)


def _check_theme(item: Any, path: Path, line: int) -> Theme:
    if not isinstance(item, dict):
        _fail("each theme must be a mapping of fields", path, line, None, "write '- id: ...'")
    for key in item:
        if key not in _FIELDS:
            close = difflib.get_close_matches(str(key), list(_FIELDS), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            fix = "use only: " + ", ".join(_FIELDS)
            _fail(f"unknown field {key!r} in a theme{hint}", path, line, str(key), fix)
    for key in _FIELDS:
        if not item.get(key):
            _fail(f"the theme has no {key!r}", path, line, key, f"add '{key}: ...' to it")
    if not SLUG.match(str(item["id"])):
        _fail(
            f"id {item['id']!r} is not a slug",
            path,
            line,
            "id",
            "use lower-case letters, digits and single hyphens",
        )
    terms = item["terms"]
    if not isinstance(terms, list):
        _fail("'terms' must be a list", path, line, "terms", "write terms: [word, stem*, a phrase]")
    for term in terms:
        problem = term_problem(term)
        if problem:
            _fail(
                f"term {term!r}: {problem}",
                path,
                line,
                "terms",
                "write a word, a stem ending in * (injur*) or a phrase (broken hand)",
            )
    return Theme(str(item["id"]), str(item["label"]), str(item["description"]), tuple(terms))


def load_themes(folder: str | Path | None = None) -> Lexicon:
    """Read ``themes.yaml`` from a readings folder (the bundled one by default).

    Raises :class:`~rustbone_kit.catalogue.CatalogueError` naming the file, the theme's line
    and the field of anything malformed: an unknown field, a missing label, a bad term, an id
    used twice.
    """
    folder = Path(folder) if folder is not None else bundled_readings_path()
    path = folder / "themes.yaml"
    data, node = read_catalogue_file(path)
    if not isinstance(data, dict) or not isinstance(data.get("themes"), list):
        _fail(
            "expected a top-level 'themes:' list",
            path,
            1,
            "themes",
            "start the list with 'themes:' and one '- id: ...' per theme",
        )
    entries = next(v for k, v in node.value if k.value == "themes").value
    themes = [
        _check_theme(item, path, entries[i].start_mark.line + 1)
        for i, item in enumerate(data["themes"])
    ]
    seen: set[str] = set()
    for i, theme in enumerate(themes):
        if theme.id in seen:
            _fail(
                f"theme id {theme.id!r} is used twice",
                path,
                entries[i].start_mark.line + 1,
                "id",
                "give every theme its own id",
            )
        seen.add(theme.id)
    return Lexicon(tuple(themes), path)


@lru_cache(maxsize=16)
def _lexicon_cached(folder: Path | None, stamp: float) -> Lexicon:
    return load_themes(folder)


def _lexicon_of(folder: Path | None) -> Lexicon:
    """The folder's lexicon, read again whenever themes.yaml has changed (no restart needed)."""
    path = (folder or bundled_readings_path()) / "themes.yaml"
    return _lexicon_cached(folder, path.stat().st_mtime if path.exists() else 0.0)


def lexicon_for(corpus: Corpus | None) -> Lexicon:
    """The lexicon beside a corpus's readings; the bundled one if its folder has none.

    A teacher's folder of new readings of the same film can leave themes.yaml out; a folder
    for another film should carry its own.
    """
    folder = corpus.path if corpus is not None and corpus.path and corpus.path.is_dir() else None
    if folder is not None and not (folder / "themes.yaml").is_file():
        folder = None
    return _lexicon_of(folder)


# --- hits -------------------------------------------------------------------------------------

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


def _reading_hits(reading: Reading, lexicon: Lexicon) -> list[tuple[str, str, int, int]]:
    """(theme, term as written, start, end) of every hit, passage by passage, cached."""
    cache = reading.__dict__.setdefault("_rk_theme_hits", {})
    key = id(lexicon)
    if key not in cache:
        hits = []
        for passage in reading.passages:
            for theme, term, a, b in lexicon.index.find(passage.text, per_key=True):
                hits.append((str(theme), term.written, passage.start + a, passage.start + b))
        cache[key] = (lexicon, hits)  # keep the lexicon alive so its id stays its own
    return cache[key][1]


def _locate(spans: Sequence[Span], starts: list[int], offset: int) -> str:
    i = bisect_right(starts, offset) - 1
    return spans[i].id if i >= 0 else ""


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
    wanted = set(themes) if themes is not None else None
    for t in wanted or ():
        lexicon.theme(t)  # an unknown id raises, naming the known ones
    labels = {t.id: t.label for t in lexicon.themes}
    rows = []
    for reading in corpus:
        sentences, passages = reading.sentences, reading.passages
        s_starts = [s.start for s in sentences]
        p_starts = [p.start for p in passages]
        for theme, term, a, b in _reading_hits(reading, lexicon):
            if wanted is not None and theme not in wanted:
                continue
            rows.append(
                (
                    reading.id,
                    theme,
                    labels[theme],
                    term,
                    reading.text[a:b],
                    _locate(sentences, s_starts, a),
                    _locate(passages, p_starts, a),
                    a,
                    b,
                )
            )
    return pd.DataFrame(rows, columns=_HIT_COLUMNS)


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


def _words(span_text: str) -> int:
    return len(word_spans(span_text))


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
        raise ValueError(f"by={by!r}: choose 'reading', 'scene' or 'passage'")
    lexicon = lexicon or lexicon_for(corpus)
    hits = theme_hits(corpus, lexicon=lexicon)
    themes = pd.DataFrame({"theme": lexicon.ids, "label": [t.label for t in lexicon.themes]})
    if by == "reading":
        units = pd.DataFrame({"reading": corpus.ids, "words": [r.words for r in corpus]})
        keys = ["reading"]
        counted = hits.groupby([*keys, "theme"]).size()
    elif by == "passage":
        units = pd.DataFrame(
            [(r.id, p.id, _words(p.text)) for r in corpus for p in r.passages],
            columns=["reading", "passage", "words"],
        )
        keys = ["reading", "passage"]
        counted = hits.groupby([*keys, "theme"]).size()
    else:
        from .scenes import catalogue_for, scene_labels  # scenes sit beside themes

        cat = catalogue_for(corpus)
        labels = scene_labels(corpus) if labels is None else labels
        sentence_words = {s.id: _words(s.text) for r in corpus for s in r.sentences}
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
    return table


# --- distinctive words ------------------------------------------------------------------------


def _content_words(reading: Reading) -> Counter:
    """Counts of a reading's words: folded, stop words, numbers and single letters left out."""
    counts = reading.__dict__.get("_rk_content_words")
    if counts is None:
        counts = Counter(w for w in words_of(reading.text) if is_content_word(w))
        reading.__dict__["_rk_content_words"] = counts
    return counts


def _g2(a: int, b: int, c: int, d: int) -> float:
    """Dunning's log-likelihood G2 for a word seen a times in c words and b times in d."""
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    total = 0.0
    if a:
        total += a * math.log(a / e1)
    if b:
        total += b * math.log(b / e2)
    return 2 * total


def distinctive_words(
    corpus: Corpus, reading_id: str, *, top: int = 20, min_count: int = 2
) -> pd.DataFrame:
    """The words one reading uses more than the rest of the corpus, strongest first.

    Keyness is Dunning's log-likelihood (G2), the reading against all other readings put
    together. Log-likelihood, not TF-IDF, because a class corpus has few texts: with five,
    inverse document frequency takes five values, and a word every critic uses gets weight
    zero however much more one of them uses it. G2 compares rates of use, allows for the
    texts' lengths, and stays sound for small counts; G2 above 3.84 is roughly p < 0.05 for
    one word (with many words tested, read it as a ranking, not a proof). ``log_ratio`` is
    the effect size (log2 of the ratio of rates, 0.5 added to zero counts): 1 means twice as
    often. ``rate`` and ``other_rate`` are per 1,000 *content* words (stop words, numbers and
    single letters not counted), so they differ from :func:`theme_table`'s rates per 1,000
    words. Ties in G2 are listed alphabetically. Words are folded; stop words
    (:data:`~rustbone_kit.text.STOPWORDS`), numbers and single letters are left out;
    ``min_count`` drops words the reading uses fewer times.

    >>> from rustbone_kit import load_corpus
    >>> words = distinctive_words(load_corpus(), "compiled-page", top=3)
    >>> words.columns.tolist()
    ['word', 'count', 'rate', 'other_count', 'other_rate', 'g2', 'log_ratio']
    """
    target = corpus[reading_id]
    mine = _content_words(target)
    rest: Counter = Counter()
    for r in corpus:
        if r is not target:
            rest.update(_content_words(r))
    c, d = sum(mine.values()), sum(rest.values())
    rows = []
    for word, a in mine.items():
        b = rest.get(word, 0)
        if a < min_count or (d and a / c <= b / d):
            continue
        ratio = math.log2(((a or 0.5) / c) / ((b or 0.5) / d)) if d else float("inf")
        rows.append((word, a, a / c * 1000, b, b / d * 1000 if d else 0.0, _g2(a, b, c, d), ratio))
    columns = ["word", "count", "rate", "other_count", "other_rate", "g2", "log_ratio"]
    frame = pd.DataFrame(rows, columns=columns)
    frame = frame.sort_values(["g2", "word"], ascending=[False, True]).head(top)
    return frame.round({"rate": 2, "other_rate": 2, "g2": 2, "log_ratio": 2}).reset_index(drop=True)


# --- concordance ------------------------------------------------------------------------------


def concordance(
    corpus: Corpus,
    term: str,
    *,
    window: int = 40,
    readings: Iterable[str] | None = None,
    scene: str | None = None,
    labels: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Keyword in context: one row per match of ``term``, with up to ``window`` characters
    either side (cut at a line break), its reading, sentence and offsets.

    ``term`` uses the lexicon syntax (``swim*``, ``broken hand``); case, accents and curly
    apostrophes do not matter. ``readings`` keeps only those readings; ``scene`` keeps only
    sentences labelled with that scene (reference annotation, or ``labels``).

    >>> from rustbone_kit import load_corpus
    >>> kwic = concordance(load_corpus(), "orca*", window=20)
    >>> kwic.columns.tolist()
    ['reading', 'sentence', 'left', 'match', 'right', 'start', 'end']
    """
    index = TermIndex([("term", term)])  # raises ValueError on a malformed term
    chosen = list(readings) if readings is not None else list(corpus.ids)
    for r in chosen:
        corpus[r]  # an unknown id raises, naming the known ones
    allowed: set[str] | None = None
    if scene is not None:
        from .scenes import catalogue_for, scene_labels

        catalogue_for(corpus).scene(scene)  # an unknown scene raises
        labels = scene_labels(corpus) if labels is None else labels
        allowed = set(labels.loc[labels.scene == scene, "sentence"])
    rows = []
    for rid in chosen:
        reading = corpus[rid]
        starts = [s.start for s in reading.sentences]
        for passage in reading.passages:
            for _, _, a, b in index.find(passage.text):
                start, end = passage.start + a, passage.start + b
                sentence = _locate(reading.sentences, starts, start)
                if allowed is not None and sentence not in allowed:
                    continue
                text = reading.text
                left = text[max(passage.start, start - window) : start]
                right = text[end : min(passage.end, end + window)]
                rows.append((rid, sentence, left, text[start:end], right, start, end))
    columns = ["reading", "sentence", "left", "match", "right", "start", "end"]
    return pd.DataFrame(rows, columns=columns)
