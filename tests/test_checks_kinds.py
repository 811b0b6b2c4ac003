"""The simple answer kinds: a number, a choice, a set of readings."""

from __future__ import annotations

import pytest

import rustbone_kit as rk
from rustbone_kit.checks.kinds import Choice
from rustbone_kit.checks.registry import check


@pytest.fixture(scope="module")
def corpus():
    return rk.load_corpus()


def test_number_choice_and_readings(corpus):
    assert check("01.1", 2, corpus=corpus).passed
    assert check("01.1", 2.0, corpus=corpus).passed
    assert "Give a number" in check("01.1", "two", corpus=corpus).message
    assert check("01.2", ["marchant"], corpus=corpus).passed
    assert check("01.2", "marchant", corpus=corpus).passed  # one id alone is a list of one
    assert "No reading has the id 'marchand'" in check("01.2", ["marchand"], corpus=corpus).message
    assert "one of: 'review'" in check("01.3", "a web page", corpus=corpus).message


def test_choices_ignore_case_and_may_be_computed(corpus):
    assert check("01.3", "Compiled Page", corpus=corpus).passed
    computed = Choice(options=("yes", "no"), correct=lambda c: ["yes"] if len(c) == 5 else ["no"])
    assert computed.judge("YES", corpus)[0] and not computed.judge("no", corpus)[0]
