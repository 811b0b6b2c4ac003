"""The widgets package as a whole: every old name still imports, every widget escapes hostile
text and tells a saved notebook's reader to run the cell (in exactly the stored words), and
the modules keep their rules (size, one-line docstring, imports)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from widget_support import IMG_SHOWN, SCRIPT_SHOWN, hostile_corpus

import rustbone_kit as rk
from rustbone_kit import widgets as wd
from rustbone_kit.widgets import Annotator, Concordance, ReadingBrowser, SideBySide, ThemeExplorer

KIT = Path(rk.__file__).parent
OLD_PUBLIC = [  # every public name of the single widgets.py module
    *wd.__all__,
    "CARD_FIELDS",
    "MAX_BARS",
    "MAX_COLUMNS",
    "MAX_KWIC_ROWS",
    "MAX_THEME_PASSAGES",
    "MIN_COLUMNS",
    "Mark",
]


@pytest.fixture(scope="module")
def corpus():
    return rk.load_corpus()


def test_every_public_name_of_the_old_module_is_still_there():
    assert len(wd.__all__) == 22
    for name in OLD_PUBLIC:
        assert getattr(wd, name) is not None, name
    assert rk.widgets.SideBySide is SideBySide


def test_every_widget_shows_hostile_reading_text_escaped(tmp_path):
    hostile = hostile_corpus()
    side = SideBySide(hostile)
    kwic = Concordance(hostile, term="sea")
    themes = ThemeExplorer(hostile, "water-sea")
    tagger = Annotator(hostile, "ana", path=tmp_path / "ana.yaml")
    browser = ReadingBrowser(hostile)
    shown = {
        "SideBySide": side.view.value,
        "Concordance": kwic.view.value,
        "ThemeExplorer": themes.view.value,
        "Annotator": tagger.sentence_view.value,
        "ReadingBrowser": browser.card.value,
    }
    assert side.readings.value == ("hostile-a", "hostile-b")
    for name, page in shown.items():
        assert "<script" not in page and "<img" not in page, name
        assert IMG_SHOWN in page, name
    for name in ("SideBySide", "Annotator", "ReadingBrowser"):
        assert SCRIPT_SHOWN in shown[name], name
    # the open passage of a column shows the paragraph, escaped too
    assert shown["SideBySide"].count(SCRIPT_SHOWN) >= 3  # outlet, title, text
    assert "rk-kwic-row" in shown["Concordance"] and "rk-theme-passage" in shown["ThemeExplorer"]


def test_widget_text_in_a_saved_notebook_tells_the_reader_to_run_the_cell(corpus, tmp_path):
    for widget in (
        SideBySide(corpus),
        Concordance(corpus),
        ThemeExplorer(corpus),
        Annotator(corpus, "ana", path=tmp_path / "ana.yaml"),
    ):
        text = widget._repr_mimebundle_()["text/plain"]
        assert "Run this cell" in text and "…" not in text


def test_the_text_a_saved_notebook_shows_is_the_stored_one(corpus, tmp_path):
    # The calls and text/plain outputs stored in lessons 01-08, exercise and solution 03.
    stored = {
        "ReadingBrowser: compiled-page, passage 1 of 8. Run this cell to browse (widgets are "
        "not saved).": ReadingBrowser(corpus, reading="compiled-page"),
        "Annotator: your-name, 0 tagged sentences. Run this cell to annotate (widgets are not "
        "saved).": Annotator(corpus, "your-name", tmp_path / "your-name.yaml", reading="marchant"),
        "SideBySide: orca-accident, 4 readings. Run this cell to compare (widgets are not "
        "saved).": SideBySide(
            corpus,
            scene="orca-accident",
            readings=["bowditch", "marchant", "overview", "unsigned-review"],
        ),
        "ThemeExplorer: animals-captivity. Run this cell to explore (widgets are not saved).": (
            ThemeExplorer(corpus, theme="animals-captivity")
        ),
        "Concordance: 'stor*'. Run this cell to search (widgets are not saved).": Concordance(
            corpus, term="stor*"
        ),
    }
    for text, widget in stored.items():
        assert widget._repr_mimebundle_()["text/plain"] == text


def test_controls_of_every_widget_are_labelled_with_room_for_their_labels(corpus):
    side, kwic, explorer = SideBySide(corpus), Concordance(corpus), ThemeExplorer(corpus)
    controls = [side.scene, side.readings, kwic.term, kwic.reading, kwic.scene, explorer.theme]
    for control in controls:
        assert control.description and control.style.description_width == "initial"


# --- the modules' rules ---------------------------------------------------------------------

MINE = [*sorted((KIT / "widgets").glob("*.py")), KIT / "anchors.py", KIT / "annotation_store.py"]


def imported(path: Path) -> set[str]:
    """Top-level names of everything ``path`` imports (relative ones as ``.x`` / ``..x``)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add("." * node.level + (node.module or "").split(".")[0])
    return names


@pytest.mark.parametrize("path", MINE, ids=lambda p: p.name)
def test_a_module_is_short_and_says_its_one_job_in_its_first_line(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 400
    first = text.splitlines()[0]
    assert first.startswith('"""') and len(first) > 10
    assert first.endswith('"""') or not text.splitlines()[1].strip()  # one line, then a gap


@pytest.mark.parametrize(
    "path", [*sorted((KIT / "widgets").glob("html_*.py")), KIT / "widgets" / "style.py"]
)
def test_html_builders_import_neither_ipywidgets_nor_pandas(path):
    assert not imported(path) & {"ipywidgets", "pandas", "traitlets"}
    assert not {n for n in imported(path) if n.startswith(".") and not n.startswith("..")} & {
        ".controls",
        ".annotator",
        ".side_by_side",
        ".concordance",
        ".theme_explorer",
        ".reading_browser",
    }


@pytest.mark.parametrize("path", MINE, ids=lambda p: p.name)
def test_nothing_imports_upward(path):
    names = imported(path)
    assert not names & {"..charts", "..checks", "..cli", "..exercises", "..notebooks", ".charts"}
    if path.parent == KIT:  # the two core modules
        assert "ipywidgets" not in names and ".widgets" not in names
    if path.name == "anchors.py":
        assert ".annotations" not in names and ".annotation_store" not in names
