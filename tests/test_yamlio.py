"""Safe YAML: values as written, no object-building tags, no duplicate keys, located errors."""

from __future__ import annotations

import re
import time

import pytest
from helpers import GOOD, load_error, write

import rustbone_kit as rk
from rustbone_kit.errors import KitError
from rustbone_kit.yamlio import MAX_DEPTH, load_document, load_mapping

# --- through a reading's header ------------------------------------------------------------


def test_numbers_and_dates_are_kept_as_written(tmp_path):
    write(
        tmp_path,
        "demo.md",
        GOOD.replace("kind: review", "kind: review\nrating: 7.20\ndate: 2012-11-01"),
    )
    meta = rk.load_corpus(tmp_path)["demo"].meta
    assert meta["rating"] == "7.20" and meta["date"] == "2012-11-01"


def test_yaml_syntax_error_names_the_file_line(tmp_path):
    err = load_error(tmp_path, "---\nid: demo\ntitle: [Rust and Bone\nkind: review\n---\nText.\n")
    assert "YAML syntax error" in str(err)
    assert err.line in (3, 4)  # the flow sequence opens on file line 3
    assert "quotes" in err.fix


def test_yaml_tag_that_would_build_an_object_is_refused(tmp_path):
    err = load_error(
        tmp_path, "---\nid: demo\ntitle: !!python/object/apply:os.system [ls]\nkind: r\n---\nT.\n"
    )
    assert "would build an object" in str(err) and err.line == 3
    assert "remove the tag" in err.fix


def test_duplicate_key_in_header(tmp_path):
    err = load_error(tmp_path, GOOD.replace("kind: review", "kind: review\ntitle: Again"))
    assert err.field == "title" and err.line == 5 and "appears twice (first on line 3)" in str(err)


def test_header_that_is_not_a_mapping(tmp_path):
    err = load_error(tmp_path, "---\n- id\n- title\n---\nText.\n")
    assert "expected 'field: value' lines" in str(err) and err.line == 2


# --- the functions themselves --------------------------------------------------------------


def test_load_mapping_gives_each_keys_file_line_and_keeps_null_and_booleans():
    data, lines = load_mapping("a: 1\nb: null\nc: true\nd: 2012-11-01", path="x", first_line=4)
    assert data == {"a": "1", "b": None, "c": True, "d": "2012-11-01"}
    assert lines == {"a": 4, "b": 5, "c": 6, "d": 7}
    assert load_mapping("", path="x") == ({}, {})


def test_a_duplicate_key_inside_a_list_raises_the_callers_error_class():
    class MyError(KitError):
        pass

    text = "items:\n  - id: a\n    id: b\n"
    with pytest.raises(MyError, match="the key 'id' appears twice") as info:
        load_document(text, path="list.yaml", error=MyError)
    assert (info.value.path, info.value.line, info.value.field) == ("list.yaml", 3, "id")


def test_an_empty_document_is_none():
    assert load_document("# only a comment\n", path="x") == (None, None)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a: 1\nb: &x [1, 2]\n", 2, "the YAML anchor '&x' is not allowed"),
        ("a: 1\nb: *x\n", 2, "the YAML alias '*x' is not allowed"),
        ("a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5), 1, f"more than {MAX_DEPTH} deep"),
    ],
)
def test_a_hostile_document_is_refused_at_its_line(text, line, message):
    with pytest.raises(KitError, match=re.escape(message)) as info:
        load_document(text, path="hostile.yaml")
    assert info.value.path == "hostile.yaml" and info.value.line == line and info.value.fix


def test_a_billion_laughs_costs_nothing():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    started = time.perf_counter()
    with pytest.raises(KitError, match="anchor"):
        load_document("\n".join(lines), path="laughs.yaml")
    assert time.perf_counter() - started < 1


def test_too_many_values_are_refused():
    text = "items: [" + ", ".join(["x"] * 50) + "]"
    with pytest.raises(KitError, match="more than 20 values"):
        load_document(text, path="big.yaml", max_nodes=20)
    assert load_document(text, path="big.yaml")[0]["items"] == ["x"] * 50
