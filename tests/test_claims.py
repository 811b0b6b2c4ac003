"""Claims made elsewhere and factual slips: the bundled data and every bad claims.yaml."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from helpers import broken_copy_error

import rustbone_kit as rk
from rustbone_kit.annotations import VERDICTS
from rustbone_kit.catalogue import CatalogueError
from rustbone_kit.claims import CLAIM_COLUMNS, SLIP_COLUMNS, load_claims, slips
from rustbone_kit.sources import load_sources

# --- the bundled data ------------------------------------------------------------------------


def test_bundled_claims():
    claims = load_claims()
    assert tuple(claims.columns) == CLAIM_COLUMNS and claims.id.is_unique
    verdicts = claims.set_index("id").verdict
    assert set(verdicts) <= set(VERDICTS)
    by_verdict = {v: set(verdicts[verdicts == v].index) for v in VERDICTS}
    assert by_verdict == {
        "wrong": {
            "sister-named-louise",
            "sister-lives-in-the-north",
            "marine-biologist",
            "davidson-american",
            "source-a-novel",
        },
        # a viewer settles these: they are not disputes
        "checkable-in-film": {"running-time", "above-or-below-the-knee"},
        # the one genuine dispute: two sources disagree, and the film cannot settle it
        "disputed": {"leg-lost-to-a-shark"},
        # the reviews that disagree were not recorded
        "unverified": {"us-release-date"},
    }


def test_every_claim_cites_ids_of_the_bibliography():
    claims = load_claims().set_index("id")
    bib = load_sources()
    for ident, row in claims.iterrows():
        if row.verdict == "unverified":
            continue
        ids = row.source.split(", ")
        assert ids and all(i in bib for i in ids), ident
    assert claims.loc["running-time", "source"] == "rust-and-bone-film"
    assert claims.loc["above-or-below-the-knee", "source"] == "rust-and-bone-film"
    assert claims.loc["leg-lost-to-a-shark", "source"] == "kirkus-review, publishers-weekly-review"
    assert pd.isna(claims.loc["us-release-date", "source"])


def test_slips_have_a_verdict_and_a_source():
    corpus = rk.load_corpus()
    bib = load_sources()
    table = slips(corpus)
    assert tuple(table.columns) == SLIP_COLUMNS and len(table) == 5
    assert table.verdict.value_counts().to_dict() == {"wrong": 4, "checkable-in-film": 1}
    assert table.source.map(bool).all() and table.note.map(bool).all()
    for row in table.itertuples():
        assert row.text in corpus[row.reading].text  # as written, not normalised
        assert all(i in bib for i in row.source.split(", ")), row.source
    robotic = table[table.text.str.contains("robotic")]
    assert robotic[["verdict", "source"]].values.tolist() == [
        ["checkable-in-film", "rust-and-bone-film"]
    ]
    second = slips(corpus, "second")
    assert len(second) == 2 and (second.verdict == "wrong").all()
    assert (second.source == "comingsoon-review").all()


# --- bad files -------------------------------------------------------------------------------

BAD_FILES = [
    # (file, replace this, with this, field, in the message, the error's line (the last line
    # that is exactly this, stripped))
    (
        "claims.yaml",
        "    verdict: disputed",
        "    verdict: unclear",
        "verdict",
        "not one of wrong, disputed, checkable-in-film, unverified",
        "verdict: unclear",
    ),
    (
        "claims.yaml",
        '    fact: "Stéphanie trains orcas at Marineland."\n',
        "",
        "fact",
        "has no 'fact'",
        "- id: marine-biologist",
    ),
    (
        "claims.yaml",
        "  - id: running-time",
        "  - id: Running Time",
        "id",
        "not a slug",
        "- id: Running Time",
    ),
    (
        "claims.yaml",
        "    source: comingsoon-review\n",
        "    source: comingsoon\n",
        "source",
        "unknown source id 'comingsoon'; did you mean 'comingsoon-review'?",
        "source: comingsoon",
    ),
    (
        "claims.yaml",
        "    source: rust-and-bone-film\n",
        "",
        "source",
        "a checkable-in-film claim needs a 'source'",
        "- id: running-time",
    ),
    (
        "claims.yaml",
        "    source: [fohnhouse-book-page, cbc-davidson-2012]",
        '    source: "fohnhouse.com/book-rust-and-bone-stories/"',
        "source",
        "unknown source id 'fohnhouse.com/book-rust-and-bone-stories/'",
        'source: "fohnhouse.com/book-rust-and-bone-stories/"',
    ),
]


@pytest.mark.parametrize(("name", "old", "new", "field", "message", "marker"), BAD_FILES)
def test_bad_file_names_file_line_field_and_fix(tmp_path, name, old, new, field, message, marker):
    err, line = broken_copy_error(tmp_path, load_claims, name, old, new, marker)
    assert isinstance(err, CatalogueError)
    assert message in str(err)
    assert err.path == str(tmp_path / name) and err.line == line and err.field == field
    assert err.fix


def test_a_folder_without_sources_yaml_is_refused(tmp_path):
    shutil.copy(rk.bundled_readings_path() / "claims.yaml", tmp_path / "claims.yaml")
    with pytest.raises(CatalogueError, match=r"no sources\.yaml in the readings folder"):
        load_claims(tmp_path)


def test_missing_file(tmp_path):
    with pytest.raises(CatalogueError, match=r"no \w+\.yaml in the readings folder") as info:
        load_claims(tmp_path)
    assert info.value.path.startswith(str(tmp_path)) and info.value.fix
