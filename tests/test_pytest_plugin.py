"""The pytest plugin loads jsonschema, for nbval's nbformat, without the IRI grammars."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_pytest_loads_nbval_without_the_iri_grammars_and_notebooks_still_validate(tmp_path):
    probe = tmp_path / "test_probe.py"
    probe.write_text(
        "import sys\n"
        "def test_probe():\n"
        "    import nbformat\n"
        "    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('1')])\n"
        "    nbformat.validate(nb)\n"
        "    print('GRAMMARS', 'rfc3987_syntax' in sys.modules, 'nbval' in sys.modules)\n",
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider"]
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")  # not the kit's
    command += ["-c", str(tmp_path / "pytest.ini"), "--rootdir", str(tmp_path), str(probe)]
    with_plugin = subprocess.run(
        [*command, "-p", "rustbone_kit.pytest_plugin"], capture_output=True, text=True
    )
    assert "GRAMMARS False True" in with_plugin.stdout, with_plugin.stdout + with_plugin.stderr
    without = subprocess.run(command, capture_output=True, text=True)
    assert "GRAMMARS True True" in without.stdout, without.stdout + without.stderr


def test_the_kits_own_runs_name_the_plugin_before_any_other_option():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    addopts = config["tool"]["pytest"]["ini_options"]["addopts"].split()
    assert addopts[:2] == ["-p", "rustbone_kit.pytest_plugin"]
