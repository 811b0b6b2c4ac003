"""Text handling: views with character offsets, and normalised forms for matching.

A reading's text never changes once loaded. Everything cut out of it (a passage, a sentence,
later a scene span or a theme hit) is a :class:`Span`: a view ``(text, start, end)`` that can
always be shown in context, highlighted or quoted back exactly as the critic wrote it.

Matching never works on the raw characters. :func:`normalize` gives a typographic form
(Unicode NFC, curly quotes made straight, dashes made hyphens, runs of white space made one
space); :func:`fold` goes further and also drops case and accents, so that *Stéphanie* finds
*Stephanie*. Both return a :class:`NormalizedText` that maps every position back to the
original text, so a match found in the normalised form is shown in the critic's characters.

>>> n = fold("Stéphanie’s  legs")
>>> n.text
"stephanie's legs"
>>> start = n.text.index("legs")
>>> n.span_to_original(start, start + 4)
(13, 17)
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

import syntok.segmenter as _syntok

from .errors import ArgumentError

__all__ = [
    "NormalizedText",
    "Span",
    "count_words",
    "fold",
    "fold_text",
    "normalize",
    "span_id_at",
    "split_lines",
    "split_sentences",
    "word_spans",
]

# Characters that are the same for matching purposes, mapped one to one.
_QUOTES = {
    "\u2018": "'",  # left single quotation mark
    "\u2019": "'",  # right single quotation mark (and apostrophe)
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",  # prime, used as an apostrophe in one seed ("M83′s")
    "\u02bc": "'",
    "\u00b4": "'",
    "\u0060": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
}
_DASHES = dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-")
_TYPOGRAPHY = {ord(k): v for k, v in {**_QUOTES, **_DASHES}.items()}
_WORD = re.compile(r"\w+(?:['\u2019\u2032]\w+)*")


@dataclass(frozen=True, slots=True)
class Span:
    """A view ``[start, end)`` over an immutable text, with a stable id and a kind.

    The span stores offsets, never a copy: :attr:`text` slices the source each time.

    >>> s = Span(source="Rust and Bone", start=9, end=13, id="demo:w3", kind="word")
    >>> s.text
    'Bone'
    >>> s.context(width=4)
    'and [Bone]'
    """

    source: str
    start: int
    end: int
    id: str = ""
    kind: str = "span"

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end <= len(self.source):
            raise ArgumentError(
                f"span {self.id or ''} [{self.start}, {self.end}) lies outside a text of "
                f"{len(self.source)} characters",
                fix="give offsets between 0 and the length of the text, start before end",
            )

    @property
    def text(self) -> str:
        """The characters of the span, exactly as in the source."""
        return self.source[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start

    def context(self, *, width: int = 60, mark: tuple[str, str] = ("[", "]")) -> str:
        """The span with up to ``width`` characters either side, the span itself marked."""
        left = self.source[max(0, self.start - width) : self.start]
        right = self.source[self.end : self.end + width]
        return f"{left}{mark[0]}{self.text}{mark[1]}{right}".strip()

    def __repr__(self) -> str:
        preview = self.text if len(self) <= 40 else self.text[:37] + "..."
        return f"Span({self.id!r}, {self.start}-{self.end}, {preview!r})"


class NormalizedText:
    """A normalised copy of a text that maps each of its positions back to the original.

    Build one with :func:`normalize` or :func:`fold`. ``text`` is the normalised string;
    :meth:`to_original` and :meth:`span_to_original` translate offsets back.

    >>> n = normalize("a \u201cquote\u201d  here")
    >>> n.text
    'a "quote" here'
    >>> n.span_to_original(2, 9)
    (2, 9)
    """

    __slots__ = ("_breaks", "_deltas", "original", "text")

    def __init__(self, original: str, text: str, breaks: list[int], deltas: list[int]):
        self.original = original
        self.text = text
        # Piecewise offset map: from normalised position breaks[k] on, original = pos + deltas[k].
        self._breaks = breaks
        self._deltas = deltas

    def to_original(self, pos: int) -> int:
        """The original offset of normalised position ``pos`` (``len(text)`` maps to the end)."""
        if pos >= len(self.text):
            return len(self.original)
        k = bisect_right(self._breaks, pos) - 1
        return pos + self._deltas[k]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the normalised span ``[start, end)``."""
        if end <= start:
            o = self.to_original(start)
            return o, o
        last = self.to_original(end - 1) + 1
        # never cut a letter from the accents that follow it
        while last < len(self.original) and unicodedata.combining(self.original[last]):
            last += 1
        return self.to_original(start), last


class _Builder:
    """Accumulates normalised pieces and the piecewise map back to the original."""

    __slots__ = ("breaks", "deltas", "npos", "pieces")

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.breaks: list[int] = [0]
        self.deltas: list[int] = [0]
        self.npos = 0

    def emit(self, piece: str, orig: int) -> None:
        """Append ``piece``; its first character stands for original offset ``orig``.

        Its later characters follow one to one when ``len(piece)`` equals the original length;
        callers pass multi-character expansions one character at a time.
        """
        if not piece:
            return
        delta = orig - self.npos
        if delta != self.deltas[-1]:
            if self.breaks[-1] == self.npos:
                self.deltas[-1] = delta
            else:
                self.breaks.append(self.npos)
                self.deltas.append(delta)
        self.pieces.append(piece)
        self.npos += len(piece)

    def result(self, original: str) -> NormalizedText:
        return NormalizedText(original, "".join(self.pieces), self.breaks, self.deltas)


_CHUNK = re.compile(r"\s+|\S+")
_ODD_SPACE = re.compile(r"[^\S ]|  ")  # white space other than single spaces


def _convert(text: str, convert) -> NormalizedText:
    """Apply ``convert`` (str -> str) to the text, one space for each run of white space.

    Runs of non-space characters are converted whole when that keeps one character for one;
    otherwise cluster by cluster (a base character with its combining marks), so that NFC
    composition and accent stripping never split a letter from its accent.
    """
    b = _Builder()
    for m in _CHUNK.finditer(text):
        chunk, at = m.group(), m.start()
        if chunk[0].isspace():
            b.emit(" ", at)
            continue
        converted = convert(chunk)
        if len(converted) == len(chunk) and not any(unicodedata.combining(c) for c in chunk):
            b.emit(converted, at)
            continue
        i = 0
        while i < len(chunk):
            j = i + 1
            while j < len(chunk) and unicodedata.combining(chunk[j]):
                j += 1
            for c in convert(chunk[i:j]):
                # every character of an expanded cluster points at the cluster's start
                b.emit(c, at + i)
            i = j
    return b.result(text)


def _typographic(chunk: str) -> str:
    return unicodedata.normalize("NFC", chunk).translate(_TYPOGRAPHY)


def _folded(chunk: str) -> str:
    if chunk.isascii():  # nothing to decompose or translate: the same result, far quicker
        return chunk.translate(_TYPOGRAPHY).casefold()
    decomposed = unicodedata.normalize("NFKD", chunk.translate(_TYPOGRAPHY))
    if decomposed.isascii():  # the accents came off as combining marks, now gone
        return decomposed.casefold()
    # only the non-ASCII characters can be combining marks: look at those alone
    return _NON_ASCII.sub(_drop_combining, decomposed).casefold()


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _drop_combining(match: re.Match[str]) -> str:
    return "".join(c for c in match.group() if not unicodedata.combining(c))


def normalize(text: str) -> NormalizedText:
    """Typographic normal form: NFC, straight quotes, hyphens for dashes, single spaces.

    Case and accents are kept. Used to anchor quotations, so that a quote typed with
    straight apostrophes finds the critic's curly ones.

    >>> normalize("It\u2019s \u2014  raw").text
    "It's - raw"
    """
    translated = text.translate(_TYPOGRAPHY)
    if not _ODD_SPACE.search(translated) and (
        translated.isascii()
        or (
            unicodedata.is_normalized("NFC", translated)
            and not any(unicodedata.combining(c) for c in translated if c > "\x7f")
        )
    ):
        # the usual quotation: plain letters and single spaces map one to one, at no cost
        return NormalizedText(text, translated, [0], [0])
    return _convert(text, _typographic)


def fold(text: str) -> NormalizedText:
    """Matching form: :func:`normalize`, then case and accents dropped.

    >>> fold("Stéphanie AND Stephanie").text
    'stephanie and stephanie'
    """
    return _convert(text, _folded)


def fold_text(text: str) -> str:
    """Just the folded string of :func:`fold`, without the offset map: for counting and matching.

    >>> fold_text("Ali’s STÉPHANIE")
    "ali's stephanie"
    """
    return _folded(text)


def split_lines(text: str, *, prefix: str = "p") -> list[Span]:
    """One span per non-blank line, trimmed of surrounding white space.

    Web pages copied as text put one paragraph on each line, so a line is a passage.

    >>> [s.text for s in split_lines("One.\\n\\n  Two. \\nThree")]
    ['One.', 'Two.', 'Three']
    """
    spans: list[Span] = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        stripped = line.strip()
        if not stripped:
            continue
        start = m.start() + (len(line) - len(line.lstrip()))
        end = start + len(stripped)
        spans.append(Span(text, start, end, id=f"{prefix}{len(spans) + 1}", kind="passage"))
    return spans


def split_sentences(text: str, passages: list[Span], *, prefix: str = "s") -> list[Span]:
    """Sentences inside each passage, found by syntok; a sentence never crosses a passage.

    syntok is a rule-based segmenter that ships no data and gives character offsets; it
    also splits where web text dropped the space after a full stop ("resilience.And").

    Its rules are written for English, German and Spanish, and serve for other languages
    that end sentences with ``. ! ?`` (French: "M. Dupont" stays whole, a spaced " !" ends a
    sentence). Abbreviations it does not know may split a sentence; a full stop of another
    script (Chinese 。, Hindi ।) is not a sentence end to it, so such a passage stays one
    sentence. Readings in any language are split: check the sentences of a new language.

    >>> t = "M. Dupont rit. Quel film !\\n她很好。他也好。"
    >>> [s.text for s in split_sentences(t, split_lines(t))]
    ['M. Dupont rit.', 'Quel film !', '她很好。他也好。']

    >>> t = "It is winter. Sam falls through the ice.\\nBone Fragments"
    >>> [s.text for s in split_sentences(t, split_lines(t))]
    ['It is winter.', 'Sam falls through the ice.', 'Bone Fragments']
    """
    spans: list[Span] = []
    for passage in passages:
        chunk = passage.text
        found = False
        for paragraph in _syntok.analyze(chunk):
            for sentence in paragraph:
                if not sentence:
                    continue
                start = sentence[0].offset
                end = sentence[-1].offset + len(sentence[-1].value)
                if start >= end:
                    continue
                found = True
                spans.append(
                    Span(
                        text,
                        passage.start + start,
                        passage.start + end,
                        id=f"{prefix}{len(spans) + 1}",
                        kind="sentence",
                    )
                )
        if not found:  # a passage of symbols only: still a unit, never dropped
            spans.append(
                Span(
                    text,
                    passage.start,
                    passage.end,
                    id=f"{prefix}{len(spans) + 1}",
                    kind="sentence",
                )
            )
    return spans


def word_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each word: letters and digits, joined by inner apostrophes.

    >>> t = "Ali’s son, five"
    >>> [t[a:b] for a, b in word_spans(t)]
    ['Ali’s', 'son', 'five']
    """
    return [m.span() for m in _WORD.finditer(text)]


def span_id_at(spans: Sequence[Span], starts: Sequence[int], offset: int) -> str:
    """The id of the span (sentence, passage) holding ``offset``; ``starts`` are their starts.

    >>> spans = [Span("One. Two.", 0, 4, id="s1"), Span("One. Two.", 5, 9, id="s2")]
    >>> span_id_at(spans, [0, 5], 6)
    's2'
    """
    i = bisect_right(starts, offset) - 1
    return spans[i].id if i >= 0 else ""


def count_words(text: str) -> int:
    """How many words ``text`` has: the one word count every measure uses (see word_spans).

    >>> count_words("Ali's fists — broken; 2 hands.")
    5
    """
    return len(_WORD.findall(text))  # the words of word_spans, without making their spans
