"""Charts: functions that take a corpus (or a tidy table) and return an ``alt.Chart``.

Every chart is data: tests read ``chart.to_dict()``. Every chart carries a text alternative
in its Vega-Lite ``description`` (screen readers hear it as the chart's label) that
:func:`text_alternative` returns for printing under the chart.

Call :func:`enable_offline` once per notebook: it makes altair emit Vega-Lite v5 JSON, which
JupyterLab draws with the Vega it bundles, so charts show with no internet connection.

>>> from rustbone_kit import load_corpus
>>> chart = makeup_chart(load_corpus())
>>> spec = chart.to_dict()
>>> spec["mark"]["type"], spec["encoding"]["y"]["field"]
('bar', 'title')
>>> text_alternative(chart).split(",")[0]
'Bar chart of the five readings'
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from .corpus import Corpus
from .judgement import stance
from .measures import SHORT_LINE_WORDS, passage_table
from .scenes import scene_coverage, scene_labels
from .themes import Lexicon, distinctive_words, lexicon_for, theme_table

__all__ = [
    "MAX_ROWS",
    "PALETTE",
    "chart_rows",
    "distinctive_words_chart",
    "enable_offline",
    "judgement_chart",
    "makeup_chart",
    "scene_coverage_chart",
    "text_alternative",
    "theme_heatmap",
    "themes_by_scene_chart",
]

#: Okabe-Ito colours: told apart by readers with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
#: More bars than this do not fit a projected screen.
MAX_MAKEUP_READINGS = 40
#: Reading rows a heatmap draws; beyond, the rest are pooled into one "other readings" row.
MAX_ROWS = 25
VEGALITE_MIME = "application/vnd.vegalite.v5+json"
_NUMBERS = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
}


def _offline_renderer(spec: dict, **metadata) -> tuple[dict, dict]:
    """altair's ``mimetype`` renderer, with the chart's text alternative as ``text/plain``."""
    from altair.utils.display import default_renderer_base

    text = spec.get("description") or "A chart (no description given)."
    return default_renderer_base(spec, VEGALITE_MIME, f"Chart: {text}", **metadata)


alt.renderers.register("rustbone-offline", _offline_renderer)


def enable_offline() -> None:
    """Draw charts with the Vega that JupyterLab bundles, so they show with no internet.

    This is altair's ``mimetype`` renderer (no CDN script, unlike altair's default): the
    stored output is ``application/vnd.vegalite.v5+json``, a few kilobytes per chart, drawn
    as soon as a saved notebook is opened, tooltips working. Its ``text/plain`` part, which
    nbval compares and plain-text front ends show, is the chart's text alternative.

    >>> enable_offline()
    >>> alt.renderers.active
    'rustbone-offline'
    """
    alt.renderers.enable("rustbone-offline")


def _projector(chart: alt.Chart) -> alt.Chart:
    """Large type and a colour-blind-safe palette, readable from the back of a classroom."""
    return (
        chart.configure_axis(labelFontSize=14, titleFontSize=16, labelLimit=320)
        .configure_legend(labelFontSize=14, titleFontSize=15, symbolSize=200)
        .configure_title(fontSize=20, anchor="start", subtitleFontSize=15)
        .configure_range(category=PALETTE)
    )


def text_alternative(chart: alt.TopLevelMixin) -> str:
    """The chart's description: what a student who cannot see it needs to know."""
    description = chart.to_dict().get("description")
    if not description:
        raise ValueError("this chart has no description; build it with a rustbone_kit function")
    return description


def _count(n: int) -> str:
    return _NUMBERS.get(n, str(n))


def makeup_chart(corpus: Corpus, *, short: int = SHORT_LINE_WORDS) -> alt.Chart:
    """How each reading is made: its passages in text order, paragraphs against short lines.

    One bar per reading; each segment is a passage, as long as its word count, coloured
    (and patterned by opacity) by its form. Hover a segment for its opening words.
    """
    if len(corpus) > MAX_MAKEUP_READINGS:
        raise ValueError(
            f"a make-up chart of {len(corpus)} readings would be unreadable; pass a corpus of "
            f"at most {MAX_MAKEUP_READINGS} readings (e.g. load a smaller folder)"
        )
    table = passage_table(corpus, short=short)
    lines: list[str] = []
    for reading_id, group in table.groupby("reading", sort=False):
        shorts = group[group.form == "short line"]
        quoted = "; ".join(f"\u201c{o}\u201d" for o in shorts.opening.head(4))
        n_short = len(shorts)
        short_text = {0: "no short lines", 1: "1 short line"}.get(n_short, f"{n_short} short lines")
        lines.append(
            f"{reading_id}: {group.words.sum()} words in {len(group)} passages, {short_text}"
            + (f" ({quoted})" if n_short else "")
        )
    description = (
        f"Bar chart of the {_count(len(corpus))} readings, each a bar of its passages in text "
        f"order, segment length = words. Passages under {short} words are marked as short "
        "lines. " + ". ".join(lines) + "."
    )
    base = alt.Chart(table, description=description).mark_bar(stroke="white", strokeWidth=1.5)
    chart = base.encode(
        x=alt.X("sum(words):Q", title="Words (passages in text order, left to right)"),
        y=alt.Y("title:N", title=None, sort=None),
        color=alt.Color(
            "form:N",
            title="Passage",
            scale=alt.Scale(domain=["paragraph", "short line"], range=PALETTE[:2]),
            legend=alt.Legend(orient="top", direction="horizontal"),
        ),
        opacity=alt.Opacity(
            "form:N",
            scale=alt.Scale(domain=["paragraph", "short line"], range=[1.0, 0.75]),
            legend=None,
        ),
        order=alt.Order("order:Q"),
        tooltip=[
            alt.Tooltip("reading:N", title="Reading"),
            alt.Tooltip("order:Q", title="Passage"),
            alt.Tooltip("words:Q", title="Words"),
            alt.Tooltip("form:N", title="Form"),
            alt.Tooltip("opening:N", title="Opens"),
        ],
    ).properties(
        title=alt.Title(
            "How each reading is made",
            subtitle="Passages in text order; short lines are where pages keep titles and links",
        ),
        width=560,
        height=alt.Step(44),
    )
    return _projector(chart)


def chart_rows(chart: alt.TopLevelMixin) -> pd.DataFrame:
    """The rows a chart draws, as a DataFrame (its inline dataset): the chart as a table."""
    spec = chart.to_dict()
    (rows,) = spec["datasets"].values()
    return pd.DataFrame(rows)


# --- heatmaps of readings, themes, scenes, characters -----------------------------------------


def _pool_readings(
    table: pd.DataFrame, *, rank_by: str, sums: list[str], limit: int = MAX_ROWS
) -> tuple[pd.DataFrame, int]:
    """Keep the ``limit - 1`` readings with most ``rank_by``; add the others up into one row.

    Charts of thousands of readings stay readable and far below altair's row limit. Returns
    the table and how many readings were pooled (0 when all fit).
    """
    readings = list(dict.fromkeys(table.reading))
    if len(readings) <= limit:
        return table, 0
    totals = table.groupby("reading")[rank_by].sum()
    keep = set(totals.sort_values(ascending=False, kind="stable").index[: limit - 1])
    pooled = table[~table.reading.isin(keep)]
    n = len(readings) - len(keep)
    others = (
        pooled.drop(columns="reading")
        .groupby(
            [c for c in pooled.columns if c not in sums and c != "reading"],
            sort=False,
            as_index=False,
        )[sums]
        .sum()
    )
    others.insert(0, "reading", f"other {n} readings")
    kept = table[table.reading.isin(keep)]
    return pd.concat([kept, others], ignore_index=True), n


def _heat(
    table: pd.DataFrame,
    *,
    x: alt.X,
    y: alt.Y,
    color: alt.Color,
    tooltip: list[alt.Tooltip],
    title: alt.Title,
    description: str,
    zero_white: bool = True,
    keys: tuple[str, ...] = (),
) -> alt.Chart:
    """A heatmap of grey-edged cells; with ``zero_white``, a zero is a white cell, not a pale one.

    Only the columns the chart uses (and the id columns in ``keys``, which tie a cell back to
    the table it came from) are stored with it, so notebooks stay small.
    """
    used = [*keys, *(enc.to_dict()["field"] for enc in (x, y, color, *tooltip))]
    table = table[list(dict.fromkeys(used))]
    field = color.to_dict()["field"]
    color = color.legend(alt.Legend(orient="top", direction="horizontal", gradientLength=240))
    if zero_white:
        color = alt.condition(f"datum['{field}'] == 0", alt.value("white"), color)
    chart = (
        alt.Chart(table, description=description)
        .mark_rect(stroke="#999999", strokeWidth=0.5)
        .encode(x=x, y=y, color=color, tooltip=tooltip)
        .properties(title=title, width=alt.Step(52), height=alt.Step(36))
    )
    return _projector(chart)


def _theme_axis(lexicon: Lexicon) -> alt.X:
    return alt.X(
        "label:N",
        title="Theme",
        sort=[t.label for t in lexicon.themes],
        axis=alt.Axis(labelAngle=-35),
    )


def _rate_colour(per: int) -> alt.Color:
    """Theme rates, shaded from zero (so the scale means the same in every theme chart)."""
    return alt.Color(
        "rate:Q", title=f"Per {per:,} words", scale=alt.Scale(scheme="blues", domainMin=0)
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


def _sentences(n: int) -> str:
    return f"{n} sentence" if n == 1 else f"{n} sentences"


def _top_cells(table: pd.DataFrame, value: str, label: str, n: int = 3) -> str:
    rows = table.sort_values(value, ascending=False, kind="stable").head(n)
    return "; ".join(f"{r.reading} on {r[label]} ({r[value]:g})" for _, r in rows.iterrows())


def theme_heatmap(
    corpus: Corpus, *, per: int = 1000, lexicon: Lexicon | None = None, limit: int = MAX_ROWS
) -> alt.Chart:
    """Reading x theme: how often each critic uses each theme's terms, per ``per`` words.

    Darker is more. Hover a cell for the hits and the words counted. Beyond ``limit``
    readings, the readings with fewest hits are pooled into one row.

    >>> from rustbone_kit import load_corpus
    >>> spec = theme_heatmap(load_corpus()).to_dict()
    >>> spec["mark"]["type"], spec["encoding"]["color"]["field"]
    ('rect', 'rate')
    """
    lexicon = lexicon or lexicon_for(corpus)
    table, pooled = _pool_readings(
        theme_table(corpus, per=per, lexicon=lexicon), rank_by="hits", sums=["hits", "words"]
    )
    table["rate"] = (table.hits / table.words.where(table.words > 0) * per).fillna(0).round(2)
    strongest = (
        table.sort_values("rate", ascending=False, kind="stable").groupby("reading", sort=False)
    ).head(1)
    per_reading = "; ".join(f"{r.reading}: {r.label} ({r.rate:g})" for r in strongest.itertuples())
    description = (
        f"Heatmap of {_count(len(lexicon.themes))} themes (columns) in "
        f"{_count(table.reading.nunique())} readings (rows), shaded by theme terms per "
        f"{per:,} words, darker for more"
        + (f"; {pooled} readings with fewest hits are pooled in one row" if pooled else "")
        + f". Highest cells: {_top_cells(table, 'rate', 'label')}. "
        f"Each reading's most frequent theme: {per_reading}."
    )
    return _heat(
        table,
        x=_theme_axis(lexicon),
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

    >>> from rustbone_kit import load_corpus
    >>> spec = themes_by_scene_chart(load_corpus()).to_dict()
    >>> spec["encoding"]["y"]["field"], spec["encoding"]["x"]["field"]
    ('title', 'label')
    """
    lexicon = lexicon or lexicon_for(corpus)
    labels = scene_labels(corpus) if labels is None else labels
    full = theme_table(corpus, by="scene", per=per, lexicon=lexicon, labels=labels)
    silent = list(dict.fromkeys(full.loc[full.words == 0, "title"]))
    table = full[full.words > 0].reset_index(drop=True)
    best = table.sort_values("rate", ascending=False, kind="stable").groupby("title", sort=False)
    per_scene = "; ".join(
        f"{r.title}: {r.label} ({r.rate:g})"
        for r in best.head(1).sort_values("order").itertuples()
        if r.rate > 0
    )
    description = (
        f"Heatmap of {_count(len(lexicon.themes))} themes (columns) in the sentences critics "
        f"write about {_count(table.scene.nunique())} scenes (rows, in film order), shaded by "
        f"theme terms per {per:,} words. Strongest theme per scene: {per_scene}."
        + (f" No critic discusses: {', '.join(silent)}." if silent else "")
        + f" Scene labels: {labels.attrs.get('source', 'given')}."
    )
    return _heat(
        table,
        x=_theme_axis(lexicon),
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


def scene_coverage_chart(corpus: Corpus, *, labels: pd.DataFrame | None = None) -> alt.Chart:
    """Reading x scene: how many sentences each critic spends on each scene (film order).

    White cells are silences: the critic says nothing about the scene. Sentences come from
    the reference annotation, or ``labels`` (e.g. ``tag_corpus(corpus)``).

    >>> from rustbone_kit import load_corpus
    >>> spec = scene_coverage_chart(load_corpus()).to_dict()
    >>> spec["encoding"]["color"]["field"], spec["encoding"]["x"]["sort"]["field"]
    ('sentences', 'order')
    """
    labels = scene_labels(corpus) if labels is None else labels
    source = labels.attrs.get("source", "given")
    table, pooled = _pool_readings(
        scene_coverage(corpus, labels=labels), rank_by="sentences", sums=["sentences", "words"]
    )
    totals = table.groupby("title", sort=False).sentences.sum()
    nobody = [t for t, n in totals.items() if n == 0]
    silences = table[table.sentences == 0].groupby("reading", sort=False).size()
    description = (
        f"Heatmap of {_count(table.reading.nunique())} readings (rows) and "
        f"{_count(table.scene.nunique())} scenes (columns, in film order), shaded by the "
        f"number of sentences on the scene; white means silent"
        + (f"; {pooled} readings are pooled in one row" if pooled else "")
        + f". Most discussed: {_top_cells(table, 'sentences', 'title')}. "
        + "Scenes each reading is silent on: "
        + "; ".join(f"{r} {n}" for r, n in silences.items())
        + "."
        + (f" No reading discusses: {', '.join(nobody)}." if nobody else "")
        + f" Scene labels: {labels.attrs.get('source', 'given')}."
    )
    return _heat(
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
            scale=alt.Scale(scheme="greens", domainMin=0),
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
            + ("" if labels.attrs.get("source") == "reference" else f" (labels: {source})"),
        ),
        keys=("scene", "order"),
        description=description,
    )


def judgement_chart(corpus: Corpus, *, min_sentences: int = 2) -> alt.Chart:
    """Reading x character: the mean tone of the sentences in which a critic names a character.

    Blue is positive, orange negative (VADER compound, -1 to 1); pairs with fewer than
    ``min_sentences`` sentences are left blank. Hover for the counts. Tone is the sentence's,
    not the critic's verdict on the character: read the sentences (``stance(...,
    with_sentences=True)``) before concluding.

    >>> from rustbone_kit import load_corpus
    >>> spec = judgement_chart(load_corpus()).to_dict()
    >>> spec["encoding"]["color"]["field"], spec["encoding"]["color"]["scale"]["domain"]
    ('mean_compound', [-1, 1])
    """
    table = stance(corpus)
    table = table[table.sentences >= min_sentences].copy()
    table["weighted"] = table.mean_compound * table.sentences
    table, pooled = _pool_readings(
        table[["reading", "character", "name", "sentences", "weighted", "positive", "negative"]],
        rank_by="sentences",
        sums=["sentences", "weighted", "positive", "negative"],
    )
    table["mean_compound"] = (table.weighted / table.sentences).round(3)
    table = table.drop(columns="weighted")
    lows = table.sort_values("mean_compound", kind="stable").head(2)
    highs = table.sort_values("mean_compound", ascending=False, kind="stable").head(2)

    def cells(rows: pd.DataFrame) -> str:
        return "; ".join(
            f"{r.reading} on {r.name} ({r.mean_compound:+.2f}, {_sentences(r.sentences)})"
            for r in rows.itertuples()
        )

    description = (
        f"Heatmap of {_count(table.reading.nunique())} readings (rows) and the characters "
        "they name (columns), shaded by the mean tone of the sentences naming the character, "
        "from orange (negative, -1) through white to blue (positive, +1); pairs named in "
        f"fewer than {_sentences(min_sentences)} are left out"
        + (f"; {pooled} readings are pooled in one row" if pooled else "")
        + f". Most positive: {cells(highs)}. Most negative: {cells(lows)}."
    )
    return _heat(
        table,
        x=alt.X("name:N", title="Character", sort=None),
        y=alt.Y("reading:N", title="Reading", sort=None),
        color=alt.Color(
            "mean_compound:Q",
            title="Mean tone",
            scale=alt.Scale(scheme="blueorange", domain=[-1, 1], reverse=True),
        ),
        tooltip=[
            alt.Tooltip("reading:N", title="Reading"),
            alt.Tooltip("name:N", title="Character"),
            alt.Tooltip("sentences:Q", title="Sentences naming them"),
            alt.Tooltip("mean_compound:Q", title="Mean tone", format="+.2f"),
            alt.Tooltip("positive:Q", title="Positive sentences"),
            alt.Tooltip("negative:Q", title="Negative sentences"),
        ],
        title=alt.Title(
            "How critics write about each character",
            subtitle="Mean tone of the sentences naming them (VADER); tone is not a verdict",
        ),
        keys=("character",),
        description=description,
        zero_white=False,
    )


def distinctive_words_chart(corpus: Corpus, reading_id: str, *, top: int = 15) -> alt.Chart:
    """Ranked bars: the words one critic uses more than the others, by log-likelihood.

    Bars, not a word cloud: a cloud sizes words by a measure the eye cannot read, drops
    what does not fit, and makes long words look important. Hover for the counts.

    >>> from rustbone_kit import load_corpus
    >>> spec = distinctive_words_chart(load_corpus(), "marchant").to_dict()
    >>> spec["mark"]["type"], spec["encoding"]["y"]["sort"]
    ('bar', '-x')
    """
    table = distinctive_words(corpus, reading_id, top=top)
    listed = ", ".join(
        f"{r.word} ({r.count} times here, {r.other_count} in the others)"
        for r in table.itertuples()
    )
    description = (
        f"Bar chart of the {_count(len(table))} words most distinctive of {reading_id} against "
        f"the other {_count(len(corpus) - 1)} readings, longest bar first (log-likelihood): "
        f"{listed or 'none: no word is used at least twice and more often than elsewhere'}."
    )
    chart = (
        alt.Chart(table, description=description)
        .mark_bar(color=PALETTE[0])
        .encode(
            x=alt.X("g2:Q", title="Keyness (log-likelihood G²)"),
            y=alt.Y("word:N", title=None, sort="-x"),
            tooltip=[
                alt.Tooltip("word:N", title="Word"),
                alt.Tooltip("count:Q", title=f"Times in {reading_id}"),
                alt.Tooltip("rate:Q", title="Per 1,000 words here"),
                alt.Tooltip("other_count:Q", title="Times in the others"),
                alt.Tooltip("other_rate:Q", title="Per 1,000 words there"),
                alt.Tooltip("g2:Q", title="G²"),
            ],
        )
        .properties(
            title=alt.Title(
                f"Words distinctive of {reading_id}",
                subtitle="Used here more than in the other readings; stop words left out",
            ),
            width=480,
            height=alt.Step(30),
        )
    )
    return _projector(chart)
