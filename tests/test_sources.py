"""The bibliography (sources.yaml): the bundled entries, lookups, citations, and bad files."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

import rustbone_kit as rk
from rustbone_kit.catalogue import CatalogueError
from rustbone_kit.errors import UnknownIdError
from rustbone_kit.sources import (
    KINDS,
    SOURCE_COLUMNS,
    Bibliography,
    cite,
    load_sources,
    marker_ids,
    sources,
    sources_for,
)

# --- the bundled bibliography ----------------------------------------------------------------


def test_bundled_bibliography_has_an_entry_for_every_source_the_kit_uses():
    bib = load_sources()
    assert isinstance(bib, Bibliography) and len(bib) == 25
    assert len(set(bib.ids)) == len(bib.ids)
    assert {s.kind for s in bib.sources} <= set(KINDS)
    for ident in (
        "wikipedia-rust-and-bone",
        "incontention-cannes-check",
        "comingsoon-review",
        "press-kit",
        "hollywood-reporter-london-2012",
        "guardian-london-festival-2012",
        "guardian-review-2012",
        "travellingue-cesars-2013",
        "lessentiel-cesars-2013",
        "grazia-golden-globes-2013",
        "fohnhouse-book-page",
        "cbc-davidson-2012",
        "366shortstories-rocket-ride",
        "publishers-weekly-review",
        "craigdavidson-rab",
        "kirkus-review",
        "premiere-davidson",
        "lapresse-audiard",
        "rust-and-bone-film",
        "davidson-collection",
    ):
        assert ident in bib, ident


def test_every_bundled_reading_is_a_source_of_what_it_says():
    bib = load_sources()
    corpus = rk.load_corpus()
    readings = {s.reading: s for s in bib.sources if s.kind == "reading"}
    assert set(readings) == set(corpus.ids)
    for reading_id, entry in readings.items():
        assert entry.id == reading_id
        meta = corpus[reading_id].meta
        assert entry.author == meta["author"]  # null where the text names nobody
        assert entry.address is None and entry.date is None


def test_entries_claim_no_more_than_is_known():
    bib = load_sources()
    for entry in bib.sources:
        assert entry.supports and all(entry.supports), entry.id
        assert entry.address is None or entry.address.startswith("https://"), entry.id
        assert entry.accessed is None, entry.id  # no access dates were recorded
    # no author is guessed: only the film, the book and the signed readings have one
    named = {s.id for s in bib.sources if s.author}
    assert named == {"rust-and-bone-film", "davidson-collection", "bowditch", "marchant"}
    # sources known only by their site say so, and invent no path
    for ident, address in (
        ("lapresse-audiard", "https://lapresse.ca"),
        ("lessentiel-cesars-2013", "https://lessentiel.lu"),
        ("publishers-weekly-review", None),
    ):
        entry = bib.entry(ident)
        assert entry.address == address and "not recorded beyond the site" in entry.note
    assert bib.entry("guardian-review-2012").address is None
    assert bib.entry("guardian-review-2012").date == "2012-11-01"
    # a title we could not see is ours, and marked so
    assert bib.entry("comingsoon-review").title_is_descriptive
    assert not bib.entry("marchant").title_is_descriptive


def test_entry_lookup_suggests_the_nearest_id():
    bib = load_sources()
    assert bib.entry("kirkus-review").outlet == "Kirkus Reviews"
    with pytest.raises(UnknownIdError, match="did you mean 'kirkus-review'") as info:
        bib.entry("kirkus")
    assert isinstance(info.value, KeyError) and info.value.fix


def test_to_frame_is_one_row_per_source():
    frame = load_sources().to_frame()
    assert tuple(frame.columns) == SOURCE_COLUMNS and len(frame) == 25
    assert frame.id.is_unique
    row = frame.set_index("id").loc["366shortstories-rocket-ride"]
    assert row.date == "2016-09" and "Niagara Falls" in row.supports
    assert pd.isna(frame.set_index("id").loc["bowditch", "address"])


def test_rk_sources_and_cite():
    assert "cite" in rk.__all__ and "sources" in rk.__all__ and "load_sources" in rk.__all__
    assert rk.sources().equals(sources())
    assert rk.cite("marchant") == (
        "Piers Marchant, \"Film: Rust & Bone\", n.d. Reading 'marchant' of this course."
    )
    assert (
        cite("rust-and-bone-film")
        == 'Jacques Audiard, "Rust and Bone (De rouille et d\'os)", 2012.'
    )
    assert cite("guardian-london-festival-2012") == (
        "[Report on Rust and Bone winning at the London film festival], The Guardian, "
        "2012-10-20. https://theguardian.com/film/2012/oct/20/london-film-festival-rust-and-bone"
    )
    assert cite("publishers-weekly-review").endswith("n.d. Address not recorded.")
    with pytest.raises(KeyError, match="did you mean 'press-kit'"):
        rk.cite("presskit")


def test_a_corpus_uses_the_bibliography_beside_it(tmp_path):
    shutil.copy(rk.bundled_readings_path() / "bowditch.md", tmp_path / "bowditch.md")
    corpus = rk.load_corpus(tmp_path)
    with pytest.raises(rk.KitError, match=r"no sources\.yaml"):
        sources_for(corpus)
    (tmp_path / "sources.yaml").write_text(ONE, encoding="utf-8")
    assert sources_for(corpus).ids == ("my-review",)
    assert rk.sources(corpus).id.tolist() == ["my-review"]
    assert rk.sources(tmp_path).id.tolist() == ["my-review"]
    assert rk.cite("my-review", corpus) == "[A review], n.d. Address not recorded."


def test_citation_markers():
    assert marker_ids("No marker here.") == []
    assert marker_ids("[source: a] and [source:b, c ] and [source: ]") == ["a", "b", "c"]


# --- bad files -------------------------------------------------------------------------------

ONE = """\
sources:
  - id: my-review
    kind: review
    author: null
    title: "A review"
    title_is_descriptive: true
    outlet: null
    date: null
    address: null
    accessed: null
    supports: ["what it says"]
"""

BAD_FILES = [
    # (replace this, with this, field, in the message, the error's line)
    ("  - id: my-review", "  - id: My Review", "id", "not a slug", 2),
    ("    kind: review", "    kind: reveiw", "kind", "did you mean 'review'", 3),
    ("    kind: review", "    knd: review", "knd", "did you mean 'kind'", 3),
    ("    author: null\n", "", None, "has no 'author'", 2),
    ('    title: "A review"\n', "", "title", "has no 'title'", 2),
    ("    date: null", '    date: "1 Nov 2012"', "date", "not YYYY, YYYY-MM or YYYY-MM-DD", 8),
    ("    date: null", "    date: [2012]", "date", "must be text", 8),
    ("    address: null", '    address: "theguardian.com/film"', "address", "https://", 9),
    ("    accessed: null", '    accessed: "2024"', "accessed", "YYYY-MM-DD", 10),
    ('    supports: ["what it says"]', "    supports: []", "supports", "has no 'supports'", 11),
    ("    title_is_descriptive: true", "    title_is_descriptive: maybe", "title_is_descriptive",
     "true or false", 6),
    ("sources:\n", "source:\n", "sources", "expected a top-level 'sources:' list", 1),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "field", "message", "line"), BAD_FILES)
def test_bad_file_names_file_line_field_and_fix(tmp_path, old, new, field, message, line):
    assert old in ONE
    (tmp_path / "sources.yaml").write_text(ONE.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CatalogueError) as info:
        load_sources(tmp_path)
    err = info.value
    assert message in str(err)
    assert err.path == str(tmp_path / "sources.yaml") and err.line == line
    assert err.field == field and err.fix


def test_an_id_used_twice(tmp_path):
    text = ONE + ONE.removeprefix("sources:\n")
    (tmp_path / "sources.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError, match="used twice") as info:
        load_sources(tmp_path)
    assert info.value.line == 12 and info.value.field == "id"


def test_an_unknown_top_level_field(tmp_path):
    (tmp_path / "sources.yaml").write_text("title: mine\n" + ONE, encoding="utf-8")
    with pytest.raises(CatalogueError, match="unknown top-level field 'title'") as info:
        load_sources(tmp_path)
    assert (info.value.line, info.value.field) == (1, "title")


def test_missing_file(tmp_path):
    with pytest.raises(CatalogueError, match=r"no sources\.yaml in the readings folder") as info:
        load_sources(tmp_path)
    assert info.value.fix
