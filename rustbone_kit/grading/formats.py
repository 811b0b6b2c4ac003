"""The grade-book formats a class's grades can be written in (``rustbone-kit grade --format``).

Kept apart from the grade book itself so that the command line can offer them without
loading pandas and nbformat.

>>> FORMATS
('plain', 'canvas', 'moodle')
"""

from __future__ import annotations

__all__ = ["FORMATS"]

#: The formats of :meth:`~rustbone_kit.grading.gradebook.Gradebook.to_csv`, which says each.
FORMATS = ("plain", "canvas", "moodle")
