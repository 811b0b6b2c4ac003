"""Judgement: ratings, evaluative language, hedges and intensifiers, stance toward characters.

- :func:`ratings`: each rating exactly as written and, only where the text states the
  scale ("3/5", "7 out of 10", stars), on 0-1;
- :func:`sentence_tone`: per sentence, the tone of its words by VADER (Hutto and Gilbert,
  2014), a rule-based sentiment lexicon of about 7,500 scored words that ships inside the
  ``vaderSentiment`` package (nothing is downloaded), with the hedges and intensifiers found;
- :func:`stance`: for each critic and character, the sentences naming the character (by
  name, role or actor, from ``characters.yaml``) and their tone.

What these measures cannot see. VADER scores words and a few rules (negation, "but",
intensifiers, capitals); it was built on social-media text, not criticism. It cannot tell
irony from praise, a critic's voice from a view the critic quotes to reject, or praise of a
performance from a grim description of what the character suffers: "a brutal, harrowing
film" scores negative, though the critic may mean it as praise. Many critics' words
("superbly", "taut", "nuanced") are not in its lexicon and score zero. A sentence naming two
characters counts for both. Read the sentences behind every number.

English only. VADER's lexicon and the kit's hedges and intensifiers are English words, so
:func:`sentence_tone` and :func:`stance` refuse a reading whose header gives another
``language`` (a :class:`~rustbone_kit.errors.LanguageError` naming it), even in a corpus
that mixes languages: pass ``readings=`` with the English ones. Nothing is skipped silently.

>>> from rustbone_kit import load_corpus
>>> tone = sentence_tone(load_corpus())
>>> tone.columns.tolist()[:6]
['reading', 'sentence', 'start', 'end', 'text', 'compound']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import pandas as pd

from .catalogue import Catalogue, catalogue_for
from .corpus import Corpus, require_english
from .memo import kept
from .reading import Reading
from .scenes import scene_labels
from .terms import TermIndex

__all__ = [
    "HEDGES",
    "INTENSIFIERS",
    "TONE_THRESHOLD",
    "hedge_shares",
    "mean_tone",
    "parse_rating",
    "ratings",
    "sentence_tone",
    "stance",
    "word_tone",
]

#: |compound| below this is "neutral" (VADER's authors' own cut-off).
TONE_THRESHOLD = 0.05

#: Words and phrases by which a critic softens a claim (written for the kit).
HEDGES = (
    "perhaps",
    "maybe",
    "possibly",
    "probably",
    "apparently",
    "seemingly",
    "arguably",
    "somewhat",
    "slightly",
    "a little",
    "a bit",
    "kind of",
    "sort of",
    "rather",
    "fairly",
    "almost",
    "nearly",
    "seem*",
    "appear*",
    "suggest*",
    "might",
    "may",
    "could",
    "i think",
    "i suppose",
    "i guess",
    "in a way",
    "to some extent",
    "more or less",
    "tends to",
)
#: Words by which a critic strengthens a claim (written for the kit).
INTENSIFIERS = (
    "very",
    "extremely",
    "incredibly",
    "truly",
    "really",
    "deeply",
    "utterly",
    "totally",
    "completely",
    "entirely",
    "absolutely",
    "highly",
    "hugely",
    "immensely",
    "profoundly",
    "remarkably",
    "exceptionally",
    "particularly",
    "especially",
    "clearly",
    "certainly",
    "undoubtedly",
    "never",
    "always",
    "superbly",
)

_FRACTION = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(?:/|out of|of)\s*(\d+(?:[.,]\d+)?)\s*$", re.I)
_STARS = re.compile(r"^\s*([★*]+)(☆*)\s*$")


def parse_rating(written: str | None) -> tuple[float | None, str]:
    """A rating on 0-1 where the written form states its scale, with how it was read.

    >>> parse_rating("3/5")
    (0.6, 'fraction 3 of 5')
    >>> parse_rating("★★★★☆")
    (0.8, '4 of 5 stars')
    >>> parse_rating("7.2")
    (None, 'no scale stated: a number alone cannot be put on 0-1')
    >>> parse_rating(None)
    (None, 'no rating')
    """
    if written is None or not str(written).strip():
        return None, "no rating"
    text = str(written)
    m = _FRACTION.match(text)
    if m:
        value, top = (float(g.replace(",", ".")) for g in m.groups())
        if top > 0 and 0 <= value <= top:
            return round(value / top, 3), f"fraction {m.group(1)} of {m.group(2)}"
        return None, f"{text!r}: the number is outside its scale"
    m = _STARS.match(text)
    if m and m.group(2):
        filled, total = len(m.group(1)), len(m.group(1)) + len(m.group(2))
        return round(filled / total, 3), f"{filled} of {total} stars"
    if re.fullmatch(r"\s*\d+(?:[.,]\d+)?\s*", text):
        return None, "no scale stated: a number alone cannot be put on 0-1"
    return None, "not a form the kit reads (fraction, 'n out of m', stars)"


def ratings(corpus: Corpus) -> pd.DataFrame:
    """One row per reading: the rating as written, and on 0-1 where the scale is stated.

    >>> from rustbone_kit import load_corpus
    >>> r = ratings(load_corpus()).set_index("reading")
    >>> r.loc["marchant", "rating"], r.loc["marchant", "score"]
    ('7.2', None)
    """
    rows = []
    for reading in corpus:
        written = reading.meta.get("rating")
        score, how = parse_rating(written)
        rows.append((reading.id, written, score, how))
    frame = pd.DataFrame(rows, columns=["reading", "rating", "score", "how"])
    frame["score"] = frame["score"].astype(object).where(frame["score"].notna(), None)
    return frame


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=1)
def _marker_index() -> TermIndex:
    return TermIndex([*(("hedge", h) for h in HEDGES), *(("intensifier", i) for i in INTENSIFIERS)])


def word_tone(words: Iterable[str]) -> pd.DataFrame:
    """How VADER's lexicon scores single words (-4 to +4), so a student can see why a sentence
    scored as it did. A word missing from the lexicon has no valence: it counts for nothing.
    The lexicon is English: a word of another language is simply not in it.

    >>> word_tone(["steals", "superbly"]).values.tolist()
    [['steals', True, -2.3], ['superbly', False, None]]
    """
    lexicon = _analyzer().lexicon
    rows = [(w, w.lower() in lexicon, lexicon.get(w.lower())) for w in words]
    frame = pd.DataFrame(rows, columns=["word", "in_lexicon", "valence"])
    frame["valence"] = frame["valence"].astype(object).where(frame["in_lexicon"], None)
    return frame


def _tone(compound: float) -> str:
    if compound >= TONE_THRESHOLD:
        return "positive"
    if compound <= -TONE_THRESHOLD:
        return "negative"
    return "neutral"


#: Why the tone measures refuse another language (the message of their LanguageError).
_ENGLISH_WORDS = "VADER's lexicon and the kit's hedges and intensifiers are English words"

_TONE_COLUMNS = [
    "reading",
    "sentence",
    "start",
    "end",
    "text",
    "compound",
    "positive",
    "negative",
    "tone",
    "hedges",
    "intensifiers",
]


def _reading_tone(reading: Reading) -> list[tuple]:
    return kept(reading, "_rk_tone", lambda: _tone_rows(reading))


def _tone_rows(reading: Reading) -> list[tuple]:
    """One row per sentence: its VADER scores, tone, hedges and intensifiers."""
    analyzer, markers = _analyzer(), _marker_index()
    rows, tokens, text = [], reading.tokens, reading.text
    for s in reading.sentences:
        scores = analyzer.polarity_scores(s.text)
        found: dict[str, list[str]] = {"hedge": [], "intensifier": []}
        for kind, _, a, b in markers.find_in(tokens, text, s.start, s.end):
            found[str(kind)].append(text[a:b])
        rows.append(
            (
                reading.id,
                s.id,
                s.start,
                s.end,
                s.text,
                scores["compound"],
                scores["pos"],
                scores["neg"],
                _tone(scores["compound"]),
                ", ".join(found["hedge"]),
                ", ".join(found["intensifier"]),
            )
        )
    return rows


def sentence_tone(
    corpus: Corpus,
    *,
    readings: Iterable[str] | None = None,
    scene: str | None = None,
    labels: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per sentence: VADER's compound score (-1 to 1), the shares of positive and negative
    words, a tone label, and the hedges and intensifiers found (as written, comma-separated).

    ``tone`` is positive at compound >= 0.05, negative at <= -0.05, else neutral.
    ``scene`` keeps the sentences on that scene (reference annotation, suggestions for
    readings nobody annotated, or the ``labels`` given). English only: a reading in another
    language among those read (all, or ``readings``) raises a ``LanguageError`` naming it.

    >>> from rustbone_kit import load_corpus
    >>> t = sentence_tone(load_corpus(), readings=["marchant"])
    >>> t.loc[t.text.str.startswith("This can be interpreted"), "hedges"].iloc[0]
    'I suppose'
    >>> sorted(set(sentence_tone(load_corpus(), scene="ice").reading))
    ['compiled-page']
    """
    chosen = [corpus[r] for r in readings] if readings is not None else list(corpus)
    return _tone_of(corpus, chosen, "rk.sentence_tone", scene, labels)


def _tone_of(
    corpus: Corpus,
    chosen: list[Reading],
    measure: str,
    scene: str | None = None,
    labels: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The tone table of the chosen readings, named ``measure`` when one is not English."""
    require_english(chosen, measure, _ENGLISH_WORDS)
    rows = [row for reading in chosen for row in _reading_tone(reading)]
    frame = pd.DataFrame(rows, columns=_TONE_COLUMNS)
    if scene is None:
        return frame
    catalogue_for(corpus).scene(scene)  # an unknown scene raises, naming the nearest
    labels = scene_labels(corpus) if labels is None else labels
    on_scene = set(labels.loc[labels.scene == scene, "sentence"])
    return frame[frame.sentence.isin(on_scene)].reset_index(drop=True)


def stance(
    corpus: Corpus,
    *,
    readings: Iterable[str] | None = None,
    catalogue: Catalogue | None = None,
    with_sentences: bool = False,
) -> pd.DataFrame:
    """Each critic's tone toward each character: the sentences naming the character.

    A sentence names a character when it contains one of the character's names, roles or
    the actor's name (``characters.yaml``). Rows for every (reading, character) pair, zeros
    included: ``sentences`` naming them, ``mean_compound`` (empty when none), counts of
    positive, negative and neutral sentences. ``with_sentences=True`` returns one row per
    (sentence, character) instead, for reading the evidence. ``readings`` keeps those
    readings; English only, as :func:`sentence_tone`.

    The tone is the sentence's, not the critic's attitude to the character: "Ali neglects
    his son" is negative about Ali, but "Stéphanie loses her legs" is negative too, and says
    nothing against her.

    >>> from rustbone_kit import load_corpus
    >>> s = stance(load_corpus())
    >>> s.columns.tolist()[:5]
    ['reading', 'character', 'name', 'sentences', 'mean_compound']
    """
    cat = catalogue or catalogue_for(corpus)
    index = TermIndex((c.id, m) for c in cat.characters for m in c.mentions)
    chosen = [corpus[r] for r in readings] if readings is not None else list(corpus)
    tone = _tone_of(corpus, chosen, "rk.stance")
    named = []
    for row in tone.itertuples(index=False):
        words = corpus[row.reading].tokens.words_in(corpus[row.reading].text, row.start, row.end)
        for cid in {key for key, _, _ in index.match_per_key(words)}:
            named.append((row.reading, cid, row.sentence, row.text, row.compound, row.tone))
    evidence = pd.DataFrame(
        named, columns=["reading", "character", "sentence", "text", "compound", "tone"]
    )
    if with_sentences:
        return evidence
    grid = pd.DataFrame(
        [(r.id, c.id, c.names[0]) for r in chosen for c in cat.characters],
        columns=["reading", "character", "name"],
    )
    grouped = evidence.groupby(["reading", "character"])
    summary = grouped.agg(sentences=("sentence", "size"), mean_compound=("compound", "mean"))
    counts = pd.crosstab([evidence.reading, evidence.character], evidence.tone)
    summary = summary.join(counts.reindex(columns=["positive", "negative", "neutral"]))
    table = grid.merge(summary.reset_index(), on=["reading", "character"], how="left")
    for column in ("sentences", "positive", "negative", "neutral"):
        table[column] = table[column].fillna(0).astype(int)
    table["mean_compound"] = table["mean_compound"].round(3)
    return table


def hedge_shares(tone: pd.DataFrame) -> pd.DataFrame:
    """Per reading, from a :func:`sentence_tone` table: its sentences, how many carry a hedge
    the kit's list finds, and that share (0 to 1, three places).

    >>> from rustbone_kit import load_corpus
    >>> shares = hedge_shares(sentence_tone(load_corpus()))
    >>> shares.columns.tolist(), bool(shares.share.between(0, 1).all())
    (['reading', 'sentences', 'hedged', 'share'], True)
    """
    table = (
        tone.assign(hedged=tone.hedges != "")
        .groupby("reading", as_index=False, sort=False)
        .agg(sentences=("sentence", "size"), hedged=("hedged", "sum"))
    )
    table["hedged"] = table["hedged"].astype(int)
    table["share"] = (table.hedged / table.sentences).round(3)
    return table


def mean_tone(tone: pd.DataFrame) -> pd.Series:
    """Per reading, the mean compound score of a :func:`sentence_tone` table (two places).

    >>> from rustbone_kit import load_corpus
    >>> mean_tone(sentence_tone(load_corpus())).index.name
    'reading'
    """
    return tone.groupby("reading")["compound"].mean().round(2)
