"""Exercise 06: from Davidson's stories to Audiard's film."""

from __future__ import annotations

from ..adaptation import load_adaptation
from ..checks.evidence import Evidence
from ..checks.kinds import Choice, Number, Readings
from ..checks.registry import Question
from ..words import concordance

QUESTIONS = [
    Question(
        "06.1",
        "How many rows of the adaptation table mark something the film changed?",
        Number(
            lambda corpus: int((load_adaptation().changes.kind == "changed").sum()),
            hint="Count the rows whose kind is 'changed', not every row of the table: kept, "
            "added and moved are other kinds.",
        ),
    ),
    Question(
        "06.2",
        "Which story does the change 'boxer-meets-trainer' draw on?",
        Choice(
            options=("Rust and Bone", "Rocket Ride", "both stories", "neither story"),
            correct=("both stories",),
            hint="Its story column is empty: read its in_story column to see why.",
        ),
    ),
    Question(
        "06.3",
        "Which readings call the film a love story?",
        Readings(
            lambda corpus: sorted(set(concordance(corpus, "love story").reading)),
            hint="rk.concordance searches a phrase as well as a word; look at the reading "
            "column of what it finds.",
        ),
    ),
    Question(
        "06.4",
        "Quote what the overview says about the source; say what it gets right and wrong.",
        Evidence(reading="overview", hint="rk.concordance(corpus, 'Davidson') finds it."),
    ),
    Question(
        "06.5",
        "The nephew becomes Ali's son: quote a critic on the ice; argue what the change does.",
        Evidence(
            scene="ice",
            hint="Only one reading retells the ice: corpus.scene('ice') shows it.",
        ),
    ),
    Question(
        "06.6",
        "The trainer becomes a woman: quote a critic on her at the fights; argue what it does.",
        Evidence(
            scene="prosthetics",
            hint="Scene 10 (prosthetics) is where she walks on new legs and arrives at a "
            "fight: corpus.scene('prosthetics') shows who writes about it.",
        ),
    ),
    Question(
        "06.7",
        "The love story was added: quote a critic's 'love story'; does knowing that matter?",
        Evidence(hint="rk.concordance(corpus, 'love story') finds the phrase."),
    ),
]
