"""widgets.controls and widgets.lookups: the reading picker, the stepper, id checks, and the
paragraph around an offset."""

from __future__ import annotations

import types

import pytest

import rustbone_kit as rk
from rustbone_kit.widgets.controls import Stepper, check_ids, id_picker, reading_picker
from rustbone_kit.widgets.lookups import paragraph_of, source_label


@pytest.fixture(scope="module")
def corpus():
    return rk.load_corpus()


def test_reading_picker_labels_readings_by_title_and_id(corpus):
    picker = reading_picker(corpus, "marchant", width="30em")
    assert picker.value == "marchant" and picker.description == "Reading"
    assert picker.options[0] == (f"{corpus[0].meta['title']} ({corpus[0].id})", corpus[0].id)
    assert picker.style.description_width == "initial"
    every = reading_picker(corpus, "", width="30em", every="All readings")
    assert every.options[0] == ("All readings", "") and len(every.options) == len(corpus) + 1
    untitled = rk.Corpus(readings=(rk.Reading(id="x", meta={"id": "x"}, text="A b."),))
    assert reading_picker(untitled, "x", width="9em").options == (("x (x)", "x"),)


def test_stepper_steps_stops_at_the_ends_and_restarts():
    stepper = Stepper("Sentence", "sentence", wide=True)
    assert stepper.restart(4) is False  # it was at 1 already
    stepper.previous.click()
    assert stepper.slider.value == 1
    for _ in range(9):
        stepper.next.click()
    assert stepper.slider.value == 4 and stepper.slider.max == 4
    assert stepper.restart(2) is True and (stepper.slider.value, stepper.slider.max) == (1, 2)
    assert stepper.restart(0) is False and stepper.slider.max == 1  # never fewer than one
    assert stepper.children == (stepper.slider, stepper.previous, stepper.next)
    assert stepper.next.tooltip == "Next sentence"
    assert stepper.slider.style.description_width == "initial"


def test_id_picker_and_check_ids():
    picker = id_picker([("One", "a"), ("Two", "b")], description="Pick", width="9em", value=["b"])
    assert picker.value == ("b",) and picker.rows == 8
    check_ids("scene", ["a"], ["a", "b"])
    with pytest.raises(KeyError, match="unknown scene id 'c'"):
        check_ids("scene", ["a", "c"], ["a", "b"])


def test_paragraph_of_finds_the_line_holding_an_offset(corpus):
    reading = corpus["bowditch"]
    for passage in reading.passages:
        assert paragraph_of(reading, passage.start) == passage
        assert paragraph_of(reading, passage.end - 1) == passage


@pytest.mark.parametrize(
    ("source", "says"),
    [
        ("reference", "the reference annotation"),
        ("suggestions", "the kit's automatic suggestions (no annotation file here): check them"),
        ("reference; suggestions for mine", "the reference annotation, and the kit's sugg"),
    ],
)
def test_source_label_says_where_scene_labels_come_from(source, says):
    labels = types.SimpleNamespace(attrs={"source": source})
    assert source_label(labels).startswith(says)
