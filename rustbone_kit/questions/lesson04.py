"""Exercise 04: what critics stress, counting themes."""

from __future__ import annotations

from ..checks.evidence import Evidence
from ..checks.frames import Chart, Table
from ..checks.kinds import Number
from ..checks.registry import Question
from ..themes import theme_hits, theme_table
from ..words import concordance

QUESTIONS = [
    Question(
        "04.1",
        "Make the theme table of the unsigned review: theme, hits and rate.",
        Table(
            lambda corpus: theme_table(corpus).query("reading == 'unsigned-review'"),
            columns=("theme", "hits", "rate"),
            hint="Start from table = rk.theme_table(corpus), keep the unsigned review's rows "
            "with query, as the lesson did for one theme, and do not round the rates.",
        ),
    ),
    Question(
        "04.2",
        "Draw a bar chart of the parenthood theme's rate in each reading.",
        Chart(
            mark="bar",
            encodings={"y": "reading", "x": "rate"},
            data=lambda corpus: theme_table(corpus).query("theme == 'parenthood'"),
            hint="Start from rows, the chart of the parenthood rows: "
            "rows.mark_bar().encode(x=..., y=...).",
        ),
    ),
    Question(
        "04.3",
        "How many of Marchant's parenthood hits are left without the terms son and boy?",
        Number(
            lambda corpus: len(
                theme_hits(corpus, themes=["parenthood"]).query(
                    "reading == 'marchant' and term not in ['son', 'boy']"
                )
            ),
            hint="Filter hits = rk.theme_hits(corpus) by reading and theme, then leave out "
            "the rows whose term column is 'son' or 'boy', and count what is left.",
        ),
    ),
    Question(
        "04.4",
        "Quote a theme hit whose word the critic uses in another sense, or says the "
        "opposite of; say why.",
        Evidence(
            within=lambda corpus: theme_hits(corpus).sentence,
            within_says="a sentence with a theme hit",
            hint="Read the sentence column of rk.theme_hits(corpus) for one theme at a time.",
        ),
    ),
    Question(
        "04.5",
        "Why do animals show up in the hospital scene? Quote a sentence behind that row.",
        Evidence(
            scene="hospital",
            hint="corpus.scene('hospital') lists every sentence labelled with that scene.",
        ),
    ),
    Question(
        "04.6",
        "Bowditch's most distinctive word is 'real'. Quote one use; say what she values.",
        Evidence(
            reading="bowditch",
            within=lambda corpus: concordance(corpus, "real").sentence,
            within_says="a sentence that uses 'real'",
            hint="rk.concordance(corpus, 'real', readings=['bowditch']) shows her four uses.",
        ),
    ),
    Question(
        "04.7",
        "Quote a passage where a theme is present with none of its terms; name the term "
        "you would add.",
        Evidence(
            hint="Choose a theme, read its terms (themes.theme(id).terms), then look for "
            "sentences about it that theme_hits does not list.",
        ),
    ),
]
