"""The adaptation table: the bundled data and every bad adaptation.yaml."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import rustbone_kit as rk
from rustbone_kit.adaptation import CHANGE_COLUMNS, load_adaptation
from rustbone_kit.catalogue import CatalogueError
from rustbone_kit.errors import UnknownIdError

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


def test_bundled_adaptation_counts():
    ad = load_adaptation()
    assert ad.collection["author"] == "Craig Davidson"
    assert ad.collection["nationality"] == "Canadian"
    assert (ad.collection["year"], ad.collection["number_of_stories"]) == (2005, 8)
    assert ad.collection["form"] == "a collection of short stories"
    assert ad.story_ids == ("rust-and-bone", "rocket-ride")
    assert tuple(ad.changes.columns) == CHANGE_COLUMNS and len(ad.changes) == 11
    assert ad.changes.kind.value_counts().to_dict() == {
        "changed": 4,
        "kept": 4,
        "added": 2,
        "moved": 1,
    }
    assert ad.changes.id.is_unique
    assert set(ad.changes.story.dropna()) <= set(ad.story_ids)


def test_bundled_adaptation_marks_what_the_notes_leave_open():
    ad = load_adaptation()
    status = ad.changes.set_index("id").status
    assert status["anna-and-martial"] == "unverified"
    assert (status.drop("anna-and-martial") == "verified").all()
    sides = {d.says: d.claim for d in ad.story("rocket-ride").disputed}
    assert "shark" in sides["Kirkus Reviews"] and "orca" in sides["Publishers Weekly"]
    credited = ad.changes.set_index("id").credited_to.dropna()
    assert set(credited.index) == {"trainer-becomes-a-woman", "boxer-meets-trainer"}
    with pytest.raises(KeyError, match="did you mean 'rocket-ride'"):
        ad.story("rocket")
    with pytest.raises(UnknownIdError, match="unknown story id 'rocket'"):
        ad.story("rocket")


def test_every_address_is_one_facts_md_cites(facts):
    ad = load_adaptation()
    sources = [*ad.collection["source"], *ad.changes.source]
    for story in ad.stories:
        sources += [*story.source, *(d.source for d in story.disputed)]
    for source in sources:
        assert_cited(source, facts)


def test_every_change_source_appears_verbatim_in_facts_md(facts):
    for source in load_adaptation().changes.source:
        assert source in facts, source


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
        "not one of kept, changed, added, moved",
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
        load_adaptation(tmp_path)
    err = info.value
    assert message in str(err)
    assert err.path == str(tmp_path / name) and err.line == line and err.field == field
    assert err.fix


def test_missing_file(tmp_path):
    with pytest.raises(CatalogueError, match=r"no \w+\.yaml in the readings folder") as info:
        load_adaptation(tmp_path)
    assert info.value.path.startswith(str(tmp_path)) and info.value.fix
