"""Imports made without jsonschema's slow optional IRI checker (``rfc3987_syntax``).

jsonschema, which altair and nbformat import, imports ``rfc3987_syntax`` when it is installed
(JupyterLab pulls it in through jupyter-events) only to check the "iri" and "iri-reference"
formats; that import compiles about 35 Earley grammars and costs 1.0-1.4 s of CPU
(python-jsonschema issue #1428). No schema the kit, nbformat, Vega-Lite or jupyter-events
validates uses those two formats, so while the kit's heavy imports run the module is marked
absent and jsonschema skips those two checkers. Nothing is hidden afterwards: a later
``import rfc3987_syntax`` works. When jsonschema or rfc3987_syntax is already loaded,
nothing changes.

>>> import sys
>>> with without_iri_checker():
...     pass
>>> sys.modules.get(SLOW, "absent") is not None   # never left marked absent
True
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

__all__ = ["SLOW", "without_iri_checker"]

SLOW = "rfc3987_syntax"


@contextlib.contextmanager
def without_iri_checker() -> Iterator[bool]:
    """Run the imports in the ``with`` block with ``rfc3987_syntax`` marked absent, if
    jsonschema has not been imported yet; yields whether it was marked."""
    block = SLOW not in sys.modules and "jsonschema" not in sys.modules
    if block:
        sys.modules[SLOW] = None  # type: ignore[assignment]  # an import of it raises ImportError
    try:
        yield block
    finally:
        if block and sys.modules.get(SLOW, False) is None:
            del sys.modules[SLOW]
