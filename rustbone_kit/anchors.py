"""Quote anchors: a quote resolves to a Span of a reading, and a Span gives back its quote.

Stand-off annotations point into a reading by quoting it, in the spirit of the W3C Web
Annotation ``TextQuoteSelector``: the ``quote``, with an optional ``prefix`` and ``suffix``
(the characters just before and after it) when the quote occurs more than once. Both
directions work in the typographic normal form of :func:`~rustbone_kit.text.normalize`, so
curly quotes typed straight still match, and :func:`quote_selector` makes exactly the
selector that :func:`resolve_quote` resolves back to the same characters.

>>> from rustbone_kit.reading import Reading
>>> reading = Reading(id="demo", meta={"id": "demo", "title": "T", "kind": "review"},
...                   text="Go on. Stay.\\nGo on. Leave.")
>>> selector = quote_selector(reading.text, 13, 19)
>>> selector
{'quote': 'Go on.', 'prefix': 'ay.\\n'}
>>> span = resolve_quote(reading, **selector)
>>> (span.start, span.end, span.text)
(13, 19, 'Go on.')
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

from .errors import KitError
from .memo import kept
from .reading import Reading
from .text import NormalizedText, Span, normalize

__all__ = ["QuoteError", "closest_sentence", "quote_selector", "resolve_quote"]

#: Context widths :func:`quote_selector` tries, shortest first, to tell a quote apart.
_WIDTHS = (4, 8, 16, 32, 64, 128, 256, 1024)


class QuoteError(KitError, ValueError):
    """A quote that is not in the reading, or that cannot be told apart from its repeats."""


def closest_sentence(reading_text: str, sentences: Iterable[Span], quote: str) -> str:
    """The sentence most like ``quote`` (for "did you mean"), or the text's opening.

    >>> closest_sentence("A b. C d.", [Span("A b. C d.", 0, 4), Span("A b. C d.", 5, 9)], "C e.")
    'C d.'
    """
    best = difflib.get_close_matches(quote, [s.text for s in sentences], n=1, cutoff=0.0)
    return best[0] if best else reading_text[:80]


def _normalized(reading: Reading) -> NormalizedText:
    """The reading's normalised text, made once per reading (a file of 50,000 annotations
    on one reading normalises it once, not 50,000 times)."""
    return kept(reading, "_rk_normalized", lambda: normalize(reading.text))


def resolve_quote(
    reading: Reading,
    quote: str,
    prefix: str = "",
    suffix: str = "",
    *,
    annotator: str = "quote",
    path: str | Path | None = None,
    line: int | None = None,
    error: type[KitError] = QuoteError,
) -> Span:
    """The span of ``reading`` that ``quote`` (between ``prefix`` and ``suffix``) quotes.

    The span's id is ``annotator:reading:start`` and its kind ``annotation``. A quote that is
    not there raises ``error`` (a :class:`QuoteError` unless told otherwise) naming the
    closest sentence; one found more than once raises it naming the file lines of each
    occurrence and how to tell them apart. ``path`` and ``line`` say where the quote was read.

    >>> from rustbone_kit.reading import Reading
    >>> r = Reading(id="demo", meta={"id": "demo", "title": "T", "kind": "review"},
    ...             text="She said “no”. Then yes.")
    >>> resolve_quote(r, 'said "no".').text
    'said “no”.'
    """
    haystack = _normalized(reading)
    quoted = normalize(quote).text
    quote_len = len(quoted)
    if prefix or suffix:
        needle = normalize(prefix + quote + suffix).text
        before = len(normalize(prefix + quote).text) - quote_len
    else:  # the usual case: one normalisation, not three
        needle, before = quoted, 0
    hits, start = [], haystack.text.find(needle)
    while start >= 0:
        hits.append(start)
        start = haystack.text.find(needle, start + 1)
    if not hits:
        closest = closest_sentence(reading.text, reading.sentences, quote)
        raise error(
            f"the quote {quote[:60]!r} is not in reading {reading.id!r}",
            path=path,
            line=line,
            field="quote",
            fix=f"copy the quote exactly from the reading; the closest sentence is {closest!r}",
        )
    if len(hits) > 1:
        lines = [reading.line_of(haystack.to_original(h)) for h in hits]
        raise error(
            f"the quote {quote[:60]!r} occurs {len(hits)} times in {reading.id!r} (file "
            f"lines {', '.join(map(str, lines))})",
            path=path,
            line=line,
            field="quote",
            fix="add 'prefix:' (or 'suffix:') with the few characters just before (or after) "
            "the occurrence you mean",
        )
    at = hits[0] + before
    start, end = haystack.span_to_original(at, at + quote_len)
    return Span(reading.text, start, end, id=f"{annotator}:{reading.id}:{start}", kind="annotation")


def quote_selector(text: str, start: int, end: int) -> dict[str, str]:
    """The stand-off selector of ``text[start:end]``: the quote, and a ``prefix`` (or a
    ``suffix`` at the very start of a text) only when the quote occurs more than once.

    The quote is found as :func:`resolve_quote` finds it, in the typographic normal form, so
    the selector resolves to this occurrence. A quote that no context tells apart raises
    :class:`QuoteError` (also a ``ValueError``).

    >>> text = "It ends. Then it ends."
    >>> quote_selector(text, 14, 22)
    {'quote': 'it ends.'}
    >>> quote_selector("Go. Go.", 4, 7)
    {'quote': 'Go.', 'prefix': 'Go. '}
    >>> quote_selector("Go. Go.", 0, 3)
    {'quote': 'Go.', 'suffix': ' Go.'}
    """
    quote = text[start:end]
    haystack = normalize(text).text

    def unique(prefix: str, suffix: str) -> bool:
        needle = normalize(prefix + quote + suffix).text
        first = haystack.find(needle)
        return first >= 0 and haystack.find(needle, first + 1) < 0

    if unique("", ""):
        return {"quote": quote}
    widths = (*_WIDTHS, len(text))
    for width in widths:
        prefix = text[max(0, start - width) : start]
        if prefix.strip() and unique(prefix, ""):
            return {"quote": quote, "prefix": prefix}
    for width in widths:
        suffix = text[end : end + width]
        if suffix.strip() and unique("", suffix):
            return {"quote": quote, "suffix": suffix}
    raise QuoteError(
        f"the quote {quote[:60]!r} cannot be told apart from its other occurrences",
        fix="annotate a longer passage around it",
    )
