"""Every citation in the repository resolves to an entry of readings/sources.yaml, and nothing
cites a file outside the repository or a path on someone's machine.

Data files cite in ``source:`` fields (one id, a list, or for a change a mapping of sides);
prose (data-file comments, docstrings, README.md, the lessons' markdown, TEACHING.md) cites
with the marker ``[source: ID]`` (``ID`` and ``ID1``, ``ID2`` are the documented placeholders).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
import yaml

from rustbone_kit.sources import load_sources, marker_ids

ROOT = Path(__file__).resolve().parents[1]
READINGS = ROOT / "readings"
BIB = load_sources(READINGS)
#: Files whose ``source:`` fields are citations (themes.yaml's ``source`` says how its terms
#: were chosen: prose, not a citation).
DATA_FILES = [
    READINGS / name for name in ("adaptation.yaml", "claims.yaml", "scenes.yaml", "characters.yaml")
] + sorted((READINGS / "annotations").glob("*.yaml"))
PLACEHOLDER = re.compile(r"^ID\d*$")
SKIP_DIRS = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache"}
# Written in pieces so that this file does not match itself.
OUTSIDE = [
    "shared" + "/",  # the project's folder beside the checkout
    "/" + "work/",  # a machine path
    "/" + "root/",
    "/" + "home/",
    "facts" + ".md",  # the project's notes, which the kit does not ship
    "facts" + " file",
]
#: Wordings that cite the project's unshipped notes rather than a source.
NOTES = re.compile(r"project'?s? (?:own )?(?:checked |verified )?(?:notes|facts)", re.I)


def _walk_sources(node: object, where: str) -> Iterator[tuple[str, str]]:
    """(id, where) for every ``source:`` value in a loaded YAML document."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "source":
                yield from _ids_of(value, f"{where}.source")
            else:
                yield from _walk_sources(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            label = item.get("id", i) if isinstance(item, dict) else i
            yield from _walk_sources(item, f"{where}[{label}]")


def _ids_of(value: object, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield value, where
    elif isinstance(value, list):
        for item in value:
            yield from _ids_of(item, where)
    elif isinstance(value, dict):  # a change's sides: story, film, credit
        for side, item in value.items():
            yield from _ids_of(item, f"{where}.{side}")
    else:
        yield repr(value), where


def _files(*roots: Path, suffixes: tuple[str, ...]) -> list[Path]:
    found = []
    for root in roots:
        paths = [root] if root.is_file() else root.rglob("*")
        for path in paths:
            if path.is_file() and path.suffix in suffixes and not SKIP_DIRS & set(path.parts):
                found.append(path)
    return sorted(found)


def _notebook_markdown(path: Path) -> str:
    cells = nbformat.read(path, as_version=4).cells
    return "\n".join(c.source for c in cells if c.cell_type == "markdown")


def _dangling(text: str) -> list[str]:
    return [i for i in marker_ids(text) if i not in BIB and not PLACEHOLDER.match(i)]


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


LESSON_FILES = [*sorted((ROOT / "lessons").glob("*.ipynb")), ROOT / "lessons" / "TEACHING.md"]


# --- data files --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", DATA_FILES, ids=_rel)
def test_every_source_field_cites_an_id_of_the_bibliography(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    cited = list(_walk_sources(data, path.name))
    assert cited, f"{_rel(path)} cites no source"
    dangling = [f"{where}: {ident}" for ident, where in cited if ident not in BIB]
    assert not dangling, f"unknown source ids (add them to sources.yaml or fix them): {dangling}"


def test_every_source_of_the_bibliography_is_cited_somewhere():
    cited = set()
    for path in DATA_FILES:
        cited |= {i for i, _ in _walk_sources(yaml.safe_load(path.read_text("utf-8")), "")}
    for path in _files(READINGS, ROOT / "README.md", suffixes=(".yaml", ".md")):
        cited |= set(marker_ids(path.read_text(encoding="utf-8")))
    for path in LESSON_FILES:
        text = _notebook_markdown(path) if path.suffix == ".ipynb" else path.read_text("utf-8")
        cited |= set(marker_ids(text))
    unused = [i for i in BIB.ids if i not in cited]
    # the Césars, Golden Globes and London prize sources wait for the lessons that use them
    assert set(unused) <= {
        "hollywood-reporter-london-2012",
        "guardian-london-festival-2012",
        "guardian-review-2012",
        "travellingue-cesars-2013",
        "lessentiel-cesars-2013",
        "grazia-golden-globes-2013",
        "incontention-cannes-check",
        "wikipedia-rust-and-bone",
        "marchant",
        "overview",
    }, unused


# --- prose markers -----------------------------------------------------------------------------


def test_every_marker_in_the_data_docs_and_readme_resolves():
    paths = _files(READINGS, ROOT / "rustbone_kit", suffixes=(".yaml", ".md", ".py"))
    paths += [ROOT / "README.md", ROOT / "ARCHITECTURE.md"]
    dangling = {}
    for path in paths:
        bad = _dangling(path.read_text(encoding="utf-8"))
        if bad:
            dangling[_rel(path)] = bad
    assert not dangling, f"markers citing unknown ids: {dangling}"


@pytest.mark.parametrize("path", LESSON_FILES, ids=_rel)
def test_every_marker_in_the_lessons_resolves(path):
    text = _notebook_markdown(path) if path.suffix == ".ipynb" else path.read_text("utf-8")
    assert not _dangling(text), f"{_rel(path)} cites unknown ids: {_dangling(text)}"


def test_a_dangling_marker_is_caught():
    assert _dangling("Anna [source: comingsoon-review] and [source: comingsoon]") == ["comingsoon"]
    assert _dangling("write [source: ID] or [source: ID1, ID2]") == []


# --- nothing outside the repository ----------------------------------------------------------


def _outside(paths: list[Path]) -> list[str]:
    found = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if any(p in line for p in OUTSIDE):
                found.append(f"{_rel(path)}:{number}: {line.strip()[:100]}")
    return found


def test_nothing_in_the_data_code_tests_or_readme_cites_a_file_outside_the_repository():
    paths = _files(
        READINGS,
        ROOT / "rustbone_kit",
        ROOT / "tests",
        ROOT / "README.md",
        suffixes=(".yaml", ".md", ".py", ".json", ".txt"),
    )
    assert not _outside(paths), "\n".join(_outside(paths))


def test_no_data_file_cites_the_projects_notes():
    paths = _files(READINGS, ROOT / "rustbone_kit", suffixes=(".yaml", ".md", ".py"))
    found = [_rel(p) for p in paths if NOTES.search(p.read_text(encoding="utf-8"))]
    assert not found, found


def test_the_lessons_teaching_notes_and_readme_cite_the_bibliography_only():
    found = _outside([*LESSON_FILES, ROOT / "README.md"])
    for path in [*LESSON_FILES, ROOT / "README.md"]:
        text = _notebook_markdown(path) if path.suffix == ".ipynb" else path.read_text("utf-8")
        if NOTES.search(text):
            found.append(f"{_rel(path)}: cites the project's notes")
        if path.suffix == ".ipynb" and "<small>Source" in text and "[source:" not in text:
            found.append(f"{_rel(path)}: a Sources line without [source: id] markers")
    assert not found, "\n".join(found)
