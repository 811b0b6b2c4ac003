"""The kit's one import of altair, made without jsonschema's slow optional IRI checker."""

from __future__ import annotations

import sys

# jsonschema, which altair imports, imports ``rfc3987_syntax`` when it is installed (JupyterLab
# pulls it in through jupyter-events) only to check the "iri" and "iri-reference" formats; that
# import compiles ~35 Earley grammars and costs over a second (python-jsonschema issue #1428).
# No schema the kit uses validates IRIs (Vega-Lite's schema has only "uri", "uri-reference"
# and "color-hex" formats), so the module is marked absent while altair loads, and jsonschema
# skips those two checkers. Nothing is hidden afterwards: a later ``import rfc3987_syntax``
# works. When jsonschema or rfc3987_syntax is already loaded, nothing changes.
_SLOW = "rfc3987_syntax"
_BLOCK = _SLOW not in sys.modules and "jsonschema" not in sys.modules
if _BLOCK:
    sys.modules[_SLOW] = None  # type: ignore[assignment]  # import of it raises ImportError
try:
    import altair as alt
    from altair.utils.display import default_renderer_base
finally:
    if _BLOCK and sys.modules.get(_SLOW, False) is None:
        del sys.modules[_SLOW]

__all__ = ["alt", "default_renderer_base"]
