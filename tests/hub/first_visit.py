"""A student's first class on the hub, for the hub test and ``benchmarks/class.py``: the
server starts, the link clones the course and opens an exercise, the student answers its
first question and saves, runs every cell (the checks print feedback) and saves an
annotation (:func:`first_visit`, its times in a :class:`Visit`).
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from classroom import Student
from course_repo import COURSE
from host import ClassroomError
from kernel_client import Kernel

#: A blank answer line of an exercise, as ``rustbone-kit exercises build`` writes it.
BLANK = re.compile(r"^(answer_\w+) = None(  # your answer.*)?$", re.MULTILINE)
#: The first line of a check's feedback: ``[03.1] Passed.``, ``[03.1] Not yet. ...`` ...
FEEDBACK = re.compile(r"^\[(\d\d\.\d+)\] (Passed|Not yet|Not answered yet)", re.MULTILINE)
ANNOTATE = """\
import rustbone_kit as rk
from rustbone_kit.annotation_store import AnnotationFile, sentence_entries
_corpus = rk.load_corpus()
_file = AnnotationFile(_corpus, {name!r})
print(_file.save(sentence_entries(_corpus, {{("marchant", "marchant:s1"): (["swim"], [])}})))
"""


def exercises_with_blanks(course: Path) -> list[str]:
    """The exercises of the course (paths under it) that have a blank answer and a check."""
    found = []
    for path in sorted((course / "exercises").glob("*.ipynb")):
        text = "\n".join(
            "".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
        )
        if BLANK.search(text) and "check(" in text:
            found.append(path.relative_to(course).as_posix())
    return found


def answer_first_blank(nb: dict[str, Any], answer: str) -> str:
    """Fill the notebook's first blank answer with ``answer``; the line written."""
    for cell in nb["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        found = BLANK.search(source) if cell["cell_type"] == "code" else None
        if found:
            line = f"{found[1]} = {answer}"
            cell["source"] = source[: found.start()] + line + source[found.end() :]
            return line
    raise ClassroomError("no blank answer in the notebook")


@dataclass
class Visit:
    """What one student's first visit did and how long each part took (seconds)."""

    name: str
    pull: str
    answer_line: str
    feedback: list[str]
    annotation: Path
    server_s: float
    link_to_feedback_s: float
    total_s: float
    kernel: Kernel | None = None


def first_visit(student: Student, link: str, exercise: str, *, keep_kernel: bool = False) -> Visit:
    """A student's first class: the server starts, the link clones the course and opens the
    exercise, the student answers its first question and saves, runs every cell (the check
    cells print their feedback), and saves an annotation with the Annotator's save path."""
    began = time.monotonic()
    server_s = student.start_server()
    student.log_in()
    pulled = student.follow(link)
    path = f"{COURSE}/{exercise}"
    nb = student.contents(path)
    line = answer_first_blank(nb, f"{len(student.name)}  # {student.name}'s answer")
    student.save(path, nb)
    kernel = student.kernel(path)
    feedback: list[str] = []
    first = None
    try:
        for cell in nb["cells"]:
            if cell["cell_type"] != "code":
                continue
            out = kernel.execute("".join(cell["source"]))
            if out.error:
                raise ClassroomError(f"{student.name}: a cell failed: {out.text[-400:]}")
            lines = [m.group(0) for m in FEEDBACK.finditer(out.text)]
            if lines and first is None:
                first = time.monotonic() - began
            feedback += lines
        saved = kernel.execute(ANNOTATE.format(name=student.name))
        if saved.error:
            raise ClassroomError(f"{student.name}: the annotation was not saved: {saved.text}")
    finally:
        if not keep_kernel:
            kernel.close()
    return Visit(
        name=student.name,
        pull=pulled,
        answer_line=line,
        feedback=feedback,
        annotation=Path(saved.text.strip().splitlines()[-1]),
        server_s=server_s,
        link_to_feedback_s=first if first is not None else float("nan"),
        total_s=time.monotonic() - began,
        kernel=kernel if keep_kernel else None,
    )
