"""Claims made elsewhere and factual slips: the bundled data and every bad claims.yaml."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import rustbone_kit as rk
from rustbone_kit.catalogue import CatalogueError
from rustbone_kit.claims import CLAIM_COLUMNS, SLIP_COLUMNS, load_claims, slips

FACTS = Path(__file__).parents[2] / "shared" / "facts.md"
# Where facts.md gives a fact no address, the data cite the facts file and its section.
FACTS_FILE = re.compile(r"^project facts file \(shared/facts\.md\), '(?P<section>[^']+)'$")


@pytest.fixture(scope="module")
def facts() -> str:
    if not FACTS.is_file():
        pytest.skip(f"the project's facts file is not at {FACTS} (outside this checkout)")
    return FACTS.read_text(encoding="utf-8")


def assert_cited(source: str, facts: str) -> None:
    """The address appears verbatim in facts.md, or names a section of it that exists."""
    pointer = FACTS_FILE.match(source)
    if pointer:
        assert f"## {pointer['section']}" in facts, source
    else:
        assert source in facts, source


# --- the bundled data ------------------------------------------------------------------------


def test_bundled_claims():
    claims = load_claims()
    assert tuple(claims.columns) == CLAIM_COLUMNS and claims.id.is_unique
    verdicts = claims.set_index("id").verdict
    assert set(verdicts[verdicts == "disputed"].index) == {
        "running-time",
        "us-release-date",
        "above-or-below-the-knee",
    }
    assert set(verdicts[verdicts == "wrong"].index) == {
        "sister-named-louise",
        "sister-lives-in-the-north",
        "marine-biologist",
        "davidson-american",
        "source-a-novel",
    }


def test_every_claim_source_is_one_facts_md_cites(facts):
    for source in load_claims().source:
        assert_cited(source, facts)


def test_slips_have_a_verdict_and_a_source(facts):
    corpus = rk.load_corpus()
    table = slips(corpus)
    assert tuple(table.columns) == SLIP_COLUMNS and len(table) == 5
    assert table.verdict.isin(["wrong", "disputed"]).all()
    assert table.source.map(bool).all() and table.note.map(bool).all()
    for row in table.itertuples():
        assert row.text in corpus[row.reading].text  # as written, not normalised
        assert_cited(row.source, facts)
    second = slips(corpus, "second")
    assert len(second) == 2 and (second.verdict == "wrong").all()


# --- bad files -------------------------------------------------------------------------------

BAD_FILES = [
    # (file, replace this, with this, field, in the message, the error's line (the last line
    # that is exactly this, stripped))
    (
        "claims.yaml",
        "    verdict: disputed",
        "    verdict: unclear",
        "verdict",
        "not one of wrong, disputed",
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
]


@pytest.mark.parametrize(("name", "old", "new", "field", "message", "marker"), BAD_FILES)
def test_bad_file_names_file_line_field_and_fix(tmp_path, name, old, new, field, message, marker):
    shutil.copy(rk.bundled_readings_path() / name, tmp_path / name)
    text = (tmp_path / name).read_text(encoding="utf-8")
    assert old in text, f"the bundled {name} no longer has {old!r}: update this case"
    broken = text.replace(old, new, 1)
    (tmp_path / name).write_text(broken, encoding="utf-8")
    line = max(i for i, row in enumerate(broken.splitlines(), 1) if row.strip() == marker)
    with pytest.raises(CatalogueError) as info:
        load_claims(tmp_path)
    err = info.value
    assert message in str(err)
    assert err.path == str(tmp_path / name) and err.line == line and err.field == field
    assert err.fix


def test_missing_file(tmp_path):
    with pytest.raises(CatalogueError, match=r"no \w+\.yaml in the readings folder") as info:
        load_claims(tmp_path)
    assert info.value.path.startswith(str(tmp_path)) and info.value.fix
