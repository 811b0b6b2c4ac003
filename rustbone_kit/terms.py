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
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from .errors import ArgumentError
from .text import fold, fold_text

__all__ = ["Term", "TermIndex", "parse_term", "term_problem", "word_offsets", "words_of"]

_TOKEN = re.compile(r"\w+")


def words_of(text: str) -> list[str]:
    """The folded word tokens of a text: what terms are matched against.

    >>> words_of("Ali’s FISTS break the ice")
    ['ali', 's', 'fists', 'break', 'the', 'ice']
    """
    return _TOKEN.findall(fold_text(text))


def _folds_in_place(tokens: list[str], words: list[str]) -> bool:
    """Whether each token folds to the word at its place: an ASCII token to its lower case,
    each distinct other token folded once (a long text has few of them)."""
    others = {t: fold_text(t) for t in set(tokens) if not t.isascii()}
    return [others[t] if t in others else t.lower() for t in tokens] == words


def word_offsets(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Original ``(start, end)`` of each of the folded ``words`` of ``text``.

    Most texts fold word for word, and their words are found in place. A text in which
    folding merges or splits words (decomposed accents, ligatures) goes through
    :func:`~rustbone_kit.text.fold`, which maps every folded position back.

    >>> word_offsets("Ali’s ﬁst", words_of("Ali’s ﬁst"))
    [(0, 3), (4, 5), (6, 9)]
    """
    direct = list(_TOKEN.finditer(text))
    if len(direct) == len(words) and (
        text.isascii()  # an ASCII word folds to its lower case, one to one
        or _folds_in_place([m.group() for m in direct], words)
    ):
        return [m.span() for m in direct]
    folded = fold(text)
    return [folded.span_to_original(*m.span()) for m in _TOKEN.finditer(folded.text)]


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

    def match_words(self, words: Sequence[str]) -> list[tuple[Term, int]]:
        """Leftmost-longest, non-overlapping matches: ``(term, index of its first word)``."""
        found: list[tuple[Term, int]] = []
        free_from = 0  # matches never overlap: the next may start here
        for i, candidates in self._candidates(words):
            if i < free_from:
                continue
            best = max(
                (t for t in candidates if self._fits(t, words, i)),
                key=lambda t: t.length,
                default=None,
            )
            if best is not None:
                found.append((best, i))
                free_from = i + len(best.words)
        return found

    def _candidates(self, words: Sequence[str]) -> list[tuple[int, list[Term]]]:
        """``(position, terms that may start there)`` for the positions where one may: each
        distinct word is looked up once, so a long text costs one pass in C per word."""
        by_word = {}
        for word in set(words):
            terms = self._by_first.get(word, []) + self._stems.get(word[:3], [])
            if terms:
                by_word[word] = terms
        if not by_word:
            return []
        return [(i, by_word[w]) for i, w in enumerate(words) if w in by_word]

    def match_per_key(self, words: Sequence[str]) -> list[tuple[Hashable, Term, int]]:
        """Leftmost-longest matches for each key on its own: ``(key, term, first word)``.

        Matches of one key never overlap; matches of different keys may. A theme's phrase
        "steel legs" and another theme's word "legs" both count.
        """
        found: list[tuple[Hashable, Term, int]] = []
        free_from: dict[Hashable, int] = {}
        for i, candidates in self._candidates(words):
            best: dict[Hashable, Term] = {}
            for term in candidates:
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
        if per_key:
            matches = self.match_per_key(words)
        else:
            matches = [(k, t, i) for t, i in self.match_words(words) for k in self.owners[t]]
        if not matches:
            return []
        spans = word_offsets(text, words)
        rows = []
        for key, term, i in matches:
            rows.append((key, term, spans[i][0], spans[i + len(term.words) - 1][1]))
        return rows
