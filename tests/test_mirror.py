"""The tests mirror the code: every module and package of rustbone_kit has a test module.

``rustbone_kit/scenes.py`` is tested in ``tests/test_scenes.py`` (or ``test_scenes_*.py``);
a package such as ``rustbone_kit/charts/`` in ``tests/test_charts.py`` or ``test_charts_*.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
PACKAGE = TESTS.parent / "rustbone_kit"


def library_modules() -> list[str]:
    """The names of the top-level modules and packages of rustbone_kit (private ones aside)."""
    names = {p.stem for p in PACKAGE.glob("*.py")}
    names |= {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    return sorted(n for n in names if not n.startswith("_"))


def covering(name: str) -> list[str]:
    """The test modules named for library module ``name``."""
    pattern = re.compile(rf"test_{re.escape(name)}(_\w+)?\.py")
    return sorted(p.name for p in TESTS.glob("test_*.py") if pattern.fullmatch(p.name))


def test_the_library_is_found():
    assert {"corpus", "errors", "scenes", "text"} <= set(library_modules())


def test_every_library_module_has_a_test_module():
    missing = [name for name in library_modules() if not covering(name)]
    assert not missing, "no tests/test_<name>.py (or test_<name>_*.py) for: " + ", ".join(
        f"rustbone_kit/{n}" for n in missing
    )
