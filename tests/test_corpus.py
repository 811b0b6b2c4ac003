"""Loading readings: the bundled corpus, and one test per kind of bad input."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

import rustbone_kit as rk
from rustbone_kit.corpus import body_checksum, parse_reading

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
GOOD = "---\nid: demo\ntitle: A demo review\nkind: review\n---\nAli swims. Sam sleeps.\n"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def load_error(tmp_path: Path, content: str | bytes, name: str = "bad.md") -> rk.ReadingError:
    write(tmp_path, name, content)
    with pytest.raises(rk.ReadingError) as info:
        rk.load_corpus(tmp_path)
    return info.value


# --- the bundled readings -------------------------------------------------------------------


def test_bundled_corpus_has_the_five_readings_in_file_order():
    corpus = rk.load_corpus()
    assert corpus.ids == ("bowditch", "compiled-page", "marchant", "overview", "unsigned-review")
    assert corpus.problems == ()


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the seed texts are not at {SEEDS}")
def test_bundled_bodies_are_the_seeds_byte_for_byte():
    for reading in rk.load_corpus():
        raw = reading.path.read_bytes()
        body = raw[raw.index(b"\n---\n", 4) + 5 :]
        assert body == (SEEDS / reading.meta["seed"]).read_bytes(), reading.id


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


def test_sentences_and_passages_are_views_into_the_unchanged_text():
    reading = rk.load_corpus()["compiled-page"]
    for span in (*reading.passages, *reading.sentences):
        assert reading.text[span.start : span.end] == span.text
    ids = [s.id for s in reading.sentences]
    assert ids[:2] == ["compiled-page:s1", "compiled-page:s2"] and len(set(ids)) == len(ids)
    texts = [s.text for s in reading.sentences]
    assert "And Stephanie comes alive again." in texts  # split despite the missing space
    assert texts[-1] == "041b061a72"


def test_reading_text_cannot_be_changed():
    reading = rk.load_corpus()["bowditch"]
    with pytest.raises(AttributeError):
        reading.text = "something else"
    with pytest.raises(TypeError):
        reading.meta["author"] = "someone"


def test_corpus_lookup_by_unknown_id_suggests_the_nearest():
    with pytest.raises(KeyError, match="did you mean 'marchant'"):
        rk.load_corpus()["marchand"]


# --- what is not an error ------------------------------------------------------------------


def test_byte_order_mark_and_crlf_are_accepted(tmp_path):
    content = "\ufeff" + GOOD.replace("\n", "\r\n")
    write(tmp_path, "demo.md", content)
    reading = rk.load_corpus(tmp_path)["demo"]
    assert reading.text == "Ali swims. Sam sleeps.\n"
    assert [s.text for s in reading.sentences] == ["Ali swims.", "Sam sleeps."]


def test_a_new_reading_needs_only_the_three_required_fields(tmp_path):
    write(tmp_path, "demo.md", GOOD)
    corpus = rk.load_corpus(tmp_path)
    assert corpus["demo"].meta == {"id": "demo", "title": "A demo review", "kind": "review"}


def test_numbers_and_dates_are_kept_as_written(tmp_path):
    write(
        tmp_path,
        "demo.md",
        GOOD.replace("kind: review", "kind: review\nrating: 7.20\ndate: 2012-11-01"),
    )
    meta = rk.load_corpus(tmp_path)["demo"].meta
    assert meta["rating"] == "7.20" and meta["date"] == "2012-11-01"


def test_readme_and_yaml_files_are_not_readings(tmp_path):
    write(tmp_path, "demo.md", GOOD)
    write(tmp_path, "README.md", "# my readings\n")
    write(tmp_path, "scenes.yaml", "scenes: []\n")
    assert rk.load_corpus(tmp_path).ids == ("demo",)


# --- one test per bad input, asserting the message -------------------------------------------


def test_missing_header(tmp_path):
    err = load_error(tmp_path, "Just a text with no header.\n")
    assert err.path.endswith("bad.md") and err.line == 1
    assert "missing header" in str(err) and "'---'" in err.fix


def test_unclosed_header(tmp_path):
    err = load_error(tmp_path, "---\nid: demo\ntitle: T\nkind: review\nThe text.\n")
    assert "unclosed header" in str(err) and err.line == 1
    assert "add a line '---'" in err.fix


def test_yaml_syntax_error_names_the_file_line(tmp_path):
    err = load_error(tmp_path, "---\nid: demo\ntitle: [Rust and Bone\nkind: review\n---\nText.\n")
    assert "YAML syntax error" in str(err)
    assert err.line in (3, 4)  # the flow sequence opens on file line 3
    assert "quotes" in err.fix


def test_yaml_tag_that_would_build_an_object_is_refused(tmp_path):
    err = load_error(
        tmp_path, "---\nid: demo\ntitle: !!python/object/apply:os.system [ls]\nkind: r\n---\nT.\n"
    )
    assert "would build an object" in str(err) and err.line == 3
    assert "remove the tag" in err.fix


def test_missing_required_field(tmp_path):
    err = load_error(tmp_path, "---\nid: demo\nkind: review\n---\nText.\n")
    assert err.field == "title" and "required field 'title' is missing" in str(err)
    assert "title:" in err.fix


def test_empty_required_field(tmp_path):
    err = load_error(tmp_path, GOOD.replace("title: A demo review", "title:"))
    assert err.field == "title" and err.line == 3 and "is empty" in str(err)


def test_unknown_field_suggests_the_nearest_valid_name(tmp_path):
    err = load_error(tmp_path, GOOD.replace("kind: review", "kind: review\nauthr: Someone"))
    assert err.field == "authr" and err.line == 5
    assert "did you mean 'author'" in str(err) and "rename it to 'author'" in err.fix


def test_wrong_type(tmp_path):
    err = load_error(tmp_path, GOOD.replace("kind: review", "kind: review\nauthor: [A, B]"))
    assert err.field == "author" and "must be text, found a list" in str(err)


def test_boolean_is_a_wrong_type_too(tmp_path):
    err = load_error(tmp_path, GOOD.replace("kind: review", "kind: yes"))
    assert err.field == "kind" and "true/false" in str(err) and "quotes" in err.fix


def test_id_that_is_not_a_slug(tmp_path):
    err = load_error(tmp_path, GOOD.replace("id: demo", "id: My Review"))
    assert err.field == "id" and "id: my-review" in err.fix


def test_duplicate_key_in_header(tmp_path):
    err = load_error(tmp_path, GOOD.replace("kind: review", "kind: review\ntitle: Again"))
    assert err.field == "title" and err.line == 5 and "appears twice (first on line 3)" in str(err)


def test_header_that_is_not_a_mapping(tmp_path):
    err = load_error(tmp_path, "---\n- id\n- title\n---\nText.\n")
    assert "expected 'field: value' lines" in str(err) and err.line == 2


def test_empty_body(tmp_path):
    err = load_error(tmp_path, "---\nid: demo\ntitle: T\nkind: review\n---\n  \n\n")
    assert "no text" in str(err) and err.line == 6


def test_bytes_that_are_not_utf8_name_line_and_column(tmp_path):
    err = load_error(tmp_path, GOOD.encode() + "Caf\u00e9 line\n".encode("latin-1"))
    assert err.line == 7 and "byte 0xE9 at column 4 is not UTF-8" in str(err)
    assert "UTF-8" in err.fix


def test_binary_file(tmp_path):
    err = load_error(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert "binary file" in str(err) and "NUL byte" in str(err)


def test_a_file_that_is_not_markdown_is_reported_not_skipped(tmp_path):
    write(tmp_path, "demo.md", GOOD)
    err = load_error(tmp_path, "A text pasted as .txt", name="review.txt")
    assert err.path.endswith("review.txt") and ".txt is not a reading" in str(err)


def test_duplicate_ids_name_both_files(tmp_path):
    write(tmp_path, "a.md", GOOD)
    err = load_error(tmp_path, GOOD, name="b.md")
    assert err.path.endswith("b.md") and "duplicate id 'demo': a.md has it too" in str(err)


def test_checksum_mismatch_gives_the_right_value(tmp_path):
    stamped = GOOD.replace("kind: review", f"kind: review\nchecksum: {body_checksum('x')}")
    err = load_error(tmp_path, stamped)
    assert err.field == "checksum" and "checksum mismatch" in str(err)
    assert body_checksum("Ali swims. Sam sleeps.\n") in err.fix


def test_malformed_checksum(tmp_path):
    err = load_error(tmp_path, GOOD.replace("kind: review", "kind: review\nchecksum: abc"))
    assert err.field == "checksum" and "64 hex digits" in str(err)


def test_a_changed_character_in_a_bundled_reading_fails_its_checksum(tmp_path):
    source = rk.bundled_readings_path() / "overview.md"
    tampered = source.read_bytes().replace(b"a short story", b"two short stories")
    err = load_error(tmp_path, tampered, name="overview.md")
    assert "checksum mismatch" in str(err)


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


def test_every_error_is_in_the_kits_one_family():
    assert issubclass(rk.ReadingError, rk.KitError) and issubclass(rk.ReadingError, ValueError)


def test_error_message_reads_file_line_field_fix():
    err = rk.ReadingError("p", path="f.md", line=3, field="x", fix="do y")
    assert re.fullmatch(r"f\.md, line 3, field 'x': p\. Fix: do y\.", str(err))


def test_parse_reading_records_where_the_body_starts():
    reading = parse_reading(GOOD.encode(), path="demo.md")
    assert reading.body_line == 6 and reading.line_of(len("Ali swims. ")) == 6
