"""The kit's commands start without jsonschema's IRI grammars, and still validate notebooks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from rustbone_kit.quick_import import SLOW, without_iri_checker

BIN = Path(sys.executable).parent
#: The submodule that compiles the grammars: a blocked import is listed (10 µs), this is not.
GRAMMARS = f"{SLOW}.syntax_helpers"


def _imported(command: list[str]) -> set[str]:
    """The modules a command imports (``PYTHONPROFILEIMPORTTIME`` lists each on stderr)."""
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    return {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and line.count("|") == 2
    }


def test_the_command_starts_light_and_its_runs_load_nbformat_without_the_iri_grammars():
    helped = _imported([str(BIN / "rustbone-kit"), "--help"])
    assert "rustbone_kit.cli.grade" in helped  # every command's parser is there
    assert not {"nbformat", "jsonschema", "pandas", "altair"} & helped  # none of their runs
    ran = _imported([str(BIN / "rustbone-kit"), "exercises", "check"])  # reads notebooks
    assert {"nbformat", "jsonschema"} <= ran
    assert GRAMMARS not in ran
    assert not {"altair", "rustbone_kit.folder_check"} & ran  # loaded by other commands' runs


def test_notebooks_still_validate_and_the_module_is_not_left_blocked():
    code = f"""
import json, sys
from rustbone_kit.quick_import import without_iri_checker
with without_iri_checker() as blocked:
    import nbformat
nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
nbformat.validate(nb)
nb.cells[0]["outputs"] = "not a list"
try:
    nbformat.validate(nb)
    refused = False
except nbformat.ValidationError:
    refused = True
import {SLOW}  # importable again afterwards
print(json.dumps([blocked, refused]))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [True, True]


def test_nothing_changes_once_jsonschema_is_loaded():
    import jsonschema  # noqa: F401  (loaded in this test process already, or now)

    with without_iri_checker() as blocked:
        assert sys.modules.get(SLOW, "absent") is not None
    assert blocked is False
