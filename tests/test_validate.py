"""Record, the one field validator: every failure names the file, the field's line, the
field and the fix, in the loader's own error class."""

from __future__ import annotations

import pytest
import yaml

from rustbone_kit.errors import KitError
from rustbone_kit.validate import Record, key_lines


class SceneError(KitError):
    """Stands for a loader's own error class."""


def record(item, **lines: int) -> Record:
    """A scene entry of scenes.yaml starting on line 10, with its keys' lines."""
    return Record(item, what="scene", path="scenes.yaml", line=10, lines=lines, error=SceneError)


def failure(call) -> SceneError:
    with pytest.raises(SceneError) as info:
        call()
    return info.value


def test_unknown_field_says_did_you_mean_at_the_fields_own_line():
    rec = record({"id": "ice", "titel": "Ice"}, id=10, titel=11)
    err = failure(lambda: rec.fields({"id": True, "title": True}))
    assert (err.path, err.line, err.field) == ("scenes.yaml", 11, "titel")
    assert "unknown scene field 'titel'; did you mean 'title'?" in str(err)
    assert err.fix == "rename it to 'title' (valid fields: id, title)"


def test_unknown_field_with_no_near_miss_is_to_be_removed():
    err = failure(lambda: record({"id": "ice", "zzz": 1}).fields({"id": True}))
    assert err.field == "zzz" and err.line == 10  # no key lines known: the entry's line
    assert "did you mean" not in str(err) and err.fix == "remove it (valid fields: id)"


@pytest.mark.parametrize("value", [None, "", [], {}])
def test_missing_or_empty_required_field(value):
    item, lines = (
        ({"id": "ice"}, {"id": 10})
        if value is None
        else ({"id": "ice", "title": value}, {"id": 10, "title": 12})
    )
    err = failure(lambda: record(item, **lines).fields({"id": True, "title": True}))
    assert err.field == "title" and "the scene has no 'title'" in str(err)
    assert err.fix == "add 'title: ...' to it"
    assert err.line == (10 if value is None else 12)
    record({"id": "ice"}).fields({"id": True, "title": False})  # optional: nothing to say


def test_an_entry_that_is_not_a_mapping():
    err = failure(lambda: record(["id", "ice"]).fields({"id": True}))
    assert err.field is None and err.line == 10 and "must be a mapping of fields" in str(err)
    err = failure(lambda: record("ice").fields({"id": True}, example="write 'id: ice'"))
    assert err.fix == "write 'id: ice'"


@pytest.mark.parametrize(
    ("method", "value", "message"),
    [
        ("text", ["a", "b"], "field 'title' must be text"),
        ("text", "  ", "field 'title' must be text"),
        ("text", 3, "field 'title' must be text"),
        ("texts", [], "must be text or a list of texts"),
        ("texts", ["a", 2], "must be text or a list of texts"),
        ("words", "ice", "must be a list of words or phrases"),
        ("words", ["ice", ""], "must be a list of words or phrases"),
        ("number", "two", "must be a whole number"),
        ("number", "1.5", "must be a whole number"),
        ("number", ["1"], "must be a whole number"),
    ],
)
def test_a_wrong_type_names_the_field_and_its_line(method, value, message):
    rec = record({"id": "ice", "title": value}, title=13)
    err = failure(lambda: getattr(rec, method)("title"))
    assert message in str(err) and err.field == "title" and err.line == 13 and err.fix


def test_well_typed_values():
    rec = record({"t": " Ice ", "one": "a", "many": [" a", "b "], "w": ["ice"], "n": "14"})
    assert rec.text("t") == "Ice" and rec.text("absent") is None
    assert rec.texts("one") == ("a",) and rec.texts("many") == ("a", "b")
    assert rec.words("w") == ("ice",) and rec.words("absent") == ()
    assert rec.number("n") == 14 and record({"n": 3}).number("n") == 3
    assert rec.number("absent") is None


def test_slug_suggests_one_and_refuses_an_id_used_twice():
    err = failure(lambda: record({"id": "The Ice!"}, id=10).slug())
    assert err.field == "id" and "'The Ice!' is not a slug" in str(err)
    assert err.fix == "write it as 'id: the-ice'"
    assert "'id: my-id'" in failure(lambda: record({"id": "!!"}).slug()).fix
    seen: dict[str, int] = {}
    assert record({"id": "ice"}, id=4).slug("id", seen) == "ice" and seen == {"ice": 4}
    err = failure(lambda: record({"id": "ice"}, id=9).slug("id", seen))
    assert err.line == 9 and "scene id 'ice' is used twice (first on line 4)" in str(err)
    assert err.fix == "give every scene its own id"


def test_ids_must_be_known_and_say_which_they_meant():
    rec = record({"characters": ["ali", "sammy"]}, characters=15)
    err = failure(lambda: rec.ids("characters", ("ali", "sam"), kind="character", fix="fix it"))
    assert err.field == "characters" and err.line == 15 and err.fix == "fix it"
    assert "unknown character id 'sammy'; did you mean 'sam'?" in str(err)
    good = record({"characters": ["ali"]}).ids("characters", ("ali",), kind="character", fix="")
    assert good == ("ali",)
    assert record({}).ids("characters", ("ali",), kind="character", fix="") == ()
    assert record({"characters": None}).ids("characters", (), kind="character", fix="") == ()
    err = failure(lambda: record({"characters": "ali"}).ids("characters", (), kind="c", fix=""))
    assert "'characters' must be a list of ids" in str(err)


def test_choice_names_the_near_miss_and_the_choices():
    rec = record({"verdict": "wrnog"}, verdict=16)
    err = failure(lambda: rec.choice("verdict", ("wrong", "right")))
    assert err.field == "verdict" and err.line == 16
    assert "verdict 'wrnog' is not one of wrong, right; did you mean 'wrong'?" in str(err)
    assert err.fix == "use one of: wrong, right"
    assert record({"verdict": "right"}).choice("verdict", ("wrong", "right")) == "right"
    assert "did you mean" not in str(failure(lambda: record({}).choice("verdict", ("a", "b"))))


def test_a_record_from_a_yaml_node_knows_its_lines():
    text = "\n# a comment\nid: ice\ntitle: Ice\ntitel: again\n"
    node = yaml.compose(text)
    rec = Record.of_node(yaml.safe_load(text), node, what="scene", path="s.yaml", error=SceneError)
    assert rec.line == 3 and rec.lines == {"id": 3, "title": 4, "titel": 5}
    assert failure(lambda: rec.fields({"id": True, "title": True})).line == 5


def test_key_lines_counts_from_the_given_first_line():
    assert key_lines(yaml.compose("a: 1\nb: 2"), first_line=6) == {"a": 6, "b": 7}
    assert key_lines(yaml.compose("- a")) == {} and key_lines(None) == {}
