"""Suggested scenes: cue terms and characters of the catalogue, scored, with their evidence."""

from __future__ import annotations

import pytest
from helpers import READING, SCENES, folder

import rustbone_kit as rk
from rustbone_kit.agreement import evaluate
from rustbone_kit.catalogue import load_catalogue
from rustbone_kit.scenes import reference_labels
from rustbone_kit.suggestions import RELATIVE, THRESHOLD, suggest_scenes, tag_corpus

# --- one text --------------------------------------------------------------------------------


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


def test_a_cue_shared_by_two_scenes_is_worth_half_to_each(tmp_path):
    shared = SCENES.replace("cues: [bouncer, club, nightclub]", "cues: [bouncer, club, water]")
    shared = shared.replace("cues: [ice, frozen lake, drown*]", "cues: [ice, water]")
    cat = load_catalogue(folder(tmp_path, scenes=shared))
    assert suggest_scenes("water", catalogue=cat).empty  # 0.5 each: under the threshold
    low = suggest_scenes("water", catalogue=cat, threshold=0.5)
    assert low.scene.tolist() == ["club", "ice"]  # a tie goes in film order
    assert low.score.tolist() == [0.5, 0.5] and low.evidence.tolist() == [["water"], ["water"]]
    assert THRESHOLD == 1.0


def test_top_keeps_the_best_scenes_and_the_columns_stay_when_empty(tmp_path):
    cat = load_catalogue(folder(tmp_path))
    both = suggest_scenes("the bouncer at the club saw the ice", catalogue=cat)
    assert both.scene.tolist() == ["club", "ice"]  # club: two cues; ice: one
    assert suggest_scenes(
        "the bouncer at the club saw the ice", catalogue=cat, top=1
    ).scene.tolist() == ["club"]
    assert suggest_scenes("nothing here", catalogue=cat).columns.tolist() == [
        "scene",
        "title",
        "score",
        "evidence",
    ]


def test_without_a_catalogue_the_bundled_film_is_used():
    assert (
        suggest_scenes("He smashes through the frozen lake with his fists.").scene.iloc[0] == "ice"
    )


# --- every sentence of a corpus ---------------------------------------------------------------


def test_tag_corpus_uses_the_corpus_own_catalogue_and_says_what_it_is(tmp_path):
    corpus = rk.load_corpus(folder(tmp_path))
    tags = tag_corpus(corpus)
    assert set(tags.scene) <= {"club", "ice"}
    assert tags.attrs == {"readings": ("demo",), "source": "suggestions"}
    assert tags.columns.tolist() == ["reading", "sentence", "scene", "score", "evidence"]


def test_tag_corpus_keeps_only_scenes_near_the_best_of_a_sentence(tmp_path):
    text = "Ali works as a bouncer at a club near the ice."
    reading = READING.replace("Ali works as a bouncer at a club.", text)
    corpus = rk.load_corpus(folder(tmp_path, reading=reading))

    def first(tags):
        return tags[tags.sentence == "demo:s1"].scene.tolist()

    # club scores 2 (bouncer, club) + 0.5 (Ali); ice 1 + 0.25: under RELATIVE of the best
    assert RELATIVE == 0.6
    assert first(tag_corpus(corpus)) == ["club"]
    assert first(tag_corpus(corpus, relative=0.4)) == ["club", "ice"]
    assert first(tag_corpus(corpus, threshold=3)) == []


def test_tag_corpus_reports_progress_when_asked(tmp_path, capsys):
    corpus = rk.load_corpus(folder(tmp_path))
    tag_corpus(corpus)
    assert capsys.readouterr().out == ""
    tag_corpus(corpus, progress=True)
    assert capsys.readouterr().out == "tagged 1 of 1 readings\n"


def test_suggestions_reach_the_target_f1_on_the_reference():
    corpus = rk.load_corpus()
    result = evaluate(tag_corpus(corpus), reference_labels(corpus), corpus)
    assert result["overall"]["f1"] >= 0.75, result["scores"]
