"""Binder (repo2docker) builds the kit from ``pyproject.toml``: the files it reads, checked.

There is no Docker engine here, so the image is not built; what is tested is what
repo2docker reads, by its own rules (repo2docker 2026.4.0, ``buildpacks/python``): a root
``pyproject.toml`` with both ``[project]`` and ``[build-system]`` makes the repository a
Python package, installed with ``pip install .``, but only when there is no ``binder/`` or
``.binder/`` folder (repo2docker then reads that folder alone); ``runtime.txt`` picks the
Python version, which ``requires-python`` must admit; a ``Dockerfile``, ``environment.yml``
or ``Pipfile`` would choose another build. Rendered with ``jupyter-repo2docker --no-build``
on the kit, the Dockerfile ends in ``pip install --no-cache-dir .`` on Python 3.11.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_pyproject_is_a_package_repo2docker_installs():
    assert {"project", "build-system"} <= PYPROJECT.keys()
    build = PYPROJECT["build-system"]
    assert build["requires"] and build["build-backend"] == "hatchling.build"
    for name in ("binder", ".binder"):
        assert not (ROOT / name).exists(), f"{name}/ would make repo2docker ignore pyproject.toml"
    for other in ("Dockerfile", "environment.yml", "Pipfile", "requirements.txt", "setup.py"):
        assert not (ROOT / other).exists(), f"{other} would change how repo2docker builds the kit"


def test_runtime_txt_names_a_python_the_project_admits():
    runtime = (ROOT / "runtime.txt").read_text(encoding="utf-8").strip()
    assert re.fullmatch(r"python-3\.\d+", runtime), runtime
    version = runtime.removeprefix("python-")
    assert version in SpecifierSet(PYPROJECT["project"]["requires-python"])
    assert f"py{version.replace('.', '')}" == PYPROJECT["tool"]["ruff"]["target-version"]


def _third_party_imports() -> set[str]:
    names = set()
    for path in (ROOT / "rustbone_kit").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n != "rustbone_kit"}


def _closure(requirements: list[str]) -> set[str]:
    """The distributions ``requirements`` install, with everything they require in turn."""
    seen: set[str] = set()
    todo = [Requirement(r) for r in requirements]
    while todo:
        req = todo.pop()
        name = re.sub(r"[-_.]+", "-", req.name).lower()
        if name in seen or (req.marker and not req.marker.evaluate({"extra": ""})):
            continue
        seen.add(name)
        try:
            todo += [Requirement(r) for r in importlib.metadata.requires(req.name) or []]
        except importlib.metadata.PackageNotFoundError:
            continue
    return seen


#: Imports that only an optional command makes, by the extra that brings them: jupyterhub for
#: ``rustbone-kit-singleuser``, which runs only where a hub has installed it (and says so).
OPTIONAL = {"jupyterhub": "hub"}


def test_the_dependencies_bring_every_package_the_kit_imports():
    """``pip install .`` on Binder installs only ``[project] dependencies``: each package the
    kit's code imports must come with them (an extra such as ``test`` is not installed),
    except the few in :data:`OPTIONAL`, each in its extra."""
    installed = _closure(PYPROJECT["project"]["dependencies"])
    providers = importlib.metadata.packages_distributions()
    extras = PYPROJECT["project"]["optional-dependencies"]
    for module, extra in OPTIONAL.items():
        assert any(Requirement(r).name == module for r in extras[extra]), (module, extra)
    missing = {}
    for module in sorted(_third_party_imports() - OPTIONAL.keys()):
        dists = {re.sub(r"[-_.]+", "-", d).lower() for d in providers.get(module, [module])}
        if not dists & installed:
            missing[module] = sorted(dists)
    assert not missing, f"imported by rustbone_kit but not in [project] dependencies: {missing}"
    assert {"jupyterlab", "ipykernel", "ipywidgets"} <= installed
