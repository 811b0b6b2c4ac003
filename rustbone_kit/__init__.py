"""rustbone-kit: compare critics' readings of a film, in Jupyter.

>>> import rustbone_kit as rk
>>> corpus = rk.load_corpus()          # the five bundled readings of Rust and Bone
>>> corpus["bowditch"].meta["author"]
'Carol Bowditch'

Every function a lesson calls is ``rk.<name>`` (``dir(rk)`` lists them). Each is imported
from its module on first use, as are the views ``rk.charts`` and ``rk.widgets`` and the
exercise checks ``rk.checks`` (whose questions are data, in ``readings/questions.yaml``):
``import rustbone_kit`` itself loads neither pandas nor altair nor ipywidgets, so a command or
a hub's server that needs one module pays for that one only. Every module of the kit is
reachable as ``rk.<module>`` too (``rk.scenes``, ``rk.themes`` ...).
"""

# No ``from __future__ import annotations`` here: it would bind the name ``annotations`` in
# this package and hide the ``rustbone_kit.annotations`` module behind it.
import importlib
import importlib.metadata
import importlib.util
import sys
import types
from typing import TYPE_CHECKING

#: Each name ``rk.<name>`` gives, and the module it comes from: imported on first use, so
#: ``import rustbone_kit`` costs nothing until a name is used (a hub's server command, the
#: ``rustbone-kit`` command's light subcommands and a script that only loads readings stay
#: quick). ``tests/test_charts_import.py`` checks what each import loads.
_EXPORTS = {
    "adaptation_for": "adaptation",
    "load_adaptation": "adaptation",
    "agreement": "agreement",
    "evaluate": "agreement",
    "annotation_table": "annotations",
    "load_annotations": "annotations",
    "catalogue_for": "catalogue",
    "load_catalogue": "catalogue",
    "claims_for": "claims",
    "load_claims": "claims",
    "slips": "claims",
    "class_agreement": "class_agreement",
    "Corpus": "corpus",
    "load_corpus": "corpus",
    "course_for": "course",
    "course_path": "course",
    "lesson_examples": "course",
    "load_course": "course",
    "my_copy": "course_sync",
    "pull_report": "course_sync",
    "ArgumentError": "errors",
    "ChecksumError": "errors",
    "KitError": "errors",
    "LanguageError": "errors",
    "ReadingError": "errors",
    "StaleFileError": "errors",
    "UnknownIdError": "errors",
    "bundled_readings_path": "folders",
    "hedge_shares": "judgement",
    "mean_tone": "judgement",
    "ratings": "judgement",
    "sentence_tone": "judgement",
    "stance": "judgement",
    "word_tone": "judgement",
    "lexicon_for": "lexicon",
    "load_themes": "lexicon",
    "passage_table": "measures",
    "quote_rows": "measures",
    "FIELDS": "reading",
    "Reading": "reading",
    "body_checksum": "reading",
    "reading_from_text": "reading",
    "reference_labels": "scenes",
    "scene_coverage": "scenes",
    "scene_labels": "scenes",
    "scene_passages": "scenes",
    "cite": "sources",
    "load_sources": "sources",
    "sources": "sources",
    "STOPWORDS": "stoplist",
    "suggest_scenes": "suggestions",
    "tag_corpus": "suggestions",
    "Span": "text",
    "count_words": "text",
    "fold": "text",
    "normalize": "text",
    "hit_spans": "themes",
    "theme_hits": "themes",
    "theme_table": "themes",
    "concordance": "words",
    "distinctive_words": "words",
}

if TYPE_CHECKING:  # for type checkers and editors: every name, where it comes from
    from . import charts, checks, widgets
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
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value  # found directly from now on
        return value
    if name in _LAZY or importlib.util.find_spec(f"{__name__}.{name}") is not None:
        return importlib.import_module(f".{name}", __name__)  # a module: rk.scenes, rk.charts
    raise AttributeError(f"module 'rustbone_kit' has no attribute {name!r}")


#: Names that are also the name of their module (``rk.agreement`` is the function, as it
#: always was): importing the module must not replace the name with the module.
_SHADOWED = frozenset(name for name, module in _EXPORTS.items() if name == module)


class _Kit(types.ModuleType):
    def __setattr__(self, name: str, value: object) -> None:
        if name in _SHADOWED and isinstance(value, types.ModuleType):
            return  # the import system binding rustbone_kit.agreement: keep the function
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Kit


def __dir__() -> list[str]:
    return sorted({*__all__, *_LAZY, *(k for k in globals() if not k.startswith("_"))})
