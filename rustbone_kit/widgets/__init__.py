"""Widgets: thin ipywidgets shells around pure functions that make their HTML.

The HTML functions (the ``html_*`` modules) take plain data (strings, numbers, small frozen
dataclasses), import neither ipywidgets nor pandas, and escape every piece of reading text,
so a reading that contains ``<script>`` shows those characters instead of running them.
Tests call them directly, and drive the widgets by setting control values (or traits) and
reading ``.value`` of the HTML.

- :class:`ReadingBrowser`: one reading, passage by passage, beside its metadata;
- :class:`SideBySide`: what two to five critics say about one scene, in columns;
- :class:`Concordance`: keyword in context for any term, filtered by reading and scene;
- :class:`ThemeExplorer`: one theme, how much each critic uses it, and the passages;
- :class:`Annotator`: a student tags sentences with scenes and themes, saves them to their
  own YAML file (through :mod:`rustbone_kit.annotation_store`) and sees Cohen's kappa
  against the reference set.

Each widget keeps its state in traitlets traits with help text (``scene_id``,
``reading_ids``, ``query`` ...), linked to its controls, so a teacher can ``observe`` or
``link`` them as with ipywidgets' own widgets; they live in Python (the controls are what
the browser sees). Every widget is drawn by ipywidgets alone (no extra front-end code), so
it works in plain JupyterLab offline, with one stylesheet (:mod:`.style`). Highlights never
rely on colour alone: shared words are bold, theme terms underlined, matches bold, and a key
says so in words. Passages that open onto more text use ``<details>``/``<summary>``: a
click, or Tab and Enter, opens them.

Widgets are not restored when a saved notebook is reopened: run the cell to see them.

>>> from rustbone_kit import load_corpus
>>> browser = ReadingBrowser(load_corpus())
>>> browser.reading.value = "marchant"
>>> browser.passage.value = 2
>>> "Rust &amp; Bone | Director Jacques Audiard | Score: 7.2" in browser.card.value
True
"""

from __future__ import annotations

# The names of the old single module, importable as before: the public ones (``__all__``),
# and, in the ``X as X`` form, the constants, the Mark type and the stylesheet.
from ..anchors import quote_selector
from ..annotation_store import annotations_yaml
from .annotator import Annotator
from .concordance import MAX_KWIC_ROWS as MAX_KWIC_ROWS
from .concordance import Concordance
from .html_annotator import (
    KappaRow,
    annotator_sentence_html,
    annotator_status_html,
    kappa_table_html,
)
from .html_card import CARD_FIELDS as CARD_FIELDS
from .html_card import reading_card_html
from .html_kwic import KwicRow, kwic_html
from .html_parts import Mark as Mark
from .html_parts import highlight_html, shared_words
from .html_side_by_side import MAX_COLUMNS as MAX_COLUMNS
from .html_side_by_side import MIN_COLUMNS as MIN_COLUMNS
from .html_side_by_side import (
    ColumnView,
    PassageView,
    side_by_side_html,
)
from .html_themes import ThemeBar, ThemePassage, theme_passages_html
from .reading_browser import ReadingBrowser
from .side_by_side import SideBySide
from .style import STYLE as STYLE
from .theme_explorer import MAX_BARS as MAX_BARS
from .theme_explorer import MAX_THEME_PASSAGES as MAX_THEME_PASSAGES
from .theme_explorer import ThemeExplorer

__all__ = [
    "Annotator",
    "ColumnView",
    "Concordance",
    "KappaRow",
    "KwicRow",
    "PassageView",
    "ReadingBrowser",
    "SideBySide",
    "ThemeBar",
    "ThemeExplorer",
    "ThemePassage",
    "annotations_yaml",
    "annotator_sentence_html",
    "annotator_status_html",
    "highlight_html",
    "kappa_table_html",
    "kwic_html",
    "quote_selector",
    "reading_card_html",
    "shared_words",
    "side_by_side_html",
    "theme_passages_html",
]
