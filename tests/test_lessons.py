"""The lessons as a teacher needs them: their shape, their sources, and the facts they state.

nbval (run over lessons/ by pytest's addopts) checks that each lesson executes and matches
its stored outputs; the browser test checks what is drawn. This file checks the rest.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

import rustbone_kit as rk

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "lessons").glob("[0-9][0-9]_*.ipynb"))
FACTS = ROOT.parent / "shared" / "facts.md"
DATA = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "readings").rglob("*.yaml"))
CHART = "application/vnd.vegalite.v5+json"


def markdown(path: Path) -> str:
    return "\n".join(
        c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"
    )


def test_the_sequence_is_complete():
    assert [p.name[:2] for p in LESSONS] == [f"{n:02d}" for n in range(1, 9)]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name[:2])
def test_each_lesson_opens_with_a_header_and_closes_with_reflection(path):
    text = markdown(path)
    assert text.startswith(f"# Lesson {path.name[:2]} · ")
    for row in ("**Time**", "**You will**", "**Before this lesson**", "**This lesson uses**"):
        assert row in text, f"{path.name}: header row {row} missing"
    minutes = re.search(r"\*\*Time\*\* \| one class period \((\d+) minutes\)", text)
    assert minutes and 40 <= int(minutes.group(1)) <= 60
    for heading in ("## Discussion", "## What the tools could not see", "## Further reading"):
        assert heading in text, f"{path.name}: {heading} missing"
    further = text.split("## Further reading")[1]
    assert len(re.findall(r"\b(1[89]\d\d|20[0-2]\d)\b", further)) >= 2, "references with years"


NOTEBOOKS = sorted(
    p for folder in ("lessons", "solutions", "exercises") for p in (ROOT / folder).glob("*.ipynb")
)
LOGIC = re.compile(r"^\s*(for|while|def|class) |\.(groupby|merge|apply|pivot_table)\(", re.M)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name[:2]}")
def test_notebooks_hold_calls_not_logic_and_use_one_public_face(path):
    """Lessons, solutions and exercises: no loops or table logic, rk.<name> calls only."""
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        assert not LOGIC.search(cell.source), (
            f"{path.name}: logic belongs in the library:\n{cell.source}"
        )
        assert "import altair" not in cell.source, f"{path.name}: use rk.charts.alt"
        assert not re.search(
            r"from rustbone_kit import|rk\.(scenes|themes|judgement|adaptation|annotations)\.",
            cell.source,
        ), f"{path.name}: call rk.<name>:\n{cell.source}"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name[:2])
def test_cells_are_short_calls_and_each_lesson_shows_a_chart_or_widget(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    for cell in code:
        lines = [line for line in cell.source.splitlines() if line.strip()]
        assert len(lines) <= 10, f"{path.name}: a cell of {len(lines)} lines:\n{cell.source}"
        assert not re.search(r"^\s*(for|while|def|class) ", cell.source, flags=re.M), cell.source
    charts = [o for c in code for o in c.outputs if CHART in o.get("data", {})]
    widgets = [c for c in code if ".widgets." in c.source]
    assert charts or widgets
    # every chart is followed by its text alternative, for students who cannot see it
    sources = [c.source for c in code]
    for i, cell in enumerate(code):
        if any(CHART in o.get("data", {}) for o in cell.outputs):
            assert "text_alternative" in "\n".join(sources[i : i + 3]), path.name


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name[:2])
def test_every_cited_address_is_in_the_verified_facts_or_the_data(path):
    if not FACTS.is_file():
        pytest.skip(f"the project's facts file is not beside the repository ({FACTS})")
    facts = FACTS.read_text(encoding="utf-8")
    cited = re.findall(r"<small>Sources?:(.*?)</small>", markdown(path), flags=re.S)
    assert cited, f"{path.name} cites no source"
    addresses = re.findall(r"\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|fr|ca|lu|uk)\b\S*",
                           "\n".join(cited))  # fmt: skip
    for address in addresses:
        address = address.rstrip(").;,")
        assert address in facts or address in DATA, f"{path.name}: {address} is not sourced"


# Facts the lessons state, each with the data file entry that must say the same.
ADAPTATION = rk.load_adaptation()
CLAIMS = rk.load_claims().set_index("id")
STATED = [
    ("01", "a 2005 collection", lambda: ADAPTATION.collection["year"] == 2005),
    ("01", "the Canadian writer Craig Davidson",
     lambda: ADAPTATION.collection["nationality"] == "Canadian"),
    ("01", '"Rust and Bone" and "Rocket Ride"',
     lambda: [s.title for s in ADAPTATION.stories] == ["Rust and Bone", "Rocket Ride"]),
    ("01", "Marineland in Antibes", lambda: "Marineland" in DATA and "Antibes" in DATA),
    ("02", "fifteen", lambda: len(rk.scenes.catalogue_for(None).scenes) == 15),
    ("06", "eight", lambda: ADAPTATION.collection["number_of_stories"] == 8),
    ("07", "the book called a novel, its author called American",
     lambda: CLAIMS.loc[["source-a-novel", "davidson-american"], "verdict"].eq("wrong").all()),
    ("07", "Now the three disputes",
     lambda: CLAIMS.verdict.eq("disputed").sum() == 3),
]  # fmt: skip


@pytest.mark.parametrize(("lesson", "phrase", "holds"), STATED, ids=lambda v: str(v)[:24])
def test_facts_the_lessons_state_match_the_data_files(lesson, phrase, holds):
    (path,) = [p for p in LESSONS if p.name.startswith(lesson)]
    text = " ".join(markdown(path).split())
    assert phrase in text, f"lesson {lesson} no longer says {phrase!r}: update this test"
    assert holds(), f"lesson {lesson} says {phrase!r}, which the data files contradict"


def test_factual_slips_the_checking_lesson_uses_carry_verdict_and_source():
    slips = rk.slips(rk.load_corpus())
    assert len(slips) >= 5
    assert slips.verdict.isin(["wrong", "disputed"]).all() and slips.source.str.len().gt(5).all()
    assert "slips(" in "\n".join(
        c.source for c in nbformat.read(LESSONS[6], as_version=4).cells if c.cell_type == "code"
    )


def test_teaching_notes_cover_every_lesson():
    notes = (ROOT / "lessons" / "TEACHING.md").read_text(encoding="utf-8")
    for path in LESSONS:
        assert f"Lesson {path.name[:2]}" in notes
    assert "rustbone-kit exercises build" in notes and "python3 run.py lab" in notes
