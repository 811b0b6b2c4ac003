"""The kit's one exception family: where, what, and how to fix it; and "did you mean"."""

from __future__ import annotations

import re

import pytest

import rustbone_kit as rk
from rustbone_kit.errors import (
    ArgumentError,
    ChecksumError,
    KitError,
    ReadingError,
    StaleFileError,
    UnknownIdError,
    closest,
    unknown_id_message,
)


def test_every_error_is_in_the_kits_one_family():
    assert issubclass(rk.ReadingError, rk.KitError) and issubclass(rk.ReadingError, ValueError)
    for error in (ArgumentError, ChecksumError, ReadingError, StaleFileError, UnknownIdError):
        assert issubclass(error, KitError), error
    assert issubclass(rk.LanguageError, KitError) and issubclass(rk.LanguageError, ValueError)
    assert issubclass(ChecksumError, ReadingError)


def test_error_message_reads_file_line_field_fix():
    err = rk.ReadingError("p", path="f.md", line=3, field="x", fix="do y")
    assert re.fullmatch(r"f\.md, line 3, field 'x': p\. Fix: do y\.", str(err))


def test_a_message_says_as_much_of_the_place_as_is_known():
    assert str(KitError("nothing to say")) == "nothing to say"
    assert str(KitError("bad", line=4)) == "line 4: bad"
    assert KitError("bad", field="by").where == "field 'by'"
    err = KitError("is it?", path="x.yaml", fix="look.")
    assert str(err) == "x.yaml: is it? Fix: look."  # no full stop after '?', none doubled
    assert (err.path, err.line, err.field, err.problem) == ("x.yaml", None, None, "is it?")


def test_an_unknown_id_is_a_key_error_and_a_kit_error():
    err = UnknownIdError.of("scene", "icee", ["ice", "swim"], path="scenes.yaml")
    assert isinstance(err, KeyError) and isinstance(err, KitError)
    assert err.path == "scenes.yaml" and err.fix == "use one of the known ids"
    with pytest.raises(KeyError, match="did you mean 'ice'"):
        raise err


def test_an_unknown_id_is_not_quoted_like_a_key_error():
    err = UnknownIdError.of("reading", "marchand", ["bowditch", "marchant"])
    assert str(KeyError("marchand")) == "'marchand'"  # what a plain KeyError would show
    assert str(err) == (
        "unknown reading id 'marchand'; did you mean 'marchant'? Known: bowditch, marchant. "
        "Fix: use one of the known ids."
    )
    assert not str(err).startswith(("'", '"'))
    assert str(err) == err.args[0]


def test_an_argument_error_is_a_value_error():
    err = ArgumentError("by='sentence' is not a way to count", field="by", fix="choose one")
    assert isinstance(err, ValueError) and isinstance(err, KitError)
    with pytest.raises(ValueError, match="field 'by': by='sentence'"):
        raise err


def test_closest_is_the_one_did_you_mean_rule():
    known = ["title", "kind", "author"]
    assert closest("titel", known) == "title"
    assert closest("autor", known) == "author"
    assert closest("zzz", known) is None
    assert closest("anything", []) is None
    assert closest(7, ["7", "8"]) == "7"  # values that are not text are compared as written


def test_unknown_id_message_without_a_near_miss_lists_the_known_ids():
    message = unknown_id_message("theme", "xyz", ["water-sea", "body-injury"])
    assert message.startswith("unknown theme id 'xyz'") and "did you mean" not in message
    assert message.endswith("Known: water-sea, body-injury")
