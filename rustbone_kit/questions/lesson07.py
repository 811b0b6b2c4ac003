"""Exercise 07: checking the critics."""

from __future__ import annotations

from ..checks.evidence import Evidence
from ..checks.kinds import Choice, Number, Readings
from ..checks.registry import Question
from ..claims import slips
from ..corpus import Corpus


def _misnames_the_park(corpus: Corpus) -> list[str]:
    """Readings with a flagged slip that names a 'Marine...' park other than Marineland."""
    found = slips(corpus)
    text = found.text.str
    named = text.contains(r"\bMarine\w+") & ~text.contains("Marineland")
    return found.loc[named, "reading"].tolist()


#: The verdicts of lesson 07, section 5 (a student's, not the kit's wrong/disputed).
VERDICTS = ("confirmed", "slip", "error of fact", "disputed", "cannot check")

QUESTIONS = [
    Question(
        "07.1",
        "How many factual slips does the reference annotation flag in the five readings?",
        Number(
            lambda corpus: len(slips(corpus)),
            hint="rk.slips(corpus) has one row per flagged slip; count rows, not readings.",
        ),
    ),
    Question(
        "07.2",
        "Which reading misnames the marine park?",
        Readings(
            _misnames_the_park,
            hint="Read the notes of the slips: which one corrects the park's name? A "
            "comparison with another park is not a misnaming.",
        ),
    ),
    Question(
        "07.3",
        "What is the kit's verdict on 'her legs are amputated below the knee'?",
        Choice(
            options=("wrong", "disputed"),
            correct=("disputed",),
            hint="Not memory of the film: find the claim in rk.load_claims() and read "
            "its verdict and fact.",
        ),
    ),
    Question(
        "07.4",
        "The overview: 'nominations for its ... direction'. Your verdict, with our sources?",
        Choice(
            options=VERDICTS,
            correct=("cannot check",),
            hint="Reread the fact box on the Césars and the Golden Globes: which nominations do "
            "the notes list, and which do they leave out?",
        ),
    ),
    Question(
        "07.5",
        "Does Bowditch's argument about the legs depend on 'robotic'? Quote and argue.",
        Evidence(
            reading="bowditch",
            scene="prosthetics",
            hint="Quote from her two sentences on the new legs: corpus.scene('prosthetics').",
        ),
    ),
    Question(
        "07.6",
        "Quote an interpretation of Marchant's that his misspelt names do not touch; argue.",
        Evidence(reading="marchant"),
    ),
    Question(
        "07.7",
        "Quote an unflagged claim of fact that our notes cannot check; say who would know.",
        Evidence(),
    ),
    Question(
        "07.8",
        "Quote a judgement in the overview's prizes paragraph; say why it cannot be checked.",
        Evidence(reading="overview"),
    ),
]
