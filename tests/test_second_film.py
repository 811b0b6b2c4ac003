"""The second film end to end: new-course on courses/salt-orchard makes a course that runs.

Every lesson and exercise it makes is executed (as ``rustbone-kit new-course`` does); then
the stored notebooks are read as a student would see them: no error, no empty table or chart,
no name from the bundled film in any prose or output, every solution passing its checks and
every blank exercise saying "Not answered yet".
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import rustbone_kit as rk
from rustbone_kit.checks.bank import load_questions
from rustbone_kit.course_template import lesson_templates, new_course
from rustbone_kit.folder_check import check_folder

ROOT = Path(__file__).resolve().parents[1]
SALT = ROOT / "courses" / "salt-orchard"
#: Method references the lessons' reading lists name in every course (not the film's).
REFERENCES = ("Sam Wineburg",)


def bundled_names() -> set[str]:
    """Names that belong to the bundled film: the film, its makers, characters, actors,
    readings, and the places its scenes happen."""
    course = rk.load_course()
    cat = rk.catalogue_for(None)
    names = {course.title, course.director, course.source_author, "Audiard", "Davidson"}
    for character in cat.characters:
        names |= set(character.names) | ({character.actor} if character.actor else set())
        names |= set(character.actor.split()[-1:]) if character.actor else set()
    names |= set(rk.load_corpus().ids) | {"Marineland", "Antibes", "orca", "Bowditch", "Marchant"}
    names -= set(rk.load_corpus(SALT).ids)  # "overview" is a kind of text, and a reading here too
    return {n for n in names if n}


def source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("salt") / "course"
    new_course(SALT, out)
    return out


def notebooks(course: Path, part: str) -> list[Path]:
    return sorted((course / part).glob("*.ipynb"))


def outputs(cell: dict) -> str:
    parts = []
    for out in cell.get("outputs", []):
        parts.append("".join(out.get("text", "")))
        for kind, value in out.get("data", {}).items():
            parts.append(json.dumps(value) if "json" in kind else "".join(value))
    return "\n".join(parts)


def test_every_lesson_is_made_and_its_code_cells_are_the_bundled_ones(course):
    made = notebooks(course, "lessons")
    assert [p.name for p in made] == [p.name for p in lesson_templates()]
    for path, template in zip(made, lesson_templates(), strict=True):
        code = [
            source(c) for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"
        ]
        bundled = json.loads(template.read_text())["cells"]
        assert code == [source(c) for c in bundled if c["cell_type"] == "code"], path.name


def test_no_cell_errors_and_no_table_or_chart_is_empty(course):
    for part in ("lessons", "exercises", "solutions"):
        for path in notebooks(course, part):
            for i, cell in enumerate(json.loads(path.read_text())["cells"]):
                where = f"{part}/{path.name}, cell {i}"
                kinds = [o["output_type"] for o in cell.get("outputs", [])]
                assert "error" not in kinds, where
                shown = outputs(cell)
                assert "Empty DataFrame" not in shown and "<tbody>\n  </tbody>" not in shown, where
                assert '"values": []' not in shown, where  # a chart with no data


def test_nothing_from_the_bundled_film_appears_in_prose_or_output(course):
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(bundled_names()))) + r")\b")
    for part in ("lessons", "exercises", "solutions"):
        for path in notebooks(course, part):
            for i, cell in enumerate(json.loads(path.read_text())["cells"]):
                text = source(cell) + "\n" + outputs(cell)
                for reference in REFERENCES:
                    text = text.replace(reference, "")
                found = pattern.findall(text)
                assert not found, f"{part}/{path.name}, cell {i}: {sorted(set(found))}"
    notes = (course / "lessons" / "TEACHING.md").read_text("utf-8")
    assert not pattern.findall(notes)


def test_the_solutions_pass_and_the_blank_exercises_are_not_answered_yet(course):
    solutions, exercises = notebooks(course, "solutions"), notebooks(course, "exercises")
    assert solutions and [p.name for p in solutions] == [p.name for p in exercises]
    bank = load_questions(SALT)
    for path in solutions:
        cells = json.loads(path.read_text())["cells"]
        checks = [outputs(c) for c in cells if source(c).startswith("check(")]
        assert checks and all("Passed" in c for c in checks), path.name
    for path in exercises:
        number = path.name[:2]
        cells = json.loads(path.read_text())["cells"]
        (last,) = [c for c in cells if source(c).startswith("progress(")]
        asked = [q for q in bank.values() if q.id.startswith(number + ".")]
        plain = "".join("".join(o["data"]["text/plain"]) for o in last["outputs"] if "data" in o)
        assert plain.count("Not answered yet") == len(asked), path.name


def test_the_generated_course_checks_cleanly(course):
    findings = check_folder(course / "readings")
    assert not [str(f) for f in findings if f.status == "problem"]
