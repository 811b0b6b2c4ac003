"""Exercise 02: one film, many scenes."""

from __future__ import annotations

from ..checks.evidence import Evidence
from ..checks.frames import Table
from ..checks.kinds import Number, Readings
from ..checks.registry import Question
from ..scenes import scene_coverage

QUESTIONS = [
    Question(
        "02.1",
        "How many readings say nothing about the ice?",
        Number(
            lambda corpus: len(corpus.scene("ice").silent),
            hint="corpus.scene('ice').silent lists the readings that are silent on a scene.",
        ),
    ),
    Question(
        "02.2",
        "Which scenes does the unsigned review discuss? (a table: order, title)",
        Table(
            lambda corpus: scene_coverage(corpus).query(
                "reading == 'unsigned-review' and sentences > 0"
            ),
            columns=("order", "title"),
            hint="Adapt the lesson's query of the coverage table: another reading, and the "
            "scenes it does discuss (more than 0 sentences), not the ones it leaves out.",
        ),
    ),
    Question(
        "02.3",
        "Which readings are silent on the ending?",
        Readings(
            lambda corpus: corpus.scene("ending").silent,
            hint="The scene list gives the ending's id; corpus.scene(...) then says who says "
            "nothing about it. The question asks for the silent readings.",
        ),
    ),
    Question(
        "02.4",
        "Quote a critic's retelling of the nightclub; say what it selects and why it matters.",
        Evidence(
            scene="nightclub",
            hint="corpus.scene('nightclub') shows every passage the annotator gave to it.",
        ),
    ),
    Question(
        "02.5",
        "Quote a sentence that judges the street fights; say whether it describes them too.",
        Evidence(
            scene="street-fights",
            hint="corpus.scene('street-fights') shows the passages on the fights.",
        ),
    ),
    Question(
        "02.6",
        "Machine or annotator: is Marchant's watery opening about the swim? Quote and argue.",
        Evidence(
            reading="marchant",
            scene="journey-south",
            hint="Quote from the first two sentences of the opening paragraph, the ones that "
            "describe the images: corpus['marchant'].sentences[2] and [3].",
        ),
    ),
    Question(
        "02.7",
        "Does Marchant's last sentence discuss the ending? Quote it and argue.",
        Evidence(
            reading="marchant",
            scene="ending",
            hint="Quote the words of his last sentence of criticism (before the biography).",
        ),
    ),
]
