"""Safe, bounded YAML reading with errors that name the file, the line and the fix.

Every YAML file of the kit (a reading's header, the catalogues, the lexicon, annotations,
the adaptation and claims files) goes through :func:`load_document`. It never builds Python
objects from tags, keeps numbers and dates *as written* (``rating: 7.20`` stays the text
``"7.20"``), refuses duplicate keys (YAML would silently keep the last one) and reports the
file line of every key.

It is bounded: the kit's files need no anchors or aliases, so ``&name`` and ``*name`` are
refused where they stand (a "billion laughs" file costs nothing), nesting deeper than
:data:`MAX_DEPTH` and documents of more than ``max_nodes`` nodes are refused as they are
composed, and control characters are reported with their line and column. Every problem
is the caller's located :class:`~rustbone_kit.errors.KitError`.

>>> load_document("a: &x [1]\\nb: *x", path="x.yaml")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
rustbone_kit.errors.KitError: x.yaml, line 1: the YAML anchor '&x' is not allowed in ...

>>> data, lines = load_mapping("id: demo\\nrating: 7.20\\n", path="x.md", first_line=2)
>>> data
{'id': 'demo', 'rating': '7.20'}
>>> lines
{'id': 2, 'rating': 3}
"""

from __future__ import annotations

from typing import Any

import yaml

from .errors import KitError

__all__ = ["MAX_DEPTH", "MAX_FILE_NODES", "MAX_NODES", "load_document", "load_mapping"]

#: Deepest nesting of lists and mappings a kit file may have (the kit's own use 4).
MAX_DEPTH = 50
#: Most nodes one document may have by default (a reading's header has about 30).
MAX_NODES = 10_000
#: Most nodes of a catalogue, lexicon or annotation file (50,000 annotations fit).
MAX_FILE_NODES = 1_000_000


class _Refused(Exception):
    """Raised inside the composer; turned into the caller's located error."""

    def __init__(self, problem: str, fix: str, mark: yaml.Mark | None) -> None:
        super().__init__(problem)
        self.problem, self.fix, self.mark = problem, fix, mark


_KEPT_TAGS = {"tag:yaml.org,2002:null", "tag:yaml.org,2002:bool"}


class _AsWrittenLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when there
    """SafeLoader that leaves ints, floats and timestamps as the strings written."""


_ANCHOR_FIX = (
    "write the value out in full where it is needed (anchors and aliases are refused so "
    "that a small file cannot expand into a huge one)"
)
_STARTS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_ENDS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def _check_bounds(text: str, max_nodes: int) -> None:
    """Walk the document's events once (no tree is built): refuse anchors, aliases, nesting
    deeper than MAX_DEPTH and more than ``max_nodes`` values, at the first one found."""
    parser = _AsWrittenLoader(text)
    depth = nodes = 0
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, yaml.AliasEvent):
                raise _Refused(
                    f"the YAML alias '*{event.anchor}' is not allowed in the kit's files",
                    _ANCHOR_FIX,
                    event.start_mark,
                )
            if isinstance(event, _ENDS):
                depth -= 1
                continue
            if not isinstance(event, (yaml.ScalarEvent, *_STARTS)):
                continue
            if event.anchor:
                raise _Refused(
                    f"the YAML anchor '&{event.anchor}' is not allowed in the kit's files",
                    _ANCHOR_FIX,
                    event.start_mark,
                )
            nodes += 1
            if nodes > max_nodes:
                raise _Refused(
                    f"the document has more than {max_nodes:,} values",
                    "split the file, or remove what the kit does not read",
                    event.start_mark,
                )
            if isinstance(event, _STARTS):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _Refused(
                        f"lists and mappings are nested more than {MAX_DEPTH} deep",
                        "flatten the structure: the kit's files need a few levels at most",
                        event.start_mark,
                    )
    finally:
        parser.dispose()


_AsWrittenLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag in _KEPT_TAGS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _check_keys(node: yaml.Node, path: str, first_line: int, error: type[KitError]) -> None:
    """Raise on a key that appears twice in one mapping, anywhere in the document."""
    todo = [node]
    while todo:  # iterative: the depth is bounded already, but a stack costs nothing
        current = todo.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key, value in current.value:
                line = key.start_mark.line + first_line
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        raise error(
                            f"the key {key.value!r} appears twice "
                            f"(first on line {seen[key.value]})",
                            path=path,
                            line=line,
                            field=key.value,
                            fix="keep one of the two lines; YAML would silently use only the last",
                        )
                    seen[key.value] = line
                todo.append(value)
        elif isinstance(current, yaml.SequenceNode):
            todo.extend(current.value)


def load_document(
    text: str,
    *,
    path: str,
    first_line: int = 1,
    error: type[KitError] = KitError,
    max_nodes: int = MAX_NODES,
) -> tuple[Any, yaml.Node | None]:
    """Parse one YAML document safely and within bounds; return ``(data, root_node)``.

    ``first_line`` is the file line on which ``text`` starts, so messages give file lines;
    ``max_nodes`` bounds the values of the document (a large annotation file may raise it).
    """
    loader = None
    try:
        _check_bounds(text, max_nodes)
        loader = _AsWrittenLoader(text)
        node = loader.get_single_node()
        if node is None:
            return None, None
        _check_keys(node, path, first_line, error)
        return loader.construct_document(node), node
    except _Refused as exc:
        raise error(
            exc.problem,
            path=path,
            line=exc.mark.line + first_line if exc.mark else None,
            fix=exc.fix,
        ) from None
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        tag = exc.problem.split("tag", 1)[-1].strip(" '") if exc.problem else "?"
        raise error(
            f"the YAML tag {tag!r} would build an object; only plain text, lists and "
            "mappings are allowed",
            path=path,
            line=mark.line + first_line if mark else None,
            fix="remove the tag (the part starting with '!') and write the value as plain text",
        ) from None
    except yaml.reader.ReaderError as exc:  # a control character, or bytes that are not text
        line, column = _position(text, exc.position)
        raise error(
            f"character {exc.character!r} at column {column} is a control character, not text",
            path=path,
            line=line + first_line - 1,
            fix="delete it (it is invisible in most editors: retype the line)",
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        if exc.context:
            problem = f"{problem} ({exc.context})"
        raise error(
            f"YAML syntax error: {problem}",
            path=path,
            line=mark.line + first_line if mark else None,
            fix=(f"check column {mark.column + 1} of that line; " if mark else "")
            + "a value with ':' or '#' in it, or one starting with a quote or '[', "
            "needs quotes around all of it",
        ) from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise error(
            f"YAML could not be read: {exc}",
            path=path,
            fix="compare the file with the bundled one of the same name",
        ) from None
    finally:
        if loader is not None:
            loader.dispose()


def _codepoint(character: int | str) -> str:
    code = character if isinstance(character, int) else ord(character[:1] or "\0")
    return f"U+{code:04X}"


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def load_mapping(
    text: str, *, path: str, first_line: int = 1, error: type[KitError] = KitError
) -> tuple[dict[str, Any], dict[str, int]]:
    """Parse YAML whose top level must be a mapping; return it and each key's file line."""
    data, node = load_document(text, path=path, first_line=first_line, error=error)
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise error(
            f"expected 'field: value' lines, found a {type(data).__name__}",
            path=path,
            line=first_line,
            fix="write one 'field: value' pair per line, e.g. 'title: The Tenderness of Rust'",
        )
    lines = {
        str(k.value): k.start_mark.line + first_line
        for k, _ in node.value  # type: ignore[union-attr]
        if isinstance(k, yaml.ScalarNode)
    }
    return {str(k): v for k, v in data.items()}, lines
