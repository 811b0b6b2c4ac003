"""Single words: what one critic says more than the others, and any term in context.

- :func:`distinctive_words`: what one critic says more than the others (log-likelihood);
- :func:`concordance`: keyword in context for any term, filterable by reading and scene.

The concordance works in any language. Distinctive words leave out the kit's English stop
words, so they refuse a reading in another language (a ``LanguageError`` naming it).

>>> from rustbone_kit import load_corpus
>>> concordance(load_corpus(), "orca*", window=20).match.iloc[0].lower()[:4]
'orca'
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Iterable

import pandas as pd

from .catalogue import catalogue_for
from .corpus import Corpus, require_english
from .memo import kept
from .reading import Reading
from .scenes import scene_labels
from .stoplist import is_content_word
from .terms import Term, TermIndex
from .text import span_id_at

__all__ = ["concordance", "distinctive_words"]


def _content_words(reading: Reading) -> Counter:
    """Counts of a reading's words: folded, stop words, numbers and single letters left out."""
    return kept(
        reading,
        "_rk_content_words",
        lambda: Counter(w for w in reading.tokens.words if is_content_word(w)),
    )


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
    corpus: Corpus,
    reading_id: str,
    *,
    top: int = 20,
    min_count: int = 2,
    readings: Iterable[str] | None = None,
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
    (:data:`~rustbone_kit.stoplist.STOPWORDS`), numbers and single letters are left out;
    ``min_count`` drops words the reading uses fewer times. ``readings`` compares it with
    those readings only (the reading itself is always counted). English only: the stop list
    is English, so a reading in another language among those counted raises a
    :class:`~rustbone_kit.errors.LanguageError` naming it.

    >>> from rustbone_kit import load_corpus
    >>> words = distinctive_words(load_corpus(), "compiled-page", top=3)
    >>> words.columns.tolist()
    ['word', 'count', 'rate', 'other_count', 'other_rate', 'g2', 'log_ratio']
    """
    target = corpus[reading_id]
    chosen = [corpus[r] for r in readings] if readings is not None else list(corpus)
    why = "it leaves out the kit's stop list of English words"
    if not target.is_english:
        require_english([target], "rk.distinctive_words", why, fix="choose an English reading")
    others = require_english([r for r in chosen if r is not target], "rk.distinctive_words", why)
    mine = _content_words(target)
    rest: Counter = Counter()
    for r in others:
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


def _passage_words(reading: Reading) -> tuple[tuple[str, ...], ...]:
    """The folded words of each passage, kept on the reading (it never changes): folding is
    most of a search's cost, and a class searches the same readings many times."""
    tokens, text = reading.tokens, reading.text
    return kept(
        reading,
        "_rk_words",
        lambda: tuple(tuple(tokens.words_in(text, p.start, p.end)) for p in reading.passages),
    )


def _vocabulary(reading: Reading) -> frozenset[str]:
    """Each folded word of the reading, kept on it: a search looks only at the readings
    that hold its first word, and in them at the passages that do, whatever the size of
    the corpus."""

    def build() -> frozenset[str]:
        if reading.tokens.exact:  # the passages' words are slices of the reading's
            return frozenset(reading.tokens.words)
        return frozenset(w for words in _passage_words(reading) for w in words)

    return kept(reading, "_rk_vocabulary", build)


def _passages_with(reading: Reading, term: Term) -> list[int]:
    """The passages of ``reading`` that hold the first word of ``term`` (or, for a one-word
    stem, a word it begins), in order: the only ones a match can be in."""
    vocabulary, first = _vocabulary(reading), term.words[0]
    if not (term.stem and len(term.words) == 1):
        wanted = {first} if first in vocabulary else set()
    else:
        words = kept(reading, "_rk_sorted_vocabulary", lambda: sorted(vocabulary))
        wanted, at = set(), bisect.bisect_left(words, first)
        while at < len(words) and words[at].startswith(first):
            wanted.add(words[at])
            at += 1
    if not wanted:
        return []
    return [n for n, words in enumerate(_passage_words(reading)) if not wanted.isdisjoint(words)]


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
    (parsed,) = index.owners
    chosen = list(readings) if readings is not None else list(corpus.ids)
    for r in chosen:
        corpus[r]  # an unknown id raises, naming the known ones
    allowed: set[str] | None = None
    if scene is not None:
        catalogue_for(corpus).scene(scene)  # an unknown scene raises
        labels = scene_labels(corpus) if labels is None else labels
        allowed = set(labels.loc[labels.scene == scene, "sentence"])
    rows = []
    for rid in chosen:
        reading = corpus[rid]
        numbers = _passages_with(reading, parsed)
        if not numbers:
            continue
        starts = [s.start for s in reading.sentences]
        passages, tokens, text = reading.passages, reading.tokens, reading.text
        for number in numbers:
            passage = passages[number]
            for _, _, start, end in index.find_in(tokens, text, passage.start, passage.end):
                sentence = span_id_at(reading.sentences, starts, start)
                if allowed is not None and sentence not in allowed:
                    continue
                left = text[max(passage.start, start - window) : start]
                right = text[end : min(passage.end, end + window)]
                rows.append((rid, sentence, left, text[start:end], right, start, end))
    columns = ["reading", "sentence", "left", "match", "right", "start", "end"]
    return pd.DataFrame(rows, columns=columns)
