"""The scene and character catalogues: the bundled film, bad catalogues, which one applies."""

from __future__ import annotations

import os

import pytest
from helpers import GOOD, SCENES, folder, write

import rustbone_kit as rk
from rustbone_kit.catalogue import CatalogueError, catalogue_for, load_catalogue


def test_catalogue_scene_with_unknown_character(tmp_path):
    folder(tmp_path, scenes=SCENES.replace("[ali, sam]", "[ali, sammy]"))
    with pytest.raises(CatalogueError) as info:
        load_catalogue(tmp_path)
    assert info.value.path.endswith("scenes.yaml") and info.value.line == 12  # its own line
    assert "did you mean 'sam'" in str(info.value)


def test_catalogue_unknown_field_and_missing_file(tmp_path):
    folder(tmp_path, scenes=SCENES.replace("cues: [ice", "clues: [ice"))
    with pytest.raises(CatalogueError, match="did you mean 'cues'"):
        load_catalogue(tmp_path)
    (tmp_path / "characters.yaml").unlink()
    with pytest.raises(CatalogueError, match=r"no characters\.yaml"):
        load_catalogue(tmp_path)


@pytest.mark.parametrize(
    ("find", "replace", "field", "message"),
    [
        ("order: 2", "order: second", "order", "must be a whole number"),
        ("id: ice", "id: club", "id", "used twice"),
        ("id: ice", "id: Ice Scene", "id", "not a slug"),
        ("    title: The ice\n", "", "title", "the scene has no 'title'"),
    ],
)
def test_bad_scene_names_the_field(tmp_path, find, replace, field, message):
    folder(tmp_path, scenes=SCENES.replace(find, replace))
    with pytest.raises(CatalogueError, match=message) as info:
        load_catalogue(tmp_path)
    assert info.value.field == field and info.value.path.endswith("scenes.yaml")
    assert info.value.fix


def test_a_catalogue_without_its_list(tmp_path):
    folder(tmp_path, scenes="scenes: none\n")
    with pytest.raises(CatalogueError, match="top-level 'scenes:' list") as info:
        load_catalogue(tmp_path)
    assert info.value.line == 1


def test_bundled_catalogue_follows_the_film_in_order():
    cat = load_catalogue()
    assert len(cat.scenes) == 15 and [s.order for s in cat.scenes] == list(range(1, 16))
    assert cat.scene_ids[0] == "journey-south" and cat.scene_ids[-1] == "ending"
    assert {"Ali", "Alain"} <= set(cat.character("ali").names)
    with pytest.raises(KeyError, match="did you mean 'ice'"):
        cat.scene("icy")


def test_a_small_catalogue_in_film_order_with_its_lookups(tmp_path):
    cat = load_catalogue(folder(tmp_path, scenes=SCENES.replace("order: 1", "order: 3")))
    assert cat.scene_ids == ("ice", "club") and cat.path == tmp_path
    assert cat.scene("ice").characters == ("ali", "sam") and cat.scene("ice").cues[-1] == "drown*"
    assert cat.character("sam").mentions == ("Sam", "the boy", "his son")
    assert cat.to_frame().id.tolist() == ["ice", "club"]
    with pytest.raises(KeyError, match="did you mean 'sam'"):
        cat.character("samm")


def test_catalogue_for_a_folder_without_one_is_refused_unless_its_course_borrows_it(tmp_path):
    write(tmp_path, "demo.md", GOOD)
    corpus = rk.load_corpus(tmp_path)
    with pytest.raises(rk.KitError, match=r"no scenes\.yaml or characters\.yaml"):
        catalogue_for(corpus)
    write(tmp_path, "course.yaml", "title: Demo\nborrow: [scenes.yaml, characters.yaml]\n")
    cat = catalogue_for(corpus)
    assert cat.path == rk.bundled_readings_path() and len(cat.scenes) == 15
    assert catalogue_for(None) is catalogue_for(rk.load_corpus())


def test_catalogue_for_a_folder_with_one_is_its_own_and_follows_edits(tmp_path):
    corpus = rk.load_corpus(folder(tmp_path))
    cat = catalogue_for(corpus)
    assert cat.path == tmp_path and cat.scene_ids == ("club", "ice")
    assert catalogue_for(corpus) is cat
    path = tmp_path / "scenes.yaml"
    path.write_text(SCENES.replace("title: The ice", "title: On the ice"))
    stat = path.stat()
    os.utime(path, (stat.st_atime + 10, stat.st_mtime + 10))
    assert catalogue_for(corpus).scene("ice").title == "On the ice"


def test_a_folder_with_half_a_catalogue_is_an_error_not_the_bundled_one(tmp_path):
    corpus = rk.load_corpus(folder(tmp_path))
    (tmp_path / "characters.yaml").unlink()
    with pytest.raises(CatalogueError, match=r"no characters\.yaml"):
        catalogue_for(corpus)
