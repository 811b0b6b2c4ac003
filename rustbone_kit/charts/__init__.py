"""Charts: functions that take a tidy table (or a corpus) and return an ``alt.Chart``.

Each chart has a table-taking core, ``*_from(table)``, that draws the table a core function
returns (``rk.theme_table``, ``rk.scenes.scene_coverage``, ``rk.stance``,
``rk.distinctive_words``, ``rk.passage_table``), and a corpus-taking convenience that makes
the table and draws it. Every chart is data: tests read ``chart.to_dict()``. Every chart
carries a text alternative in its Vega-Lite ``description`` (screen readers hear it as the
chart's label) that :func:`text_alternative` returns for printing under the chart.

Call :func:`enable_offline` once per notebook: it makes altair emit Vega-Lite v5 JSON, which
JupyterLab draws with the Vega it bundles, so charts show with no internet connection.
``rk.charts.alt`` is altair itself, imported the quick way (see ``charts/_altair.py``): a
notebook that builds its own chart takes ``alt`` from here.

>>> from rustbone_kit import load_corpus
>>> chart = makeup_chart(load_corpus())
>>> spec = chart.to_dict()
>>> spec["mark"]["type"], spec["encoding"]["y"]["field"]
('bar', 'title')
>>> text_alternative(chart).split(",")[0]
'Bar chart of the five readings'
"""

from ._altair import alt
from .base import PALETTE, VEGALITE_MIME, chart_rows, enable_offline, text_alternative
from .coverage import scene_coverage_chart, scene_coverage_chart_from
from .heatmap import MAX_ROWS
from .judgement import judgement_chart, judgement_chart_from
from .makeup import MAX_MAKEUP_READINGS, makeup_chart, makeup_chart_from
from .themes import (
    theme_heatmap,
    theme_heatmap_from,
    themes_by_scene_chart,
    themes_by_scene_chart_from,
)
from .words import distinctive_words_chart, distinctive_words_chart_from

__all__ = [
    "MAX_MAKEUP_READINGS",
    "MAX_ROWS",
    "PALETTE",
    "VEGALITE_MIME",
    "alt",
    "chart_rows",
    "distinctive_words_chart",
    "distinctive_words_chart_from",
    "enable_offline",
    "judgement_chart",
    "judgement_chart_from",
    "makeup_chart",
    "makeup_chart_from",
    "scene_coverage_chart",
    "scene_coverage_chart_from",
    "text_alternative",
    "theme_heatmap",
    "theme_heatmap_from",
    "themes_by_scene_chart",
    "themes_by_scene_chart_from",
]
