"""Grading a class: run each submitted exercise in its own kernel and judge its answers here.

>>> from rustbone_kit.grading import FORMATS, Limits
>>> FORMATS, Limits().seconds > 0
(('plain', 'canvas', 'moodle'), True)

Grading runs students' code with the teacher's permissions (in a scratch folder, with a
stripped environment and time and memory limits): grade on a machine or account that holds
nothing the students should not reach. Each name is imported from its module on first use,
so that the command line offers ``--format`` without loading pandas and nbformat.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .formats import FORMATS

if TYPE_CHECKING:
    from .gradebook import Gradebook, Row, grade_folder, read_roster
    from .report import feedback_page, write_feedback
    from .submission import Limits, run_submission

#: Each name this package gives, and the module it comes from.
_EXPORTS = {
    "Gradebook": "gradebook",
    "Row": "gradebook",
    "grade_folder": "gradebook",
    "read_roster": "gradebook",
    "feedback_page": "report",
    "write_feedback": "report",
    "Limits": "submission",
    "run_submission": "submission",
}

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


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value  # looked up once
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
