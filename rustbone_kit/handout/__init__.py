"""Hand-outs: a lesson, or the readings, as one self-contained HTML page to print or post.

- :func:`lesson_handout` runs a lesson and renders it: prose, code, tables, charts as inline
  SVG (drawn by vl-convert, named by their descriptions, each with its data table) and every
  widget as it first opens (rebuilt from the widgets' state by their own HTML);
- :func:`readings_packet` lays out the corpus for annotating on paper: metadata, numbered
  sentences, and the reference annotation's flags in the margin;
- :func:`print_pdf` prints a page with headless Chromium; :func:`write_page` saves one.

Every page is offline: one inline stylesheet, no script, nothing loaded from anywhere (HTML
from outputs passes :func:`clean_html`), and a print stylesheet for A4 or Letter.
``rustbone-kit handout`` is the command (``rustbone_kit/cli/handout.py``).
"""

from __future__ import annotations

from pathlib import Path

from ..atomic import write_atomic
from .clean import clean_html, css_is_local
from .lesson import lesson_handout, page, render_notebook
from .packet import readings_packet
from .pdf import INSTALL_HINT, find_chromium, print_pdf
from .style import STYLESHEET
from .views import widget_html, widget_state

__all__ = [
    "INSTALL_HINT",
    "STYLESHEET",
    "clean_html",
    "css_is_local",
    "find_chromium",
    "lesson_handout",
    "page",
    "print_pdf",
    "readings_packet",
    "render_notebook",
    "widget_html",
    "widget_state",
    "write_page",
]


def write_page(markup: str, out: str | Path) -> Path:
    """Save a hand-out page (atomically, as every file the kit writes); return its path."""
    return write_atomic(Path(out), markup, backups=0)
