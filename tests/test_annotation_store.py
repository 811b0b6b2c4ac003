"""annotation_store: the YAML an annotator's file is written as, the owner rule, and a save
that refuses a file changed since it was loaded. Files are written under tmp_path only."""

from __future__ import annotations

import shutil

import pytest
import yaml

import rustbone_kit as rk
from rustbone_kit.annotation_store import (
    AnnotationFile,
    annotations_yaml,
    annotator_path,
    no_scene_keys,
    owner_problem,
    sentence_entries,
    sentence_tags,
)
from rustbone_kit.annotations import load_annotations
from rustbone_kit.errors import ArgumentError, KitError, StaleFileError


@pytest.fixture(scope="module")
def corpus():
    return rk.load_corpus()


def entries_for(corpus, *keys):
    return sentence_entries(corpus, {key: (["journey-south"], []) for key in keys})


def test_annotations_yaml_round_trips_awkward_text():
    quote = "He said: “no” # not a comment\u00a0'x' \\ [a, b] yes"
    text = annotations_yaml(
        "ana", [{"reading": "r", "quote": quote, "prefix": "\n", "scenes": ["ice"], "themes": []}]
    )
    data = yaml.safe_load(text)
    assert data == {
        "annotator": "ana",
        "annotations": [{"reading": "r", "quote": quote, "prefix": "\n", "scenes": ["ice"]}],
    }
    assert "    scenes: [ice]\n" in text
    assert yaml.safe_load(annotations_yaml("ana", [])) == {"annotator": "ana", "annotations": []}


def test_entries_and_tags_are_each_others_inverse(corpus, tmp_path):
    tags = {
        ("marchant", "marchant:s4"): (("journey-south",), ("parenthood",)),
        ("bowditch", "bowditch:s6"): (("journey-south", "anna-garage"), ()),
    }
    entries = sentence_entries(corpus, tags)
    assert [e["reading"] for e in entries] == ["bowditch", "marchant"]  # corpus order
    path = tmp_path / "ana.yaml"
    path.write_text(annotations_yaml("ana", entries))
    back = sentence_tags(corpus, load_annotations(corpus, path))
    assert back == {key: (set(scenes), set(themes)) for key, (scenes, themes) in tags.items()}


def test_annotator_path_refuses_names_and_paths_that_cannot_be_a_file(tmp_path, monkeypatch):
    with pytest.raises(ArgumentError, match="annotator='Ana-Maria'"):
        annotator_path("Ana Maria/")
    with pytest.raises(ValueError, match=r"must end in \.yaml"):
        annotator_path("ana", tmp_path / "ana.txt")
    monkeypatch.chdir(tmp_path)
    assert annotator_path("ana") == tmp_path / "annotations" / "ana.yaml"


def test_the_owner_rule(corpus, tmp_path):
    folder = tmp_path / "readings"
    shutil.copytree(rk.bundled_readings_path(), folder)
    course = rk.load_corpus(folder)
    reference = folder / "annotations" / "reference.yaml"
    assert "kit's own annotation set" in owner_problem(course, "reference", tmp_path / "r.yaml")
    assert "is the kit's reference set" in owner_problem(course, "ana", reference)
    mine = tmp_path / "ana.yaml"
    assert owner_problem(course, "ana", mine) is None  # no file yet
    mine.write_text("annotator: bo\nannotations: []\n")
    assert "belongs to annotator 'bo'" in owner_problem(course, "ana", mine)
    mine.write_text("annotations: [\n")
    assert "cannot be read" in owner_problem(course, "ana", mine)
    mine.write_text("annotator: ana\nannotations:\n  - {reading: x, quote: y, note: z}\n")
    assert "fields the Annotator does not edit (note)" in owner_problem(course, "ana", mine)
    other = tmp_path / "bo.yaml"
    other.write_text("annotations: []\n")  # no annotator: the file's name says whose it is
    assert "belongs to annotator 'bo'" in owner_problem(course, "ana", other)


def test_save_writes_atomically_with_a_backup_and_loads_back(corpus, tmp_path):
    path = tmp_path / "work" / "ana.yaml"
    store = AnnotationFile(corpus, "ana", path)
    assert store.load() == [] and store.state.digest is None
    assert store.save(entries_for(corpus, ("marchant", "marchant:s4"))) == path
    first = path.read_text()
    store.save(entries_for(corpus, ("marchant", "marchant:s5")))
    assert store.backup.read_text() == first and store.backup.name == "ana.yaml.bak"
    assert [n.span.text for n in load_annotations(corpus, path)] == [
        corpus["marchant"].sentences[4].text
    ]
    again = AnnotationFile(corpus, "ana", path)
    assert [n.reading for n in again.load()] == ["marchant"]


def test_a_second_store_on_one_file_is_refused_not_lost(corpus, tmp_path):
    path = tmp_path / "ana.yaml"
    one, two = AnnotationFile(corpus, "ana", path), AnnotationFile(corpus, "ana", path)
    one.load(), two.load()
    one.save(entries_for(corpus, ("marchant", "marchant:s4")))
    written = path.read_text()
    with pytest.raises(StaleFileError, match="changed since it was read"):
        two.save(entries_for(corpus, ("bowditch", "bowditch:s6")))
    assert path.read_text() == written
    two.load()  # loading again takes the file as it is now: then the save goes through
    assert two.save(entries_for(corpus, ("bowditch", "bowditch:s6"))) == path


def test_save_refuses_what_the_owner_rule_protects(corpus, tmp_path):
    path = tmp_path / "ana.yaml"
    path.write_text("annotator: bo\nannotations: []\n")
    with pytest.raises(KitError, match="belongs to annotator 'bo'"):
        AnnotationFile(corpus, "ana", path).save([])
    assert path.read_text() == "annotator: bo\nannotations: []\n"


def test_save_refuses_entries_that_would_not_read_back(corpus, tmp_path):
    path = tmp_path / "ana.yaml"
    bad = [{"reading": "marchant", "quote": "Not in the reading", "scenes": ["swim"]}]
    with pytest.raises(KitError, match="is not in reading"):
        AnnotationFile(corpus, "ana", path).save(bad)
    assert not path.exists() and list(tmp_path.iterdir()) == []


# --- what a file covers, and the sentences decided "no scene" --------------------------------


def test_covers_and_no_scene_round_trip(corpus, tmp_path):
    tags = {("marchant", "marchant:s4"): (("journey-south",), ())}
    decided = [("marchant", "marchant:s5"), ("marchant", "marchant:s4")]  # s4 has a scene
    entries = sentence_entries(corpus, tags, decided)
    assert [(e["quote"][:12], e.get("no_scene")) for e in entries] == [
        (corpus["marchant"].sentences[3].text[:12], None),
        (corpus["marchant"].sentences[4].text[:12], True),
    ]
    text = annotations_yaml("ana", entries, covers=["marchant", "bowditch"])
    assert "\ncovers: [marchant, bowditch]\n" in text and "    no_scene: true\n" in text
    path = tmp_path / "ana.yaml"
    store = AnnotationFile(corpus, "ana", path)
    store.save(entries, covers=("bowditch", "marchant"))
    found = AnnotationFile(corpus, "ana", path).load_file()
    assert found.covers == ("bowditch", "marchant")
    assert no_scene_keys(corpus, found.annotations) == {("marchant", "marchant:s5")}
    assert owner_problem(corpus, "ana", path) is None  # the Annotator may save it again


def test_a_file_with_nothing_but_covers_reads_back(corpus, tmp_path):
    path = tmp_path / "ana.yaml"
    AnnotationFile(corpus, "ana", path).save([], covers=["overview"])
    assert yaml.safe_load(path.read_text()) == {
        "annotator": "ana",
        "covers": ["overview"],
        "annotations": [],
    }
    assert AnnotationFile(corpus, "ana", path).load_file().covers == ("overview",)
