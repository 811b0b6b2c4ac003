"""Feedback in the notebook: ``check("03.2", answer)`` says passed, or gives a hint.

A check never raises, whatever it is given (``None``, a wrong type, an empty string, a
half-filled dict): a student sees a clear line of feedback, never a traceback. Checks are
keyed by question id (``"03.2"``: lesson 03, question 2), not by notebook file, so renaming
or moving a notebook changes nothing.

For interpretive questions the check looks at the *evidence*, never at the opinion: a
quotation must really occur in the reading named; a scene id must exist and match the
passage quoted; a claim must be a sentence of the student's own and cite a reading. Whether
the argument is good is for the class and the teacher.

The modules: :mod:`~.feedback` (what a check says), :mod:`~.kinds`, :mod:`~.frames` and
:mod:`~.evidence` (the kinds of answer), :mod:`~.expected` (expected values as data: the
computations a question may name), :mod:`~.bank` (``questions.yaml``, read into questions),
:mod:`~.registry` (the questions by id, and :func:`check`), :mod:`~.tally` (:func:`progress`:
what a lesson has answered). The questions themselves are data, in ``questions.yaml`` beside
the readings (the bundled ``readings/questions.yaml`` by default): no question lives in Python.

>>> feedback = check("02.1", None)
>>> feedback.status
'not answered'
>>> print(feedback)
[02.1] Not answered yet. Replace None with your answer and run the cell again.
>>> check("02.1", "four").status
'not yet'
"""

from __future__ import annotations

from .evidence import Evidence, SceneOf
from .feedback import STATUSES, Feedback
from .frames import Chart, Table
from .kinds import Answer, Choice, Number, Readings
from .registry import Question, check, question, questions, reset
from .show import NotDrawn, show
from .tally import Progress, progress

__all__ = [
    "STATUSES",
    "Answer",
    "Chart",
    "Choice",
    "Evidence",
    "Feedback",
    "NotDrawn",
    "Number",
    "Progress",
    "Question",
    "Readings",
    "SceneOf",
    "Table",
    "check",
    "progress",
    "question",
    "questions",
    "reset",
    "show",
]
