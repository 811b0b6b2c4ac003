"""The scene coverage heatmap: sentences each critic spends on each scene, silences white."""

from __future__ import annotations

import pandas as pd

from ..corpus import Corpus
from ..scenes import scene_coverage, scene_labels
from ._altair import alt
from .base import number_word, require_columns, sequential
from .heatmap import heat, pool_readings, top_cells

__all__ = ["scene_coverage_chart", "scene_coverage_chart_from"]


def scene_coverage_chart_from(table: pd.DataFrame, *, source: str | None = None) -> alt.Chart:
    """Reading x scene, drawn from a ``scene_coverage(corpus)`` table: sentences per cell.

    ``source`` says where the scene labels came from (``labels.attrs["source"]``); it
    defaults to the table's ``attrs["source"]``, else "given". Only "reference" labels go
    unmentioned in the subtitle.

    >>> table = pd.DataFrame({
    ...     "reading": ["a", "a", "b", "b"], "scene": ["swim", "ice"] * 2, "order": [1, 2] * 2,
    ...     "title": ["Into the sea", "Ice"] * 2, "sentences": [3, 0, 1, 0],
    ...     "words": [60, 0, 20, 0]})
    >>> chart = scene_coverage_chart_from(table, source="reference")
    >>> chart.to_dict()["encoding"]["color"]["field"]
    'sentences'
    >>> "No reading discusses: Ice." in chart.to_dict()["description"]
    True
    """
    columns = ["reading", "scene", "order", "title", "sentences", "words"]
    require_columns(table, columns, "rk.scenes.scene_coverage")
    source = table.attrs.get("source", "given") if source is None else source
    table, pooled = pool_readings(table, rank_by="sentences", sums=["sentences", "words"])
    totals = table.groupby("title", sort=False).sentences.sum()
    nobody = [t for t, n in totals.items() if n == 0]
    silences = table[table.sentences == 0].groupby("reading", sort=False).size()
    description = (
        f"Heatmap of {number_word(table.reading.nunique())} readings (rows) and "
        f"{number_word(table.scene.nunique())} scenes (columns, in film order), shaded by the "
        f"number of sentences on the scene; white means silent"
        + (f"; {pooled} readings are pooled in one row" if pooled else "")
        + f". Most discussed: {top_cells(table, 'sentences', 'title')}. "
        + "Scenes each reading is silent on: "
        + "; ".join(f"{r} {n}" for r, n in silences.items())
        + "."
        + (f" No reading discusses: {', '.join(nobody)}." if nobody else "")
        + f" Scene labels: {source}."
    )
    return heat(
        table,
        x=alt.X(
            "title:N",
            title="Scene (film order)",
            sort=alt.EncodingSortField("order"),
            axis=alt.Axis(labelAngle=-40),
        ),
        y=alt.Y("reading:N", title="Reading", sort=None),
        color=alt.Color(
            "sentences:Q",
            title="Sentences",
            scale=alt.Scale(scheme=sequential("greens"), domainMin=0),
        ),
        tooltip=[
            alt.Tooltip("reading:N", title="Reading"),
            alt.Tooltip("title:N", title="Scene"),
            alt.Tooltip("sentences:Q", title="Sentences"),
            alt.Tooltip("words:Q", title="Words"),
        ],
        title=alt.Title(
            "Who discusses which scene",
            subtitle="Sentences per scene; a white cell is a silence, and a finding"
            + ("" if source == "reference" else f" (labels: {source})"),
        ),
        keys=("scene", "order"),
        description=description,
    )


def scene_coverage_chart(corpus: Corpus, *, labels: pd.DataFrame | None = None) -> alt.Chart:
    """Reading x scene: how many sentences each critic spends on each scene (film order).

    White cells are silences: the critic says nothing about the scene. Sentences come from
    the reference annotation, or ``labels`` (e.g. ``tag_corpus(corpus)``). See
    :func:`scene_coverage_chart_from` for the chart of a table.

    >>> from rustbone_kit import load_corpus
    >>> spec = scene_coverage_chart(load_corpus()).to_dict()
    >>> spec["encoding"]["color"]["field"], spec["encoding"]["x"]["sort"]["field"]
    ('sentences', 'order')
    """
    labels = scene_labels(corpus) if labels is None else labels
    table = scene_coverage(corpus, labels=labels)
    return scene_coverage_chart_from(table, source=labels.attrs.get("source", "given"))
