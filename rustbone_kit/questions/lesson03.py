"""Exercise 03: side by side."""

from __future__ import annotations

from ..checks.evidence import Evidence, SceneOf
from ..checks.kinds import Choice, Number, Readings
from ..checks.registry import Question
from ..words import concordance

QUESTIONS = [
    Question(
        "03.1",
        "How many readings have something to say about the accident at Marineland?",
        Number(
            lambda corpus: len(corpus.scene("orca-accident").passages),
            hint="corpus.scene('orca-accident') lists passages per reading, and the silent ones.",
        ),
    ),
    Question(
        "03.2",
        "Quote a critic's word or phrase for the accident; say what it makes of the event.",
        Evidence(
            scene="orca-accident",
            hint="Use the side-by-side view on 'orca-accident' and copy words from one column.",
        ),
    ),
    Question(
        "03.3",
        "'A freak accident at the marine park causes Stephanie to lose both of her legs': "
        "description, interpretation or evaluation?",
        Choice(
            options=("description", "interpretation", "evaluation"),
            correct=("description",),
            hint="Could you check the sentence against the film itself? Then it describes.",
        ),
    ),
    Question(
        "03.4",
        "Which readings use 'tragic' or 'tragedy'?",
        Readings(
            lambda corpus: set(concordance(corpus, "trag*").reading),
            hint="rk.concordance(corpus, 'trag*') lists every use with its reading.",
        ),
    ),
    Question(
        "03.5",
        "Quote a sentence that judges the street fights; is it praise or complaint, and why?",
        Evidence(
            scene="street-fights",
            hint="The fight sentences are in section 4 of the lesson, with their tone.",
        ),
    ),
    Question(
        "03.6",
        "Quote the compiled page's sentence that interprets what the accident did to Stéphanie.",
        Evidence(
            reading="compiled-page",
            scene="orca-accident",
            hint="Its column in the side-by-side view on 'orca-accident' has one passage.",
        ),
    ),
    Question(
        "03.7",
        "Quote a sentence from any critic and give the id of the scene it discusses.",
        SceneOf(
            hint="corpus.scene(scene_id) shows each scene's passages; lesson 02 lists the ids."
        ),
    ),
]
