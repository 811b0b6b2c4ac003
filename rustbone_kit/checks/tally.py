"""What is answered and passed in a lesson: :class:`Progress`, as text and as an HTML table."""

from __future__ import annotations

import html
from dataclasses import dataclass

from ..corpus import Corpus
from .feedback import MARKS
from .registry import questions, recorded

__all__ = ["Progress", "progress"]


@dataclass(frozen=True)
class Progress:
    """One row per question of a lesson: answered? passed? Shows as a table."""

    lesson: str
    rows: tuple[tuple[str, str, str], ...]

    @property
    def passed(self) -> int:
        return sum(status == "passed" for _, _, status in self.rows)

    def __str__(self) -> str:
        lines = [f"Lesson {self.lesson}: {self.passed} of {len(self.rows)} questions passed."]
        lines += [f"  {qid:6} {MARKS.get(s, s):18} {prompt}" for qid, prompt, s in self.rows]
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        body = "".join(
            f"<tr><th scope='row'>{html.escape(q)}</th><td>{html.escape(p)}</td>"
            f"<td>{html.escape(MARKS.get(s, s))}</td></tr>"
            for q, p, s in self.rows
        )
        return (
            f"<table class='rk-progress' style='font-size:16px'><caption>Lesson "
            f"{html.escape(self.lesson)}: {self.passed} of {len(self.rows)} questions "
            "passed</caption><thead><tr><th scope='col'>Question</th><th scope='col'>"
            f"Asks</th><th scope='col'>Status</th></tr></thead><tbody>{body}</tbody></table>"
        )


def progress(lesson: str | None = None, *, corpus: Corpus | None = None) -> Progress:
    """What is answered and passed in a lesson's exercise (the last lesson checked, by default),
    among the questions that apply to ``corpus`` (the bundled ones by default).

    >>> from rustbone_kit.checks import check, reset
    >>> reset(); _ = check("02.1", 4)
    >>> print(progress("02").rows[0])
    ('02.1', 'How many readings say nothing about the ice?', 'passed')
    """
    results = recorded()
    if lesson is None:
        lesson = next(reversed(results), "01").split(".")[0]
    lesson = str(lesson).zfill(2)
    rows = []
    for qid, q in questions(corpus).items():
        if qid.split(".")[0] == lesson:
            result = results.get(qid)
            rows.append((qid, q.prompt, result.status if result else "not answered"))
    return Progress(lesson, tuple(rows))
