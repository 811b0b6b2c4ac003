"""Grading a class: run each submitted exercise in its own kernel and judge its answers here.

>>> from rustbone_kit.grading import FORMATS
>>> FORMATS
('plain', 'canvas', 'moodle')

Grading runs students' code with the teacher's permissions (in a scratch folder, with a
stripped environment and time and memory limits): grade on a machine or account that holds
nothing the students should not reach.
"""

from .gradebook import FORMATS, Gradebook, Row, grade_folder, read_roster
from .report import feedback_page, write_feedback
from .submission import Limits, run_submission

__all__ = [
    "FORMATS",
    "Gradebook",
    "Limits",
    "Row",
    "feedback_page",
    "grade_folder",
    "read_roster",
    "run_submission",
    "write_feedback",
]
