"""Loading a folder of readings: the bundled corpus, the folder's own problems, strict and
lenient loading. (One reading's header and text: test_reading.py; YAML: test_yamlio.py.)"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest
from helpers import GOOD, load_error, write

import rustbone_kit as rk

# --- the bundled readings -------------------------------------------------------------------


def test_bundled_corpus_has_the_five_readings_in_file_order():
    corpus = rk.load_corpus()
    assert corpus.ids == ("bowditch", "compiled-page", "marchant", "overview", "unsigned-review")
    assert corpus.problems == ()


def test_bundled_bodies_are_byte_for_byte_what_their_checksums_record():
    # Each header's checksum was taken from the text as found (its 'seed'); the body's raw
    # bytes, read here without the kit's loader, must still hash to it.
    for reading in rk.load_corpus():
        raw = reading.path.read_bytes()
        end = raw.index(b"\n---\n", 4)
        recorded = re.search(rb"^checksum: (sha256:[0-9a-f]{64})$", raw[:end], flags=re.M)
        assert recorded, f"{reading.id} has no checksum header"
        body = raw[end + 5 :]
        assert recorded[1].decode() == "sha256:" + hashlib.sha256(body).hexdigest(), reading.id


def test_metadata_states_only_what_the_texts_say():
    frame = rk.load_corpus().to_frame()
    assert frame.loc["bowditch", "author"] == "Carol Bowditch"
    assert frame.loc["marchant", "author"] == "Piers Marchant"
    assert frame.loc["marchant", "rating"] == "7.2"  # as written, a string
    for unsigned in ("compiled-page", "overview", "unsigned-review"):
        assert pd.isna(frame.loc[unsigned, "author"]), unsigned
    assert frame["date"].isna().all() and frame["url"].isna().all()


def test_to_frame_is_one_tidy_row_per_reading():
    frame = rk.load_corpus().to_frame()
    assert frame.index.name == "id" and len(frame) == 5
    assert {"title", "kind", "words", "sentences", "passages", "file"} <= set(frame.columns)
    assert frame.loc["overview", "passages"] == 7
    assert frame["words"].dtype.kind == "i"


def test_corpus_lookup_by_unknown_id_suggests_the_nearest():
    with pytest.raises(KeyError, match="did you mean 'marchant'"):
        rk.load_corpus()["marchand"]


# --- what is in a folder ---------------------------------------------------------------------


def test_readme_and_yaml_files_are_not_readings(tmp_path):
    write(tmp_path, "demo.md", GOOD)
    write(tmp_path, "README.md", "# my readings\n")
    write(tmp_path, "scenes.yaml", "scenes: []\n")
    assert rk.load_corpus(tmp_path).ids == ("demo",)


def test_a_file_that_is_not_markdown_is_reported_not_skipped(tmp_path):
    write(tmp_path, "demo.md", GOOD)
    err = load_error(tmp_path, "A text pasted as .txt", name="review.txt")
    assert err.path.endswith("review.txt") and ".txt is not a reading" in str(err)


def test_duplicate_ids_name_both_files(tmp_path):
    write(tmp_path, "a.md", GOOD)
    err = load_error(tmp_path, GOOD, name="b.md")
    assert err.path.endswith("b.md") and "duplicate id 'demo': a.md has it too" in str(err)


def test_folder_with_no_readings(tmp_path):
    with pytest.raises(rk.ReadingError, match="holds no readings") as info:
        rk.load_corpus(tmp_path)
    assert "Adding a reading" in info.value.fix


def test_path_that_does_not_exist(tmp_path):
    with pytest.raises(rk.ReadingError, match="no such file or folder"):
        rk.load_corpus(tmp_path / "nowhere")


# --- strict and lenient loading ------------------------------------------------------------


def test_lenient_load_keeps_the_good_files_and_lists_every_problem(tmp_path):
    write(tmp_path, "a-good.md", GOOD)
    write(tmp_path, "b-noheader.md", "no header\n")
    write(tmp_path, "c-unknown.md", GOOD.replace("id: demo", "id: other\nautor: X"))
    write(tmp_path, "d-notes.txt", "stray")
    corpus = rk.load_corpus(tmp_path, strict=False)
    assert corpus.ids == ("demo",)
    assert sorted(Path(p.path).name for p in corpus.problems) == [
        "b-noheader.md",
        "c-unknown.md",
        "d-notes.txt",
    ]
    assert all(isinstance(p, rk.ReadingError) and p.fix for p in corpus.problems)


def test_strict_load_raises_the_first_problem_and_counts_the_rest(tmp_path):
    write(tmp_path, "a.md", "no header\n")
    write(tmp_path, "b.md", "no header either\n")
    with pytest.raises(rk.ReadingError) as info:
        rk.load_corpus(tmp_path)
    assert info.value.path.endswith("a.md")
    assert any("1 more problem(s)" in note for note in info.value.__notes__)


def test_to_frame_gives_each_readings_language_english_where_none_is_written():
    mine = rk.reading_from_text("Ali nage.", id="critique", language="fr")
    frame = rk.load_corpus().with_readings(mine).to_frame()
    assert frame["language"].tolist() == ["en"] * 5 + ["fr"]
    bare = rk.Corpus((rk.Reading(id="x", meta={"id": "x", "title": "X", "kind": "k"}, text="A."),))
    assert bare.to_frame().loc["x", "language"] == "en"
