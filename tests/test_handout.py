"""handout: lessons and the readings as offline pages; the cleaner; the PDF; the command.

The page of a notebook is read as text here (the browser test opens every lesson's page in
Chromium with the network blocked and runs axe on it): one ``<svg>`` per chart named by its
description, widgets rebuilt from their state, no script, nothing loaded, text escaped.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest

import rustbone_kit as rk
from rustbone_kit import handout
from rustbone_kit.cli import main
from rustbone_kit.errors import KitError
from rustbone_kit.handout import clean_html, lesson_handout, readings_packet, render_notebook

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(1)>"


def _loads_nothing(page: str) -> None:
    """No script, no event handler, nothing the page would fetch (links are not fetched)."""
    tags = re.findall(r"<[a-zA-Z][^>]*>", page)
    names = {re.match(r"<([a-zA-Z]+)", t).group(1).lower() for t in tags}
    assert not names & {"script", "link", "iframe", "object", "embed", "base", "meta"} - {"meta"}
    assert [t for t in tags if t.startswith("<meta")] == [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
    ]
    assert not [t for t in tags if re.search(r"\son\w+=", t)]
    assert not [t for t in tags if re.search(r'\ssrc="(?!data:image/png;)', t)]
    assert not re.findall(r"url\((?!#)", page) and "@import" not in page


# ------------------------------------------------------------------------------- cleaner


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p>Ali &amp; Sam</p>", "<p>Ali &amp; Sam</p>"),
        ("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),  # noqa: E501
        ("<b onmouseover='x()'>b</b><script>alert(1)</script>", "<b>b</b>"),
        ('<a href="javascript:alert(1)">a</a><a href="https://x.org/">x</a>', '<a>a</a><a href="https://x.org/">x</a>'),
        ('<img src="https://x.org/p.png" alt="p"><iframe src="https://x.org"></iframe>', ""),
        ("<style>@import url(x.css)</style><style>.a{color:#000}</style>", "<style>.a{color:#000}</style>"),  # noqa: E501
        ('<span style="background:url(https://x.org/p.png)">t</span>', "<span>t</span>"),
        ('<table border="1" class="dataframe"><tr style="text-align: right;"><td>1', '<table class="dataframe"><tr style="text-align: right;"><td>1</td></tr></table>'),  # noqa: E501
        ("<svg><circle/></svg><form><input></form>text", "text"),
    ],
)  # fmt: skip
def test_clean_html_keeps_known_markup_and_escapes_text(markup, expected):
    assert clean_html(markup) == expected


def test_clean_html_keeps_each_stylesheet_once():
    seen: set[str] = set()
    first = clean_html("<style>.a{}</style><p>1</p>", styles=seen)
    again = clean_html("<style>.a{}</style><p>2</p>", styles=seen)
    assert first == "<style>.a{}</style><p>1</p>" and again == "<p>2</p>"


# ---------------------------------------------------------------------- a notebook's page


def _state(html: str) -> dict:
    return {
        "root": {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_pick", "IPY_MODEL_view", "IPY_MODEL_go"]}},  # noqa: E501
        "pick": {"model_name": "DropdownModel", "state": {"description": "Scene", "_options_labels": ["Ice", "Into the sea"], "index": 1}},  # noqa: E501
        "view": {"model_name": "HTMLModel", "state": {"value": html}},
        "go": {"model_name": "ButtonModel", "state": {"description": "Save"}},
    }  # fmt: skip


def _notebook(with_widget_state: bool = True) -> nbformat.NotebookNode:
    chart = rk.charts.makeup_chart(rk.load_corpus())
    cells = [
        nbformat.v4.new_markdown_cell(
            "# Lesson 99 · A test\n\nProse with *emphasis* and <br> a break."
        ),
        nbformat.v4.new_code_cell("chart"),
        nbformat.v4.new_code_cell("widget"),
        nbformat.v4.new_code_cell("table"),
    ]
    cells[1].outputs = [
        nbformat.v4.new_output(
            "execute_result", data={rk.charts.VEGALITE_MIME: chart.to_dict(), "text/plain": "Chart"}
        )
    ]
    cells[2].outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={
                "application/vnd.jupyter.widget-view+json": {"model_id": "root"},
                "text/plain": "SideBySide(...): run the cell",
            },
        )
    ]
    cells[3].outputs = [
        nbformat.v4.new_output("execute_result", data={"text/html": f"<table><tr><td>{HOSTILE}</td></tr></table><script>alert(2)</script>", "text/plain": "t"}),  # noqa: E501
        nbformat.v4.new_output("stream", name="stdout", text=f"printed {HOSTILE}\n"),
    ]  # fmt: skip
    nb = nbformat.v4.new_notebook(cells=cells)
    if with_widget_state:
        state = _state(rk.widgets.highlight_html("Ali carries her into the sea", []))
        nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": state}}
    return nb


def test_page_of_a_notebook_draws_charts_as_named_svg_and_widgets_from_their_state():
    page, charts = render_notebook(_notebook(), source="lessons/99_test.ipynb")
    assert charts == 1 and page.count("<svg") == 1
    svg = re.search(r"<svg[^>]*>", page).group(0)
    description = rk.charts.text_alternative(rk.charts.makeup_chart(rk.load_corpus()))
    assert 'role="img"' in svg and description.split(".")[0] in svg
    assert page.count('class="rk-data-table"') == 1  # the chart's rows beside it
    assert "<title>Lesson 99 · A test</title>" in page and "<h1>Lesson 99 · A test</h1>" in page
    assert "<em>emphasis</em>" in page and "<br>" in page
    assert '<span class="rk-control-name">Scene:</span> Into the sea' in page  # the control
    assert "Ali carries her into the sea" in page and "Save" not in page.split("<main>")[1]
    assert page.count(rk.widgets.STYLE[7:60]) == 1  # the widgets' stylesheet once, in the head
    assert "@media print" in page and "lessons/99_test.ipynb" in page
    _loads_nothing(page)
    # printed text shows as text; markup in an HTML output is dropped, never run
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 1
    assert page.count("alert(1)") == 2 and "alert(2)" not in page  # the stream's two


def test_without_widget_state_a_widget_is_its_run_the_cell_line():
    page, _ = render_notebook(_notebook(with_widget_state=False))
    assert "SideBySide(...): run the cell" in page and 'class="rk-static-widget"' not in page


def test_lesson_handout_runs_the_lesson_and_shows_each_widget_as_it_opens(tmp_path):
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# A short lesson"),
            nbformat.v4.new_code_cell(
                "import rustbone_kit as rk\nrk.charts.enable_offline()\ncorpus = rk.load_corpus()"
            ),
            nbformat.v4.new_code_cell("rk.charts.theme_heatmap(corpus)"),
            nbformat.v4.new_code_cell(
                'rk.widgets.SideBySide(corpus, scene="swim", readings=["bowditch", "marchant"])'
            ),
        ],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )
    path = tmp_path / "short.ipynb"
    nbformat.write(nb, path)
    before = path.read_bytes()
    page, charts = lesson_handout(path, code=False)
    assert charts == 1 and page.count("<svg") == 1
    assert "Into the sea: what 2 readings say" in page  # SideBySide's own HTML builder
    assert '<span class="rk-control-name">Scene:</span>' in page
    assert "rk.widgets.SideBySide" not in page  # code=False
    _loads_nothing(page)
    assert path.read_bytes() == before  # the lesson itself is never written


def test_a_lesson_that_fails_says_so_with_the_fix(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 / 0")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    path = tmp_path / "broken.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(KitError, match="did not run to the end") as caught:
        lesson_handout(path)
    assert "--no-run" in caught.value.fix and "broken.ipynb" in str(caught.value)


# ------------------------------------------------------------------------ reading packet


def test_reading_packet_numbers_sentences_and_puts_the_reference_in_the_margin():
    corpus = rk.load_corpus()
    page = readings_packet(corpus)
    assert page.count('class="rk-reading"') == len(corpus)
    marchant = corpus["marchant"]
    rows = re.findall(r'<td class="rk-number">(\d+)</td>', page)
    assert len(rows) == sum(len(r.sentences) for r in corpus)
    assert rows[: len(corpus[corpus.ids[0]].sentences)][-1] == str(
        len(corpus[corpus.ids[0]].sentences)
    )
    assert "Flag: boilerplate" in page and "Scene: " in page and "Reference annotation" in page
    assert "Piers Marchant" in page and "not stated" in page  # metadata, unknowns said
    assert marchant.sentences[3].text.replace("&", "&amp;")[:40] in page
    _loads_nothing(page)
    blank = readings_packet(corpus, flags=False)
    assert "Flag:" not in blank and "Your notes" in blank and "left blank" in blank


def test_reading_packet_of_a_teachers_folder_escapes_every_field(tmp_path):
    shutil.copy(rk.bundled_readings_path() / "marchant.md", tmp_path)
    mine = rk.reading_from_text(f"Ali swims {HOSTILE}. She watches.", title=HOSTILE, author=HOSTILE)
    corpus = rk.load_corpus(tmp_path).with_readings(mine)
    page = readings_packet(corpus)
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "onerror=alert(1)&gt;" in page and "<img" not in page
    assert page.count('class="rk-reading"') == 2


# ---------------------------------------------------------------------------------- PDF


def test_pdf_without_chromium_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setattr(handout.pdf, "find_chromium", lambda: None)
    page = handout.write_page(readings_packet(), tmp_path / "p.html")
    with pytest.raises(KitError, match="no Chromium") as caught:
        handout.print_pdf(page, tmp_path / "p.pdf")
    assert "apt-get install chromium" in caught.value.fix and "Save as PDF" in caught.value.fix


@pytest.mark.skipif(handout.find_chromium() is None, reason="no Chromium installed here")
def test_pdf_is_printed_by_headless_chromium(tmp_path):
    page = handout.write_page(readings_packet(), tmp_path / "packet.html")
    pdf = handout.print_pdf(page, tmp_path / "packet.pdf")
    data = pdf.read_bytes()
    assert data[:5] == b"%PDF-" and data.count(b"/Type /Page") > 5  # a page a reading, at least


# ------------------------------------------------------------------------------ command


def test_command_writes_the_packet_and_a_lesson_page(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["handout", "--readings", "--blank"]) == 0
    assert (tmp_path / "packet.html").is_file() and "wrote packet.html" in capsys.readouterr().out
    lesson = Path(__file__).resolve().parents[1] / "lessons" / "01_meet_the_readings.ipynb"
    assert main(["handout", str(lesson), "--no-run", "--out", "one.html"]) == 0
    assert "(1 chart)" in capsys.readouterr().out
    assert (tmp_path / "one.html").read_text().count("<svg") == 1


def test_command_refuses_neither_or_both_and_a_missing_lesson(tmp_path, capsys):
    assert main(["handout"]) == 2
    assert main(["handout", "x.ipynb", "--readings"]) == 2
    assert "give a lesson notebook, or --readings" in capsys.readouterr().err
    assert main(["handout", str(tmp_path / "missing.ipynb"), "--no-run"]) == 1
    assert "missing.ipynb" in capsys.readouterr().err
