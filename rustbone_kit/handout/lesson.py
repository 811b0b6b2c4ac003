"""A lesson as one offline HTML page: prose, code, tables, charts as SVG, widgets as they open.

:func:`lesson_handout` runs the lesson in a fresh kernel (as ``rustbone-kit notebooks`` does,
the widgets' state kept) and :func:`render_notebook` writes the page: markdown rendered by
mistune (JupyterLab's nbconvert brings it), every HTML output through
:func:`~.clean.clean_html`, each Vega-Lite chart drawn by vl-convert as an inline ``<svg>``
named by its description, with its data table, and each widget rebuilt from its state by
:func:`~.views.widget_html`. The page has one inline stylesheet and no script.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path
from typing import Any

import nbformat

from ..charts.export import to_svg
from ..charts.table import data_table
from ..errors import KitError
from ..notebooks import read_notebook, run_notebook
from ..widgets.style import STYLE
from .clean import clean_html
from .style import STYLESHEET
from .views import widget_html, widget_state

__all__ = ["VEGALITE", "WIDGET_VIEW", "lesson_handout", "page", "render_notebook"]

VEGALITE = "application/vnd.vegalite.v5+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: The widgets' stylesheet, kept once in the page's head (each view carries a copy).
_WIDGET_CSS = STYLE.removeprefix("<style>").removesuffix("</style>")
STATIC_NOTE = (
    '<p class="rk-static-note">The widget as it opens; run the lesson in JupyterLab to use it.</p>'
)


def _markdown(text: str) -> str:
    import mistune  # nbconvert's markdown renderer, installed with JupyterLab

    render = mistune.create_markdown(escape=False, plugins=["table", "strikethrough"])
    return clean_html(str(render(text)))


def page(title: str, body: str, *, lang: str = "en") -> str:
    """A whole HTML document around ``body``: the stylesheets inline, nothing loaded."""
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"<style>{STYLESHEET}</style>\n<style>{_WIDGET_CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


class _Renderer:
    """Renders one notebook's cells; numbers its charts so their SVG ids stay apart."""

    def __init__(self, nb: nbformat.NotebookNode) -> None:
        self.models = widget_state(nb)
        self.styles: set[str] = {_WIDGET_CSS}
        self.charts = 0

    def chart(self, spec: dict[str, Any]) -> str:
        self.charts += 1
        svg = to_svg(spec, prefix=f"chart{self.charts}")
        table = clean_html(data_table(spec).html, styles=self.styles)
        return f'<figure class="rk-chart" data-chart="{self.charts}">{svg}{table}</figure>'

    def output(self, output: dict[str, Any]) -> str:
        kind = output.get("output_type")
        if kind == "stream":
            text = "".join(output.get("text", ""))
            return f'<pre class="rk-stream">{html.escape(text)}</pre>'
        if kind == "error":
            text = f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"
            return f'<pre class="rk-error">{html.escape(text)}</pre>'
        data = output.get("data", {})
        view = data.get(WIDGET_VIEW, {})
        if view.get("model_id") in self.models:
            widget = widget_html(
                view["model_id"], self.models, styles=self.styles, outputs=self.outputs
            )
            return STATIC_NOTE + widget
        if VEGALITE in data:
            return self.chart(data[VEGALITE])
        if "text/html" in data:
            markup = "".join(data["text/html"])
            return f'<div class="rk-output">{clean_html(markup, styles=self.styles)}</div>'
        if "image/png" in data:
            alt = html.escape("".join(data.get("text/plain", "")) or "An image", quote=True)
            png = "".join(data["image/png"]).replace("\n", "")
            base64.b64decode(png, validate=True)  # a broken image is refused, not shown
            return f'<img src="data:image/png;base64,{png}" alt="{alt}">'
        if "text/markdown" in data:
            return _markdown("".join(data["text/markdown"]))
        if "text/plain" in data:
            return f'<pre class="rk-stream">{html.escape("".join(data["text/plain"]))}</pre>'
        return ""

    def outputs(self, outputs: list[dict[str, Any]]) -> str:
        return "".join(self.output(o) for o in outputs)

    def cell(self, cell: nbformat.NotebookNode, *, code: bool) -> str:
        source = "".join(cell.get("source", ""))
        if cell.cell_type == "markdown":
            return _markdown(source)
        if cell.cell_type != "code":
            return ""
        shown = f'<pre class="rk-code"><code>{html.escape(source)}</code></pre>' if code else ""
        return shown + self.outputs(cell.get("outputs", []))


def _title(nb: nbformat.NotebookNode, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in "".join(cell.source).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def render_notebook(
    nb: nbformat.NotebookNode, *, source: str = "", code: bool = True
) -> tuple[str, int]:
    """The hand-out page of a notebook whose outputs are in it; and how many charts it drew.

    ``source`` names the notebook in the page's first line; ``code`` shows the code cells.
    """
    renderer = _Renderer(nb)
    cells = "\n".join(renderer.cell(cell, code=code) for cell in nb.cells)
    title = _title(nb, Path(source).stem or "Lesson")
    note = (
        f'<p class="rk-handout-meta">A hand-out of {html.escape(source or "a lesson")}: '
        "charts and widgets as they first appear. Open the lesson in JupyterLab to change "
        "them.</p>"
    )
    return page(title, note + "\n" + cells), renderer.charts


def lesson_handout(
    path: str | Path, *, run: bool = True, code: bool = True, timeout: int = 300
) -> tuple[str, int]:
    """Run the lesson at ``path`` (unless ``run`` is False: its stored outputs, widgets then
    shown by their "run the cell" line) and return its hand-out page and its chart count."""
    path = Path(path)
    nb = read_notebook(path)
    if run:
        try:
            run_notebook(nb, folder=path.parent, timeout=timeout, keep_widget_state=True)
        except Exception as error:  # nbclient's CellExecutionError, a dead kernel, a timeout
            raise KitError(
                f"the lesson did not run to the end ({type(error).__name__}: "
                f"{str(error).strip().splitlines()[-1] if str(error).strip() else error!r})",
                path=path,
                fix="run it in JupyterLab to see the error, or hand out its stored outputs "
                "with --no-run",
            ) from error
    return render_notebook(nb, source=str(path), code=code)
