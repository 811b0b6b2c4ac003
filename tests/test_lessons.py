"""The lessons as a teacher needs them: their shape, their sources, their timings, their rubrics,
and the facts they state.

nbval (run over lessons/ by pytest's addopts) checks that each lesson executes and matches
its stored outputs; the browser test checks what is drawn; tests/test_citations.py resolves
every citation. This file checks the rest.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import nbformat
import pytest

import rustbone_kit as rk
from rustbone_kit.sources import load_sources, marker_ids

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "lessons").glob("[0-9][0-9]_*.ipynb"))
TEACHING = (ROOT / "lessons" / "TEACHING.md").read_text(encoding="utf-8")
RUBRICS = (ROOT / "lessons" / "RUBRICS.md").read_text(encoding="utf-8")
BIB = load_sources(ROOT / "readings")
CHART = "application/vnd.vegalite.v5+json"
WIDGET = "application/vnd.jupyter.widget-view+json"
#: Careful reading of prose and quotations on screen, the rate TEACHING.md states.
WORDS_PER_MINUTE = 150
PERIODS = (50, 75)


def markdown(path: Path) -> str:
    return "\n".join(
        c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"
    )


def lesson(number: str) -> Path:
    (path,) = [p for p in LESSONS if p.name.startswith(number)]
    return path


def minutes_of(path: Path) -> int:
    found = re.search(r"\*\*Time\*\* \| one class period \((\d+) minutes\)", markdown(path))
    assert found, f"{path.name}: no Time row"
    return int(found.group(1))


# --- the sequence and each lesson's shape ------------------------------------------------------


def test_the_sequence_has_at_least_ten_lessons_numbered_without_gaps():
    numbers = [p.name[:2] for p in LESSONS]
    assert len(numbers) >= 10
    assert numbers == [f"{n:02d}" for n in range(1, len(numbers) + 1)]


def test_adaptation_has_two_lessons_and_film_form_one():
    titles = {p.name[:2]: markdown(p).splitlines()[0] for p in LESSONS}
    assert sum("Adaptation" in t for t in titles.values()) >= 2, titles
    assert any("Film form" in t for t in titles.values()), titles


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name[:2])
def test_each_lesson_opens_with_a_header_and_closes_with_reflection(path):
    text = markdown(path)
    assert text.startswith(f"# Lesson {path.name[:2]} · ")
    for row in ("**Time**", "**You will**", "**Before this lesson**", "**This lesson uses**"):
        assert row in text, f"{path.name}: header row {row} missing"
    assert minutes_of(path) in PERIODS
    for heading in ("## Discussion", "## What the tools could not see", "## Further reading"):
        assert heading in text, f"{path.name}: {heading} missing"
    further = text.split("## Further reading")[1]
    assert len(re.findall(r"\b(1[89]\d\d|20[0-2]\d)\b", further)) >= 2, "references with years"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name[:2])
def test_each_lesson_opens_with_a_content_note(path):
    first = nbformat.read(path, as_version=4).cells[0].source
    note = first.split("**Content note.**", 1)
    assert len(note) == 2, f"{path.name}: no content note in the first cell"
    for word in ("fights", "sex", "slurs"):
        assert word in note[1], f"{path.name}: the content note does not mention {word}"


def test_the_teaching_notes_open_with_a_content_note():
    head = TEACHING.split("## The sequence")[0]
    assert "**Content note.**" in head and "slurs" in head and "sex" in head


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


# --- sources -----------------------------------------------------------------------------------

# Written in pieces so that this file does not match the repository-wide check in
# tests/test_citations.py.
OUTSIDE = ("shared" + "/", "/" + "work/", "facts" + ".md", "facts" + " file", "<small>Source")


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name[:2])
def test_every_lesson_cites_the_bibliography_and_nothing_outside_the_repository(path):
    text = markdown(path)
    cited = marker_ids(text)
    assert cited, f"{path.name} cites no source"
    assert all(i in BIB for i in cited), [i for i in cited if i not in BIB]
    assert not [p for p in OUTSIDE if p in text], path.name
    assert not re.search(r"project'?s? (?:checked |verified )?(?:notes|facts)", text, re.I)


def test_the_teaching_notes_and_rubrics_cite_the_bibliography_only():
    for name, text in (("TEACHING.md", TEACHING), ("RUBRICS.md", RUBRICS)):
        cited = [i for i in marker_ids(text) if not re.fullmatch(r"ID\d*", i)]
        assert cited and all(i in BIB for i in cited), (name, [i for i in cited if i not in BIB])
        assert not [p for p in OUTSIDE if p in text], name


# Facts the lessons state, each with the data it must agree with.
ADAPTATION = rk.load_adaptation()
CLAIMS = rk.load_claims().set_index("id")
CORPUS = rk.load_corpus()


def _supports(source_id: str, *words: str) -> bool:
    supports = " ".join(BIB.entry(source_id).supports).lower()
    return all(w.lower() in supports for w in words)


def _doubts():
    notes = rk.annotation_table(CORPUS).query("ambiguous")
    marchant = notes.query("reading == 'marchant'")
    edges = marchant.scenes.astype(str).eq("journey-south").sum()
    return len(notes), len(marchant), edges


def _model_text() -> str:
    """Lesson 11's sample reading: the course file's sample_text, which the lesson's code
    cell uses until a student writes their own."""
    code = "\n".join(c.source for c in nbformat.read(lesson("11"), as_version=4).cells)
    assert "lesson.sample_text" in code, "lesson 11 no longer uses the course's sample_text"
    return rk.lesson_examples(None, "11").sample_text


def _model_words() -> int:
    return rk.count_words(_model_text())


STATED = [
    ("01", "a 2005 collection", lambda: ADAPTATION.collection["year"] == 2005),
    ("01", "the Canadian writer Craig Davidson",
     lambda: ADAPTATION.collection["nationality"] == "Canadian"),
    ("01", '"Rust and Bone" and "Rocket Ride"',
     lambda: [s.title for s in ADAPTATION.stories] == ["Rust and Bone", "Rocket Ride"]),
    ("01", "Marineland in Antibes", lambda: _supports("press-kit", "Antibes", "Marineland")),
    ("02", "fifteen", lambda: len(rk.catalogue_for(None).scenes) == 15),
    ("03", "Seventeen doubts, seven of them in Marchant", lambda: _doubts()[:2] == (17, 7)),
    ("03", "four of his seven come from the edges of the scene list", lambda: _doubts()[2] == 4),
    ("07", "cinematography is by Stéphane Fontaine",
     lambda: _supports("wikipedia-rust-and-bone", "cinematography", "editing", "music")),
    ("07", "two of the film's four awards",
     lambda: _supports("travellingue-cesars-2013", "four wins", "editing", "music")),
    ("08", "Eight stories", lambda: ADAPTATION.collection["number_of_stories"] == 8),
    ("08", "Two changes are credited to anyone",
     lambda: ADAPTATION.changes.credited_to.notna().sum() == 2),
    ("08", "One row is **unknown**",
     lambda: ADAPTATION.changes.kind.eq("unknown").sum() == 1),
    ("08", "**verified**", lambda: set(ADAPTATION.changes.status) <= {
        "verified", "makers-account", "unverified", "disputed"}),
    ("10", "the book called a novel, its author called American",
     lambda: CLAIMS.loc[["source-a-novel", "davidson-american"], "verdict"].eq("wrong").all()),
    ("10", "Three different verdicts", lambda: set(CLAIMS.verdict[CLAIMS.verdict != "wrong"])
     == {"disputed", "checkable-in-film", "unverified"}),
    ("11", "Rocket Ride", lambda: 150 <= _model_words() <= 250),
]  # fmt: skip


@pytest.mark.parametrize(("number", "phrase", "holds"), STATED, ids=lambda v: str(v)[:24])
def test_facts_the_lessons_state_match_the_data_files(number, phrase, holds):
    text = " ".join(markdown(lesson(number)).split())
    assert phrase in text, f"lesson {number} no longer says {phrase!r}: update this test"
    assert holds(), f"lesson {number} says {phrase!r}, which the data files contradict"


def test_the_capstone_model_text_claims_nothing_unsourced():
    text = _model_text()
    for unsourced in ("anything heavy", "quietest", "the camera", "the music"):
        assert unsourced not in text


def test_the_checking_lesson_uses_the_slips_and_each_carries_verdict_and_source():
    slips = rk.slips(CORPUS)
    assert len(slips) >= 5 and slips.source.str.len().gt(5).all()
    assert slips.verdict.isin(["wrong", "disputed", "checkable-in-film"]).all()
    code = "\n".join(c.source for c in nbformat.read(lesson("10"), as_version=4).cells)
    assert "rk.slips(" in code


# --- timings -----------------------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-zÀ-ÿ’']{2,}")


def words_to_read(path: Path) -> int:
    """The words a student reads: the prose, what cells print, and the text of tables (as
    TEACHING.md counts them; charts and widgets aside)."""
    total = 0
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] == "markdown":
            total += len("".join(cell["source"]).split())
            continue
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if out.get("output_type") == "stream":
                total += len("".join(out["text"]).split())
            elif "text/plain" in data and CHART not in data and WIDGET not in data:
                total += len(_WORD.findall("".join(data["text/plain"])))
    return total


def timing_rows(number: str) -> list[list[str]]:
    section = TEACHING.split(f"## Lesson {number} · ")[1].split("\n## ")[0]
    head = "| Section | Words | Reading | Work | Total |"
    assert head in section, f"TEACHING.md: lesson {number} has no timing table"
    table = section.split(head)[1].split("\n\n")[0].strip().splitlines()[2:]
    return [[c.strip() for c in row.strip("|").split("|")] for row in table]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name[:2])
def test_each_lesson_fits_its_period_with_reading_time_counted(path):
    number, period = path.name[:2], minutes_of(path)
    rows = timing_rows(number)
    body, total = rows[:-1], rows[-1]
    assert total[0] == "**Total**"
    for row in body:
        assert int(row[2]) + int(row[3]) == int(row[4]), row
    reading = sum(int(r[2]) for r in body)
    assert sum(int(r[4]) for r in body) == int(total[4]) == period, (number, period)
    needed = words_to_read(path) / WORDS_PER_MINUTE
    assert reading >= math.floor(needed), (
        f"lesson {number}: {needed:.1f} minutes of reading at {WORDS_PER_MINUTE} words a "
        f"minute, but the table allows {reading}: recount with TEACHING.md's rule"
    )


def test_the_teaching_notes_state_the_reading_rate_cuts_and_short_paths_keeping_adaptation():
    assert f"{WORDS_PER_MINUTE} words a minute" in TEACHING
    assert "What to cut when time runs short" in TEACHING
    paths = TEACHING.split("**Short paths.**")[1].split("\n\n")[1].splitlines()[2:]
    assert len(paths) >= 3
    adaptation = [p.name[:2] for p in LESSONS if "adaptation" in p.name]
    for row in paths:
        lessons = row.split("|")[2]
        assert any(n in lessons for n in adaptation), f"a short path without adaptation: {row}"


def test_the_sequence_table_lists_every_lesson_with_its_minutes():
    table = TEACHING.split("## The sequence")[1].split("\n## ")[0]
    for path in LESSONS:
        row = next(r for r in table.splitlines() if r.startswith(f"| {path.name[:2]} |"))
        assert path.name in row and f"| {minutes_of(path)} |" in row, row


# --- the primary texts -------------------------------------------------------------------------


def test_the_screening_and_reading_guide_names_the_stories_and_a_way_without_the_film():
    for text in (TEACHING, markdown(lesson("01"))):
        assert '"Rust and Bone"' in text and '"Rocket Ride"' in text
        assert "if you cannot" in text.lower() or "if the class cannot" in text.lower()


# --- rubrics -----------------------------------------------------------------------------------

_BLOCK = re.compile(r"^\*\*(In pairs|In groups|Quick question|On your own)\b")


def open_questions(path: Path) -> list[str]:
    """The ids of a lesson's open questions: ``2.3`` for question 3 of the pairs or group work
    in section 2 (``2.1`` for a task with no numbered questions), ``D2`` for the second
    discussion question. An "if you finish early" extension is not counted."""
    ids: list[str] = []
    section, open_block, count = None, False, 0

    def close() -> None:
        nonlocal open_block, count
        if open_block and count == 0 and section != "D":
            ids.append(f"{section}.1")
        open_block, count = False, 0

    for line in markdown(path).splitlines():
        if line.startswith("## "):
            close()
            numbered = re.match(r"## (\d+)\.", line)
            section = numbered.group(1) if numbered else None
            if line.startswith("## Discussion"):
                section, open_block = "D", True
        elif _BLOCK.match(line):
            close()
            open_block = True
        elif open_block and line.startswith("*If you finish early"):
            close()
        elif open_block and (item := re.match(r"(\d+)\. ", line)):
            count += 1
            ids.append(f"D{item.group(1)}" if section == "D" else f"{section}.{item.group(1)}")
    close()
    return ids


def rubric_ids(heading: str) -> set[str]:
    """Ids with a rubric row under a heading of RUBRICS.md; ``4.1-4`` and ``D1-3`` are ranges."""
    part = RUBRICS.split(f"\n## {heading}")[1].split("\n## ")[0]
    found = set()
    for first, start, end in re.findall(r"^\| ((?:D|\d+\.)?)(\d+)(?:-(\d+))? \|", part, re.M):
        found |= {f"{first}{n}" for n in range(int(start), int(end or start) + 1)}
    return found


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name[:2])
def test_every_open_question_has_a_rubric(path):
    asked = open_questions(path)
    assert asked, f"{path.name}: no open questions found"
    covered = rubric_ids(f"Lesson {path.name[:2]} · ")
    missing = [q for q in asked if q not in covered]
    assert not missing, f"RUBRICS.md, lesson {path.name[:2]}: no rubric for {missing}"


def test_every_exercise_question_a_teacher_grades_has_a_rubric():
    from rustbone_kit.checks import questions
    from rustbone_kit.checks.evidence import Evidence

    graded = [q.id for q in questions().values() if isinstance(q.answer, Evidence)]
    part = RUBRICS.split("## Exercise questions that a teacher grades")[1].split("\n## ")[0]
    rows = set(re.findall(r"^\| (\d\d\.\d) \|", part, re.M))
    assert graded and not [q for q in graded if q not in rows], sorted(set(graded) - rows)


def test_the_capstone_has_a_rubric_a_peer_review_and_an_essay_prompt():
    for heading in ("## The capstone", "## Peer review", "## The essay"):
        assert heading in RUBRICS
    capstone = markdown(lesson(f"{len(LESSONS):02d}"))
    assert "Peer review" in capstone and "150-250 words" in capstone
    assert "RUBRICS.md" in capstone


def test_the_rubric_parser_reads_ranges_and_the_question_parser_sections():
    assert {"4.1", "4.4", "D3"} <= rubric_ids("Lesson 08 · ")
    assert open_questions(lesson("02"))[:3] == ["2.1", "2.2", "2.3"]


# --- the teacher's notes -----------------------------------------------------------------------


def test_teaching_notes_cover_every_lesson():
    for path in LESSONS:
        assert f"## Lesson {path.name[:2]} · " in TEACHING
    assert "rustbone-kit exercises build" in TEACHING and "python3 run.py lab" in TEACHING
    assert "not checked against" in TEACHING  # the references, said plainly
