"""One reading file: its header, its text as views, and one test per kind of bad reading."""

from __future__ import annotations

import pytest
from helpers import FRENCH, GOOD, load_error, write

import rustbone_kit as rk
from rustbone_kit.errors import UnknownIdError
from rustbone_kit.reading import body_checksum, parse_reading

# --- the text and its views ------------------------------------------------------------------


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


def test_parse_reading_records_where_the_body_starts():
    reading = parse_reading(GOOD.encode(), path="demo.md")
    assert reading.body_line == 6 and reading.line_of(len("Ali swims. ")) == 6


def test_a_sentence_by_its_number_and_an_unknown_number():
    reading = parse_reading(GOOD.encode(), path="demo.md")
    assert reading.sentence(2).text == "Sam sleeps." and reading.sentence("demo:s1").id == "demo:s1"
    with pytest.raises(UnknownIdError, match="demo has sentences s1 to s2; there is no s3"):
        reading.sentence(3)


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


# --- one test per bad reading, asserting the message -----------------------------------------


def test_missing_header(tmp_path):
    err = load_error(tmp_path, "Just a text with no header.\n")
    assert err.path.endswith("bad.md") and err.line == 1
    assert "missing header" in str(err) and "'---'" in err.fix


def test_unclosed_header(tmp_path):
    err = load_error(tmp_path, "---\nid: demo\ntitle: T\nkind: review\nThe text.\n")
    assert "unclosed header" in str(err) and err.line == 1
    assert "add a line '---'" in err.fix


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


# --- the checksum ------------------------------------------------------------------------------


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


# --- the language ------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["en", "fr", "fra", "en-GB", "es-419"])
def test_a_language_code_is_accepted_and_kept(tmp_path, code):
    write(tmp_path, "demo.md", GOOD.replace("kind: review", f"kind: review\nlanguage: {code}"))
    reading = rk.load_corpus(tmp_path)["demo"]
    assert reading.language == code
    assert reading.is_english == code.startswith("en")


@pytest.mark.parametrize("header", ["", "\nlanguage: null"])
def test_a_reading_without_a_language_is_english(tmp_path, header):
    write(tmp_path, "demo.md", GOOD.replace("kind: review", "kind: review" + header))
    reading = rk.load_corpus(tmp_path)["demo"]
    assert (reading.language, reading.is_english) == ("en", True)
    assert "absent or null means en" in rk.FIELDS["language"].help


@pytest.mark.parametrize(
    ("written", "fix"),
    [("English", "write 'language: en'"), ("EN", "write 'language: en'"),
     ("en_gb", "write 'language: en-GB'"), ("Français", "write 'language: fr'"),
     ("fr-FRA", "two or three lower-case letters"), ("klingon", "two or three lower-case")],
)  # fmt: skip
def test_a_bad_language_names_file_line_field_and_fix(tmp_path, written, fix):
    err = load_error(tmp_path, GOOD.replace("kind: review", f"kind: review\nlanguage: {written}"))
    assert isinstance(err, rk.ReadingError)
    assert (err.path, err.line, err.field) == (str(tmp_path / "bad.md"), 5, "language")
    assert f"language {written!r} is not a language code" in err.problem
    assert fix in err.fix


def test_an_unquoted_no_is_read_by_yaml_as_false_and_the_fix_says_so(tmp_path):
    err = load_error(tmp_path, GOOD.replace("kind: review", "kind: review\nlanguage: no"))
    assert err.field == "language" and err.line == 5 and "found false" in err.problem
    assert 'language: "no"' in err.fix


def test_a_reading_typed_in_a_notebook_may_give_its_language():
    assert rk.reading_from_text("Ali swims.").language == "en"
    french = rk.reading_from_text("Ali nage.", id="critique", language="fr")
    assert (french.language, french.is_english, french.meta["language"]) == ("fr", False, "fr")
    with pytest.raises(rk.ReadingError) as info:
        rk.reading_from_text("Ali nage.", language="French")
    assert info.value.field == "language" and "language: fr" in info.value.fix


def test_a_french_reading_is_split_and_counted_like_any_other(tmp_path):
    write(tmp_path, "critique.md", FRENCH)
    reading = rk.load_corpus(tmp_path)["critique"]
    assert reading.words == 29  # "L'accident" is one word, as "Ali's" is
    assert [p.id for p in reading.passages] == ["critique:p1", "critique:p2"]
    assert [s.text for s in reading.sentences] == [
        "Ali travaille comme videur dans une boîte de nuit.",
        "Stéphanie dresse des orques.",
        "L'accident la prive de ses jambes.",
        "Ali la porte dans la mer, et elle nage enfin !",  # the French space before "!"
    ]
    assert rk.load_corpus(tmp_path).to_frame().loc["critique", "language"] == "fr"
