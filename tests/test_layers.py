"""The core's layers: every import, at the top of a module or inside a function, points down.

The order is the one ARCHITECTURE.md draws. A module may import a module of a lower layer,
or one of its own package (``charts/``, ``widgets/`` ...); nothing else, and no cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "rustbone_kit"

#: Bottom to top. A module of one layer may import only modules of the layers before it.
LAYERS: list[set[str]] = [
    {"errors", "quick_import", "memo"},  # quick_import: jsonschema without its IRI checker
    {"pytest_plugin"},  # loaded by pytest (-p) before nbval: jsonschema through quick_import
    {"text", "folders", "atomic", "files"},
    {"stoplist"},
    {"terms", "yamlio"},
    {"validate"},
    {"course"},  # course.yaml: the film, what is borrowed, each lesson's examples
    {"reading"},
    {"corpus"},
    {"catalogue"},
    {"sources"},
    {"lexicon"},
    {"anchors"},
    {"annotations"},
    {"annotation_store"},
    {"suggestions"},
    {"scenes"},
    {"themes", "words", "judgement", "measures", "agreement", "adaptation"},
    {"claims", "class_agreement"},  # class_agreement reuses agreement's kappa
    {"charts", "widgets", "checks"},  # checks: the questions are data (readings/questions.yaml)
    {"folder_check"},  # every course file of a folder, with its loader (check-readings)
    {"notebooks", "course_sync", "course_link"},  # a class's copy of the course (git, nbgitpuller)
    # handout: a lesson run as a static page; course_template: new-course from the lessons
    {"exercises", "release", "handout"},
    {"course_exercises"},  # a course's exercises and key, from its questions.yaml
    {"course_template"},
    {"grading"},
    {"cli", "singleuser"},  # singleuser: a hub's server command, started quicker
]
RANK = {name: i for i, layer in enumerate(LAYERS) for name in layer}


def _modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(name: str, path: Path) -> set[str]:
    """Every kit module ``name`` imports: top level, in functions, under TYPE_CHECKING."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                module = ".".join([*base, *([node.module] if node.module else [])])
                candidates = [module, *(f"{module}.{a.name}".strip(".") for a in node.names)]
            elif node.module and node.module.startswith("rustbone_kit"):
                module = node.module.removeprefix("rustbone_kit").strip(".")
                candidates = [module, *(f"{module}.{a.name}".strip(".") for a in node.names)]
            else:
                continue
        elif isinstance(node, ast.Import):
            candidates = [
                a.name.removeprefix("rustbone_kit").strip(".")
                for a in node.names
                if a.name.startswith("rustbone_kit")
            ]
        else:
            continue
        known = [c for c in candidates if c in MODULES]
        if len(known) > 1:  # "from . import x": the submodule x, not the package itself
            known = [c for c in known if c != (module if node.__class__ is ast.ImportFrom else "")]
        targets.update(known)
    targets.discard(name)
    return targets


MODULES = _modules()
EDGES = {name: _imports(name, path) for name, path in MODULES.items()}


def _layer(name: str) -> int:
    return RANK.get(name.split(".")[0], len(LAYERS)) if name else len(LAYERS)


def test_every_module_has_a_layer():
    missing = sorted({n.split(".")[0] for n in MODULES if n} - set(RANK))
    assert not missing, f"give these modules a layer in tests/test_layers.py: {missing}"


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n))
def test_imports_point_down(name):
    upward = [
        target
        for target in EDGES[name]
        if target.split(".")[0] != name.split(".")[0] and _layer(target) >= _layer(name)
    ]
    assert not upward, f"{name} imports {upward}, which are not below it"


def test_no_cycle():
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(EDGES[node]):
            if state.get(nxt) == 1:
                cycle = [*stack[stack.index(nxt) :], nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for name in sorted(EDGES):
        if name not in state:
            visit(name)


def test_the_check_sees_an_upward_import(tmp_path):
    """The test itself must be able to fail: an import of scenes inside a corpus function."""
    source = "def f():\n    from .scenes import scene_labels\n"
    fake = tmp_path / "corpus.py"
    fake.write_text(source, encoding="utf-8")
    assert "scenes" in _imports("corpus", fake)
    assert _layer("scenes") >= _layer("corpus")


def test_modules_are_short_and_say_their_job():
    for path in MODULES.values():
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n")
        assert lines <= 400, f"{path.relative_to(ROOT.parent)} has {lines} lines (at most 400)"
        doc = ast.get_docstring(ast.parse(text))
        assert doc and doc.strip(), f"{path.relative_to(ROOT.parent)} has no module docstring"
