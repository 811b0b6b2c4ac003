"""Scenes: sentence labels (annotation, then suggestions), passages per scene, coverage."""

from __future__ import annotations

import os

import pytest
from helpers import READING, folder, reading

import rustbone_kit as rk
from rustbone_kit.catalogue import load_catalogue
from rustbone_kit.scenes import (
    merge_sentences,
    reference_labels,
    scene_coverage,
    scene_labels,
    scene_passages,
)
from rustbone_kit.suggestions import tag_corpus
from rustbone_kit.themes import theme_table

NOTES = """\
annotator: reference
covers: [demo]
annotations:
  - {reading: demo, quote: "Sam falls through the ice", scenes: [ice]}
"""


def test_tag_corpus_and_coverage_are_tidy(tmp_path):
    corpus = rk.load_corpus(folder(tmp_path))
    tags = tag_corpus(corpus)
    assert set(tags.columns) == {"reading", "sentence", "scene", "score", "evidence"}
    assert sorted(zip(tags.sentence, tags.scene, strict=True)) == [
        ("demo:s1", "club"),
        ("demo:s3", "ice"),
    ]
    cover = scene_coverage(corpus, labels=tags)
    assert len(cover) == 2 and cover.set_index("scene").loc["ice", "sentences"] == 1
    assert cover.set_index("scene").loc["ice", "words"] == len(
        ["Sam", "falls", "through", "the", "ice", "of", "a", "frozen", "lake."]
    )


def test_scene_coverage_and_theme_table_by_scene_agree_on_the_words_of_every_scene():
    corpus = rk.load_corpus()
    scenes = load_catalogue().scene_ids
    coverage = scene_coverage(corpus).groupby("scene").words.sum()
    themes = theme_table(corpus, by="scene").groupby("scene").words.first()
    assert sorted(coverage.index) == sorted(themes.index) == sorted(scenes)
    for scene in scenes:
        assert coverage[scene] == themes[scene], scene
    assert coverage.sum() > 0


def test_what_each_critic_says_about_the_ice_in_one_call():
    ice = rk.load_corpus().scene("ice")
    assert "compiled-page" in ice.passages and "marchant" in ice.silent
    assert any("frozen lake" in p.text for p in ice.passages["compiled-page"])
    assert "Say nothing about it:" in repr(ice)
    frame = ice.to_frame()
    assert set(frame.reading) == set(ice.passages)


def test_scene_passages_join_neighbouring_sentences_and_only_those(tmp_path):
    text = READING.replace("The boy sleeps.", "The boy sleeps at the club.")
    corpus = rk.load_corpus(
        folder(
            tmp_path,
            reading=text,
            annotations="""\
            annotator: reference
            annotations:
              - {reading: demo, quote: "Ali works as a bouncer at a club.", scenes: [club]}
              - {reading: demo, quote: "The boy sleeps at the club.", scenes: [club]}
              - {reading: demo, quote: "Leave a Reply", scenes: [club]}
            """,
        )
    )
    (tmp_path / "annotations" / "me.yaml").rename(tmp_path / "annotations" / "reference.yaml")
    club = corpus.scene("club")
    texts = [p.text for p in club.passages["demo"]]
    # s1 and s2 stand side by side on one line: one passage; s4 is on the next line, after s3
    assert texts == [
        "Ali works as a bouncer at a club. The boy sleeps at the club.",
        "Leave a Reply",
    ]
    assert club.passages["demo"][0].id == "demo:s1" and club.silent == ()


def test_merge_sentences_keeps_apart_what_a_line_break_or_a_sentence_separates():
    s1, s2, s3, s4 = reading("x", "One. Two.\nThree. Four. Five.").sentences[:4]
    assert [m.text for m in merge_sentences([s1, s2])] == ["One. Two."]
    assert [m.text for m in merge_sentences([s2, s3])] == ["Two.", "Three."]  # a line break
    assert [m.text for m in merge_sentences([s1, s3, s4])] == ["One.", "Three. Four."]
    merged = merge_sentences([s3, s4])
    assert merged[0].id == "x:s3" and merged[0].kind == "scene passage"
    assert merge_sentences([]) == ()


def test_a_students_reading_joins_the_corpus_and_gets_suggested_scenes():
    corpus = rk.load_corpus()
    mine = rk.reading_from_text("Ali punches through the frozen lake to pull his son out.")
    both = corpus.with_readings(mine)
    assert both.ids[-1] == "my-reading" and len(corpus) == 5
    labels = scene_labels(both)
    assert labels.attrs["source"] == "reference; suggestions for my-reading"
    assert labels[labels.reading == "my-reading"].scene.tolist() == ["ice"]
    assert "my-reading" in both.scene("ice").passages
    with pytest.raises(rk.ReadingError, match="already has a reading with the id 'marchant'"):
        corpus.with_readings(rk.reading_from_text("text", id="marchant"))
    with pytest.raises(rk.ReadingError, match="not a slug"):
        rk.reading_from_text("text", id="My Reading")
    with pytest.raises(rk.ReadingError, match="no text"):
        rk.reading_from_text("   ")


def test_scene_labels_of_a_folder_nobody_annotated_are_the_suggestions(tmp_path):
    corpus = rk.load_corpus(folder(tmp_path))
    labels = scene_labels(corpus)
    assert labels.attrs["source"] == "suggestions"
    assert labels.columns.tolist() == ["reading", "sentence", "scene"]
    assert scene_passages(corpus, "ice").passages["demo"][0].text.startswith("Sam falls")


def test_reference_labels_are_read_again_when_the_file_changes(tmp_path):
    corpus = rk.load_corpus(folder(tmp_path))
    path = tmp_path / "annotations" / "reference.yaml"
    path.parent.mkdir()
    path.write_text(NOTES)
    first = reference_labels(corpus)
    assert first.scene.tolist() == ["ice"] and first.attrs["readings"] == ("demo",)
    assert scene_labels(corpus).attrs["source"] == "reference"
    path.write_text(NOTES.replace("scenes: [ice]", "scenes: [club]"))
    stat = path.stat()
    os.utime(path, (stat.st_atime + 10, stat.st_mtime + 10))
    assert reference_labels(corpus).scene.tolist() == ["club"]


@pytest.mark.parametrize(
    ("top", "entries", "expected", "source"),
    [
        # a boilerplate flag alone covers nothing: every sentence keeps its suggestions
        (
            "",
            ["{reading: demo, quote: 'Leave a Reply', flag: boilerplate}"],
            [("demo:s1", "club"), ("demo:s3", "ice")],
            "suggestions",
        ),
        # covered: the annotator's labels only, and an unlabelled sentence is "no scene"
        (
            "covers: [demo]\n",
            ["{reading: demo, quote: 'Leave a Reply', flag: boilerplate}"],
            [],
            "reference",
        ),
        # not covered: the annotator's decisions stand, suggestions fill the other sentences
        (
            "",
            ["{reading: demo, quote: 'Sam falls through the ice', no_scene: true}"],
            [("demo:s1", "club")],
            "reference; suggestions for demo",
        ),
        (
            "",
            ["{reading: demo, quote: 'The boy sleeps.', scenes: [ice]}"],
            [("demo:s2", "ice"), ("demo:s1", "club"), ("demo:s3", "ice")],
            "reference; suggestions for demo",
        ),
    ],
)
def test_suggestions_fill_every_sentence_of_a_reading_the_file_does_not_cover(
    tmp_path, top, entries, expected, source
):
    corpus = rk.load_corpus(folder(tmp_path))
    path = tmp_path / "annotations" / "reference.yaml"
    path.parent.mkdir()
    lines = "".join(f"  - {e}\n" for e in entries)
    path.write_text(f"annotator: reference\n{top}annotations:\n{lines}")
    labels = scene_labels(corpus)
    assert list(zip(labels.sentence, labels.scene, strict=True)) == expected
    assert labels.attrs["source"] == source


def test_scene_coverage_has_a_row_per_reading_and_scene_with_zeros(tmp_path):
    corpus = rk.load_corpus(folder(tmp_path))
    cover = scene_coverage(corpus, labels=tag_corpus(corpus).head(1))
    assert cover.columns.tolist() == ["reading", "scene", "order", "title", "sentences", "words"]
    assert cover[["scene", "sentences"]].values.tolist() == [["club", 1], ["ice", 0]]
    assert cover.set_index("scene").loc["ice", "words"] == 0
