"""Theme heatmaps: theme rates by reading and by scene, from :func:`~rustbone_kit.theme_table`."""

from __future__ import annotations

import pandas as pd

from ..corpus import Corpus
from ..lexicon import Lexicon, lexicon_for
from ..scenes import scene_labels
from ..themes import theme_table
from ._altair import alt
from .base import number_word, require_columns, sequential
from .heatmap import MAX_ROWS, heat, pool_readings, top_cells

__all__ = [
    "theme_heatmap",
    "theme_heatmap_from",
    "themes_by_scene_chart",
    "themes_by_scene_chart_from",
]


def _theme_axis(labels: list[str]) -> alt.X:
    return alt.X("label:N", title="Theme", sort=labels, axis=alt.Axis(labelAngle=-35))


def _rate_colour(per: int) -> alt.Color:
    """Theme rates, shaded from zero (so the scale means the same in every theme chart)."""
    return alt.Color(
        "rate:Q",
        title=f"Per {per:,} words",
        scale=alt.Scale(scheme=sequential("blues"), domainMin=0),
    )


def _theme_tooltips(unit: str, unit_title: str, words_title: str, per: int) -> list:
    """Tooltips of a theme heatmap cell: the unit (reading or scene), theme, hits, words, rate."""
    return [
        alt.Tooltip(f"{unit}:N", title=unit_title),
        alt.Tooltip("label:N", title="Theme"),
        alt.Tooltip("hits:Q", title="Hits"),
        alt.Tooltip("words:Q", title=words_title),
        alt.Tooltip("rate:Q", title=f"Per {per:,} words"),
    ]


def _rate(table: pd.DataFrame, per: int) -> pd.Series:
    return (table.hits / table.words.where(table.words > 0) * per).fillna(0).round(2)


def theme_heatmap_from(
    table: pd.DataFrame, *, per: int | None = None, limit: int = MAX_ROWS
) -> alt.Chart:
    """Reading x theme, drawn from a ``theme_table(corpus)``: one cell per row of the table.

    Themes are columns in the order the table lists them; ``per`` defaults to the table's
    own (``table.attrs["per"]``, else 1,000). Beyond ``limit`` readings, the readings with
    fewest hits are pooled into one row, their hits and words added up.

    >>> table = pd.DataFrame({
    ...     "reading": ["a", "a", "b", "b"], "theme": ["sea", "fight"] * 2,
    ...     "label": ["The sea", "Fights"] * 2, "hits": [3, 0, 1, 2], "words": [100, 100, 50, 50]})
    >>> spec = theme_heatmap_from(table).to_dict()
    >>> spec["encoding"]["x"]["sort"], spec["encoding"]["color"]["field"]
    (['The sea', 'Fights'], 'rate')
    """
    require_columns(table, ["reading", "theme", "label", "hits", "words"], "rk.theme_table")
    per = table.attrs.get("per", 1000) if per is None else per
    n_themes = table.theme.nunique()
    labels = list(dict.fromkeys(table.label))
    table, pooled = pool_readings(
        table.drop(columns="rate", errors="ignore"),
        rank_by="hits",
        sums=["hits", "words"],
        limit=limit,
    )
    table["rate"] = _rate(table, per)
    strongest = (
        table.sort_values("rate", ascending=False, kind="stable").groupby("reading", sort=False)
    ).head(1)
    per_reading = "; ".join(f"{r.reading}: {r.label} ({r.rate:g})" for r in strongest.itertuples())
    description = (
        f"Heatmap of {number_word(n_themes)} themes (columns) in "
        f"{number_word(table.reading.nunique())} readings (rows), shaded by theme terms per "
        f"{per:,} words, darker for more"
        + (f"; {pooled} readings with fewest hits are pooled in one row" if pooled else "")
        + f". Highest cells: {top_cells(table, 'rate', 'label')}. "
        f"Each reading's most frequent theme: {per_reading}."
    )
    return heat(
        table,
        x=_theme_axis(labels),
        y=alt.Y("reading:N", title="Reading", sort=None),
        color=_rate_colour(per),
        tooltip=_theme_tooltips("reading", "Reading", "Words", per),
        title=alt.Title(
            "Which themes each critic stresses",
            subtitle=f"Theme terms per {per:,} words; counts, not meanings: read the hits",
        ),
        keys=("theme",),
        description=description,
    )


def theme_heatmap(
    corpus: Corpus, *, per: int = 1000, lexicon: Lexicon | None = None, limit: int = MAX_ROWS
) -> alt.Chart:
    """Reading x theme: how often each critic uses each theme's terms, per ``per`` words.

    Darker is more. Hover a cell for the hits and the words counted. Beyond ``limit``
    readings, the readings with fewest hits are pooled into one row. The chart of
    ``theme_table(corpus, per=per, lexicon=lexicon)``: see :func:`theme_heatmap_from`.

    >>> from rustbone_kit import load_corpus
    >>> spec = theme_heatmap(load_corpus()).to_dict()
    >>> spec["mark"]["type"], spec["encoding"]["color"]["field"]
    ('rect', 'rate')
    """
    lexicon = lexicon or lexicon_for(corpus)
    table = theme_table(corpus, per=per, lexicon=lexicon)
    return theme_heatmap_from(table, per=per, limit=limit)


def themes_by_scene_chart_from(
    table: pd.DataFrame, *, per: int | None = None, source: str | None = None
) -> alt.Chart:
    """Scene x theme, drawn from a ``theme_table(corpus, by="scene")``.

    Scenes with no words on them are left out and named in the text alternative. ``source``
    says where the scene labels came from (``labels.attrs["source"]``); it defaults to the
    table's ``attrs["source"]``, else "given". ``per`` defaults to the table's own.

    >>> table = pd.DataFrame({
    ...     "scene": ["swim", "swim", "ice", "ice"], "title": ["Into the sea"] * 2 + ["Ice"] * 2,
    ...     "order": [1, 1, 2, 2], "theme": ["sea", "fight"] * 2,
    ...     "label": ["The sea", "Fights"] * 2, "hits": [2, 0, 0, 0], "words": [40, 40, 0, 0]})
    >>> chart = themes_by_scene_chart_from(table, source="reference")
    >>> chart.to_dict()["encoding"]["y"]["sort"]
    {'field': 'order'}
    >>> "No critic discusses: Ice." in chart.to_dict()["description"]
    True
    """
    columns = ["scene", "title", "order", "theme", "label", "hits", "words"]
    require_columns(table, columns, 'rk.theme_table(by="scene")')
    per = table.attrs.get("per", 1000) if per is None else per
    source = table.attrs.get("source", "given") if source is None else source
    n_themes = table.theme.nunique()
    labels = list(dict.fromkeys(table.label))
    silent = list(dict.fromkeys(table.loc[table.words == 0, "title"]))
    table = table[table.words > 0].reset_index(drop=True)
    if "rate" not in table.columns:
        table["rate"] = _rate(table, per)
    best = table.sort_values("rate", ascending=False, kind="stable").groupby("title", sort=False)
    per_scene = "; ".join(
        f"{r.title}: {r.label} ({r.rate:g})"
        for r in best.head(1).sort_values("order").itertuples()
        if r.rate > 0
    )
    description = (
        f"Heatmap of {number_word(n_themes)} themes (columns) in the sentences critics "
        f"write about {number_word(table.scene.nunique())} scenes (rows, in film order), "
        f"shaded by theme terms per {per:,} words. Strongest theme per scene: {per_scene}."
        + (f" No critic discusses: {', '.join(silent)}." if silent else "")
        + f" Scene labels: {source}."
    )
    return heat(
        table,
        x=_theme_axis(labels),
        y=alt.Y("title:N", title="Scene (film order)", sort=alt.EncodingSortField("order")),
        color=_rate_colour(per),
        tooltip=_theme_tooltips("title", "Scene", "Words on the scene", per),
        title=alt.Title(
            "Themes by scene",
            subtitle="What critics stress when they write about each scene",
        ),
        keys=("order",),
        description=description,
    )


def themes_by_scene_chart(
    corpus: Corpus,
    *,
    per: int = 1000,
    lexicon: Lexicon | None = None,
    labels: pd.DataFrame | None = None,
) -> alt.Chart:
    """Scene x theme: the themes critics bring up when they write about each scene.

    Scenes in film order (rows), themes (columns), shaded by theme terms per ``per`` words
    of all the sentences on the scene. Scenes no critic discusses are left out and named in
    the text alternative. Sentences come from the reference annotation, or ``labels``.
    See :func:`themes_by_scene_chart_from` for the chart of a table.

    >>> from rustbone_kit import load_corpus
    >>> spec = themes_by_scene_chart(load_corpus()).to_dict()
    >>> spec["encoding"]["y"]["field"], spec["encoding"]["x"]["field"]
    ('title', 'label')
    """
    lexicon = lexicon or lexicon_for(corpus)
    labels = scene_labels(corpus) if labels is None else labels
    table = theme_table(corpus, by="scene", per=per, lexicon=lexicon, labels=labels)
    return themes_by_scene_chart_from(table, per=per, source=labels.attrs.get("source", "given"))
