"""The kit's one import of altair, made without jsonschema's slow optional IRI checker.

Vega-Lite's schema has only "uri", "uri-reference" and "color-hex" formats; see
:mod:`rustbone_kit.quick_import` for why the IRI checker is left out and what that costs.
"""

from __future__ import annotations

from ..quick_import import without_iri_checker

with without_iri_checker():
    import altair as alt
    from altair.utils.display import default_renderer_base

__all__ = ["alt", "default_renderer_base"]
