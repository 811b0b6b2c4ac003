"""The course file and the one rule for where a course's files come from: no silent fallback."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from helpers import GOOD, write

import rustbone_kit as rk
from rustbone_kit.course import (
    CourseError,
    MissingFileError,
    borrowed,
    course_folder,
    course_path,
    load_course,
    template_path,
)
from rustbone_kit.folders import bundled_readings_path

CATALOGUE = ("scenes.yaml", "characters.yaml")
ROOT = bundled_readings_path().parent


def demo(tmp_path, course: str | None = None):
    write(tmp_path, "demo.md", GOOD)
    if course is not None:
        write(tmp_path, "course.yaml", course)
    return rk.load_corpus(tmp_path)


def test_no_corpus_or_one_built_in_memory_uses_the_bundled_course_by_its_documented_default():
    assert course_folder(None, *CATALOGUE) == bundled_readings_path()
    assert course_folder(SimpleNamespace(path=None), "themes.yaml") == bundled_readings_path()
    assert course_folder(rk.load_corpus(), "themes.yaml") == bundled_readings_path()


def test_a_folder_without_the_file_is_refused_naming_the_file_and_its_template(tmp_path):
    corpus = demo(tmp_path)
    with pytest.raises(MissingFileError) as info:
        rk.catalogue_for(corpus)
    err = info.value
    assert str(err.path) == str(tmp_path / "scenes.yaml")
    assert str(template_path("scenes.yaml")) in err.fix and "borrow:" in err.fix
    with pytest.raises(MissingFileError, match=r"themes\.yaml"):
        rk.theme_table(corpus)
    with pytest.raises(MissingFileError, match=r"adaptation\.yaml"):
        rk.adaptation_for(corpus)
    with pytest.raises(MissingFileError, match=r"claims\.yaml"):
        rk.claims_for(corpus)


def test_every_template_named_in_a_fix_exists():
    for name in ("scenes.yaml", "characters.yaml", "themes.yaml", "course.yaml", "sources.yaml"):
        assert template_path(name).is_file(), name


def test_a_folder_with_any_of_the_files_is_its_own_course_folder(tmp_path):
    corpus = demo(tmp_path)
    write(tmp_path, "scenes.yaml", "scenes: []\n")
    assert course_folder(corpus, *CATALOGUE) == tmp_path
    (tmp_path / "annotations").mkdir()
    assert course_folder(corpus, "annotations") == tmp_path  # a folder counts too


def test_a_course_file_may_borrow_the_bundled_copy_and_the_tables_say_so(tmp_path):
    corpus = demo(tmp_path, 'title: "A demo film"\nborrow: [themes.yaml, scenes.yaml]\n')
    assert course_folder(corpus, "themes.yaml") == bundled_readings_path()
    assert borrowed(corpus, "themes.yaml") and not borrowed(None, "themes.yaml")
    assert rk.lexicon_for(corpus).ids == rk.lexicon_for(None).ids
    with pytest.raises(MissingFileError):  # borrowing one file lends nothing else
        rk.claims_for(corpus)


def test_the_bundled_course_file_names_the_film_and_its_source():
    course = load_course()
    assert (course.title, course.year, course.director) == (
        "Rust and Bone",
        2012,
        "Jacques Audiard",
    )
    bib = rk.load_sources()
    assert all(bib.entry(i) for i in course.source)
    assert course.language == "en" and course.borrow == ()


def test_lesson_examples_read_as_attributes_and_a_missing_one_names_file_lesson_and_key():
    lesson = rk.lesson_examples(None, "04")
    assert lesson.scene == "orca-accident"
    with pytest.raises(CourseError) as info:
        lesson.scen  # noqa: B018
    err = info.value
    assert isinstance(err, AttributeError)
    assert err.field == "lessons.04.scen" and "did you mean 'scene'" in str(err)
    assert not hasattr(lesson, "_repr_html_")  # IPython's probes get a plain AttributeError


@pytest.mark.parametrize(
    ("text", "field", "says"),
    [
        ("year: 2012\n", "title", "no 'title'"),
        ('title: "x"\ndirecter: y\n', "directer", "did you mean 'director'"),
        ('title: "x"\nlanguage: English\n', "language", "not a language code"),
        ('title: "x"\nborrow: [nothing.yaml]\n', "borrow", "no 'nothing.yaml'"),
        ('title: "x"\nlessons:\n  4: {scene: a}\n', "lessons", "two digits"),
        ('title: "x"\nlessons:\n  "04": {Scene: a}\n', "lessons.04.Scene", "lower-case"),
        ('title: "x"\nlessons:\n  "04": {scene: {a: 1}}\n', "lessons.04.scene", "text, a num"),
    ],
)
def test_a_broken_course_file_names_its_line_field_and_fix(tmp_path, text, field, says):
    write(tmp_path, "course.yaml", text)
    with pytest.raises(CourseError) as info:
        load_course(tmp_path)
    err = info.value
    assert err.field == field and says in str(err) and err.fix and err.line


def test_a_course_file_with_an_alias_is_refused_before_it_is_expanded(tmp_path):
    write(tmp_path, "course.yaml", 'title: &t "x"\ndirector: *t\n')
    with pytest.raises(CourseError, match=r"alias|anchor"):
        load_course(tmp_path)


def test_a_folder_with_no_course_file_says_how_to_start_one(tmp_path):
    with pytest.raises(MissingFileError) as info:
        load_course(tmp_path)
    assert "new-readings" in info.value.fix


def test_course_path_finds_a_folder_of_the_course(tmp_path):
    assert course_path(None, "class-sample") == bundled_readings_path() / "class-sample"
    with pytest.raises(MissingFileError):
        course_path(demo(tmp_path), "class-sample")


def test_the_second_film_has_its_own_course_and_borrows_only_the_form_lexicon():
    corpus = rk.load_corpus(ROOT / "courses" / "salt-orchard")
    course = rk.course_for(corpus)
    assert course.title == "The Salt Orchard" and course.borrow == ("form.yaml",)
    assert rk.catalogue_for(corpus).path == corpus.path
    assert borrowed(corpus, "form.yaml") and not borrowed(corpus, "themes.yaml")


def test_unquoted_whole_numbers_are_numbers_and_quoted_ones_stay_text(tmp_path):
    write(tmp_path, "course.yaml", 'title: x\nlessons:\n  "06": {n: 5, ns: [5, "6"], q: "7"}\n')
    lesson = load_course(tmp_path).lesson("06")
    assert (lesson.n, lesson.ns, lesson.q) == (5, [5, "6"], "7")
