"""Importing the kit stays quick: altair only with the charts, once, without rfc3987_syntax."""

from __future__ import annotations

import ast
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KIT = ROOT / "rustbone_kit"
ONE_PLACE = KIT / "charts" / "_altair.py"
SLOW = "rfc3987_syntax"


def _run(code: str) -> dict:
    """Run ``code`` in a fresh interpreter; it prints one JSON value as its last line."""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


LOADED = """
import json, sys
{setup}
print(json.dumps({{m: sys.modules.get(m) is not None for m in {names!r}}}))
"""


def test_import_rustbone_kit_imports_no_view_library():
    names = ["altair", "ipywidgets", SLOW, "jsonschema"]
    loaded = _run(LOADED.format(setup="import rustbone_kit", names=names))
    assert loaded == dict.fromkeys(names, False)


def test_import_rustbone_kit_loads_nothing_until_a_name_is_used():
    names = ["pandas", "yaml", "rustbone_kit.corpus"]
    assert _run(LOADED.format(setup="import rustbone_kit", names=names)) == dict.fromkeys(
        names, False
    )
    used = _run(LOADED.format(setup="import rustbone_kit as rk; rk.load_corpus", names=names))
    assert used == dict.fromkeys(names, True)


def test_a_name_shared_with_its_module_stays_the_function():
    code = """
import json
import rustbone_kit as rk
import rustbone_kit.agreement, rustbone_kit.sources, rustbone_kit.class_agreement
from rustbone_kit import agreement
print(json.dumps([callable(rk.agreement), callable(rk.sources), callable(rk.class_agreement),
                  callable(agreement), type(rk.scenes).__name__]))
"""
    assert _run(code) == [True, True, True, True, "module"]


def test_import_charts_loads_altair_without_the_slow_iri_checker():
    names = ["altair", SLOW]
    loaded = _run(LOADED.format(setup="import rustbone_kit.charts", names=names))
    assert loaded == {"altair": True, SLOW: False}


def test_altair_still_validates_charts_after_the_quick_import():
    code = """
import json
import pandas as pd
import rustbone_kit.charts
from rustbone_kit.charts._altair import alt
chart = alt.Chart(pd.DataFrame({"a": [1, 2]}), description="d").mark_bar().encode(x="a:Q")
spec = chart.to_dict(validate=True)
try:
    alt.Chart(pd.DataFrame({"a": [1]})).mark_bar().encode(x=alt.X("a:Q", bin="often")).to_dict()
    refused = False
except alt.utils.schemapi.SchemaValidationError:
    refused = True
print(json.dumps([spec["mark"], refused]))
"""
    assert _run(code) == [{"type": "bar"}, True]


@pytest.mark.skipif(importlib.util.find_spec(SLOW) is None, reason=f"{SLOW} is not installed")
def test_nothing_stays_hidden_and_an_earlier_import_is_left_alone():
    later = f"import rustbone_kit.charts, {SLOW}\nprint('true')"
    assert _run(later) is True  # the module can still be imported after the charts
    earlier = LOADED.format(setup=f"import {SLOW}\nimport rustbone_kit.charts", names=[SLOW])
    assert _run(earlier) == {SLOW: True}


def _imports_altair(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            names = [node.module or ""]
        else:
            continue
        if any(n == "altair" or n.startswith("altair.") for n in names):
            lines.append(node.lineno)
    return lines


def test_altair_is_imported_in_one_place_only():
    found = {
        str(path.relative_to(ROOT)): lines
        for path in sorted(KIT.rglob("*.py"))
        if (lines := _imports_altair(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert set(found) == {str(ONE_PLACE.relative_to(ROOT))}, found


def test_every_public_name_is_in_the_lazy_map_and_the_type_checking_imports():
    import rustbone_kit as rk

    tree = ast.parse((KIT / "__init__.py").read_text(encoding="utf-8"))
    checked = next(n for n in tree.body if isinstance(n, ast.If) and "TYPE_CHECKING" in ast.dump(n))
    typed = {
        alias.name: node.module
        for node in checked.body
        if isinstance(node, ast.ImportFrom) and node.module
        for alias in node.names
    }
    assert typed == rk._EXPORTS  # the two lists of names say the same
    assert set(rk.__all__) - rk._LAZY == set(rk._EXPORTS)
    for name, module in rk._EXPORTS.items():
        assert getattr(importlib.import_module(f"rustbone_kit.{module}"), name) is getattr(rk, name)
