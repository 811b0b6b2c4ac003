"""Charts out of the notebook: SVG, PNG or PDF files for slides and hand-outs, with no browser.

``vl-convert-python`` carries Vega and Vega-Lite compiled into the package (Deno inside a
Python wheel): it draws a chart as JupyterLab would, with no browser, no network and no
Node.js. Data from URLs is refused (``allowed_base_urls=[]``): every kit chart carries its rows.

>>> import pandas as pd
>>> from ._altair import alt
>>> chart = alt.Chart(pd.DataFrame({"a": ["x", "y"], "n": [1, 2]}),
...                   description="Two bars.").mark_bar().encode(x="a:N", y="n:Q")
>>> svg = to_svg(chart)
>>> svg.startswith("<svg") and 'role="img"' in svg and 'aria-label="Two bars."' in svg
True
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from ..errors import ArgumentError, KitError
from ._altair import alt

__all__ = ["FORMATS", "save", "to_svg", "vegalite_version"]

#: What :func:`save` writes, by file suffix.
FORMATS = (".svg", ".png", ".pdf")
_ID = re.compile(r'\bid="([^"]+)"')
_SVG_OPEN = re.compile(r"<svg\b([^>]*)>")


def _converter() -> Any:
    try:
        import vl_convert
    except ImportError as error:  # a dependency: only a broken install lacks it
        raise KitError(
            f"vl-convert-python is not installed ({error})",
            fix="pip install vl-convert-python (it is one of rustbone-kit's dependencies)",
        ) from error
    return vl_convert


def vegalite_version(spec: dict[str, Any]) -> str | None:
    """The Vega-Lite version a spec was written for, as vl-convert names it (``"5.20"``).

    >>> vegalite_version({"$schema": "https://vega.github.io/schema/vega-lite/v5.20.1.json"})
    '5.20'
    >>> vegalite_version({}) is None
    True
    """
    match = re.search(r"/v(\d+)\.(\d+)", str(spec.get("$schema", "")))
    if not match:
        return None
    wanted = f"{match.group(1)}.{match.group(2)}"
    known = _converter().get_vegalite_versions()
    return wanted if wanted in known else None


def _spec(chart: alt.TopLevelMixin | dict[str, Any]) -> dict[str, Any]:
    return chart if isinstance(chart, dict) else chart.to_dict()


def to_svg(chart: alt.TopLevelMixin | dict[str, Any], *, prefix: str = "rk") -> str:
    """The chart drawn as one ``<svg>`` element, named by its description for screen readers.

    The root gets ``role="img"`` and the chart's ``description`` as ``aria-label`` (and a
    ``<title>``, which browsers show on hover); the ids inside (clip paths) start with
    ``prefix``, so several charts inlined in one page keep their own. ``chart`` is an altair
    chart or its ``to_dict()`` (a stored notebook's Vega-Lite output).
    """
    spec = _spec(chart)
    svg = _converter().vegalite_to_svg(
        spec, vl_version=vegalite_version(spec), allowed_base_urls=[]
    )
    ids = dict.fromkeys(_ID.findall(svg))
    for old in ids:
        new = f"{prefix}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"').replace(f"url(#{old})", f"url(#{new})")
    description = spec.get("description") or "A chart (no description given)."
    name = html.escape(description, quote=True)
    return _SVG_OPEN.sub(
        lambda m: f'<svg{m.group(1)} role="img" aria-label="{name}"><title>{name}</title>',
        svg,
        count=1,
    )


def save(
    chart: alt.TopLevelMixin | dict[str, Any], path: str | Path, *, scale: float = 2.0
) -> Path:
    """Write the chart to ``path`` as SVG, PNG or PDF (by its suffix); return the path.

    PNG is drawn at ``scale`` times its size (2: sharp on a projector and in print). The
    file is written atomically, as every file the kit writes. No browser, no network.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ArgumentError(
            f"cannot save a chart as {path.name!r}",
            fix=f"end the file name with one of {', '.join(FORMATS)}",
        )
    spec = _spec(chart)
    if suffix == ".svg":
        data: bytes = to_svg(spec).encode("utf-8")
    else:
        convert = _converter()
        version = vegalite_version(spec)
        if suffix == ".png":
            data = convert.vegalite_to_png(
                spec, vl_version=version, scale=scale, allowed_base_urls=[]
            )
        else:
            data = convert.vegalite_to_pdf(spec, vl_version=version, allowed_base_urls=[])
    return write_atomic(path, data, backups=0)
