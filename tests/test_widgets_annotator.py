"""widgets.annotator: tagging, saving (through annotation_store), continuing, refusing files
that are not the annotator's, kappa against the reference set, and the traits. Files are
written under tmp_path only."""

from __future__ import annotations

import os
import re
import shutil
from html import unescape

import pytest
import yaml
from widget_support import hostile_corpus, text_of

import rustbone_kit as rk
from rustbone_kit.agreement import agreement
from rustbone_kit.annotations import load_annotations
from rustbone_kit.scenes import reference_labels
from rustbone_kit.widgets import Annotator


@pytest.fixture(scope="module")
def corpus():
    return rk.load_corpus()


def tag(tagger: Annotator, reading: str, number: int, scenes=(), themes=()) -> None:
    tagger.reading.value = reading
    tagger.sentence.value = number
    tagger.scenes.value = tuple(scenes)
    tagger.themes.value = tuple(themes)


def test_annotator_saves_a_file_that_loads_back(corpus, tmp_path):
    path = tmp_path / "work" / "ana.yaml"
    tagger = Annotator(corpus, "ana", path=path)
    assert "will be saved to" in tagger.status.value and not path.exists()
    tag(tagger, "marchant", 4, ["journey-south"], ["parenthood"])
    tag(tagger, "bowditch", 6, ["journey-south", "anna-garage"])
    assert "not saved yet" in tagger.status.value
    assert tagger.save() == path
    assert "Saved. " in tagger.status.value and "2 sentences written" in tagger.status.value
    notes = load_annotations(corpus, path)
    assert [(n.reading, n.scenes, n.themes) for n in notes] == [
        ("bowditch", ("journey-south", "anna-garage"), ()),
        ("marchant", ("journey-south",), ("parenthood",)),
    ]
    assert notes[1].span.text == corpus["marchant"].sentences[3].text
    data = yaml.safe_load(path.read_text())
    assert data["annotator"] == "ana" and set(data["annotations"][0]) == {
        "reading",
        "quote",
        "scenes",
    }
    assert sorted(p.name for p in path.parent.iterdir()) == ["ana.yaml"]  # no temp, no backup


def test_annotator_keeps_a_backup_and_continues_a_saved_file(corpus, tmp_path):
    path = tmp_path / "ana.yaml"
    first = Annotator(corpus, "ana", path=path)
    tag(first, "overview", 2, ["orca-accident"])
    first.save()
    version_one = path.read_text()

    again = Annotator(corpus, "ana", path=path, reading="overview")
    assert "Continuing" in again.status.value and "1 tagged sentence loaded" in again.status.value
    again.sentence.value = 2
    assert again.scenes.value == ("orca-accident",)
    assert "Scenes: The accident at Marineland" in again.sentence_view.value
    again.scenes.value = ()  # untag it, tag another
    tag(again, "overview", 3, ["hospital"])
    again.save_button.click()
    assert (tmp_path / "ana.yaml.bak").read_text() == version_one
    assert [n.scenes for n in load_annotations(corpus, path)] == [("hospital",)]


def test_annotator_never_writes_over_another_annotators_file(corpus, tmp_path):
    path = tmp_path / "ana.yaml"
    path.write_text("annotator: bo\nannotations: []\n")
    tagger = Annotator(corpus, "ana", path=path)
    assert "belongs to annotator &#x27;bo&#x27;" in tagger.status.value
    tag(tagger, "marchant", 4, ["journey-south"])
    assert tagger.save() is None
    status = text_of(tagger.status.value)
    assert f"Problem: {path} belongs to annotator 'bo'" in status
    assert "Fix: pass path='annotations/ana.yaml'" in status
    assert path.read_text() == "annotator: bo\nannotations: []\n"
    assert not (tmp_path / "ana.yaml.bak").exists()


def test_annotator_never_writes_over_the_reference_set(tmp_path):
    folder = tmp_path / "readings"
    shutil.copytree(rk.bundled_readings_path(), folder)
    corpus = rk.load_corpus(folder)
    reference = folder / "annotations" / "reference.yaml"
    before = reference.read_text()
    by_name = Annotator(corpus, "reference", path=tmp_path / "reference.yaml")
    assert by_name.save() is None and "never written over" in by_name.status.value
    assert not (tmp_path / "reference.yaml").exists()
    by_path = Annotator(corpus, "ana", path=reference)
    assert by_path.save() is None
    assert f"{reference} is the kit&#x27;s reference set" in by_path.status.value
    assert reference.read_text() == before


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("annotator: ana\nannotations: [\n", "cannot be read"),
        (
            "annotator: ana\nannotations:\n  - {reading: marchant, quote: 'Film: Rust & Bone', "
            "flag: boilerplate}\n",
            "fields the Annotator does not edit (flag)",
        ),
        (
            "annotator: ana\nannotations:\n  - {reading: marchant, quote: 'Not there', "
            "scenes: [ice]}\n",
            "is not in reading",
        ),
    ],
)
def test_annotator_keeps_its_hands_off_a_file_it_cannot_read_whole(corpus, tmp_path, content, says):
    path = tmp_path / "ana.yaml"
    path.write_text(content)
    tagger = Annotator(corpus, "ana", path=path)
    assert says in unescape(tagger.status.value)
    tag(tagger, "marchant", 4, ["journey-south"])
    assert tagger.save() is None and path.read_text() == content


def test_annotator_save_is_atomic_when_the_replace_fails(corpus, tmp_path, monkeypatch):
    path = tmp_path / "ana.yaml"
    tagger = Annotator(corpus, "ana", path=path)
    tag(tagger, "marchant", 4, ["journey-south"])
    tagger.save()
    saved = path.read_text()
    tag(tagger, "marchant", 5, ["journey-south"])

    def broken(*args):
        raise OSError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", broken)  # the defining module: every caller sees it
        assert tagger.save() is None
    assert "disk full" in tagger.status.value and "Saved" not in tagger.status.value
    assert path.read_text() == saved
    # write_atomic rotates the backup only once the new file is in place: nothing else left
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ana.yaml"]
    assert tagger.save() == path and "Saved. " in tagger.status.value  # and it works again


def test_annotator_default_path_is_the_working_folder(corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    tagger = Annotator(corpus, "ana")
    assert tagger.path == tmp_path / "annotations" / "ana.yaml"
    tag(tagger, "marchant", 4, ["journey-south"])
    tagger.save()
    assert (tmp_path / "annotations" / "ana.yaml").is_file()


def test_annotator_refuses_a_name_or_path_that_cannot_be_a_file(corpus, tmp_path):
    with pytest.raises(ValueError, match="annotator='Ana-Maria'"):
        Annotator(corpus, "Ana Maria/")
    with pytest.raises(ValueError, match=r"must end in \.yaml"):
        Annotator(corpus, "ana", path=tmp_path / "ana.txt")


def test_annotator_kappa_against_the_reference(corpus, tmp_path):
    tagger = Annotator(corpus, "ana", path=tmp_path / "ana.yaml")
    assert "Nothing to compare yet" in tagger.agreement.value
    reference = reference_labels(corpus)
    marchant = reference[reference.reading == "marchant"]
    numbers = {s.id: i for i, s in enumerate(corpus["marchant"].sentences, start=1)}
    for sentence, group in marchant.groupby("sentence"):
        tag(tagger, "marchant", numbers[sentence], list(group.scene))
    page = tagger.agreement.value
    assert "Sentences compared: 32</strong> (every sentence of: marchant)" in page
    cells = dict(re.findall(r'<tr><th scope="row">(.*?)</th><td>(.*?)</td>', page))
    used = {rk.scenes.catalogue_for(corpus).scene(s).title for s in marchant.scene}
    assert {cells[t] for t in used} == {"1.00"}
    assert cells["Into the sea"].startswith("n/a (neither you nor the reference set")
    assert cells["All scenes, pooled"] == "1.00"

    tag(tagger, "marchant", 1, ["swim"])  # one disagreement lowers the swim scene's kappa
    expected = agreement(tagger.labels(), reference, corpus)["scores"]
    swim = expected.set_index("scene").loc["swim"]
    cells = dict(
        re.findall(r'<tr><th scope="row">(.*?)</th><td>(.*?)</td>', tagger.agreement.value)
    )
    assert cells["Into the sea"] == f"{swim.kappa:.2f}" and swim.a == 1


def test_annotator_without_a_reference_set_says_so(tmp_path):
    tagger = Annotator(hostile_corpus(), "ana", path=tmp_path / "ana.yaml")
    tag(tagger, "hostile-a", 1, ["swim"])
    assert "no reference set to compare with" in tagger.agreement.value


def test_annotator_saves_a_repeated_sentence_with_a_prefix(tmp_path):
    text = "Ali swims. She laughs.\nAli swims. The end."
    reading = rk.Reading(id="demo", meta={"id": "demo", "title": "T", "kind": "review"}, text=text)
    corpus = rk.Corpus(readings=(reading,))
    tagger = Annotator(corpus, "ana", path=tmp_path / "ana.yaml")
    tag(tagger, "demo", 3, ["swim"])  # the second "Ali swims."
    tagger.save()
    entry = yaml.safe_load((tmp_path / "ana.yaml").read_text())["annotations"][0]
    assert entry["quote"] == "Ali swims." and "prefix" in entry
    (note,) = load_annotations(corpus, tmp_path / "ana.yaml")
    assert (note.span.start, note.span.end) == (23, 33)


def test_annotator_buttons_step_and_controls_are_labelled(corpus, tmp_path):
    tagger = Annotator(corpus, "ana", path=tmp_path / "ana.yaml", reading="overview")
    tagger.previous.click()
    assert tagger.sentence.value == 1 and "(the first sentence)" in tagger.sentence_view.value
    for _ in range(40):
        tagger.next.click()
    total = len(corpus["overview"].sentences)
    assert tagger.sentence.value == total and f"Sentence {total} of {total}" in (
        tagger.sentence_view.value
    )
    for button in (tagger.previous, tagger.next, tagger.save_button):
        assert button.tooltip
    for control in (tagger.reading, tagger.sentence, tagger.scenes, tagger.themes):
        assert control.description and control.style.description_width == "initial"


# --- two widgets on one file ------------------------------------------------------------------


def test_two_annotators_on_one_file_never_silently_overwrite_each_other(corpus, tmp_path):
    path = tmp_path / "ana.yaml"
    first = Annotator(corpus, "ana", path=path)
    second = Annotator(corpus, "ana", path=path)  # another tab, same file
    tag(first, "marchant", 4, ["journey-south"])
    tag(second, "bowditch", 6, ["anna-garage"])
    assert first.save() == path
    assert second.save() is None
    status = text_of(second.status.value)
    assert "Problem: " in status and "Saved" not in status
    assert "changed since it was read" in status and "re-run the cell" in status
    assert [n.reading for n in load_annotations(corpus, path)] == ["marchant"]  # first's work
    assert first.save() == path  # the first may go on saving its own file


def test_a_file_made_by_another_widget_after_loading_is_not_overwritten(corpus, tmp_path):
    path = tmp_path / "ana.yaml"
    tagger = Annotator(corpus, "ana", path=path)  # no file yet when it loads
    path.write_text("annotator: ana\nannotations: []\n")
    tag(tagger, "marchant", 4, ["journey-south"])
    assert tagger.save() is None and "changed since it was read" in unescape(tagger.status.value)
    assert path.read_text() == "annotator: ana\nannotations: []\n"


# --- traits -----------------------------------------------------------------------------------


def test_setting_the_traits_moves_the_controls_and_records_the_tags(corpus, tmp_path):
    tagger = Annotator(corpus, "ana", path=tmp_path / "ana.yaml")
    tagger.reading_id = "marchant"
    tagger.sentence_number = 4
    assert (tagger.reading.value, tagger.sentence.value) == ("marchant", 4)
    assert "marchant: Sentence 4 of" in tagger.sentence_view.value
    tagger.scene_ids = ["journey-south"]
    tagger.theme_ids = ("parenthood",)
    assert tagger.scenes.value == ("journey-south",) and tagger.themes.value == ("parenthood",)
    assert tagger.tags == {("marchant", "marchant:s4"): (("journey-south",), ("parenthood",))}
    tagger.sentence_number = 5  # the next sentence has no tags: the traits say so
    assert tagger.scene_ids == () and tagger.scenes.value == ()
    tagger.sentence_number = 4
    assert tagger.scene_ids == ("journey-south",)


def test_setting_the_controls_moves_the_traits(corpus, tmp_path):
    tagger = Annotator(corpus, "ana", path=tmp_path / "ana.yaml", reading="overview")
    seen = []
    tagger.observe(lambda change: seen.append(change.new), names="scene_ids")
    tagger.sentence.value = 2
    tagger.scenes.value = ("orca-accident",)
    assert (tagger.reading_id, tagger.sentence_number) == ("overview", 2)
    assert tagger.scene_ids == ("orca-accident",) and seen == [("orca-accident",)]
    for name in ("reading_id", "sentence_number", "scene_ids", "theme_ids"):
        assert getattr(Annotator, name).help


def test_unknown_ids_set_as_traits_are_refused(corpus, tmp_path):
    tagger = Annotator(corpus, "ana", path=tmp_path / "ana.yaml")
    with pytest.raises(KeyError, match="did you mean 'swim'"):
        tagger.scene_ids = ("swimm",)
    with pytest.raises(KeyError, match="did you mean 'marchant'"):
        tagger.reading_id = "marchand"
    assert tagger.scene_ids == tagger.scenes.value == () and not tagger.tags


# --- "no scene" and "read in full" -----------------------------------------------------------


def test_no_scene_and_scenes_exclude_each_other_and_are_saved(corpus, tmp_path):
    path = tmp_path / "ana.yaml"
    tagger = Annotator(corpus, "ana", path=path, reading="marchant")
    tagger.sentence.value = 5
    tagger.scenes.value = ("swim",)
    tagger.no_scene_box.value = True  # the last one set wins: the scenes go
    assert tagger.scene_ids == () and tagger.no_scene and not tagger.tags
    assert "Scenes: no scene (your decision)" in tagger.sentence_view.value
    tagger.scenes.value = ("swim",)
    assert tagger.no_scene_box.value is False and tagger.no_scenes == set()
    tagger.scenes.value = ()
    tagger.no_scene = True  # the trait moves the checkbox
    assert tagger.no_scene_box.value is True
    tagger.sentence_number = 6
    assert tagger.no_scene is False  # each sentence has its own decision
    tagger.sentence_number = 5
    assert tagger.no_scene is True
    assert tagger.save() == path and "1 sentence written" in tagger.status.value
    (note,) = load_annotations(corpus, path)
    assert note.no_scene and note.span.text == corpus["marchant"].sentences[4].text
    again = Annotator(corpus, "ana", path=path, reading="marchant")
    again.sentence.value = 5
    assert again.no_scene_box.value is True and again.no_scenes == {("marchant", "marchant:s5")}


def test_read_in_full_is_saved_as_covers_and_compared_with_the_reference(corpus, tmp_path):
    path = tmp_path / "ana.yaml"
    tagger = Annotator(corpus, "ana", path=path, reading="overview")
    assert tagger.read_all_box.description.startswith("I have read all of this reading")
    assert tagger.read_all_box.value is False
    tagger.read_all_box.value = True  # nothing tagged, but read: every sentence is "no scene"
    assert tagger.covers == {"overview"} and "1 reading read in full" in tagger.status.value
    assert tagger.labels().attrs["readings"] == ("overview",)
    assert "every sentence of: overview" in tagger.agreement.value
    tagger.reading.value = "marchant"  # the box follows the reading shown
    assert tagger.read_in_full is False
    tagger.read_in_full = True
    tagger.reading.value = "overview"
    assert tagger.read_all_box.value is True
    tagger.save()
    assert yaml.safe_load(path.read_text())["covers"] == ["marchant", "overview"]
    again = Annotator(corpus, "ana", path=path, reading="marchant")
    assert again.read_all_box.value is True and again.covers == {"marchant", "overview"}
    again.read_all_box.value = False
    again.save()
    assert yaml.safe_load(path.read_text())["covers"] == ["overview"]
    for name in ("no_scene", "read_in_full"):
        assert getattr(Annotator, name).help
