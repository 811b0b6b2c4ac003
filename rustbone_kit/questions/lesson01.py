"""Exercise 01: meet the readings."""

from __future__ import annotations

from ..checks.evidence import Evidence
from ..checks.kinds import Choice, Number, Readings
from ..checks.registry import Question

QUESTIONS = [
    Question(
        "01.1",
        "How many of the five readings name their author?",
        Number(
            lambda corpus: sum(r.meta.get("author") is not None for r in corpus),
            hint="Look at the author column of corpus.to_frame(); <NA> means the page does "
            "not say.",
        ),
    ),
    Question(
        "01.2",
        "Which readings give a rating?",
        Readings(
            lambda corpus: [r.id for r in corpus if r.meta.get("rating") is not None],
            hint="The rating column of corpus.to_frame(): which rows are not <NA>?",
        ),
    ),
    Question(
        "01.3",
        "What kind of text is 'compiled-page'?",
        Choice(
            options=("review", "overview", "compiled page"),
            correct=("compiled page",),
            hint="Read its header notes (corpus['compiled-page'].meta['notes']).",
        ),
    ),
    Question(
        "01.4",
        "Quote the passage of compiled-page that is not about the film; say what it is.",
        Evidence(reading="compiled-page", hint="Browse compiled-page passage by passage."),
    ),
    Question(
        "01.5",
        "Which reading would you quote in an essay? Quote what makes it trustworthy.",
        Evidence(),
    ),
]
