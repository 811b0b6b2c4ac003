"""What a check says: :class:`Feedback`, as a line of text and as a coloured HTML note."""

from __future__ import annotations

import html
import reprlib
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["MARKS", "MAX_MESSAGE", "QUOTE_CHARS", "STATUSES", "Feedback", "listing", "quoted"]

#: Characters of a student's answer that feedback quotes at most; the rest becomes an ellipsis.
QUOTE_CHARS = 80
#: Characters of a feedback message at most (a bound, whatever the answer or the corpus).
MAX_MESSAGE = 1000

STATUSES = ("not answered", "not yet", "passed")
#: Each status in words, as the feedback and the progress table show it.
MARKS = {"passed": "Passed", "not yet": "Not yet", "not answered": "Not answered yet"}
_COLOURS = {"passed": "#009E73", "not yet": "#E69F00", "not answered": "#999999"}


def quoted(value: object, limit: int = QUOTE_CHARS) -> str:
    """A student's value as feedback quotes it: its ``repr``, of at most ``limit`` characters
    of it (a longer text is cut, with an ellipsis).

    >>> quoted("marchant"), quoted("the sea " * 1000, limit=12), quoted(None)
    ("'marchant'", "'the sea the…'", 'None')
    """
    if isinstance(value, str):
        return repr(value if len(value) <= limit else value[: limit - 1] + "\u2026")
    brief = reprlib.Repr()  # (its keyword arguments are Python 3.12's)
    brief.maxstring = brief.maxother = limit
    short = brief.repr(value)
    return short if len(short) <= limit + 2 else short[: limit - 1] + "\u2026"


def listing(items: Iterable[str], limit: int = 12) -> str:
    """``a, b, c`` or, beyond ``limit`` items, the first ones and how many more.

    >>> listing(["a", "b"]), listing(map(str, range(30)), limit=3)
    ('a, b', '0, 1, 2 and 27 more')
    """
    items = list(items)
    more = f" and {len(items) - limit} more" if len(items) > limit else ""
    return ", ".join(quoted(i, 40)[1:-1] for i in items[:limit]) + more


@dataclass(frozen=True)
class Feedback:
    """What a check says: the question, a status and a message (with a hint when not yet).

    >>> print(Feedback("02.1", "passed", "4 is right."))
    [02.1] Passed. 4 is right.
    """

    question: str
    status: str
    message: str

    def __post_init__(self) -> None:  # short, whatever a check or a student put in it
        if len(self.question) > 40:
            object.__setattr__(self, "question", self.question[:39] + "\u2026")
        if len(self.message) > MAX_MESSAGE:
            object.__setattr__(self, "message", self.message[: MAX_MESSAGE - 1] + "\u2026")

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
