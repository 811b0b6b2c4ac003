"""The adaptation table: the bundled data and every bad adaptation.yaml."""

from __future__ import annotations

import shutil

import pytest
from helpers import broken_copy_error

import rustbone_kit as rk
from rustbone_kit.adaptation import CHANGE_COLUMNS, KINDS, STATUSES, load_adaptation
from rustbone_kit.catalogue import CatalogueError
from rustbone_kit.errors import UnknownIdError
from rustbone_kit.sources import load_sources

# --- the bundled data ------------------------------------------------------------------------


def test_bundled_adaptation_counts():
    ad = load_adaptation()
    assert ad.collection["author"] == "Craig Davidson"
    assert ad.collection["nationality"] == "Canadian"
    assert (ad.collection["year"], ad.collection["number_of_stories"]) == (2005, 8)
    assert ad.collection["form"] == "a collection of short stories"
    assert ad.story_ids == ("rust-and-bone", "rocket-ride")
    assert tuple(ad.changes.columns) == CHANGE_COLUMNS and len(ad.changes) == 11
    assert ad.changes.kind.value_counts().to_dict() == {
        "kept": 4,
        "changed": 3,
        "combined": 1,
        "moved": 1,
        "added": 1,
        "unknown": 1,
    }
    assert ad.changes.id.is_unique
    assert set(ad.changes.story.dropna()) <= set(ad.story_ids)
    assert set(ad.changes.kind) <= set(KINDS) and set(ad.changes.status) <= set(STATUSES)


def test_bundled_adaptation_claims_no_more_than_its_sources():
    ad = load_adaptation()
    changes = ad.changes.set_index("id")
    status, kind = changes.status, changes.kind
    # where Anna and Martial come from is not known: neither 'added' nor verified
    assert (kind["anna-and-martial"], status["anna-and-martial"]) == ("unknown", "unverified")
    assert pd_isna(changes.loc["anna-and-martial", "story_source"])
    # two stories made one
    assert kind["boxer-meets-trainer"] == "combined"
    # the move and the love story rest on Audiard's word alone
    assert status[["setting-antibes", "love-story"]].eq("makers-account").all()
    assert changes.loc["love-story", "story_source"] == "lapresse-audiard"
    # every other entry is verified, and cites both sides
    verified = status.drop(["anna-and-martial", "setting-antibes", "love-story"])
    assert verified.eq("verified").all()
    assert changes.loc[verified.index, "story_source"].notna().all()
    assert changes.loc[verified.index, "film_source"].notna().all()
    # both legs: the story's side from the story's witnesses, the film's from the critics
    assert changes.loc["both-legs", "story_source"].split(", ") == [
        "366shortstories-rocket-ride",
        "publishers-weekly-review",
    ]
    assert "366shortstories-rocket-ride" not in changes.loc["both-legs", "film_source"]
    assert "comingsoon-review" in changes.loc["nephew-becomes-son", "film_source"]
    # no row is 'disputed': the one dispute is the story's (a reader, not a viewer, settles it)
    assert not status.eq("disputed").any()
    sides = {d.says: (d.claim, d.source) for d in ad.story("rocket-ride").disputed}
    assert sides["Kirkus Reviews"] == ("The amputee loses his leg to a shark.", "kirkus-review")
    assert "orca" in sides["Publishers Weekly"][0]
    credited = changes.credited_to.dropna()
    assert set(credited.index) == {"trainer-becomes-a-woman", "boxer-meets-trainer"}
    assert changes.loc[credited.index, "credit_source"].eq("premiere-davidson").all()
    assert changes.credit_source.notna().sum() == 2
    with pytest.raises(KeyError, match="did you mean 'rocket-ride'"):
        ad.story("rocket")
    with pytest.raises(UnknownIdError, match="unknown story id 'rocket'"):
        ad.story("rocket")


def pd_isna(value) -> bool:
    return value is None or value != value


def test_every_cited_id_is_in_the_bibliography():
    ad = load_adaptation()
    bib = load_sources()
    cited = [*ad.collection["source"]]
    for story in ad.stories:
        cited += [*story.source, *(d.source for d in story.disputed)]
    for joined in ad.changes.source:
        cited += joined.split(", ")
    assert cited and all(i in bib for i in cited), [i for i in cited if i not in bib]
    # the 'source' column is every side's ids, without repeats
    for row in ad.changes.itertuples():
        sides = [row.story_source, row.film_source, row.credit_source]
        ids = [i for side in sides if isinstance(side, str) for i in side.split(", ")]
        assert row.source == ", ".join(dict.fromkeys(ids)), row.id


# --- bad files -------------------------------------------------------------------------------

BAD_FILES = [
    # (file, replace this, with this, field, in the message, the error's line (the last line
    # that is exactly this, stripped))
    (
        "adaptation.yaml",
        '    credited_to: "Jacques',
        '    credited: "Jacques',
        "credited",
        "did you mean 'credited_to'",
        'credited: "Jacques Audiard and Thomas Bidegain (so Davidson says)"',
    ),
    (
        "adaptation.yaml",
        "    kind: moved",
        "    kind: relocated",
        "kind",
        "not one of kept, changed, combined, moved, added, unknown",
        "kind: relocated",
    ),
    (
        "adaptation.yaml",
        "    status: unverified",
        "    status: unverifed",
        "status",
        "did you mean 'unverified'",
        "status: unverifed",
    ),
    (
        "adaptation.yaml",
        "    story: rocket-ride",
        "    story: rocket-rid",
        "story",
        "unknown story id 'rocket-rid'; did you mean 'rocket-ride'",
        "story: rocket-rid",
    ),
    (
        "adaptation.yaml",
        "  - id: both-legs",
        "  - id: boxer-meets-trainer",
        "id",
        "used twice",
        "- id: boxer-meets-trainer",
    ),
    (
        "adaptation.yaml",
        "  - id: rocket-ride",
        "  - id: rust-and-bone",
        "id",
        "used twice",
        "- id: rust-and-bone",
    ),
    (
        "adaptation.yaml",
        '    in_film: "The trainer loses both legs."\n',
        "",
        "in_film",
        "has no 'in_film'",
        "- id: both-legs",
    ),
    (
        "adaptation.yaml",
        '        says: "Kirkus Reviews"',
        '        say: "Kirkus Reviews"',
        "say",
        "did you mean 'says'",
        'say: "Kirkus Reviews"',
    ),
    (
        "adaptation.yaml",
        '  year: "2005"',
        '  year: "two thousand and five"',
        "year",
        "whole number",
        'year: "two thousand and five"',
    ),
    (
        "adaptation.yaml",
        "      credit: premiere-davidson\n    status: verified\n\n  - id: both-legs",
        "      credit: premiere-davison\n    status: verified\n\n  - id: both-legs",
        "credit",
        "unknown source id 'premiere-davison'; did you mean 'premiere-davidson'?",
        "credit: premiere-davison",
    ),
    (
        "adaptation.yaml",
        "        source: kirkus-review",
        "        source: kirkus",
        "source",
        "unknown source id 'kirkus'; did you mean 'kirkus-review'?",
        "source: kirkus",
    ),
    (
        "adaptation.yaml",
        "  source: [davidson-collection, fohnhouse-book-page]",
        "  source: [davidson-collection, fohnhouse.com/book-rust-and-bone-stories/]",
        "source",
        "unknown source id 'fohnhouse.com/book-rust-and-bone-stories/'",
        "source: [davidson-collection, fohnhouse.com/book-rust-and-bone-stories/]",
    ),
    (
        "adaptation.yaml",
        "    source:\n      film: comingsoon-review\n    status: unverified",
        '    source: "comingsoon.net/movies/reviews/97141-rust-bone-2"\n    status: unverified',
        "source",
        "must give the ids for each side",
        'source: "comingsoon.net/movies/reviews/97141-rust-bone-2"',
    ),
    (
        "adaptation.yaml",
        "      story: 366shortstories-rocket-ride\n      film: comingsoon-review\n",
        "      story: 366shortstories-rocket-ride\n",
        "film",
        "has no 'film'",
        "story: 366shortstories-rocket-ride",
    ),
    (
        "adaptation.yaml",
        "    source:\n      film: comingsoon-review\n    status: unverified",
        "    source:\n      story: kirkus-review\n      film: comingsoon-review\n"
        "    status: unverified",
        "story",
        "an 'unknown' change has no source for the story's side",
        "story: kirkus-review",
    ),
    (
        "adaptation.yaml",
        "      film: [bowditch, unsigned-review]\n    status: makers-account",
        "      film: [bowditch, unsigned-review]\n      credit: lapresse-audiard\n"
        "    status: makers-account",
        "credit",
        "has no 'credited_to'",
        "credit: lapresse-audiard",
    ),
    (
        "adaptation.yaml",
        "    kind: unknown\n    story: null\n    in_story: null",
        '    kind: unknown\n    story: null\n    in_story: "Anna is in the story."',
        "in_story",
        "an unknown change has nothing in the story",
        'in_story: "Anna is in the story."',
    ),
    (
        "adaptation.yaml",
        "    status: makers-account",
        "    status: makers-acount",
        "status",
        "did you mean 'makers-account'",
        "status: makers-acount",
    ),
]


@pytest.mark.parametrize(("name", "old", "new", "field", "message", "marker"), BAD_FILES)
def test_bad_file_names_file_line_field_and_fix(tmp_path, name, old, new, field, message, marker):
    err, line = broken_copy_error(tmp_path, load_adaptation, name, old, new, marker)
    assert isinstance(err, CatalogueError)
    assert message in str(err)
    assert err.path == str(tmp_path / name) and err.line == line and err.field == field
    assert err.fix


def test_a_folder_without_sources_yaml_is_refused(tmp_path):
    shutil.copy(rk.bundled_readings_path() / "adaptation.yaml", tmp_path / "adaptation.yaml")
    with pytest.raises(CatalogueError, match=r"no sources\.yaml in the readings folder") as info:
        load_adaptation(tmp_path)
    assert info.value.path == str(tmp_path / "sources.yaml") and info.value.fix


def test_missing_file(tmp_path):
    with pytest.raises(CatalogueError, match=r"no \w+\.yaml in the readings folder") as info:
        load_adaptation(tmp_path)
    assert info.value.path.startswith(str(tmp_path)) and info.value.fix
