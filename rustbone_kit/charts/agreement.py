"""The class disagreement chart: the sentences a class splits on most, yes against no."""

from __future__ import annotations

import pandas as pd

from ..class_agreement import ClassAgreement
from ._altair import alt
from .base import GREY, ON_WHITE, number_word, projector, require_columns

__all__ = ["class_disagreement_chart", "class_disagreement_chart_from"]

_COLUMNS = ["reading", "sentence", "number", "scene", "title", "yes", "no", "missing", "split"]
#: The answers a bar is made of, in stacking order, and their colours.
_ANSWERS = ["yes", "no", "not read"]
_COLOURS = [ON_WHITE[0], ON_WHITE[1], GREY]
_SHORT = 160  # characters of the sentence shown in the tooltip


def _long(splits: pd.DataFrame) -> pd.DataFrame:
    """One row per (sentence, scene, answer): how many annotators gave that answer."""
    rows = []
    for rank, row in enumerate(splits.itertuples(index=False), start=1):
        text = str(getattr(row, "text", "") or "")
        short = text if len(text) <= _SHORT else text[: _SHORT - 1].rstrip() + "…"
        label = f"{row.reading} s{row.number}: {row.title}"
        counts = (row.yes, row.no, row.missing)
        for stack, (answer, count) in enumerate(zip(_ANSWERS, counts, strict=True)):
            if count:
                rows.append(
                    {
                        "label": label,
                        "rank": rank,
                        "reading": row.reading,
                        "number": int(row.number),
                        "title": row.title,
                        "answer": answer,
                        "stack": stack,
                        "annotators": int(count),
                        "split": float(row.split),
                        "text": short,
                    }
                )
    columns = ["label", "rank", "reading", "number", "title", "answer", "stack", "annotators"]
    columns.append("split")
    return pd.DataFrame(rows, columns=[*columns, "text"])


def class_disagreement_chart_from(splits: pd.DataFrame, *, top: int = 12) -> alt.Chart:
    """Bars of the ``top`` (sentence, scene) pairs a class splits on most, drawn from a
    ``class_agreement(...).splits`` table: each bar the annotators who said yes, no, or had
    not read the reading. Pairs everyone agrees on are left out.

    >>> table = pd.DataFrame({
    ...     "reading": ["a", "a", "b", "b"], "sentence": ["a:s1", "a:s2", "b:s4", "b:s5"],
    ...     "number": [1, 2, 4, 5], "scene": ["swim", "ice", "swim", "ice"],
    ...     "title": ["Into the sea", "Ice", "Into the sea", "Ice"], "yes": [3, 2, 1, 4],
    ...     "no": [3, 4, 4, 0], "missing": [0, 0, 1, 0], "split": [0.5, 0.333, 0.2, 0.0],
    ...     "text": ["One.", "Two.", "Four.", "Five."]})
    >>> spec = class_disagreement_chart_from(table).to_dict()
    >>> spec["encoding"]["x"]["field"], spec["encoding"]["y"]["field"]
    ('annotators', 'label')
    """
    require_columns(splits, _COLUMNS, "rk.class_agreement(corpus, folder)")
    shown = splits[splits.split > 0].head(top)
    table = _long(shown)
    if shown.empty:
        description = (
            "Bar chart of where the class disagrees: it is empty, because every annotator "
            "gave the same answer on every sentence they read."
        )
    else:
        worst = "; ".join(
            f"{r.reading} sentence {r.number} on {r.title}: {r.yes} yes, {r.no} no"
            + (f", {r.missing} not read" if r.missing else "")
            for r in shown.head(3).itertuples()
        )
        description = (
            f"Bar chart of the {number_word(len(shown))} sentence and scene pairs the class "
            "splits on most, most split at the top; each bar counts the annotators who said "
            f"the sentence discusses the scene (yes), who said it does not (no), and who had "
            f"not read the reading. Most split: {worst}."
        )
    chart = (
        alt.Chart(table, description=description)
        .mark_bar(stroke="white", strokeWidth=1)
        .encode(
            x=alt.X("annotators:Q", title="Annotators", stack="zero", axis=alt.Axis(tickMinStep=1)),
            y=alt.Y(
                "label:N",
                title="Sentence and scene (most split first)",
                sort=alt.EncodingSortField("rank", order="ascending"),
            ),
            color=alt.Color(
                "answer:N",
                title="Answer",
                scale=alt.Scale(domain=_ANSWERS, range=_COLOURS),
                legend=alt.Legend(orient="top", direction="horizontal"),
            ),
            order=alt.Order("stack:Q"),
            tooltip=[
                alt.Tooltip("reading:N", title="Reading"),
                alt.Tooltip("number:Q", title="Sentence"),
                alt.Tooltip("title:N", title="Scene"),
                alt.Tooltip("answer:N", title="Answer"),
                alt.Tooltip("annotators:Q", title="Annotators"),
                alt.Tooltip("split:Q", title="Minority share", format=".2f"),
                alt.Tooltip("text:N", title="Text"),
            ],
        )
        .properties(
            title=alt.Title(
                "Where the class disagrees",
                subtitle="Sentence and scene pairs the annotators split on; hover for the text",
            ),
            width=520,
            height=alt.Step(30),
        )
    )
    return projector(chart)


def class_disagreement_chart(result: ClassAgreement | pd.DataFrame, *, top: int = 12) -> alt.Chart:
    """The sentences a class disagrees on most, from :func:`~rustbone_kit.class_agreement`'s
    result (or its ``.splits``): see :func:`class_disagreement_chart_from`.

    >>> from rustbone_kit import bundled_readings_path, class_agreement, load_corpus
    >>> result = class_agreement(load_corpus(), bundled_readings_path() / "class-sample")
    >>> class_disagreement_chart(result).to_dict()["title"]["text"]
    'Where the class disagrees'
    """
    splits = result.splits if isinstance(result, ClassAgreement) else result
    return class_disagreement_chart_from(splits, top=top)
