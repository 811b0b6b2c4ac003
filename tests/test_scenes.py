"""Scenes: catalogue, stand-off annotations (with every bad-input case), suggestions, measures."""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

import pandas as pd
import pytest

import rustbone_kit as rk
from rustbone_kit.annotations import AnnotationError, load_annotations, sentence_labels
from rustbone_kit.catalogue import CatalogueError, load_catalogue
from rustbone_kit.scenes import (
    agreement,
    evaluate,
    reference_labels,
    scene_coverage,
    scene_labels,
    suggest_scenes,
    tag_corpus,
)

READING = textwrap.dedent(
    """\
    ---
    id: demo
    title: Demo
    kind: review
    ---
    Ali works as a bouncer at a club. The boy sleeps.
    Sam falls through the ice of a frozen lake. Leave a Reply
    Rust and Bone is a film. Rust and Bone is long.
    """
)
CHARACTERS = textwrap.dedent(
    """\
    characters:
      - id: ali
        names: [Ali, Alain]
        roles: [the boxer]
      - id: sam
        names: [Sam]
        roles: [the boy, his son]
    """
)
SCENES = textwrap.dedent(
    """\
    scenes:
      - id: club
        order: 1
        title: The club
        description: Ali works the door.
        characters: [ali]
        cues: [bouncer, club, nightclub]
      - id: ice
        order: 2
        title: The ice
        description: Sam falls through.
        characters: [ali, sam]
        cues: [ice, frozen lake, drown*]
    """
)


def folder(
    tmp_path: Path, annotations: str | None = None, *, reading: str = READING, **files: str
) -> Path:
    (tmp_path / "demo.md").write_text(reading)
    (tmp_path / "characters.yaml").write_text(files.get("characters", CHARACTERS))
    (tmp_path / "scenes.yaml").write_text(files.get("scenes", SCENES))
    if annotations is not None:
        (tmp_path / "annotations").mkdir(exist_ok=True)
        (tmp_path / "annotations" / "me.yaml").write_text(textwrap.dedent(annotations))
    return tmp_path


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


def test_missing_annotation_file(tmp_path):
    corpus = rk.load_corpus(folder(tmp_path))
    with pytest.raises(AnnotationError, match="no such annotation file"):
        load_annotations(corpus, "nobody")


# --- the catalogue ---------------------------------------------------------------------------


def test_catalogue_scene_with_unknown_character(tmp_path):
    folder(tmp_path, scenes=SCENES.replace("[ali, sam]", "[ali, sammy]"))
    with pytest.raises(CatalogueError) as info:
        load_catalogue(tmp_path)
    assert info.value.path.endswith("scenes.yaml") and info.value.line == 8
    assert "did you mean 'sam'" in str(info.value)


def test_catalogue_unknown_field_and_missing_file(tmp_path):
    folder(tmp_path, scenes=SCENES.replace("cues: [ice", "clues: [ice"))
    with pytest.raises(CatalogueError, match="did you mean 'cues'"):
        load_catalogue(tmp_path)
    (tmp_path / "characters.yaml").unlink()
    with pytest.raises(CatalogueError, match=r"no characters\.yaml"):
        load_catalogue(tmp_path)


def test_bundled_catalogue_follows_the_film_in_order():
    cat = load_catalogue()
    assert len(cat.scenes) == 15 and [s.order for s in cat.scenes] == list(range(1, 16))
    assert cat.scene_ids[0] == "journey-south" and cat.scene_ids[-1] == "ending"
    assert {"Ali", "Alain"} <= set(cat.character("ali").names)
    with pytest.raises(KeyError, match="did you mean 'ice'"):
        cat.scene("icy")


# --- suggestions -----------------------------------------------------------------------------


def test_suggestions_rank_scenes_and_show_their_evidence(tmp_path):
    cat = load_catalogue(folder(tmp_path))
    table = suggest_scenes("The boy is drowning under the ice while Ali looks away", catalogue=cat)
    top = table.iloc[0]
    assert top.scene == "ice" and top.title == "The ice"
    assert top.evidence == ["drown*", "ice", "character: ali", "character: sam"]  # text order
    assert top.score == pytest.approx(2.5)  # two cues, both ice characters present


def test_characters_alone_suggest_nothing(tmp_path):
    cat = load_catalogue(folder(tmp_path))
    assert suggest_scenes("Ali and his son", catalogue=cat).empty


def test_suggestions_ignore_case_accents_and_stems(tmp_path):
    cat = load_catalogue(folder(tmp_path))
    assert suggest_scenes("NIGHTCLUB", catalogue=cat).scene.tolist() == ["club"]
    assert suggest_scenes("he nearly drowned", catalogue=cat).scene.tolist() == ["ice"]
    assert suggest_scenes("a clubbing night", catalogue=cat).empty  # whole words only


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


# --- measures against hand-made labels -------------------------------------------------------


def labels(rows: list[tuple[str, str]], readings=("demo",)) -> pd.DataFrame:
    frame = pd.DataFrame(
        [("demo", s, c) for s, c in rows], columns=["reading", "sentence", "scene"]
    )
    frame.attrs["readings"] = readings
    return frame


def test_evaluate_counts_precision_recall_and_f1(tmp_path):
    corpus = rk.load_corpus(folder(tmp_path))
    ref = labels([("demo:s1", "club"), ("demo:s3", "ice")])
    got = labels([("demo:s1", "club"), ("demo:s2", "ice")])
    result = evaluate(got, ref, corpus)
    scores = result["scores"].set_index("scene")
    assert scores.loc["club", ["precision", "recall", "f1"]].tolist() == [1.0, 1.0, 1.0]
    assert scores.loc["ice", ["precision", "recall", "f1"]].tolist() == [0.0, 0.0, 0.0]
    assert result["overall"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    confusion = result["confusion"]
    assert confusion.loc["ice", "(none)"] == 1 and confusion.loc["(none)", "ice"] == 1
    assert confusion.loc["club", "club"] == 1


def test_agreement_is_cohens_kappa(tmp_path):
    corpus = rk.load_corpus(folder(tmp_path))  # 6 sentences
    a = labels([("demo:s1", "club"), ("demo:s3", "ice")])
    b = labels([("demo:s1", "club"), ("demo:s3", "ice"), ("demo:s4", "ice")])
    result = agreement(a, b, corpus)
    kappas = result["scores"].set_index("scene").kappa
    assert kappas["club"] == 1.0
    # ice: agree on 5 of 6; p_a = 1/6, p_b = 2/6; p_e = 1/18 + 20/36 = 11/18
    assert kappas["ice"] == pytest.approx(round((5 / 6 - 11 / 18) / (1 - 11 / 18), 3))
    assert result["sentences"] == 6
    assert math.isnan(agreement(labels([]), labels([]), corpus)["overall"])


# --- the bundled reference annotation --------------------------------------------------------


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


def test_what_each_critic_says_about_the_ice_in_one_call():
    ice = rk.load_corpus().scene("ice")
    assert "compiled-page" in ice.passages and "marchant" in ice.silent
    assert any("frozen lake" in p.text for p in ice.passages["compiled-page"])
    assert "Say nothing about it:" in repr(ice)
    frame = ice.to_frame()
    assert set(frame.reading) == set(ice.passages)


def test_suggestions_reach_the_target_f1_on_the_reference():
    corpus = rk.load_corpus()
    result = evaluate(tag_corpus(corpus), reference_labels(corpus), corpus)
    assert result["overall"]["f1"] >= 0.75, result["scores"]


@pytest.mark.parametrize("annotator", ["reference", "second"])
def test_every_bundled_annotation_file_loads(annotator):
    notes = load_annotations(rk.load_corpus(), annotator)
    assert notes and all(n.span.text for n in notes)


def test_second_annotator_agrees_with_the_reference_on_marchant():
    corpus = rk.load_corpus()
    result = agreement(reference_labels(corpus), reference_labels(corpus, "second"), corpus)
    assert result["sentences"] == len(corpus["marchant"].sentences)  # only the shared reading
    assert 0.5 < result["overall"] <= 1.0


def test_scene_passages_join_neighbouring_sentences_and_only_those(tmp_path):
    reading = READING.replace("The boy sleeps.", "The boy sleeps at the club.")
    corpus = rk.load_corpus(
        folder(
            tmp_path,
            reading=reading,
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


def test_annotation_table_has_a_row_per_annotation_with_the_text_as_written():
    corpus = rk.load_corpus()
    table = rk.annotations.annotation_table(corpus)
    notes = rk.annotations.load_annotations(corpus)
    assert len(table) == len(notes)
    for row in table.itertuples():
        assert row.text in corpus[row.reading].text
    slips = table[table.flag == "factual-slip"]
    assert len(slips) == 5 and slips.verdict.eq("wrong").all() and slips.source.notna().all()
    assert table.ambiguous.dtype == bool


def test_quote_rows_prints_whole_sentences_and_says_when_there_are_none():
    tone = rk.sentence_tone(rk.load_corpus(), readings=["marchant"]).head(2)
    text = rk.quote_rows(tone, note="compound")
    assert text.split("\n\n")[1].startswith(f"marchant:s2 ({tone.compound.iloc[1]}): ")
    assert tone.text.iloc[0] in text  # never cut, however long
    assert rk.quote_rows(tone.head(0)) == "(no rows)"
