"""What a check says: :class:`Feedback`, as a line of text and as a coloured HTML note."""

from __future__ import annotations

import html
from dataclasses import dataclass

__all__ = ["MARKS", "STATUSES", "Feedback"]

STATUSES = ("not answered", "not yet", "passed")
#: Each status in words, as the feedback and the progress table show it.
MARKS = {"passed": "Passed", "not yet": "Not yet", "not answered": "Not answered yet"}
_COLOURS = {"passed": "#009E73", "not yet": "#E69F00", "not answered": "#999999"}


@dataclass(frozen=True)
class Feedback:
    """What a check says: the question, a status and a message (with a hint when not yet).

    >>> print(Feedback("02.1", "passed", "4 is right."))
    [02.1] Passed. 4 is right.
    """

    question: str
    status: str
    message: str

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    def __str__(self) -> str:
        return f"[{self.question}] {MARKS[self.status]}. {self.message}".rstrip()

    __repr__ = __str__

    def _repr_html_(self) -> str:
        return (
            f'<div class="rk-feedback rk-{self.status.replace(" ", "-")}" role="status" '
            'style="font-size:16px;padding:.4em .8em;border-left:6px solid '
            f'{_COLOURS[self.status]}"><strong>[{html.escape(self.question)}] '
            f"{MARKS[self.status]}.</strong> {html.escape(self.message)}</div>"
        )
