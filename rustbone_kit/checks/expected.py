"""Expected answers as data: a fixed vocabulary of computations on the readings, by name.

A question in ``questions.yaml`` holds no Python. Where its answer is computed from the
readings (a count, a set of readings, a table, the sentences a quotation may come from), it
writes a *computation*: a small mapping that :func:`compile_expected` checks and turns into a
:class:`Computed`, a function of the corpus. A computation names a table of :data:`TABLES`
(a kit function of the corpus), its ``args``, a pandas ``query`` on its rows (engine
``python``, so ``text.str.contains('Marine')`` works), and one operation of
:data:`OPERATIONS`:

- no operation: the rows, a table (``{table: scene_coverage, query: "sentences > 0"}``);
- ``column: NAME`` the column's values, ``unique: NAME`` its distinct values, ``value: NAME``
  its value in the one row selected, ``sum: NAME`` its total;
- ``count: COMPUTATION`` the rows of a table, or the items of a list, another computes;
  ``union: [COMPUTATION, ...]`` the distinct items of the lists several compute;
- ``silent: SCENE`` the readings that say nothing about a scene, ``discussing: SCENE`` those
  that say something.

>>> from rustbone_kit import load_corpus
>>> corpus = load_corpus()
>>> compile_expected({"count": {"silent": "ice"}})(corpus)
4
>>> compile_expected({"unique": "reading", "table": "concordance", "args": {"term": "trag*"}})
Computed(unique 'reading' of concordance(term='trag*'))
>>> compile_expected({"cont": {"silent": "ice"}})
Traceback (most recent call last):
rustbone_kit.errors.ArgumentError: field 'cont': unknown computation field 'cont'; ...
"""

from __future__ import annotations

import ast
import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import yaml

from ..adaptation import load_adaptation
from ..annotations import annotation_table
from ..catalogue import catalogue_for
from ..claims import load_claims, slips
from ..corpus import Corpus
from ..course import course_folder
from ..errors import ArgumentError, KitError, closest
from ..judgement import hedge_shares, ratings, sentence_tone, stance
from ..measures import passage_table
from ..scenes import scene_coverage, scene_labels, scene_passages
from ..text import count_words, span_id_at
from ..themes import theme_hits, theme_table
from ..validate import Record, key_lines
from ..words import concordance, distinctive_words

__all__ = ["OPERATIONS", "TABLES", "Computed", "ExpectedError", "as_parameter", "compile_expected"]


class ExpectedError(KitError, ValueError):
    """A question's expected value that cannot be computed on these readings."""


# --- the tables -------------------------------------------------------------------------------


def _sentences(corpus: Corpus, *, readings: list[str] | None = None) -> pd.DataFrame:
    rows = []
    for rid in readings if readings is not None else corpus.ids:
        reading = corpus[rid]
        starts = [p.start for p in reading.passages]
        for s in reading.sentences:
            passage = span_id_at(reading.passages, starts, s.start)
            rows.append((rid, passage, s.id, s.start, s.end, count_words(s.text), s.text))
    columns = ["reading", "passage", "sentence", "start", "end", "words", "text"]
    return pd.DataFrame(rows, columns=columns)


def _scene_passages(corpus: Corpus, *, scene: str, annotator: str = "reference") -> pd.DataFrame:
    return scene_passages(corpus, scene, annotator=annotator).to_frame()


def _hedge_shares(corpus: Corpus, *, readings: list[str] | None = None) -> pd.DataFrame:
    return hedge_shares(sentence_tone(corpus, readings=readings))


#: The tables a computation may name: name -> (function of the corpus, what it holds).
TABLES: dict[str, tuple[Callable[..., pd.DataFrame], str]] = {
    "readings": (lambda corpus: corpus.to_frame().reset_index(), "a row a reading: id, header..."),
    "sentences": (_sentences, "one row per sentence: reading, passage, sentence, words, text"),
    "passage_table": (passage_table, "one row per passage (rk.passage_table)"),
    "scenes": (
        lambda corpus: catalogue_for(corpus).to_frame(),
        "the scene catalogue: order, id...",
    ),
    "scene_labels": (scene_labels, "sentence labels: reading, sentence, scene"),
    "scene_coverage": (scene_coverage, "reading x scene: sentences and words on each"),
    "scene_passages": (_scene_passages, "args scene: the passages on it (reading, text...)"),
    "theme_hits": (theme_hits, "one row per theme hit, with its sentence (args themes)"),
    "theme_table": (theme_table, "hits and rate per reading (args by, per) and theme"),
    "concordance": (concordance, "keyword in context of args term (readings, scene)"),
    "distinctive_words": (distinctive_words, "args reading_id: its most distinctive words"),
    "sentence_tone": (sentence_tone, "per sentence: compound, tone, hedges (args readings)"),
    "hedge_shares": (_hedge_shares, "per reading: sentences, hedged, share"),
    "stance": (stance, "reading x character tone (with_sentences: true, per sentence)"),
    "ratings": (ratings, "each reading's rating, parsed"),
    "slips": (slips, "the factual slips the annotation flags: reading, text, note..."),
    "load_claims": (
        lambda corpus: load_claims(course_folder(corpus, "claims.yaml")),
        "claims.yaml beside the readings: id, claim, verdict, fact",
    ),
    "adaptation_changes": (
        lambda corpus: load_adaptation(course_folder(corpus, "adaptation.yaml")).changes,
        "adaptation.yaml's changes: id, kind...",
    ),
    "annotation_table": (annotation_table, "one row per annotation of the reference file"),
}

#: The operations: name -> what it gives. A computation without one gives the rows.
OPERATIONS = {
    "count": "how many rows (or items) the nested computation gives",
    "union": "the distinct items of the lists several computations give, in first-seen order",
    "column": "the values of one column of the rows, in order",
    "unique": "the distinct values of one column, in first-seen order",
    "value": "the value of one column in the one row selected",
    "sum": "the total of one column",
    "silent": "the readings that say nothing about a scene",
    "discussing": "the readings with at least one passage on a scene",
}
_ON_SCENE = ("silent", "discussing")
_SELECTION = ("table", "args", "query")


# --- values as written ------------------------------------------------------------------------

_WHOLE, _REAL = re.compile(r"-?[0-9]+"), re.compile(r"-?[0-9]*\.?[0-9]+(?:[eE]-?[0-9]+)?")
_LISTS = {"tuple", "list", "Iterable", "Sequence", "set", "frozenset"}
_WANTED = (  # what a parameter takes, in words, by the names in its annotation
    ({"int"}, "a whole number"),
    ({"float"}, "a number"),
    ({"str", "Literal"}, "text"),
    ({"bool"}, "true or false"),
    (_LISTS, "a list"),
    ({"Mapping", "dict"}, "a mapping"),
    ({"Callable"}, "a computation"),
)


def _tokens(annotation: Any) -> set[str]:
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")
    return set(re.findall(r"[A-Za-z_]+", text or str(annotation)))


def as_parameter(value: Any, annotation: Any) -> Any:
    """A value as YAML gave it (text, true/false, null, a list, a mapping; numbers stay the
    text written) as the parameter annotated ``annotation`` takes it; else a ``TypeError``
    saying what the parameter takes.

    >>> as_parameter("8", "int"), as_parameter("0.5", "float"), as_parameter(["a"], "tuple")
    (8, 0.5, ('a',))
    """
    tokens = _tokens(annotation)
    if value is None and ("None" in tokens or not tokens):
        return None
    if isinstance(value, bool):
        if "bool" in tokens or not tokens:
            return value
    elif isinstance(value, str):
        if "int" in tokens and _WHOLE.fullmatch(value.strip()):
            return int(value)
        if "float" in tokens and _REAL.fullmatch(value.strip()):
            return float(value)
        if tokens & {"str", "Literal", "Any"} or not tokens:
            return value
    elif isinstance(value, list):
        if "tuple" in tokens:
            return tuple(value)
        if tokens & _LISTS or not tokens:
            return list(value)
    elif isinstance(value, dict) and (tokens & {"Mapping", "dict", "Any"} or not tokens):
        return dict(value)
    wanted = [what for names, what in _WANTED if tokens & names]
    raise TypeError(" or ".join(wanted) or "something else")


# --- computations -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Computed:
    """A checked computation: call it with a corpus. A failure raises :class:`ExpectedError`."""

    operation: str  # "rows" or one of OPERATIONS
    on: Any = None  # the column, the scene, or (count) the nested Computed
    table: str | None = None
    args: tuple[tuple[str, Any], ...] = ()
    query: str | None = None

    def __repr__(self) -> str:
        return f"Computed({self})"

    def __str__(self) -> str:
        if self.operation in _ON_SCENE:
            return f"{self.operation} {self.on!r}"
        if self.operation == "count":
            return f"count of {self.on}"
        if self.operation == "union":
            return "union of " + " and ".join(map(str, self.on))
        args = ", ".join(f"{k}={v!r}" for k, v in self.args)
        rows = f"{self.table}({args})" + (f" where {self.query}" if self.query else "")
        return rows if self.operation == "rows" else f"{self.operation} {self.on!r} of {rows}"

    def __call__(self, corpus: Corpus) -> Any:
        try:
            return self._evaluate(corpus)
        except ExpectedError:
            raise
        except Exception as error:  # a kit error, or pandas refusing the query on these rows
            problem = error.problem if isinstance(error, KitError) else f"{error}"[:200]
            raise ExpectedError(
                f"{self} cannot be computed ({problem})",
                fix="check the question's computation against the readings' tables",
            ) from error

    def _rows(self, corpus: Corpus) -> pd.DataFrame:
        frame = TABLES[self.table][0](corpus, **dict(self.args))
        return frame.query(self.query, engine="python") if self.query else frame

    def _evaluate(self, corpus: Corpus) -> Any:
        if self.operation == "count":
            return len(self.on(corpus))
        if self.operation == "union":
            return list(dict.fromkeys(item for part in self.on for item in part(corpus)))
        if self.operation in _ON_SCENE:
            found = scene_passages(corpus, self.on)
            return list(found.silent if self.operation == "silent" else found.passages)
        frame = self._rows(corpus)
        if self.operation == "rows":
            return frame
        if self.on not in frame.columns:
            near = closest(self.on, list(frame.columns))
            raise ExpectedError(
                f"the table {self.table} has no column {self.on!r}"
                + (f"; did you mean {near!r}?" if near else ""),
                fix=f"use one of its columns: {', '.join(map(str, frame.columns))}",
            )
        values = frame[self.on]
        if self.operation == "column":
            return values.tolist()
        if self.operation == "unique":
            return list(dict.fromkeys(values.tolist()))
        if self.operation == "sum":
            total = values.sum()
            return total.item() if hasattr(total, "item") else total
        if len(values) != 1:
            raise ExpectedError(
                f"{self} selects {len(values)} rows, not one",
                fix="narrow the query to one row, or use 'column' for several values",
            )
        one = values.iloc[0]
        return one.item() if hasattr(one, "item") else one


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v
    return None


def _record(spec: Any, node: yaml.Node | None, path: Any, line: Any, error: type) -> Record:
    at = node.start_mark.line + 1 if node is not None else line
    lines = key_lines(node) if node is not None else {}
    return Record(spec, what="computation", path=path, line=at, lines=lines, error=error)


def _parameters(table: str) -> dict[str, inspect.Parameter]:
    """The parameters of a table's function that YAML can give (text, numbers, lists)."""
    params = list(inspect.signature(TABLES[table][0]).parameters.values())[1:]
    plain = {"str", "int", "float", "bool", "Literal", *_LISTS}
    return {p.name: p for p in params if _tokens(p.annotation) & plain}


def _args(rec: Record, table: str, node: yaml.Node | None) -> tuple[tuple[str, Any], ...]:
    given = rec.item.get("args") or {}
    if not isinstance(given, dict):
        rec.fail("'args' must be a mapping", "args", "write args: {name: value, ...}")
    allowed = _parameters(table)
    inner = _record(given, _child(node, "args"), rec.path, rec.lines.get("args"), rec.error)
    for name in given:
        if name not in allowed:
            near = closest(name, list(allowed))
            inner.fail(
                f"the table {table} takes no argument {name!r}"
                + (f"; did you mean {near!r}?" if near else ""),
                str(name),
                f"its arguments: {', '.join(allowed) or 'none'}",
            )
    out = []
    for name, param in allowed.items():
        if name not in given:
            if param.default is inspect.Parameter.empty:
                rec.fail(f"the table {table} needs the argument {name!r}", "args", f"add {name}")
            continue
        try:
            out.append((name, as_parameter(given[name], param.annotation)))
        except TypeError as what:
            inner.fail(f"argument {name!r} must be {what}", name, f"write {name}: ...")
    return tuple(out)


def _query(rec: Record) -> str | None:
    query = rec.text("query")
    if query is None:
        return None
    if "@" in query or "__" in query:
        rec.fail("a query names the table's columns only", "query", "remove '@' and '__'")
    try:
        ast.parse(query, mode="eval")
    except SyntaxError as error:
        rec.fail(
            f"the query is not an expression ({error.msg})",
            "query",
            "write a pandas query, e.g. \"reading == 'marchant' and sentences > 0\"",
        )
    return query


def compile_expected(
    spec: Any,
    *,
    path: Any = None,
    line: int | None = None,
    node: yaml.Node | None = None,
    error: type[KitError] = ArgumentError,
) -> Computed:
    """Check a computation (a mapping, as YAML gives it) and return it as a :class:`Computed`.

    ``node`` is its YAML node, for the line of each field; a problem raises ``error`` (the
    loader's) naming the file, line and field, with "did you mean" for an unknown
    operation, table or argument.
    """
    rec = _record(spec, node, path, line, error)
    rec.fields(
        {**dict.fromkeys(OPERATIONS, False), **dict.fromkeys(_SELECTION, False)},
        example="write it as {count: {silent: ice}} or {table: scene_coverage, query: ...}",
    )
    ops = [k for k in spec if k in OPERATIONS]
    if len(ops) > 1:
        rec.fail(
            f"a computation has one operation, not {' and '.join(ops)}",
            ops[1],
            "nest them: {count: {silent: ice}}",
        )
    op = ops[0] if ops else "rows"
    if op in ("count", "union", *_ON_SCENE):
        extra = [k for k in spec if k in _SELECTION]
        if extra:
            rec.fail(
                f"{op!r} takes no {extra[0]!r} beside it",
                extra[0],
                f"put the table inside: {{{op}: ...}}"
                if op in ("count", "union")
                else f"write {{{op}: SCENE}} alone",
            )
    if op == "count":
        inner = spec["count"]
        if not isinstance(inner, dict):
            rec.fail("'count' counts a computation", "count", "write {count: {silent: ice}}")
        lines = rec.lines.get("count")
        nested = compile_expected(
            inner, path=path, line=lines, node=_child(node, "count"), error=error
        )
        return Computed("count", nested)
    if op == "union":
        parts, nodes = spec["union"], _child(node, "union")
        if not isinstance(parts, list) or len(parts) < 2:
            rec.fail("'union' joins a list of computations", "union", "write union: [{...}, {...}]")
        return Computed(
            "union",
            tuple(
                compile_expected(
                    part,
                    path=path,
                    line=rec.lines.get("union"),
                    node=nodes.value[i] if isinstance(nodes, yaml.SequenceNode) else None,
                    error=error,
                )
                for i, part in enumerate(parts)
            ),
        )
    if op in _ON_SCENE:
        return Computed(op, rec.text(op))
    if "table" not in spec:
        rec.fail("the computation names no table", None, "add table: NAME (see the file header)")
    table = rec.choice("table", list(TABLES))
    column = rec.text(op) if op != "rows" else None
    return Computed(op, column, table, _args(rec, table, node), _query(rec))
