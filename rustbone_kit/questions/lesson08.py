"""Exercise 08: your own reading. Questions 08.1-08.3 and 08.5 are checked against the corpus
with the student's reading added (``check(..., corpus=together)``), so quotes may come from it."""

from __future__ import annotations

from ..checks.evidence import Evidence
from ..checks.kinds import Number
from ..checks.registry import Question

QUESTIONS = [
    Question(
        "08.1",
        "How many sentences does your reading have, as the kit splits it?",
        Number(
            lambda corpus: len(corpus["my-reading"].sentences) if "my-reading" in corpus else -1,
            hint="mine.sentences holds them; len() counts them.",
        ),
    ),
    Question(
        "08.2",
        "Quote a sentence of yours that only describes; say what it leaves readers to interpret.",
        Evidence(reading="my-reading", hint="Copy one sentence from your own text."),
    ),
    Question(
        "08.3",
        "Quote a sentence of yours the scene suggestions miss; say why the kit cannot see it.",
        Evidence(
            reading="my-reading",
            hint="Compare your sentences with the rows of rk.scene_labels(together).",
        ),
    ),
    Question(
        "08.4",
        "Quote a critic on your scene; say what you saw that the critic did not, or the reverse.",
        Evidence(hint="corpus.scene(scene) shows what each critic says about your scene."),
    ),
    Question(
        "08.5",
        "Quote a sentence of yours whose tone score is not what you meant; say what you meant.",
        Evidence(
            reading="my-reading", hint="The tone table of section 5 gives each sentence's score."
        ),
    ),
]
