"""widgets.side_by_side: the columns follow the scene and the readings, through the controls
or the traits; scene passages are worked out once."""

from __future__ import annotations

import re

import pandas as pd
import pytest
import traitlets
from widget_support import calls_to, hostile_corpus, huge_paragraph_corpus, text_of, well_formed

import rustbone_kit as rk
from rustbone_kit.scenes import scene_labels
from rustbone_kit.suggestions import tag_corpus
from rustbone_kit.widgets import SideBySide
from rustbone_kit.widgets.html_side_by_side import MAX_COLUMN_PASSAGES


@pytest.fixture(scope="module")
def corpus():
    return rk.load_corpus()


def column_texts(page: str) -> list[str]:
    return [text_of(c) for c in re.findall(r"<section class=\"rk-column.*?</section>", page, re.S)]


def test_side_by_side_defaults_to_the_first_scene_someone_discusses(corpus):
    side = SideBySide(corpus)
    assert side.scene.value == "journey-south"
    assert side.readings.value == ("bowditch", "marchant", "unsigned-review")
    assert side.scene.label.startswith("1. Father and son head south (3 of 5 readings)")
    assert "Scene passages: the reference annotation." in side.view.value


def test_side_by_side_columns_follow_the_scene_and_the_readings(corpus):
    side = SideBySide(corpus, scene="swim", readings=["bowditch", "marchant"])
    before = column_texts(side.view.value)
    assert len(before) == 2 and "Says nothing about Into the sea" in before[1]
    expected = [s.text for s in rk.scenes.scene_passages(corpus, "swim").passages["bowditch"]]
    assert all(p in before[0] for p in expected)

    side.scene.value = "hospital"
    after = column_texts(side.view.value)
    assert after != before and "Says nothing" not in "".join(after)
    hospital = rk.scenes.scene_passages(corpus, "hospital").passages
    assert all(p.text in after[1] for p in hospital["marchant"])

    side.readings.value = ("overview", "marchant", "unsigned-review")
    three = column_texts(side.view.value)
    assert len(three) == 3 and three[1] == after[1]
    assert three[0].startswith("author not statedoutlet not stated")  # the overview names none


def test_side_by_side_refuses_too_few_or_too_many_in_the_html(corpus):
    side = SideBySide(corpus, readings=["marchant"])
    assert "Choose two to five readings" in side.view.value
    side.readings.value = ()
    assert "you have chosen 0" in side.view.value
    side.readings.value = tuple(corpus.ids)  # five: allowed
    assert len(column_texts(side.view.value)) == 5


def test_side_by_side_works_from_suggestions_and_never_retags_on_update():
    hostile = hostile_corpus()
    side = SideBySide(hostile)
    assert side.labels.attrs["source"] == "suggestions"
    assert "automatic suggestions" in side.view.value

    with calls_to(tag_corpus, scene_labels) as calls:  # watched, not patched
        side.scene.value = "ice"
        assert column_texts(side.view.value)[0].count("Says nothing about The frozen lake") == 1
        side.readings.value = ("hostile-b", "hostile-a")
        assert "hostile-b" in column_texts(side.view.value)[0]
    assert not calls, "an update must not tag the corpus again"


def test_calls_to_sees_a_call_through_an_imported_name():
    with calls_to(tag_corpus) as calls:
        scene_labels(hostile_corpus())  # scenes calls its own imported tag_corpus
    assert calls == {"tag_corpus": 1}


def test_side_by_side_refuses_unknown_ids(corpus):
    with pytest.raises(KeyError, match="did you mean 'swim'"):
        SideBySide(corpus, scene="swimm")
    with pytest.raises(KeyError, match="did you mean 'marchant'"):
        SideBySide(corpus, readings=["marchand", "bowditch"])


# --- traits ---------------------------------------------------------------------------------


def test_setting_the_traits_moves_the_controls_and_the_html(corpus):
    side = SideBySide(corpus, scene="swim", readings=["bowditch", "marchant"])
    side.scene_id = "hospital"
    assert side.scene.value == "hospital" and "<h3>Waking without her legs:" in side.view.value
    side.reading_ids = ["overview", "marchant"]  # a list is taken as a tuple
    assert side.readings.value == ("overview", "marchant")
    assert len(column_texts(side.view.value)) == 2


def test_setting_the_controls_moves_the_traits_and_observers_see_it(corpus):
    side = SideBySide(corpus, scene="swim", readings=["bowditch", "marchant"])
    seen = []
    side.observe(lambda change: seen.append((change.name, change.new)), names="scene_id")
    side.scene.value = "ice"
    side.readings.value = ("marchant", "overview", "bowditch")
    assert side.scene_id == "ice" and side.reading_ids == ("marchant", "overview", "bowditch")
    assert seen == [("scene_id", "ice")]
    assert SideBySide.scene_id.help and SideBySide.reading_ids.help


def test_two_widgets_linked_by_their_traits_follow_each_other(corpus):
    teacher = SideBySide(corpus, scene="swim", readings=["bowditch", "marchant"])
    projected = SideBySide(corpus, scene="ice", readings=["bowditch", "marchant"])
    traitlets.link((teacher, "scene_id"), (projected, "scene_id"))
    assert projected.scene.value == "swim"
    teacher.scene.value = "hospital"
    assert projected.scene.value == "hospital" and projected.view.value == teacher.view.value


def test_unknown_ids_set_as_traits_are_refused_and_change_nothing(corpus):
    side = SideBySide(corpus, scene="swim", readings=["bowditch", "marchant"])
    page = side.view.value
    with pytest.raises(KeyError, match="did you mean 'ice'"):
        side.scene_id = "icee"
    with pytest.raises(KeyError, match="did you mean 'marchant'"):
        side.reading_ids = ("marchand",)
    assert side.scene_id == side.scene.value == "swim" and side.view.value == page
    assert side.reading_ids == side.readings.value == ("bowditch", "marchant")


@pytest.mark.parametrize("every", [1, 2])
def test_a_megabyte_paragraph_gives_bounded_columns_that_count_what_they_leave_out(every):
    """Every sentence on the scene (one passage of a megabyte), or every other (thousands)."""
    corpus = huge_paragraph_corpus()
    ids = [s.id for s in corpus["huge"].sentences][::every]
    labels = pd.DataFrame({"reading": "huge", "sentence": ids, "scene": "swim"})
    side = SideBySide(corpus, scene="swim", readings=("huge", "marchant"), labels=labels)
    page = side.view.value
    assert len(page) < 1_000_000 and well_formed(page) and "more characters]" in page
    passages = len(ids) if every == 2 else 1
    shown = min(passages, MAX_COLUMN_PASSAGES)
    assert page.count('class="rk-passage"') == shown
    if passages > shown:
        assert f"{passages} passages (the first {shown} are shown; {passages - shown:,} more" in (
            page
        )
