"""Safe YAML reading with errors that name the file, the line and the fix.

Every YAML file of the kit (a reading's header, later the catalogues and annotations) goes
through :func:`load_mapping`. It never builds Python objects from tags, keeps numbers and
dates *as written* (``rating: 7.20`` stays the text ``"7.20"``), refuses duplicate keys
(YAML would silently keep the last one) and reports the file line of every key.

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

__all__ = ["load_mapping"]

_KEPT_TAGS = {"tag:yaml.org,2002:null", "tag:yaml.org,2002:bool"}


class _AsWrittenLoader(yaml.SafeLoader):
    """SafeLoader that leaves ints, floats and timestamps as the strings written."""


_AsWrittenLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag in _KEPT_TAGS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _check_keys(node: yaml.Node, path: str, first_line: int, error: type[KitError]) -> None:
    """Raise on a key that appears twice in one mapping, anywhere in the document."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key, value in node.value:
            line = key.start_mark.line + first_line
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    raise error(
                        f"the key {key.value!r} appears twice (first on line {seen[key.value]})",
                        path=path,
                        line=line,
                        field=key.value,
                        fix="keep one of the two lines; YAML would silently use only the last",
                    )
                seen[key.value] = line
            _check_keys(value, path, first_line, error)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_keys(item, path, first_line, error)


def load_document(
    text: str, *, path: str, first_line: int = 1, error: type[KitError] = KitError
) -> tuple[Any, yaml.Node | None]:
    """Parse one YAML document safely; return ``(data, root_node)``.

    ``first_line`` is the file line on which ``text`` starts, so messages give file lines.
    """
    loader = _AsWrittenLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        _check_keys(node, path, first_line, error)
        return loader.construct_document(node), node
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
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        raise error(
            f"YAML could not be read: {exc}",
            path=path,
            fix="remove control characters from the header",
        ) from None
    finally:
        loader.dispose()


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
