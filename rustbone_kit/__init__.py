"""rustbone-kit: compare critics' readings of a film, in Jupyter.

>>> import rustbone_kit as rk
>>> corpus = rk.load_corpus()          # the five bundled readings of Rust and Bone
>>> corpus["bowditch"].meta["author"]
'Carol Bowditch'

Every function a lesson calls is ``rk.<name>`` (``dir(rk)`` lists them). The views
``rk.charts`` and ``rk.widgets``, the exercise checks ``rk.checks`` (whose questions are
data, in ``readings/questions.yaml``) and the command-line modules are imported on first use:
altair and ipywidgets take seconds to import, so a script that only loads readings stays quick.
Every module of the kit is reachable as ``rk.<module>`` too (``rk.scenes``, ``rk.themes`` ...).
"""

# No ``from __future__ import annotations`` here: it would bind the name ``annotations`` in
# this package and hide the ``rustbone_kit.annotations`` module behind it.
import importlib
import importlib.metadata
from typing import TYPE_CHECKING

from .adaptation import adaptation_for, load_adaptation
from .agreement import agreement, evaluate
from .annotations import annotation_table, load_annotations
from .catalogue import catalogue_for, load_catalogue
from .claims import claims_for, load_claims, slips
from .class_agreement import class_agreement
from .corpus import Corpus, load_corpus
from .course import course_for, course_path, lesson_examples, load_course
from .course_sync import my_copy, pull_report
from .errors import (
    ArgumentError,
    ChecksumError,
    KitError,
    LanguageError,
    ReadingError,
    StaleFileError,
    UnknownIdError,
)
from .folders import bundled_readings_path
from .judgement import hedge_shares, mean_tone, ratings, sentence_tone, stance, word_tone
from .lexicon import lexicon_for, load_themes
from .measures import passage_table, quote_rows
from .reading import FIELDS, Reading, body_checksum, reading_from_text
from .scenes import reference_labels, scene_coverage, scene_labels, scene_passages
from .sources import cite, load_sources, sources
from .stoplist import STOPWORDS
from .suggestions import suggest_scenes, tag_corpus
from .text import Span, count_words, fold, normalize
from .themes import hit_spans, theme_hits, theme_table
from .words import concordance, distinctive_words

if TYPE_CHECKING:
    from . import charts, checks, widgets

# The version is written once, in pyproject.toml; the installed package's metadata carries it.
try:
    __version__ = importlib.metadata.version("rustbone-kit")
except importlib.metadata.PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"
__all__ = [
    "FIELDS",
    "STOPWORDS",
    "ArgumentError",
    "ChecksumError",
    "Corpus",
    "KitError",
    "LanguageError",
    "Reading",
    "ReadingError",
    "Span",
    "StaleFileError",
    "UnknownIdError",
    "adaptation_for",
    "agreement",
    "annotation_table",
    "body_checksum",
    "bundled_readings_path",
    "catalogue_for",
    "charts",
    "checks",
    "cite",
    "claims_for",
    "class_agreement",
    "concordance",
    "count_words",
    "course_for",
    "course_path",
    "distinctive_words",
    "evaluate",
    "fold",
    "hedge_shares",
    "hit_spans",
    "lesson_examples",
    "lexicon_for",
    "load_adaptation",
    "load_annotations",
    "load_catalogue",
    "load_claims",
    "load_corpus",
    "load_course",
    "load_sources",
    "load_themes",
    "mean_tone",
    "my_copy",
    "normalize",
    "passage_table",
    "pull_report",
    "quote_rows",
    "ratings",
    "reading_from_text",
    "reference_labels",
    "scene_coverage",
    "scene_labels",
    "scene_passages",
    "sentence_tone",
    "slips",
    "sources",
    "stance",
    "suggest_scenes",
    "tag_corpus",
    "theme_hits",
    "theme_table",
    "widgets",
    "word_tone",
]

#: Modules imported on first use (the views pull in altair or ipywidgets).
_LAZY = frozenset({"charts", "checks", "cli", "exercises", "notebooks", "widgets"})


def __getattr__(name: str):
    if name in _LAZY:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'rustbone_kit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*__all__, *_LAZY, *(k for k in globals() if not k.startswith("_"))})
