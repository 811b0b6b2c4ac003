"""Finding catalogue terms in text: words, stems and phrases, matched the same way everywhere.

Scene cues, theme terms and the concordance's search term share one syntax and one matcher:

- case, accents and curly or straight apostrophes do not matter (*Stéphanie* = *stephanie*);
- a term matches whole words only (``ice`` does not match *nice*);
- a phrase matches its words in a row, whatever the spaces or punctuation between them;
- a trailing ``*`` makes the last word a stem: ``amputat*`` matches *amputated*, *amputation*.

Matches are leftmost-longest and never overlap, so *bare-knuckle fights* counts once, not as
*fights* as well. :meth:`TermIndex.find` gives character offsets in the original text.

>>> index = TermIndex([("injury", "injur*"), ("sea", "the sea"), ("sea", "swim*")])
>>> text = "Her injuries; the  Sea; he swims."
>>> [(key, text[a:b]) for key, _, a, b in index.find(text)]
[('injury', 'injuries'), ('sea', 'the  Sea'), ('sea', 'swims')]
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .errors import ArgumentError
from .text import fold, fold_text

__all__ = [
    "Term",
    "TermIndex",
    "Tokens",
    "folds_word_for_word",
    "parse_term",
    "term_problem",
    "word_offsets",
    "words_of",
]

_TOKEN = re.compile(r"\w+")


def words_of(text: str) -> list[str]:
    """The folded word tokens of a text: what terms are matched against.

    >>> words_of("Ali’s FISTS break the ice")
    ['ali', 's', 'fists', 'break', 'the', 'ice']
    """
    return _TOKEN.findall(fold_text(text))


@lru_cache(maxsize=4096)
def _keeps_words(char: str) -> bool:
    """Whether folding ``char`` leaves word boundaries where they were: a letter or digit
    folds to letters or digits, anything else to something else, and nothing to nothing
    (a combining accent, which folding drops, is the usual exception)."""
    folded = fold_text(char)
    is_word = _TOKEN.fullmatch(char) is not None
    return bool(folded) and all((_TOKEN.fullmatch(c) is not None) == is_word for c in folded)


_ASCII_KEEPS_WORDS = all(_keeps_words(chr(i)) for i in range(128))


def folds_word_for_word(text: str) -> bool:
    """Whether ``text`` folds character by character with its words where they were, so
    that its folded words sit at its own words' offsets, and any stretch of it that cuts
    no word folds to its share of the words. Folding works on each character on its own,
    so it is enough that each distinct character keeps words.

    >>> folds_word_for_word("Ali’s ﬁst"), folds_word_for_word("Ste\\u0301phanie")
    (True, False)
    """
    return _ASCII_KEEPS_WORDS and (
        text.isascii() or all(_keeps_words(c) for c in set(text) if c > "\x7f")
    )


def word_offsets(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Original ``(start, end)`` of each of the folded ``words`` of ``text``.

    Most texts fold word for word (:func:`folds_word_for_word`), and their words are found
    in place. A text in which folding merges or splits words (decomposed accents) goes
    through :func:`~rustbone_kit.text.fold`, which maps every folded position back.

    >>> word_offsets("Ali’s ﬁst", words_of("Ali’s ﬁst"))
    [(0, 3), (4, 5), (6, 9)]
    >>> word_offsets("Ste\\u0301phanie", ["stephanie"])
    [(0, 10)]
    """
    if folds_word_for_word(text):
        spans = [m.span() for m in _TOKEN.finditer(text)]
        if len(spans) == len(words):
            return spans
    folded = fold(text)
    return [folded.span_to_original(*m.span()) for m in _TOKEN.finditer(folded.text)]


@dataclass(frozen=True)
class Tokens:
    """A long text's folded words and their offsets, worked out once: the words of any
    stretch of it (a passage, a sentence) are then a slice, with no folding again.

    >>> t = Tokens.of("Ali’s fists.\\nThe ICE")
    >>> t.words, t.between(13, 20), t.words_in("Ali’s fists.\\nThe ICE", 13, 20)
    (['ali', 's', 'fists', 'the', 'ice'], range(3, 5), ['the', 'ice'])
    >>> t.between(1, 20) is None  # the stretch cuts "Ali"
    True
    """

    words: list[str]
    starts: array[int]
    ends: array[int]
    exact: bool  # whether any stretch that cuts no word folds to its slice of the words

    @classmethod
    def of(cls, text: str) -> Tokens:
        """The tokens of ``text``."""
        words = words_of(text)
        spans = word_offsets(text, words)
        starts, ends = array("q", (a for a, _ in spans)), array("q", (b for _, b in spans))
        return cls(words, starts, ends, folds_word_for_word(text))

    def between(self, start: int, end: int) -> range | None:
        """The indexes of the words in ``[start, end)``, or None when the stretch cuts a
        word, or the text does not fold word for word: fold the stretch itself then."""
        if not self.exact:
            return None
        i = bisect_right(self.ends, start)  # the first word ending after start
        j = bisect_left(self.starts, end, lo=i)  # the first word starting at or after end
        if i < j and (self.starts[i] < start or self.ends[j - 1] > end):
            return None
        return range(i, j)

    def words_in(self, text: str, start: int, end: int) -> list[str]:
        """The folded words of ``text[start:end]`` (``text`` is the tokens' text): a slice of
        :attr:`words`, or the stretch folded on its own where it cannot be one."""
        at = self.between(start, end)
        return words_of(text[start:end]) if at is None else self.words[at.start : at.stop]


@dataclass(frozen=True)
class Term:
    """A term as written, its folded words, and whether its last word is a stem."""

    written: str
    words: tuple[str, ...]
    stem: bool

    @property
    def length(self) -> int:
        """Characters of the folded words: longer terms win over shorter ones."""
        return len(" ".join(self.words))


def term_problem(written: object) -> str | None:
    """Why a term cannot be used, or None when it can.

    >>> term_problem("broken hand*"), term_problem("ice*cream"), term_problem("!!")
    (None, "'*' may only end a term", 'it has no letters or digits')
    """
    if not isinstance(written, str) or not written.strip():
        return "a term must be a word or phrase"
    if "*" in written.strip()[:-1]:
        return "'*' may only end a term"
    if not _TOKEN.search(fold_text(written)):
        return "it has no letters or digits"
    return None


def parse_term(written: str) -> Term:
    """Read a term in the catalogue syntax.

    >>> parse_term("Bare-knuckle FIGHT*")
    Term(written='Bare-knuckle FIGHT*', words=('bare', 'knuckle', 'fight'), stem=True)
    """
    problem = term_problem(written)
    if problem:
        raise ArgumentError(
            f"term {written!r}: {problem}",
            field="term",
            fix="write a word, a stem ending in * (injur*) or a phrase (broken hand)",
        )
    return Term(written, tuple(words_of(written)), written.strip().endswith("*"))


#: Distinct words whose plans one index keeps (then it starts again): bounds its memory.
_PLANS_KEPT = 200_000


@dataclass(frozen=True)
class _Plan:
    """The terms that may start at one word: with one-word terms only, the longest (for
    :meth:`TermIndex.match_words`) and each key's longest, keys in the order of their
    longest term; with a phrase among them, all of them, to check in place."""

    longest: Term | None
    per_key: tuple[tuple[Hashable, Term], ...]
    check: tuple[Term, ...]


class TermIndex:
    """Terms indexed by first word (stems by their first three letters), for fast matching.

    Build it from ``(key, term)`` pairs; the key says what a match means (a theme id, a
    scene cue, a character id). Several keys may share a term: each match reports them all.
    """

    def __init__(self, pairs: Iterable[tuple[Hashable, str]]):
        owners: dict[str, list[Hashable]] = defaultdict(list)
        for key, written in pairs:
            if key not in owners[written]:
                owners[written].append(key)
        self.owners: dict[Term, tuple[Hashable, ...]] = {
            parse_term(w): tuple(keys) for w, keys in owners.items()
        }
        self._plans: dict[str, _Plan | None] = {}
        self._by_first: dict[str, list[Term]] = defaultdict(list)
        self._stems: dict[str, list[Term]] = defaultdict(list)
        for term in sorted(self.owners, key=lambda t: -t.length):
            if term.stem and len(term.words) == 1:
                self._stems[term.words[0][:3]].append(term)
            else:
                self._by_first[term.words[0]].append(term)

    def __len__(self) -> int:
        return len(self.owners)

    @staticmethod
    def _fits(term: Term, words: Sequence[str], i: int) -> bool:
        n = len(term.words)
        if i + n > len(words):
            return False
        if term.stem:
            return tuple(words[i : i + n - 1]) == term.words[:-1] and words[i + n - 1].startswith(
                term.words[-1]
            )
        return tuple(words[i : i + n]) == term.words

    def _plan(self, word: str) -> _Plan | None:
        """What may start at a word, worked out once per distinct word: a one-word term fits
        or not by the word alone, so only phrases are left to check in place."""
        terms = self._by_first.get(word, []) + self._stems.get(word[:3], [])
        terms = [t for t in terms if len(t.words) > 1 or self._fits(t, (word,), 0)]
        if not terms:
            return None
        if any(len(t.words) > 1 for t in terms):
            return _Plan(None, (), tuple(terms))
        first: dict[Hashable, Term] = {}  # each key's longest term: terms run longest first
        for term in terms:
            for key in self.owners[term]:
                first.setdefault(key, term)
        return _Plan(terms[0], tuple(first.items()), ())

    def _candidates(self, words: Sequence[str]) -> list[tuple[int, _Plan]]:
        """``(position, its plan)`` for the positions where a term may start: each distinct
        word is planned once per index, so a long text costs one pass in C per word."""
        plans = self._plans
        new = set(words).difference(plans)
        if len(plans) + len(new) > _PLANS_KEPT:
            plans.clear()
            new = set(words)
        for word in new:
            plans[word] = self._plan(word)
        return [(i, plan) for i, w in enumerate(words) if (plan := plans[w]) is not None]

    def match_words(self, words: Sequence[str]) -> list[tuple[Term, int]]:
        """Leftmost-longest, non-overlapping matches: ``(term, index of its first word)``."""
        found: list[tuple[Term, int]] = []
        free_from = 0  # matches never overlap: the next may start here
        for i, plan in self._candidates(words):
            if i < free_from:
                continue
            best = plan.longest or max(
                (t for t in plan.check if self._fits(t, words, i)),
                key=lambda t: t.length,
                default=None,
            )
            if best is not None:
                found.append((best, i))
                free_from = i + len(best.words)
        return found

    def match_per_key(self, words: Sequence[str]) -> list[tuple[Hashable, Term, int]]:
        """Leftmost-longest matches for each key on its own: ``(key, term, first word)``.

        Matches of one key never overlap; matches of different keys may. A theme's phrase
        "steel legs" and another theme's word "legs" both count.
        """
        found: list[tuple[Hashable, Term, int]] = []
        free_from: dict[Hashable, int] = {}
        for i, plan in self._candidates(words):
            if plan.longest is not None:  # one-word terms only: each key's term is known
                for key, term in plan.per_key:
                    if free_from.get(key, 0) <= i:
                        found.append((key, term, i))
                        free_from[key] = i + 1
                continue
            best: dict[Hashable, Term] = {}
            for term in plan.check:
                if not self._fits(term, words, i):
                    continue
                for key in self.owners[term]:
                    if free_from.get(key, 0) <= i and (
                        key not in best or term.length > best[key].length
                    ):
                        best[key] = term
            for key, term in best.items():
                found.append((key, term, i))
                free_from[key] = i + len(term.words)
        return found

    def find(
        self, text: str, *, per_key: bool = False, words: Sequence[str] | None = None
    ) -> list[tuple[Hashable, Term, int, int]]:
        """Every match in ``text``: ``(key, term, start, end)``, offsets in the original text.

        By default matches never overlap and a term shared by several keys gives one row per
        key; with ``per_key=True`` each key is matched on its own (:meth:`match_per_key`).
        ``words`` are the text's :func:`words_of`, if the caller keeps them.
        """
        if words is None:
            words = words_of(text)  # folded words, without an offset map: cheap to rule out
        words = list(words)
        matches = self._matches(words, per_key)
        if not matches:
            return []
        spans = word_offsets(text, words)
        return [(k, t, spans[i][0], spans[i + len(t.words) - 1][1]) for k, t, i in matches]

    def find_in(
        self, tokens: Tokens, text: str, start: int, end: int, *, per_key: bool = False
    ) -> list[tuple[Hashable, Term, int, int]]:
        """:meth:`find` over ``text[start:end]``, offsets in the whole ``text``, whose
        :class:`Tokens` are kept: the stretch's words are a slice of them, folded once.

        >>> text = "Ali swims.\\nThe sea, the SEA."
        >>> index = TermIndex([("sea", "the sea")])
        >>> [text[a:b] for _, _, a, b in index.find_in(Tokens.of(text), text, 11, 28)]
        ['The sea', 'the SEA']
        """
        at = tokens.between(start, end)
        if at is None:
            found = self.find(text[start:end], per_key=per_key)
            return [(k, t, start + a, start + b) for k, t, a, b in found]
        first, starts, ends = at.start, tokens.starts, tokens.ends
        matches = self._matches(tokens.words[first : at.stop], per_key)
        return [
            (k, t, starts[first + i], ends[first + i + len(t.words) - 1]) for k, t, i in matches
        ]

    def _matches(self, words: Sequence[str], per_key: bool) -> list[tuple[Hashable, Term, int]]:
        if per_key:
            return self.match_per_key(words)
        return [(k, t, i) for t, i in self.match_words(words) for k in self.owners[t]]
