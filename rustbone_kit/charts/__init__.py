"""Charts: functions that take a tidy table (or a corpus) and return an ``alt.Chart``.

Each chart has a table-taking core, ``*_from(table)``, that draws the table a core function
returns (``rk.theme_table``, ``rk.scenes.scene_coverage``, ``rk.stance``,
``rk.distinctive_words``, ``rk.passage_table``), and a corpus-taking convenience that makes
the table and draws it. Every chart is data: tests read ``chart.to_dict()``. Every chart
carries a text alternative in its Vega-Lite ``description`` (screen readers hear it as the
chart's label) that :func:`text_alternative` returns for printing under the chart.

Call :func:`enable_offline` once per notebook: it makes altair emit Vega-Lite v5 JSON, which
JupyterLab draws with the Vega it bundles, so charts show with no internet connection, as
SVG, named by their description for screen readers. :func:`data_table` gives a chart's rows
as an expandable table beside it; :func:`save` writes a chart as SVG, PNG or PDF for a slide
or a hand-out (no browser needed; :func:`to_svg` gives the SVG as text).
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
from .agreement import class_disagreement_chart, class_disagreement_chart_from
from .base import (
    EMBED_OPTIONS,
    GREY,
    ON_WHITE,
    PALETTE,
    VEGALITE_MIME,
    chart_rows,
    enable_offline,
    text_alternative,
)
from .coverage import scene_coverage_chart, scene_coverage_chart_from
from .export import save, to_svg
from .heatmap import MAX_ROWS
from .judgement import judgement_chart, judgement_chart_from
from .makeup import MAX_MAKEUP_READINGS, makeup_chart, makeup_chart_from
from .table import DataTable, data_table
from .themes import (
    theme_heatmap,
    theme_heatmap_from,
    themes_by_scene_chart,
    themes_by_scene_chart_from,
)
from .words import distinctive_words_chart, distinctive_words_chart_from

__all__ = [
    "EMBED_OPTIONS",
    "GREY",
    "MAX_MAKEUP_READINGS",
    "MAX_ROWS",
    "ON_WHITE",
    "PALETTE",
    "VEGALITE_MIME",
    "DataTable",
    "alt",
    "chart_rows",
    "class_disagreement_chart",
    "class_disagreement_chart_from",
    "data_table",
    "distinctive_words_chart",
    "distinctive_words_chart_from",
    "enable_offline",
    "judgement_chart",
    "judgement_chart_from",
    "makeup_chart",
    "makeup_chart_from",
    "save",
    "scene_coverage_chart",
    "scene_coverage_chart_from",
    "text_alternative",
    "theme_heatmap",
    "theme_heatmap_from",
    "themes_by_scene_chart",
    "themes_by_scene_chart_from",
    "to_svg",
]
