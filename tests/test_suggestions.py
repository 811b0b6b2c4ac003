"""Suggested scenes: cue terms and characters of the catalogue, scored, with their evidence."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from helpers import READING, SCENES, folder

import rustbone_kit as rk
from rustbone_kit.agreement import evaluate
from rustbone_kit.catalogue import load_catalogue
from rustbone_kit.scenes import reference_labels
from rustbone_kit.suggestions import BM25_SCALE, RELATIVE, THRESHOLD, suggest_scenes, tag_corpus

ROOT = Path(__file__).resolve().parents[1]

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
    assert low.scene.tolist() == ["club", "ice"]
    # 0.5 each, and as no cue settles it, a little BM25 for the word (a one-word cue)
    assert low.score.tolist() == pytest.approx([0.5, 0.5], abs=0.05)
    assert low.evidence.tolist() == [["water"], ["water"]]  # a cue is not named twice
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


# --- words of the scene, when no cue settles it (BM25) -----------------------------------------


def test_without_a_cue_the_scenes_own_words_suggest_it_and_are_named(tmp_path):
    cat = load_catalogue(folder(tmp_path))
    assert suggest_scenes("The boy falls", catalogue=cat).empty  # a weak match: under 1
    low = suggest_scenes("The boy falls", catalogue=cat, threshold=0.1)
    assert low.scene.tolist() == ["ice"]  # "falls" is in the ice's description only
    assert low.evidence.iloc[0] == ["character: sam", "word: falls"]
    assert 0.1 < low.score.iloc[0] < THRESHOLD and BM25_SCALE == 2.5


def test_names_and_roles_alone_never_suggest_a_scene_through_its_words(tmp_path):
    cat = load_catalogue(folder(tmp_path))
    assert suggest_scenes("Ali and the boy, his son", catalogue=cat, threshold=0.01).empty


def test_a_cue_that_settles_it_keeps_the_cue_evidence_only():
    table = suggest_scenes("Stéphanie wakes in hospital without her legs.")
    assert table.scene.iloc[0] == "hospital"
    assert not [e for e in table.evidence.iloc[0] if e.startswith("word: ")]
    assert "hospital" in table.evidence.iloc[0] and "wakes" in table.evidence.iloc[0]


def test_the_evidence_names_the_words_matched_on_the_bundled_film():
    text = "Father and son settle into Anna's place, where she brings back food from work."
    top = suggest_scenes(text, top=1).iloc[0]
    assert top.scene == "anna-garage"
    assert top.evidence[0] == "character: anna"
    assert {"word: settle", "word: food", "word: work"} <= set(top.evidence)


# --- accuracy ---------------------------------------------------------------------------------


def test_suggestions_do_not_fall_below_the_f1_on_the_reference():
    corpus = rk.load_corpus()
    result = evaluate(tag_corpus(corpus), reference_labels(corpus), corpus)
    # 0.793 with cues and characters alone; 0.803 with the scene's words (BM25) added
    assert result["overall"]["f1"] >= 0.793, result["scores"]


def _heldout(name: str) -> tuple[float, float]:
    """Top-1 accuracy on a held-out set's scene sentences, and its false-scene rate."""
    data = yaml.safe_load((ROOT / "tests/data/heldout" / f"{name}.yaml").read_text("utf-8"))
    cat = load_catalogue(ROOT / data["folder"])
    right, scenes, false, none = 0, 0, 0, 0
    for entry in data["sentences"]:
        table = suggest_scenes(entry["text"], catalogue=cat, top=1)
        got = table.scene.iloc[0] if len(table) else None
        if entry["scene"] is None:
            none, false = none + 1, false + (got is not None)
        else:
            scenes, right = scenes + 1, right + (got == entry["scene"])
    return right / scenes, false / none


#: Top-1 on the held-out sets today (6 of 45, 3 of 33; with cues alone 0 of each, as every
#: sentence there avoids its scene's cues): the floor the scorer must keep.
HELDOUT_FLOORS = {"rust-and-bone": 6 / 45, "salt-orchard": 3 / 33}


@pytest.mark.parametrize("name", sorted(HELDOUT_FLOORS))
def test_heldout_sentences_get_no_false_scene_and_top1_keeps_its_floor(name):
    top1, false_scene = _heldout(name)
    assert false_scene == 0.0
    assert top1 >= HELDOUT_FLOORS[name] - 1e-9, top1


@pytest.mark.xfail(
    strict=True,  # reaching the target makes this XPASS and fail: then remove the marker
    reason="target of issue 15 not reached: BM25 over the scene's description, one-word cues "
    "and characters finds 6/45 and 3/33 with no false scene; with no bar at all it ranks "
    "22/45 and 23/33 first, but then 6 and 2 of the 10 no-scene sentences get a scene and "
    "the reference F1 falls (see benchmarks/heldout.py)",
)
@pytest.mark.parametrize("name", sorted(HELDOUT_FLOORS))
def test_heldout_top1_reaches_the_target_of_90_percent(name):
    assert _heldout(name)[0] >= 0.9


def test_the_second_film_loads_cleanly_and_keeps_its_reference_f1():
    folder = ROOT / "courses" / "salt-orchard"  # invented for the tests (see its README.md)
    corpus = rk.load_corpus(folder)
    assert len(corpus) == 5 and not corpus.problems
    assert len(rk.load_catalogue(folder).scenes) == 11 and len(rk.load_themes(folder).ids) == 8
    notes = rk.load_annotations(corpus, "reference")
    assert [n.flag for n in notes].count("factual-slip") == 1
    result = evaluate(tag_corpus(corpus), reference_labels(corpus), corpus)
    # 0.731 with cues and characters alone; 0.778 with the scene's words (BM25) added
    assert result["overall"]["f1"] >= 0.778, result["scores"]


def test_suggestions_for_another_film_come_from_the_corpus_given():
    salt = rk.load_corpus(rk.bundled_readings_path().parent / "courses" / "salt-orchard")
    scene = rk.catalogue_for(salt).scenes[0]
    text = f"{scene.title}: {scene.description}"
    assert set(rk.suggest_scenes(text, corpus=salt).scene) <= set(rk.catalogue_for(salt).scene_ids)
    assert rk.suggest_scenes(text, corpus=salt).scene.iloc[0] == scene.id
    bundled = set(rk.catalogue_for(None).scene_ids)
    assert set(rk.suggest_scenes(text).scene) <= bundled  # no corpus: the documented default


def test_each_reading_is_tagged_once_per_catalogue_version(monkeypatch):
    import rustbone_kit.suggestions as suggestions

    corpus = rk.load_corpus()
    first = rk.tag_corpus(corpus)
    calls = []
    real = suggestions._score
    monkeypatch.setattr(suggestions, "_score", lambda *a: calls.append(1) or real(*a))
    assert rk.tag_corpus(corpus).equals(first) and calls == []  # served from the readings
    subset = rk.Corpus(corpus.readings[:2], path=corpus.path)  # another corpus, same readings
    assert len(rk.tag_corpus(subset)) > 0 and calls == []
    other = rk.load_catalogue(rk.bundled_readings_path())  # a new catalogue version
    assert rk.tag_corpus(corpus, catalogue=other).equals(first) and calls  # worked out again
