"""A whole course for any readings folder, made from the bundled lessons as templates.

The bundled lessons are the one set of templates. Their code cells name no film: every id they
show comes from the course file (``lesson = rk.lesson_examples(corpus, "04")``), so
:func:`new_course` copies them unchanged. Their markdown is the worked example on the bundled
film; a cell about that film carries its generic twin in its metadata
(``"rustbone": {"generic": "..."}``, or ``null`` to leave the cell out), written about the
method with placeholders that the course fills in:

- ``{film}``, ``{year}``, ``{director}``, ``{source_work}``, ``{source_author}`` from
  ``course.yaml``;
- ``{NAME}``, a lesson example (a list joined with ", "), and ``{NAME.title}``, the title of
  the scene or reading, or the name of the character, with that id;
- ``{{`` and ``}}`` for literal braces.

>>> cell = {"cell_type": "markdown", "source": "Bundled prose",
...         "metadata": {"rustbone": {"generic": "Open {scene.title} in {film}."}}}
>>> import rustbone_kit as rk
>>> corpus = rk.load_corpus()
>>> render_markdown(cell, corpus, rk.lesson_examples(corpus, "04"), where="04, cell 1")
'Open The accident at Marineland in Rust and Bone.'
"""

from __future__ import annotations

import os
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import nbformat

from .catalogue import catalogue_for
from .corpus import Corpus, load_corpus
from .course import LessonExamples, course_for, load_course
from .course_exercises import write_exercises
from .errors import KitError
from .notebooks import execute_notebook, read_notebook, write_notebook

__all__ = [
    "TEMPLATE_KEY",
    "generic_lesson",
    "lesson_templates",
    "needed_examples",
    "new_course",
    "render_markdown",
]

#: The cell metadata key that holds a markdown cell's generic twin.
TEMPLATE_KEY = "rustbone"
_FIELD = re.compile(r"\{\{|\}\}|\{([a-z_][a-z0-9_]*)(?:\.(title))?\}")
_USED = re.compile(r"\blesson\.([a-z_][a-z0-9_]*)")
_SKIP = ("*.bak", "*.bak[0-9]*", "__pycache__", ".ipynb_checkpoints")


def lesson_templates(root: str | Path | None = None) -> list[Path]:
    """The lesson notebooks that serve as templates (the kit's own ``lessons/`` folder).

    >>> [p.name[:2] for p in lesson_templates()][:3]
    ['01', '02', '03']
    """
    folder = Path(root) if root is not None else Path(__file__).resolve().parent.parent / "lessons"
    found = sorted(folder.glob("[0-9][0-9]_*.ipynb"))
    if not found:
        raise KitError(
            "no lesson templates found",
            path=folder,
            fix="run new-course from a checkout of the kit (its lessons/ folder holds them)",
        )
    return found


def _title(corpus: Corpus, key: str, value: Any, where: str) -> str:
    cat = catalogue_for(corpus)
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        item = str(item)
        if key.endswith(("reading", "readings")):
            out.append(corpus[item].title)
        elif key.endswith(("character", "characters")):
            out.append(cat.character(item).names[0])
        elif key.endswith(("scene", "scenes")):
            out.append(cat.scene(item).title)
        else:
            raise KitError(
                f"{{{key}.title}}: {key!r} names no scene, reading or character",
                path=where,
                fix="use {NAME.title} only with an example whose name ends in scene, reading "
                "or character (or their plurals)",
            )
    return ", ".join(out)


def render_markdown(
    cell: dict[str, Any], corpus: Corpus, lesson: LessonExamples, *, where: str
) -> str | None:
    """The generic twin of a markdown cell on ``corpus`` (None: the twin leaves it out)."""
    meta = cell.get("metadata", {}).get(TEMPLATE_KEY, {})
    if "generic" not in meta:
        return cell["source"]
    text = meta["generic"]
    if text is None:
        return None
    facts = course_for(corpus).facts()
    examples = lesson.as_dict()

    def fill(match: re.Match[str]) -> str:
        if match.group(0) in ("{{", "}}"):
            return match.group(0)[0]
        key, attr = match.group(1), match.group(2)
        if attr:
            if key not in examples:
                getattr(lesson, key)  # raises naming the course file, lesson and key
            return _title(corpus, key, examples[key], where)
        if key in facts:
            if facts[key] is None:
                raise KitError(
                    f"the lesson's prose needs {{{key}}}, which the course file leaves out",
                    path=course_for(corpus).path,
                    field=key,
                    fix=f"add '{key}: ...' to the course file",
                )
            return str(facts[key])
        value = getattr(lesson, key)
        return ", ".join(map(str, value)) if isinstance(value, list) else str(value)

    return _FIELD.sub(fill, text)


def generic_lesson(template: str | Path, corpus: Corpus) -> nbformat.NotebookNode:
    """The lesson ``template`` made for ``corpus``: its code cells unchanged (no outputs), its
    markdown cells' generic twins filled in.

    >>> nb = generic_lesson(lesson_templates()[3], load_corpus())
    >>> nb.cells[0].cell_type, len(nb.cells) > 5
    ('markdown', True)
    """
    template = Path(template)
    nb = read_notebook(template)
    lesson = course_for(corpus).lesson(template.name[:2])
    cells = []
    for index, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "markdown":
            text = render_markdown(cell, corpus, lesson, where=f"{template.name}, cell {index}")
            if text is None:
                continue
            cell.source = text
        elif cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cell.metadata.pop(TEMPLATE_KEY, None)
        cells.append(cell)
    nb.cells = cells
    return nb


def needed_examples(template: str | Path) -> set[str]:
    """The lesson examples a template uses: in its code (``lesson.NAME``) and in its
    markdown cells' generic twins (``{NAME}``, ``{NAME.title}``), film fields left out.

    >>> sorted(needed_examples(lesson_templates()[3]))[:2]
    ['diction_term', 'other_term']
    """
    nb = read_notebook(Path(template))
    facts = {"film", "year", "director", "source_work", "source_author"}
    found: set[str] = set()
    for cell in nb.cells:
        if cell.cell_type == "code":
            found |= set(_USED.findall(cell.source))
        generic = cell.metadata.get(TEMPLATE_KEY, {}).get("generic")
        if cell.cell_type == "markdown" and generic:
            found |= {m.group(1) for m in _FIELD.finditer(generic) if m.group(1)} - facts
    return found


def _missing(corpus: Corpus, templates: list[Path]) -> list[str]:
    course = course_for(corpus)
    lines = []
    for path in templates:
        have = set(course.lesson(path.name[:2]).as_dict())
        lack = sorted(needed_examples(path) - have)
        if lack:
            lines.append(f'lessons: "{path.name[:2]}": needs {", ".join(lack)}')
    return lines


def _teaching_notes(corpus: Corpus, lessons: list[Path]) -> str:
    course = course_for(corpus)
    lines = [
        f"# Teaching notes: {course.title}",
        "",
        "A skeleton made by `rustbone-kit new-course`: one section per lesson, with the",
        "examples it shows (from `readings/course.yaml`). Add timings, what to project,",
        "expected answers and the disagreements you expect, as the kit's own notes do.",
        "",
    ]
    for path in lessons:
        lines += [f"## {path.stem.replace('_', ' ')}", ""]
        for key, value in course.lesson(path.name[:2]).as_dict().items():
            shown = value if not isinstance(value, str) or len(value) < 80 else value[:77] + "..."
            lines.append(f"- `{key}`: {shown}")
        lines += ["- Timing:", "- Expected answers:", "- Pitfalls:", ""]
    return "\n".join(lines)


def new_course(
    folder: str | Path,
    out: str | Path,
    *,
    lessons: list[str] | None = None,
    execute: bool = True,
    templates: str | Path | None = None,
) -> list[Path]:
    """Write a course for the readings in ``folder`` into the new folder ``out``: the readings
    (``out/readings``), the lessons made from the templates (``out/lessons``), a skeleton of
    teacher's notes, and, from the folder's ``questions.yaml``, the exercises and their key
    (``out/exercises``, ``out/solutions``); run them so their outputs are stored (unless
    ``execute=False``).

    ``lessons`` keeps only the templates whose number is listed ("04"). Returns the lessons.
    """
    folder, out = Path(folder), Path(out)
    load_course(folder)  # a folder with no course file or a broken one stops here, located
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise KitError(
            "the folder is not empty, so nothing was written",
            path=out,
            fix="give a new or empty folder",
        )
    chosen = [
        p for p in lesson_templates(templates) if lessons is None or p.name[:2] in set(lessons)
    ]
    if not chosen:
        raise KitError("no lesson has those numbers", fix="give numbers such as 01 04")
    corpus = load_corpus(folder)
    missing = _missing(corpus, chosen)
    if missing:
        raise KitError(
            f"the course file lacks {len(missing)} lesson(s)' examples: " + "; ".join(missing),
            path=folder / "course.yaml",
            field="lessons",
            fix="add each example under its lesson (readings/course.yaml shows the bundled "
            "film's, with comments), or make only the lessons it has with --lessons",
        )
    made = [(path.name, generic_lesson(path, corpus)) for path in chosen]  # all before writing
    shutil.copytree(folder, out / "readings", ignore=shutil.ignore_patterns(*_SKIP))
    (out / "lessons").mkdir()
    written = []
    for name, nb in made:
        write_notebook(nb, out / "lessons" / name)
        written.append(out / "lessons" / name)
    (out / "lessons" / "TEACHING.md").write_text(_teaching_notes(corpus, chosen), "utf-8")
    if execute:
        _execute(written)
    if (folder / "questions.yaml").is_file():
        write_exercises(out / "readings", out, execute=execute)
    return written


def _execute(paths: list[Path]) -> None:
    """Run the lessons, two at a time on a machine with two cores or more, with progress."""
    jobs = max(1, min(2, os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for number, report in enumerate(pool.map(execute_notebook, paths), start=1):
            print(f"[{number}/{len(paths)}] {report}", flush=True)
