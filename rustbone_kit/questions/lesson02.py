"""Exercise 02: one film, many scenes."""

from __future__ import annotations

from ..checks import Number, Question

QUESTIONS = [
    Question(
        "02.1",
        "How many readings say nothing about the ice?",
        Number(
            lambda corpus: len(corpus.scene("ice").silent),
            hint="corpus.scene('ice').silent lists the readings that are silent on a scene.",
        ),
    ),
]
