"""The theme lexicon: the bundled themes.yaml, every bad lexicon, and which lexicon applies."""

from __future__ import annotations

import os
import shutil

import pytest

import rustbone_kit as rk
from rustbone_kit.catalogue import CatalogueError
from rustbone_kit.errors import ArgumentError, UnknownIdError
from rustbone_kit.lexicon import lexicon_for, load_themes

ONE_THEME = """\
themes:
  - id: money
    label: Money
    description: what things cost
    terms: [money, cash, pay*]
"""


def test_bundled_lexicon_has_the_ten_themes():
    lex = load_themes()
    assert len(lex.themes) == 10
    assert {"body-injury", "water-sea", "animals-captivity", "disability"} <= set(lex.ids)


def test_a_theme_by_its_id_and_an_unknown_id():
    lex = load_themes()
    assert lex.theme("water-sea").label == "Water and the sea"
    with pytest.raises(UnknownIdError, match="did you mean 'water-sea'"):
        lex.theme("water")


@pytest.mark.parametrize(
    ("find", "replace", "field", "message"),
    [
        ("\n    label:", "\n    lable:", "lable", "did you mean 'label'"),
        ("\n    terms: [", "\n    terms: ['a*b', ", "terms", "may only end a term"),
        ("\n  - id: water-sea", "\n  - id: Water Sea", "id", "not a slug"),
        ("\n  - id: water-sea", "\n  - id: body-injury", "id", "used twice"),
    ],
)
def test_bad_lexicon_names_file_line_field_and_fix(tmp_path, find, replace, field, message):
    bundled = rk.bundled_readings_path() / "themes.yaml"
    text = bundled.read_text(encoding="utf-8")
    assert find in text
    (tmp_path / "themes.yaml").write_text(text.replace(find, replace, 1), encoding="utf-8")
    with pytest.raises(CatalogueError, match=message) as err:
        load_themes(tmp_path)
    assert err.value.path == str(tmp_path / "themes.yaml")
    assert err.value.field == field and err.value.line and err.value.fix


def test_a_lexicon_without_a_themes_list(tmp_path):
    (tmp_path / "themes.yaml").write_text("themes: water\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="top-level 'themes:' list") as err:
        load_themes(tmp_path)
    assert err.value.line == 1 and err.value.field == "themes"


def test_a_folder_without_a_lexicon_is_refused_unless_its_course_borrows_one(tmp_path):
    shutil.copy(rk.bundled_readings_path() / "marchant.md", tmp_path)
    corpus = rk.load_corpus(tmp_path)
    with pytest.raises(rk.KitError, match=r"no themes\.yaml") as info:
        lexicon_for(corpus)
    assert "borrow:" in info.value.fix and "templates" in info.value.fix
    (tmp_path / "course.yaml").write_text("title: Demo\nborrow: [themes.yaml]\n", "utf-8")
    assert lexicon_for(corpus).path == rk.bundled_readings_path() / "themes.yaml"
    with pytest.raises(CatalogueError, match=r"no themes\.yaml"):
        load_themes(tmp_path)


def test_a_folders_own_lexicon_applies_and_is_read_again_when_edited(tmp_path):
    shutil.copy(rk.bundled_readings_path() / "marchant.md", tmp_path)
    path = tmp_path / "themes.yaml"
    path.write_text(ONE_THEME, encoding="utf-8")
    corpus = rk.load_corpus(tmp_path)
    lex = lexicon_for(corpus)
    assert lex.path == path and lex.ids == ("money",) and lex.theme("money").terms[-1] == "pay*"
    assert lexicon_for(corpus) is lex  # unchanged: not read again
    path.write_text(ONE_THEME.replace("id: money", "id: wealth"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, (stat.st_atime + 10, stat.st_mtime + 10))
    assert lexicon_for(corpus).ids == ("wealth",)


def test_a_second_lexicon_is_read_by_name_and_follows_the_same_rules(tmp_path):
    form = load_themes(name="form.yaml")
    assert form.ids == ("camera", "editing", "sound", "music")
    assert form.path == rk.bundled_readings_path() / "form.yaml"
    assert "hand-held" in form.theme("camera").terms
    shutil.copy(rk.bundled_readings_path() / "marchant.md", tmp_path)
    corpus = rk.load_corpus(tmp_path)
    (tmp_path / "course.yaml").write_text(
        "title: Demo\nborrow: [themes.yaml, form.yaml]\n", "utf-8"
    )
    assert lexicon_for(corpus, name="form.yaml").path == form.path  # borrowed
    (tmp_path / "form.yaml").write_text(ONE_THEME, encoding="utf-8")
    assert lexicon_for(corpus, name="form.yaml").ids == ("money",)  # the folder's own
    assert lexicon_for(corpus).path == rk.bundled_readings_path() / "themes.yaml"  # unchanged
    with pytest.raises(CatalogueError, match=r"no other\.yaml"):
        load_themes(tmp_path, name="other.yaml")


@pytest.mark.parametrize("name", ["../themes.yaml", "form.yml", "sub/form.yaml", ""])
def test_a_lexicon_name_must_be_a_yaml_file_of_the_folder(name):
    with pytest.raises(ArgumentError, match=r"a lexicon is a \.yaml file") as err:
        load_themes(name=name)
    assert err.value.field == "name" and err.value.fix


def test_the_form_lexicon_counts_the_critics_formal_sentences():
    form = lexicon_for(None, name="form.yaml")
    hits = rk.theme_hits(rk.load_corpus(), lexicon=form)
    assert set(hits.theme) == set(form.ids)
    assert "marchant:s17" in set(hits.sentence)  # "superbly shot ... hand-held cameras ... cut"
