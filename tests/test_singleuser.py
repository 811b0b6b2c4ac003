"""rustbone-kit-singleuser: JupyterHub's server, without the IRI grammars, or a clear refusal."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from test_quick_import import BIN, GRAMMARS, _imported


@pytest.mark.skipif(not (BIN / "jupyterhub-singleuser").exists(), reason="needs jupyterhub")
def test_the_hub_server_command_loads_jupyterhub_without_the_iri_grammars():
    modules = _imported([str(BIN / "rustbone-kit-singleuser"), "--version"])
    assert {"jupyterhub.singleuser", "jupyter_server.serverapp", "jsonschema"} <= modules
    assert GRAMMARS not in modules
    plain = _imported([str(BIN / "jupyterhub-singleuser"), "--version"])
    assert GRAMMARS in plain  # what the kit's command saves: JupyterHub's own loads it


def test_without_jupyterhub_the_command_says_what_to_install(tmp_path):
    blocker = tmp_path / "sitecustomize.py"  # this interpreter, as if jupyterhub were absent
    blocker.write_text("import sys\nsys.modules['jupyterhub'] = None\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", "from rustbone_kit.singleuser import main; main()"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 1
    assert "install jupyterhub in the students' environment" in done.stderr
    assert "jupyterhub-singleuser" in done.stderr and "Traceback" not in done.stderr
