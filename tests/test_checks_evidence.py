"""The argued answer kinds: quotations, scenes and claims checked against the readings."""

from __future__ import annotations

import pytest

import rustbone_kit as rk
from rustbone_kit.checks.evidence import Evidence
from rustbone_kit.checks.registry import Question, check


@pytest.fixture(scope="module")
def corpus():
    return rk.load_corpus()


def test_evidence_checks_the_quote_the_reading_and_the_claim(corpus):
    good = {
        "reading": "compiled-page",
        "quote": "\u201cBone Fragments\u201d",
        "claim": "This passage describes an item from a video game, not the film at all.",
    }
    assert check("01.4", good, corpus=corpus).passed
    assert check("01.4", {**good, "quote": "bone  fragments"}, corpus=corpus).passed
    elsewhere = check("01.4", {**good, "reading": "marchant"}, corpus=corpus)
    assert "The question is about 'compiled-page'" in elsewhere.message
    invented = check("01.4", {**good, "quote": "a robot orca"}, corpus=corpus)
    assert "not in 'compiled-page' word for word" in invented.message
    short = check("01.4", {**good, "claim": "A game."}, corpus=corpus)
    assert "Say more" in short.message
    echo = check("01.4", {**good, "claim": "Bone Fragments"}, corpus=corpus)
    assert echo.status == "not yet"
    half = check("01.4", {"reading": "compiled-page", "quote": None, "claim": None}, corpus=corpus)
    assert "Fill in 'quote', 'claim'" in half.message


def test_evidence_on_a_scene_needs_a_sentence_about_it(corpus):
    q = Question("99.1", "test", Evidence(scene="ice", claim=False))
    ok, _ = q.answer.judge({"reading": "compiled-page", "quote": "frozen lake"}, corpus)
    assert ok
    ok, message = q.answer.judge({"reading": "marchant", "quote": "watery trope"}, corpus)
    assert not ok and "not in a sentence about the scene 'ice'" in message


def test_scene_ids_must_exist_and_match_the_quoted_sentence(corpus):
    right = {"reading": "compiled-page", "quote": "A weak spot on the frozen lake", "scene": "ice"}
    assert check("03.7", right, corpus=corpus).passed
    near = check("03.7", {**right, "scene": "icee"}, corpus=corpus)
    assert "unknown scene id 'icee'; did you mean 'ice'?" in near.message
    wrong = check("03.7", {**right, "scene": "swim"}, corpus=corpus)
    assert "not in a sentence about the scene 'swim'" in wrong.message
    assert "scene id" in check("03.7", {"reading": "x", "quote": "y"}, corpus=corpus).message


def test_evidence_can_require_the_kind_of_sentence_quoted(corpus):
    hedge = check(
        "05.5",
        {
            "reading": "marchant",
            "quote": "This can be interpreted several ways, I suppose",
            "claim": "The hedge admits other readings before he gives his own one.",
        },
        corpus=corpus,
    )
    assert "outside Marchant's review, in which the kit finds a hedge" in hedge.message
    plain = {"reading": "bowditch", "quote": "Words by Carol Bowditch"}
    claim = {"claim": "She names the page's author in the third person here."}
    assert "not in a sentence with a theme hit" in check("04.4", {**plain, **claim}).message
