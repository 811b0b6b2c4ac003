"""rustbone-kit: compare critics' readings of a film, in Jupyter.

>>> import rustbone_kit as rk
>>> corpus = rk.load_corpus()          # the five bundled readings of Rust and Bone
>>> corpus["bowditch"].meta["author"]
'Carol Bowditch'

``rk.charts`` and ``rk.widgets`` are imported on first use (altair and ipywidgets take a
few seconds to import), so scripts that only load readings stay quick. The other modules
(``rk.scenes``, ``rk.themes``, ``rk.judgement``, ``rk.annotations``, ``rk.adaptation``,
``rk.checks``) are reachable the same way, with no import of their own.
"""

# No ``from __future__ import annotations`` here: it would bind the name ``annotations`` in
# this package and hide the ``rustbone_kit.annotations`` module behind it.
import importlib
from typing import TYPE_CHECKING

from .corpus import (
    FIELDS,
    Corpus,
    Reading,
    body_checksum,
    bundled_readings_path,
    load_corpus,
    reading_from_text,
)
from .errors import KitError, ReadingError
from .judgement import ratings, sentence_tone, stance
from .measures import passage_table, quote_rows
from .text import STOPWORDS, Span, fold, normalize
from .themes import concordance, distinctive_words, load_themes, theme_hits, theme_table

if TYPE_CHECKING:
    from . import charts, widgets

__version__ = "0.1.0"
__all__ = [
    "FIELDS",
    "STOPWORDS",
    "Corpus",
    "KitError",
    "Reading",
    "ReadingError",
    "Span",
    "body_checksum",
    "bundled_readings_path",
    "charts",
    "concordance",
    "distinctive_words",
    "fold",
    "load_corpus",
    "load_themes",
    "normalize",
    "passage_table",
    "quote_rows",
    "ratings",
    "reading_from_text",
    "sentence_tone",
    "stance",
    "theme_hits",
    "theme_table",
    "widgets",
]


_LAZY = {
    "adaptation",
    "annotations",
    "charts",
    "checks",
    "exercises",
    "judgement",
    "scenes",
    "terms",
    "text",
    "themes",
    "widgets",
}


def __getattr__(name: str):
    if name in _LAZY:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'rustbone_kit' has no attribute {name!r}")
