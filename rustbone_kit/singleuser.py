"""``rustbone-kit-singleuser``: JupyterHub's single-user server, started without 1.3 s of waste.

A hub starts one server per student with ``jupyterhub-singleuser``. Its import of
jupyter-events loads jsonschema, which compiles the grammars of ``rfc3987_syntax`` (see
:mod:`rustbone_kit.quick_import`): 1.3 s of a server's 2.1 s of start-up CPU here, paid again
for every student who walks in. This command imports the same server with that checker left
out, then runs it with the arguments it was given, unchanged. Use it as the spawner's command
(``docs/class.md``)::

    c.Spawner.cmd = ["rustbone-kit-singleuser"]

``benchmarks/class.py`` measures a class with either command (``--server``).
"""

from __future__ import annotations

import sys

from .quick_import import without_iri_checker

__all__ = ["main"]


def main() -> None:
    """Start JupyterHub's single-user server (``jupyterhub.singleuser.main``) with the
    command line this process was given; exit with its status."""
    with without_iri_checker():
        try:
            from jupyterhub.singleuser import main as serve
        except ImportError as error:
            sys.exit(
                f"rustbone-kit-singleuser: {error}. It runs JupyterHub's single-user server, so "
                "install jupyterhub in the students' environment (pip install jupyterhub), "
                "as every hub does, or set c.Spawner.cmd back to jupyterhub-singleuser."
            )
    sys.exit(serve())
