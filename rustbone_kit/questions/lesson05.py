"""Exercise 05: judgement, ratings, praise and taking sides."""

from __future__ import annotations

from ..checks.evidence import Evidence
from ..checks.frames import Chart, Table
from ..checks.kinds import Number
from ..checks.registry import Question
from ..judgement import sentence_tone

QUESTIONS = [
    Question(
        "05.1",
        "Make the table of Bowditch's sentences that the tone measure scores negative.",
        Table(
            lambda corpus: sentence_tone(corpus).query(
                "reading == 'bowditch' and tone == 'negative'"
            ),
            columns=("sentence", "compound"),
            hint="Filter tone = rk.sentence_tone(corpus) by reading and by the tone column, "
            "as the lesson did for the unsigned review; keep sentence and compound unrounded.",
        ),
    ),
    Question(
        "05.2",
        "Quote a sentence of Bowditch's that scores negative though she is praising; say "
        "what she does.",
        Evidence(
            reading="bowditch",
            within=lambda corpus: sentence_tone(corpus).query("compound < 0").sentence,
            within_says="a sentence the tone measure scores negative",
            hint="Read the sentences of your table for 05.1: which of them judge the film?",
        ),
    ),
    Question(
        "05.3",
        "How many of Marchant's sentences contain a hedge, by the kit's list?",
        Number(
            lambda corpus: int((sentence_tone(corpus, readings=["marchant"]).hedges != "").sum()),
            hint="The hedges column of rk.sentence_tone(corpus) is '' when no hedge was "
            "found; keep Marchant's rows that are not '' and count them.",
        ),
    ),
    Question(
        "05.4",
        "Draw a bar chart of the share of each reading's sentences that carry a hedge.",
        Chart(
            mark="bar",
            encodings={"y": "reading", "x": "share"},
            hint="Start from rows, the chart of the hedging table: "
            "rows.mark_bar().encode(x=..., y=...).",
        ),
    ),
    Question(
        "05.5",
        "Quote a real hedge outside Marchant's review and say what it does for the critic.",
        Evidence(
            within=lambda corpus: (
                sentence_tone(corpus).query("hedges != '' and reading != 'marchant'").sentence
            ),
            within_says="a sentence, outside Marchant's review, in which the kit finds a hedge",
            hint="tone.query(\"hedges != ''\") lists the hedged sentences; some hits are not "
            "hedges at all.",
        ),
    ),
    Question(
        "05.6",
        "What is the unsigned review's stance toward Ali? Quote your best evidence.",
        Evidence(
            reading="unsigned-review",
            hint="rk.stance(corpus, with_sentences=True) gives the sentences behind the "
            "cell; the review also calls Ali 'he' and 'him'.",
        ),
    ),
    Question(
        "05.7",
        "Quote an evaluation in the overview and say whether it gives a reason of its own.",
        Evidence(
            reading="overview",
            hint="Look for words that judge (remarkable, powerful, masterfully) and then "
            "for a 'because' or an 'as' that follows them.",
        ),
    ),
]
