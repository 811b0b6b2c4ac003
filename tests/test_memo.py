"""kept(): worked out once per object, per owner; old owners let go."""

from __future__ import annotations

import gc
import weakref
from types import SimpleNamespace

import rustbone_kit as rk
from rustbone_kit.memo import OWNERS_KEPT, kept


def test_a_value_is_computed_once_per_object():
    calls = []
    one, two = SimpleNamespace(), SimpleNamespace()
    for box in (one, one, two):
        kept(box, "_rk_t", lambda: calls.append(1) or len(calls))
    assert calls == [1, 1] and one._rk_t == 1 and two._rk_t == 2


def test_a_value_that_is_none_or_empty_is_kept_too():
    calls = []
    box = SimpleNamespace()
    for _ in range(3):
        assert kept(box, "_rk_t", lambda: calls.append(1)) is None
    assert calls == [1]


def test_each_owner_and_extra_gets_its_own_value_and_a_new_owner_is_never_confused():
    box = SimpleNamespace()
    first, second = object(), object()
    assert kept(box, "_rk_t", lambda: "a", owner=first) == "a"
    assert kept(box, "_rk_t", lambda: "b", owner=second) == "b"
    assert kept(box, "_rk_t", lambda: "x", owner=first) == "a"
    assert kept(box, "_rk_t", lambda: "c", owner=first, extra=(0.5,)) == "c"


def test_only_the_newest_owners_are_kept_so_old_versions_are_let_go():
    class Owner:
        pass

    box, owners = SimpleNamespace(), [Owner() for _ in range(OWNERS_KEPT + 2)]
    oldest = weakref.ref(owners[0])
    for i, owner in enumerate(owners):
        kept(box, "_rk_t", lambda i=i: i, owner=owner)
    assert len(box._rk_t) == OWNERS_KEPT
    del owners[0]
    gc.collect()
    assert oldest() is None  # the first catalogue version is no longer held
    calls = []
    kept(box, "_rk_t", lambda: calls.append(1) or -1, owner=owners[-1])
    assert calls == []  # the newest is still served


def test_a_readings_scene_tags_follow_the_catalogue_version():
    corpus = rk.load_corpus()
    cat = rk.catalogue_for(corpus)
    rows = rk.tag_corpus(corpus, catalogue=cat)
    again = rk.tag_corpus(corpus, catalogue=cat)
    assert rows.equals(again)
    reading = corpus[corpus.ids[0]]
    assert {entry[0] for entry in reading._rk_tags.values()} == {cat}
