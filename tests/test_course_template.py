"""The lessons as templates: new-course makes a course for any folder, code cells unchanged."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest

import rustbone_kit as rk
from rustbone_kit.course import MissingFileError
from rustbone_kit.course_template import (
    generic_lesson,
    lesson_templates,
    needed_examples,
    new_course,
    render_markdown,
)
from rustbone_kit.errors import KitError

ROOT = Path(__file__).resolve().parents[1]
SALT = ROOT / "courses" / "salt-orchard"


def cell(generic):
    return {
        "cell_type": "markdown",
        "source": "bundled",
        "metadata": {"rustbone": {"generic": generic}},
    }


def test_placeholders_fill_from_the_course_file_and_the_data():
    corpus = rk.load_corpus(SALT)
    lesson = rk.lesson_examples(corpus, "04")
    text = render_markdown(
        cell("{film} ({year}), from {source_work}: {{x}}"), corpus, lesson, where="t"
    )
    assert text == "The Salt Orchard (2019), from Where the Pears Turn Salt: {x}"
    title = rk.catalogue_for(corpus).scene(lesson.scene).title
    assert render_markdown(cell("{scene.title}"), corpus, lesson, where="t") == title


def test_a_cell_without_a_twin_is_kept_and_a_null_twin_is_left_out():
    corpus = rk.load_corpus()
    lesson = rk.lesson_examples(corpus, "04")
    plain = {"cell_type": "markdown", "source": "method", "metadata": {}}
    assert render_markdown(plain, corpus, lesson, where="t") == "method"
    assert render_markdown(cell(None), corpus, lesson, where="t") is None


def test_an_unknown_placeholder_names_the_course_file_and_the_missing_example():
    corpus = rk.load_corpus(SALT)
    with pytest.raises(KitError) as info:
        render_markdown(
            cell("{no_such_example}"), corpus, rk.lesson_examples(corpus, "04"), where="t"
        )
    assert info.value.field == "lessons.04.no_such_example"
    lesson = rk.lesson_examples(corpus, "04")
    plain = next(k for k in lesson.as_dict() if not k.endswith(("scene", "reading", "readings")))
    with pytest.raises(KitError, match=r"names no scene, reading or character"):
        render_markdown(cell(f"{{{plain}.title}}"), corpus, lesson, where="t")


def test_the_bundled_lessons_code_cells_are_what_the_generic_twin_keeps():
    corpus = rk.load_corpus()
    for path in lesson_templates():
        bundled = [
            c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"
        ]
        twin = [c.source for c in generic_lesson(path, corpus).cells if c.cell_type == "code"]
        assert twin == bundled, path.name


def test_new_course_writes_readings_lessons_and_notes_and_refuses_a_full_folder(tmp_path):
    out = tmp_path / "course"
    made = new_course(SALT, out, lessons=["04"], execute=False)
    assert [p.name[:2] for p in made] == ["04"]
    assert (out / "readings" / "course.yaml").is_file()
    assert "The Salt Orchard" in (out / "lessons" / "TEACHING.md").read_text("utf-8")
    nb = json.loads(made[0].read_text("utf-8"))
    assert all(not c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code")
    with pytest.raises(KitError, match=r"not empty"):
        new_course(SALT, out, execute=False)


def test_new_course_needs_a_course_file(tmp_path):
    folder = tmp_path / "readings"
    folder.mkdir()
    shutil.copy(SALT / "overview.md", folder)
    with pytest.raises(MissingFileError, match=r"course\.yaml"):
        new_course(folder, tmp_path / "out", execute=False)
    assert not (tmp_path / "out").exists()


def test_the_bundled_course_file_gives_each_lesson_exactly_the_examples_it_uses():
    for path in lesson_templates():
        have = set(rk.lesson_examples(None, path.name[:2]).as_dict())
        assert needed_examples(path) == have, path.name


def test_a_course_file_lacking_examples_is_refused_listing_every_lesson_and_name(tmp_path):
    folder = tmp_path / "readings"
    shutil.copytree(SALT, folder)
    path = folder / "course.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("    diction_term:", "    dikshun_term:", 1), "utf-8")
    with pytest.raises(KitError) as info:
        new_course(folder, tmp_path / "out", execute=False)
    assert info.value.field == "lessons" and 'lessons: "04": needs diction_term' in str(info.value)
    assert not (tmp_path / "out").exists()
