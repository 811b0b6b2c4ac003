"""A pytest plugin: notebooks checked by nbval without jsonschema's slow IRI checker.

pytest loads nbval, which imports nbformat and with it jsonschema, which then compiles the
grammars of ``rfc3987_syntax`` (1.1 s of CPU in every pytest process) for two formats no
notebook schema uses (:mod:`rustbone_kit.quick_import`). Named with ``-p`` it loads before
the installed plugins, so jsonschema is imported here first, without them. The kit's
``pyproject.toml`` names it; a teacher who runs nbval on a course's own notebooks can too::

    python -m pytest -p rustbone_kit.pytest_plugin --nbval lessons/

In a run that loads it (the kit's own do), jsonschema has no IRI checker, and still has
the formats notebooks and Vega-Lite use:

>>> import jsonschema
>>> checkers = jsonschema.FormatChecker().checkers
>>> "iri" in checkers, "uri" in checkers
(False, True)
"""

from __future__ import annotations

from .quick_import import without_iri_checker

__all__: list[str] = []

with without_iri_checker():
    import jsonschema  # noqa: F401  # imported for its side effect: loaded without the grammars
