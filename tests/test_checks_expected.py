"""Expected values as data: each computation on the bundled readings and on a small folder,
the question bank (questions.yaml) read through Record, and its located errors."""

from __future__ import annotations

import textwrap

import pandas as pd
import pytest
from helpers import folder

import rustbone_kit as rk
from rustbone_kit.catalogue import CatalogueError, catalogue_for
from rustbone_kit.checks.bank import load_questions
from rustbone_kit.checks.expected import (
    OPERATIONS,
    TABLES,
    Computed,
    ExpectedError,
    as_parameter,
    compile_expected,
)
from rustbone_kit.checks.registry import check, question, questions
from rustbone_kit.errors import ArgumentError, UnknownIdError
from rustbone_kit.judgement import sentence_tone
from rustbone_kit.scenes import scene_coverage, scene_labels
from rustbone_kit.words import concordance


@pytest.fixture(scope="module")
def corpus():
    return rk.load_corpus()


def run(spec, corpus):
    return compile_expected(spec)(corpus)


# --- each operation, on the bundled readings --------------------------------------------------


def test_rows_are_the_table_the_query_keeps(corpus):
    query = "reading == 'unsigned-review' and sentences > 0"
    rows = run({"table": "scene_coverage", "query": query}, corpus)
    assert rows.equals(scene_coverage(corpus).query(query))
    assert run({"table": "scenes"}, corpus).equals(catalogue_for(corpus).to_frame())


def test_column_unique_value_and_sum(corpus):
    within = run({"column": "sentence", "table": "sentence_tone", "query": "compound < 0"}, corpus)
    assert within == sentence_tone(corpus).query("compound < 0").sentence.tolist()
    spec = {"unique": "reading", "table": "concordance", "args": {"term": "trag*"}}
    assert run(spec, corpus) == list(dict.fromkeys(concordance(corpus, "trag*").reading))
    title = run({"value": "author", "table": "readings", "query": "id == 'bowditch'"}, corpus)
    assert title == "Carol Bowditch"
    total = run({"sum": "sentences", "table": "readings"}, corpus)
    assert total == sum(len(r.sentences) for r in corpus) and type(total) is int


def test_count_silent_discussing_and_union(corpus):
    assert run({"silent": "ice"}, corpus) == list(corpus.scene("ice").silent)
    assert run({"discussing": "ice"}, corpus) == list(corpus.scene("ice").passages)
    assert run({"count": {"silent": "ice"}}, corpus) == len(corpus.scene("ice").silent) == 4
    hedged = {"table": "sentence_tone", "args": {"readings": ["marchant"]}, "query": "hedges != ''"}
    want = int((sentence_tone(corpus, readings=["marchant"]).hedges != "").sum())
    assert run({"count": hedged}, corpus) == want
    both = run({"union": [{"silent": "ice"}, {"discussing": "ice"}]}, corpus)
    assert sorted(both) == sorted(corpus.ids)
    python_query = {
        "unique": "reading",
        "table": "slips",
        "query": 'text.str.contains("\\\\bMarine\\\\w+") and not text.str.contains("Marineland")',
    }
    assert run(python_query, corpus) == ["bowditch"]  # str.contains: the python engine


def test_every_table_is_a_table_of_the_bundled_readings(corpus):
    needs = {"scene_passages": {"scene": "ice"}, "concordance": {"term": "sea"}}
    needs["distinctive_words"] = {"reading_id": "bowditch", "top": "5"}  # numbers as written
    for name in TABLES:
        frame = run({"table": name, "args": needs.get(name, {})}, corpus)
        assert isinstance(frame, pd.DataFrame) and len(frame), name
    assert len(run({"table": "distinctive_words", "args": needs["distinctive_words"]}, corpus)) == 5
    assert set(OPERATIONS) >= {"count", "column", "unique", "value", "sum", "silent", "union"}


def test_a_computation_that_fails_on_these_readings_says_so(corpus):
    with pytest.raises(ExpectedError, match=r"unknown scene id 'icee'; did you mean 'ice'\?"):
        run({"silent": "icee"}, corpus)
    with pytest.raises(ExpectedError, match=r"selects 0 rows, not one"):
        run({"value": "sentences", "table": "readings", "query": "id == 'my-reading'"}, corpus)
    with pytest.raises(ExpectedError, match=r"no column 'reeding'; did you mean 'reading'\?"):
        run({"column": "reeding", "table": "slips"}, corpus)
    assert repr(compile_expected({"count": {"silent": "ice"}})) == "Computed(count of silent 'ice')"


def test_as_parameter_reads_values_as_the_parameter_takes_them():
    assert as_parameter("8", "int") == 8 and as_parameter("0.5", "float | None") == 0.5
    assert (
        as_parameter(["a", "b"], "tuple[str, ...]") == ("a", "b")
        and as_parameter(None, "str | None") is None
    )
    assert as_parameter({"y": "reading"}, "Mapping[str, str]") == {"y": "reading"}
    with pytest.raises(TypeError, match="a whole number"):
        as_parameter("many", "int")


# --- each operation, on a small folder made in tmp_path --------------------------------------

QUESTIONS = """\
questions:
  - id: "01.1"
    lesson: 01_demo
    prompt: How many sentences does the demo have?
    kind: number
    expected: {value: sentences, table: readings, query: "id == 'demo'"}
    points: 2
    hint: Count them.
  - id: "01.2"
    lesson: 01_demo
    prompt: Who says nothing about the club?
    kind: readings
    expected: {silent: club}
"""


def test_operations_on_a_small_folder(tmp_path):
    small = rk.load_corpus(folder(tmp_path))
    assert run({"discussing": "club"}, small) == ["demo"] and run({"silent": "ice"}, small) == []
    assert run({"unique": "scene", "table": "scene_labels"}, small) == ["club", "ice"]
    assert run({"sum": "sentences", "table": "scene_coverage"}, small) == 2
    assert run({"count": {"table": "sentences"}}, small) == len(small["demo"].sentences)
    assert run({"value": "title", "table": "readings"}, small) == "Demo"
    assert run({"table": "scenes"}, small).id.tolist() == ["club", "ice"]
    assert run({"column": "scene", "table": "scene_labels"}, small) == list(
        scene_labels(small).scene
    )


def test_the_questions_of_a_corpus_come_from_its_own_folder(tmp_path):
    (folder(tmp_path) / "questions.yaml").write_text(QUESTIONS)
    small = rk.load_corpus(tmp_path)
    assert list(questions(small)) == ["01.1", "01.2"] and question("01.1", small).points == 2
    assert check("01.1", len(small["demo"].sentences), corpus=small).passed
    assert check("01.2", ["demo"], corpus=small).status == "not yet"
    with pytest.raises(UnknownIdError, match=r"Known: 01\.1, 01\.2"):
        question("02.1", small)
    assert len(questions()) == 53  # the bundled corpus keeps the bundled questions
    (tmp_path / "questions.yaml").write_text(QUESTIONS.replace("kind: number", "kind: numbr"))
    broken = check("01.1", 3, corpus=small)  # read again: the file changed
    assert broken.status == "not yet" and "questions.yaml, line 5, field 'kind'" in broken.message


# --- bad entries: located errors ------------------------------------------------------------

GOOD = """\
  - id: "01.1"
    lesson: 01_demo
    prompt: A question.
    kind: number
    expected: {count: {silent: ice}}
"""
BAD = {  # entry -> (line, field, what the error says)
    "kind: numbr": (4, "kind", "kind 'numbr' is not one of number, choice"),
    "prompt: A question.\n    hnit: x": (4, "hnit", "did you mean 'hint'?"),
    "{count: {silent: ice}}": (5, "cont", "did you mean 'count'?"),
    "{count: {table: scene_coverag}}": (5, "table", "did you mean 'scene_coverage'?"),
    "{count: {table: sentence_tone, args: {redings: [a]}}}": (5, "redings", "'readings'?"),
    "{count: {table: concordance}}": (5, "args", "needs the argument 'term'"),
    "{count: {table: slips, query: 'reading =='}}": (5, "query", "not an expression"),
    "{count: {table: slips, query: '@x > 1'}}": (5, "query", "names the table's columns only"),
    "{count: {silent: ice}, column: x}": (5, "column", "one operation, not count and column"),
    "{union: [{silent: ice}]}": (5, "union", "joins a list of computations"),
    "lesson: 01_demo": (2, "lesson", "is not the exercise of question 02.1"),
    'id: "01.1"': (1, "id", "'1.1' is not a question id"),
}


def _entry(change: str) -> str:
    if change == "{count: {silent: ice}}":
        return GOOD.replace("{count: {silent: ice}}", "{cont: {silent: ice}}")
    if change.startswith("{"):
        return GOOD.replace("{count: {silent: ice}}", change)
    if change == "lesson: 01_demo":
        return GOOD.replace('"01.1"', '"02.1"')
    if change == 'id: "01.1"':
        return GOOD.replace('"01.1"', '"1.1"')
    if change == "kind: numbr":
        return GOOD.replace("kind: number", change)
    return GOOD.replace("prompt: A question.", change)


@pytest.mark.parametrize("change", BAD)
def test_a_bad_entry_names_the_file_line_and_field(tmp_path, change):
    (tmp_path / "questions.yaml").write_text("questions:\n" + _entry(change))
    with pytest.raises(CatalogueError) as info:
        load_questions(tmp_path)
    line, field, says = BAD[change]
    error = info.value
    assert error.path.endswith("questions.yaml") and says in error.problem, error
    assert (error.line, error.field) == (line + 1, field), error


def test_ids_twice_types_missing_fields_and_whole_file_problems(tmp_path):
    path = tmp_path / "questions.yaml"
    path.write_text("questions:\n" + GOOD + GOOD)
    with pytest.raises(CatalogueError, match=r"'01\.1' is used twice \(first on line 2\)"):
        load_questions(tmp_path)
    evidence = GOOD.replace("kind: number", "kind: evidence\n    min_words: many")
    path.write_text("questions:\n" + evidence.replace("    expected: {count: {silent: ice}}\n", ""))
    with pytest.raises(
        CatalogueError, match="'min_words' of a question of kind evidence must be a whole number"
    ):
        load_questions(tmp_path)
    path.write_text("questions:\n" + GOOD.replace("    expected: {count: {silent: ice}}\n", ""))
    with pytest.raises(CatalogueError, match="has no 'expected'"):
        load_questions(tmp_path)
    path.write_text("questions:\n  - just text\n")
    with pytest.raises(CatalogueError, match="must be a mapping"):
        load_questions(tmp_path)
    path.write_text("question:\n" + GOOD)
    with pytest.raises(CatalogueError, match="top-level 'questions:' list"):
        load_questions(tmp_path)
    path.write_text("questions:\n  - id: [\n")
    with pytest.raises(CatalogueError, match="YAML syntax error") as info:
        load_questions(tmp_path)
    assert info.value.line is not None
    with pytest.raises(ArgumentError, match="did you mean 'silent'"):
        compile_expected({"silnt": "ice"})


def test_a_lenient_load_keeps_the_good_entries_and_lists_the_others(tmp_path):
    bad = GOOD.replace('"01.1"', '"01.2"').replace("kind: number", "kind: numbr")
    third = GOOD.replace('"01.1"', '"01.3"').replace("silent: ice", "silnt: ice")
    (tmp_path / "questions.yaml").write_text("questions:\n" + GOOD + bad + third)
    bank = load_questions(tmp_path, strict=False)
    assert list(bank) == ["01.1"] and len(bank.problems) == 2
    assert [p.line for p in bank.problems] == [10, 16]  # the kind; the computation's field
    assert isinstance(bank["01.1"].answer.expected, Computed)
    with pytest.raises(CatalogueError) as info:
        load_questions(tmp_path)
    assert "1 more problem(s)" in "".join(getattr(info.value, "__notes__", []))


def test_the_bundled_file_documents_every_table_and_operation():
    header = (rk.folders.bundled_readings_path() / "questions.yaml").read_text()
    header = header.split("\nquestions:")[0]
    for name in [*TABLES, *OPERATIONS]:
        assert f"#   {name}" in header or f"{name}: " in header, name
    assert textwrap.dedent(header).count("\n") < 120
