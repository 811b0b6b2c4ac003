"""The feedback file each student gets from a grading run: one offline HTML page, escaped.

>>> from rustbone_kit.grading.gradebook import Row
>>> from rustbone_kit.checks.feedback import Feedback
>>> page = feedback_page(Row("ana <b>", "a.ipynb", {"02.1": 1},
...                          feedback=[Feedback("02.1", "passed", "4 is right.")]))
>>> "ana &lt;b&gt;" in page and "<script" not in page
True
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from ..atomic import write_atomic
from ..checks.feedback import MARKS
from .gradebook import Gradebook, Row

__all__ = ["feedback_page", "write_feedback"]

_STYLE = """
body { font: 18px/1.5 system-ui, sans-serif; max-width: 50em; margin: 2em auto; color: #111; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #767676; padding: .4em .6em; text-align: left; vertical-align: top; }
.passed { border-left: 6px solid #007a5a; } .not-yet { border-left: 6px solid #b35900; }
.not-answered { border-left: 6px solid #595959; }
"""


def feedback_page(row: Row) -> str:
    """One student's page: the total, then each question's status and message."""
    esc = html.escape
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Feedback: {esc(row.student)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>Feedback for {esc(row.student)}</h1>",
        f"<p>Exercise: {esc(row.exercise or 'unknown')}. File: {esc(row.file)}.</p>",
    ]
    if row.reason:
        lines.append(f"<p><strong>Not graded:</strong> {esc(row.reason)}.</p>")
    else:
        lines.append(f"<p><strong>Total: {row.total} of {len(row.points)}.</strong></p>")
    if row.feedback:
        lines.append("<table><caption>Each question</caption>")
        lines.append('<tr><th scope="col">Question</th><th scope="col">Result</th>'
                     '<th scope="col">What the check says</th></tr>')  # fmt: skip
        for fb in row.feedback:
            css = fb.status.replace(" ", "-")
            lines.append(
                f'<tr class="{esc(css)}"><td>{esc(fb.question)}</td>'
                f"<td>{esc(MARKS.get(fb.status, fb.status))}</td><td>{esc(fb.message)}</td></tr>"
            )
        lines.append("</table>")
    lines.append("</body></html>")
    return "\n".join(lines) + "\n"


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "student"


def write_feedback(book: Gradebook, folder: str | Path) -> list[Path]:
    """Write ``folder/<student>.html`` for every row; return the paths written."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written, seen = [], set()
    for row in book.rows:
        stem = _safe(row.student)
        while stem in seen:
            stem += "_"
        seen.add(stem)
        written.append(write_atomic(out / f"{stem}.html", feedback_page(row), backups=0))
    return written
