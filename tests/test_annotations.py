"""Stand-off annotations: quotes resolved to offsets, every bad annotation, the bundled files."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import READING, folder

import rustbone_kit as rk
from rustbone_kit.annotations import (
    AnnotationError,
    load_annotation_file,
    load_annotations,
    sentence_labels,
)


def annotation_error(tmp_path: Path, body: str) -> AnnotationError:
    corpus = rk.load_corpus(folder(tmp_path, "annotator: me\nannotations:\n" + body))
    with pytest.raises(AnnotationError) as info:
        load_annotations(corpus, "me")
    return info.value


# --- resolving quotes ------------------------------------------------------------------------


def test_quote_resolves_to_offsets_and_labels_the_sentences_it_overlaps(tmp_path):
    corpus = rk.load_corpus(
        folder(
            tmp_path,
            """\
        annotator: me
        annotations:
          - reading: demo
            quote: "Sam falls through the ice"
            scenes: [ice]
        """,
        )
    )
    (note,) = load_annotations(corpus, "me")
    assert note.span.text == "Sam falls through the ice" and note.line == 3
    labels = sentence_labels(corpus, [note])
    assert labels.to_dict("records") == [{"reading": "demo", "sentence": "demo:s3", "scene": "ice"}]


def test_quote_typed_with_other_typography_still_resolves(tmp_path):
    curly = READING.replace("The boy sleeps.", "The boy\u2019s asleep.")
    corpus = rk.load_corpus(
        folder(
            tmp_path,
            reading=curly,
            annotations="""\
        annotator: me
        annotations:
          - {reading: demo, quote: "The boy's  asleep.", scenes: [ice]}
        """,
        )
    )
    (note,) = load_annotations(corpus, "me")
    assert note.span.text == "The boy\u2019s asleep."


@pytest.mark.parametrize(
    ("selector", "occurrence"),
    [("suffix: ' is a'", 0), ("prefix: 'film. '", 1), ("suffix: ' is long'", 1)],
)
def test_prefix_or_suffix_picks_one_of_repeated_quotes(tmp_path, selector, occurrence):
    notes = f"""\
        annotator: me
        annotations:
          - {{reading: demo, quote: "Rust and Bone", {selector}, flag: boilerplate}}
        """
    corpus = rk.load_corpus(folder(tmp_path, notes))
    (note,) = load_annotations(corpus, "me")
    text = corpus["demo"].text
    starts = [i for i in range(len(text)) if text.startswith("Rust and Bone", i)]
    assert len(starts) == 2 and note.span.start == starts[occurrence]
    assert note.span.text == "Rust and Bone"


def test_annotation_survives_an_edit_elsewhere_in_the_text(tmp_path):
    notes = """\
        annotator: me
        annotations:
          - {reading: demo, quote: "Sam falls through the ice", scenes: [ice]}
        """
    corpus = rk.load_corpus(folder(tmp_path, notes))
    before = load_annotations(corpus, "me")[0].span
    (tmp_path / "demo.md").write_text(READING.replace("Ali works", "Late at night, Ali works"))
    after = load_annotations(rk.load_corpus(tmp_path), "me")[0].span
    assert after.text == before.text and after.start == before.start + len("Late at night, ")


# --- one test per bad annotation -------------------------------------------------------------


def test_quote_not_found_shows_the_closest_sentence(tmp_path):
    err = annotation_error(
        tmp_path, "  - {reading: demo, quote: 'Sam fell through ice', scenes: [ice]}\n"
    )
    assert err.field == "quote" and err.line == 3 and err.path.endswith("me.yaml")
    assert "not in reading 'demo'" in str(err)
    assert "closest sentence is 'Sam falls through the ice of a frozen lake.'" in err.fix


def test_quote_found_more_than_once_asks_for_a_prefix(tmp_path):
    err = annotation_error(
        tmp_path, "  - {reading: demo, quote: 'Rust and Bone', flag: boilerplate}\n"
    )
    assert "occurs 2 times" in str(err) and "file lines 8, 8" in str(err)
    assert "prefix" in err.fix


@pytest.mark.parametrize(
    ("entry", "field", "message"),
    [
        ("{reading: dmeo, quote: 'x', scenes: [ice]}", "reading", "did you mean 'demo'"),
        (
            "{reading: demo, quote: 'The boy sleeps.', scenes: [icee]}",
            "scenes",
            "unknown scene id 'icee'; did you mean 'ice'",
        ),
        (
            "{reading: demo, quote: 'The boy sleeps.', themes: [water]}",
            "themes",
            "unknown theme id 'water'; did you mean 'water-sea'",
        ),
        ("{reading: demo, quote: 'Leave a Reply', flag: spam}", "flag", "unknown flag id 'spam'"),
        (
            "{reading: demo, quote: 'Leave a Reply', flag: boilerplate, scene: [ice]}",
            "scene",
            "did you mean 'scenes'",
        ),
        ("{reading: demo, scenes: [ice]}", "quote", "has no 'quote'"),
        ("{reading: demo, quote: 'Leave a Reply'}", None, "no 'scenes', 'themes' or 'flag'"),
        (
            "{reading: demo, quote: 'Leave a Reply', flag: factual-slip, note: wrong}",
            "source",
            "needs a 'note'",
        ),
        (
            "{reading: demo, quote: 'Leave a Reply', flag: factual-slip, note: n, source: s}",
            "verdict",
            "needs a 'verdict'",
        ),
        (
            "{reading: demo, quote: 'Leave a Reply', flag: factual-slip, note: n, source: s, "
            "verdict: wrnog}",
            "verdict",
            "unknown verdict id 'wrnog'; did you mean 'wrong'",
        ),
        (
            "{reading: demo, quote: 'Leave a Reply', flag: boilerplate, verdict: wrong}",
            "verdict",
            "only a factual-slip takes a 'verdict'",
        ),
        (
            "{reading: demo, quote: 'The boy sleeps.', scenes: [ice], ambiguous: true}",
            "note",
            "saying why",
        ),
        ("{reading: demo, quote: 'The boy sleeps.', scenes: ice}", "scenes", "must be a list"),
        ("just a string", None, "must be a mapping"),
        (
            "{reading: demo, quote: 'The boy sleeps.', scenes: [ice], no_scene: true}",
            "no_scene",
            "cannot list scenes",
        ),
        ("{reading: demo, quote: 'The boy sleeps.', no_scene: yes please}", "no_scene", "true or"),
    ],
)
def test_bad_annotation_names_file_line_field_and_fix(tmp_path, entry, field, message):
    err = annotation_error(tmp_path, f"  - {entry}\n")
    assert message in str(err)
    assert err.field == field and err.line == 3 and err.path.endswith("me.yaml") and err.fix


def test_malformed_file(tmp_path):
    corpus = rk.load_corpus(folder(tmp_path, "annotator: me\nannotations: none\n"))
    with pytest.raises(AnnotationError, match="'annotations:' list"):
        load_annotations(corpus, "me")


def test_a_file_says_what_it_covers_and_which_sentences_have_no_scene(tmp_path):
    corpus = rk.load_corpus(
        folder(
            tmp_path,
            """\
            annotator: me
            covers: [demo]
            annotations:
              - {reading: demo, quote: "The boy sleeps.", no_scene: true}
              - {reading: demo, quote: "Leave a Reply", no_scene: true, flag: boilerplate}
            """,
        )
    )
    found = load_annotation_file(corpus, "me")
    assert (found.annotator, found.covers) == ("me", ("demo",))
    assert [(n.span.text, n.no_scene, n.scenes) for n in found.annotations] == [
        ("The boy sleeps.", True, ()),
        ("Leave a Reply", True, ()),
    ]
    assert sentence_labels(corpus, found.annotations).empty  # "no scene" is no row
    assert load_annotations(corpus, "me") == list(found.annotations)


def test_a_file_without_covers_covers_nothing(tmp_path):
    entry = "{reading: demo, quote: 'Leave a Reply', flag: boilerplate}"
    body = f"annotator: me\nannotations:\n  - {entry}\n"
    corpus = rk.load_corpus(folder(tmp_path, body))
    assert load_annotation_file(corpus, "me").covers == ()


@pytest.mark.parametrize(
    ("text", "field", "line", "message"),
    [
        ("annotator: me\ncovers: [dmeo]\nannotations: []\n", "covers", 2, "did you mean 'demo'"),
        ("annotator: me\ncovers: demo\nannotations: []\n", "covers", 2, "must be a list"),
        ("annotator: me\ncover: [demo]\nannotations: []\n", "cover", 2, "did you mean 'covers'"),
        ("", None, 1, "the file is empty"),
        ("# only a comment\n", None, 1, "the file is empty"),
    ],
)
def test_bad_file_top_level_names_line_field_and_fix(tmp_path, text, field, line, message):
    corpus = rk.load_corpus(folder(tmp_path, text))
    with pytest.raises(AnnotationError) as info:
        load_annotation_file(corpus, "me")
    err = info.value
    assert message in str(err) and (err.field, err.line) == (field, line) and err.fix


def test_a_source_must_be_an_id_of_the_bibliography(tmp_path):
    entry = (
        "{reading: demo, quote: 'Leave a Reply', flag: factual-slip, note: n, "
        "source: comingsoon.net/movies/reviews/97141-rust-bone-2, verdict: wrong}"
    )
    err = annotation_error(tmp_path, f"  - {entry}\n")
    assert err.field == "source" and err.line == 3 and err.fix
    assert "unknown source id 'comingsoon.net/movies/reviews/97141-rust-bone-2'" in str(err)
    # the folder's own sources.yaml applies when it has one
    (tmp_path / "sources.yaml").write_text(
        "sources:\n  - {id: my-review, kind: review, author: null, title: A review,\n"
        "     outlet: null, date: null, address: null, accessed: null, supports: [x]}\n"
    )
    good = entry.replace("comingsoon.net/movies/reviews/97141-rust-bone-2", "[my-review]")
    (tmp_path / "annotations" / "me.yaml").write_text(f"annotator: me\nannotations:\n  - {good}\n")
    (note,) = load_annotations(rk.load_corpus(tmp_path), "me")
    assert note.source == "my-review"
    bad = entry.replace("comingsoon.net/movies/reviews/97141-rust-bone-2", "my-reviw")
    (tmp_path / "annotations" / "me.yaml").write_text(f"annotator: me\nannotations:\n  - {bad}\n")
    with pytest.raises(AnnotationError, match="did you mean 'my-review'"):
        load_annotations(rk.load_corpus(tmp_path), "me")


def test_missing_annotation_file(tmp_path):
    corpus = rk.load_corpus(folder(tmp_path))
    with pytest.raises(AnnotationError, match="no such annotation file"):
        load_annotations(corpus, "nobody")


# --- the bundled annotation files ------------------------------------------------------------


def test_reference_annotation_covers_every_reading_and_flags_the_noise():
    corpus = rk.load_corpus()
    notes = load_annotations(corpus, "reference")
    assert {n.reading for n in notes} == set(corpus.ids)
    flagged = {(n.reading, n.flag) for n in notes if n.flag}
    assert ("compiled-page", "off-topic") in flagged  # the video-game item
    assert ("marchant", "boilerplate") in flagged  # shop links, comment form
    hash_note = [n for n in notes if "041b061a72" in n.span.text]
    assert hash_note and hash_note[0].flag
    slips = [n for n in notes if n.flag == "factual-slip"]
    assert slips and all(n.note and n.source and n.verdict for n in slips)


def test_the_bundled_files_say_what_they_cover():
    corpus = rk.load_corpus()
    assert load_annotation_file(corpus, "reference").covers == corpus.ids
    assert load_annotation_file(corpus, "second").covers == ("marchant",)


@pytest.mark.parametrize("annotator", ["reference", "second"])
def test_every_bundled_annotation_file_loads(annotator):
    notes = load_annotations(rk.load_corpus(), annotator)
    assert notes and all(n.span.text for n in notes)


def test_annotation_table_has_a_row_per_annotation_with_the_text_as_written():
    corpus = rk.load_corpus()
    table = rk.annotations.annotation_table(corpus)
    notes = rk.annotations.load_annotations(corpus)
    assert len(table) == len(notes)
    for row in table.itertuples():
        assert row.text in corpus[row.reading].text
    slips = table[table.flag == "factual-slip"]
    assert len(slips) == 5 and slips.source.notna().all()
    assert slips.verdict.value_counts().to_dict() == {"wrong": 4, "checkable-in-film": 1}
    assert table.ambiguous.dtype == bool
