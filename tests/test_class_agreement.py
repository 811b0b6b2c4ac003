"""class_agreement: Krippendorff's alpha of a folder of annotators, checked against the
``krippendorff`` package on hand-made cases; kappa against the reference; bad files reported
per file; the bundled class sample."""

from __future__ import annotations

import math
import re
import textwrap

import krippendorff
import numpy as np
import pytest
from helpers import folder

import rustbone_kit as rk
from rustbone_kit.class_agreement import ClassAgreement, class_agreement, nominal_alpha

OTHER = textwrap.dedent(
    """\
    ---
    id: other
    title: Other
    kind: review
    ---
    Ali fights in a car park. Sam falls through the ice.
    The film is long. It is cold.
    """
)
# demo has six sentences (helpers.READING): s1 the club, s3 the ice; other has four.
DEMO = [
    "Ali works as a bouncer at a club.",
    "The boy sleeps.",
    "Sam falls through the ice of a frozen lake.",
    "Leave a Reply",
    "Rust and Bone is a film.",
    "Rust and Bone is long.",
]
OTHERS = [
    "Ali fights in a car park.",
    "Sam falls through the ice.",
    "The film is long.",
    "It is cold.",
]
QUOTES = {"demo": DEMO, "other": OTHERS}


def annotator_file(name: str, covers: list[str], tags: dict[tuple[str, int], list[str]]) -> str:
    """An annotator's file: ``tags`` maps (reading, sentence number) to scene ids."""
    lines = [f"annotator: {name}", f"covers: [{', '.join(covers)}]", "annotations:"]
    if not tags:
        lines[-1] += " []"
    for (reading, number), scenes in tags.items():
        quote = QUOTES[reading][number - 1]
        lines.append(f"  - {{reading: {reading}, quote: '{quote}', scenes: [{', '.join(scenes)}]}}")
    return "\n".join(lines) + "\n"


@pytest.fixture
def course(tmp_path):
    """A readings folder (demo and other), its reference set, and an empty class folder."""
    root = tmp_path / "readings"
    root.mkdir()
    folder(root)
    (root / "other.md").write_text(OTHER)
    (root / "annotations").mkdir()
    (root / "annotations" / "reference.yaml").write_text(
        annotator_file(
            "reference", ["demo", "other"], {("demo", 1): ["club"], ("demo", 3): ["ice"]}
        )
    )
    (tmp_path / "class").mkdir()
    return rk.load_corpus(root), tmp_path / "class"


def write(folder_, name, covers, tags, *, file=None):
    (folder_ / (file or f"{name}.yaml")).write_text(annotator_file(name, covers, tags))


def package_alpha(rows):
    return krippendorff.alpha(
        reliability_data=np.array(rows, dtype=float),
        level_of_measurement="nominal",
        value_domain=[0.0, 1.0],
    )


N = math.nan


# --- known values, checked against the krippendorff package -----------------------------------


def test_perfect_agreement_is_alpha_one(course):
    corpus, out = course
    for name in ("ana", "ben", "chloe"):
        write(out, name, ["demo"], {("demo", 1): ["club"], ("demo", 3): ["ice"]})
    result = class_agreement(corpus, out)
    assert result.alpha == 1.0 and result.annotators == 3 and result.sentences == 6
    rows = [[1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]] * 3  # club s1..s6, then ice s1..s6
    assert package_alpha(rows) == 1.0
    scenes = result.by_scene.set_index("scene")
    assert scenes.alpha.to_dict() == {"club": 1.0, "ice": 1.0}
    assert result.splits.split.eq(0).all() and len(result.splits) == 2
    assert result.by_student.kappa.eq(1.0).all()  # each one agrees with the reference


def test_chance_level_agreement_is_alpha_about_zero(course):
    corpus, out = course
    # one yes that nobody else gives: alpha is exactly 0 (observed = expected disagreement)
    write(out, "ana", ["demo"], {("demo", 2): ["club"]})
    write(out, "ben", ["demo"], {})
    assert (
        class_agreement(corpus, out).alpha
        == 0.0
        == round(package_alpha([[0, 1, 0, 0, 0, 0], [0] * 6]), 3)
    )
    # two readers tagging about half the sentences each, overlapping as chance would: about 0
    both = ["demo", "other"]
    write(out, "ana", both, {("demo", n): ["club"] for n in (1, 2, 3, 4, 5)})
    picks = [("demo", 1), ("demo", 2), ("other", 1), ("other", 2)]
    write(out, "ben", both, {key: ["club"] for key in picks})
    result = class_agreement(corpus, out)
    expected = package_alpha([[1, 1, 1, 1, 1, 0, 0, 0, 0, 0], [1, 1, 0, 0, 0, 0, 1, 1, 0, 0]])
    assert result.alpha == pytest.approx(expected, abs=5e-4) and abs(result.alpha) < 0.05
    assert result.alpha == pytest.approx(1 - 0.5 / (2 * 9 * 11 / (20 * 19)), abs=5e-4)  # by hand


def test_not_read_is_missing_not_no(course):
    corpus, out = course
    write(out, "ana", ["demo", "other"], {("demo", 3): ["ice"], ("other", 2): ["ice"]})
    write(out, "ben", ["demo", "other"], {("demo", 3): ["ice"], ("other", 1): ["ice"]})
    write(out, "chloe", ["demo"], {("demo", 3): ["ice"], ("other", 2): ["ice"]})  # other unread
    result = class_agreement(corpus, out)
    demo = [0, 0, 1, 0, 0, 0]
    rows = [[*demo, 0, 1, 0, 0], [*demo, 1, 0, 0, 0], [*demo, N, N, N, N]]
    assert result.alpha == pytest.approx(package_alpha(rows), abs=5e-4)
    as_no = package_alpha([[*demo, 0, 1, 0, 0], [*demo, 1, 0, 0, 0], [*demo, 0, 0, 0, 0]])
    assert not math.isclose(result.alpha, as_no, abs_tol=1e-3)  # "not read" counted as "no"
    assert result.readings == ("demo", "other") and result.sentences == 10
    split = result.splits.set_index(["sentence", "scene"]).loc[("other:s2", "ice")]
    assert (split.yes, split.no, split.missing, split.split) == (1, 1, 1, 0.5)
    students = result.by_student.set_index("annotator")
    assert students.loc["chloe", ["readings", "sentences"]].tolist() == ["demo", 6]
    (note,) = result.problems.itertuples()
    assert note.file == "chloe.yaml" and note.counted and "other" in note.problem


def test_nominal_alpha_is_the_packages_and_nan_where_it_says_nothing():
    rows = [[1, 0, N, 1, 0], [1, 1, 0, N, 0], [N, 1, 0, 1, 1]]
    assert nominal_alpha(rows) == round(package_alpha(rows), 3)
    assert math.isnan(nominal_alpha([[0, 0, 0], [0, 0, 0]]))  # one value: nothing to say
    assert math.isnan(nominal_alpha([[1, N], [N, 0]]))  # no unit with two answers
    assert math.isnan(nominal_alpha(np.empty((0, 0))))


def test_the_tables_and_the_repr(course):
    corpus, out = course
    write(out, "ana", ["demo"], {("demo", 1): ["club"], ("demo", 3): ["ice"]})
    write(out, "ben", ["demo"], {("demo", 1): ["club", "ice"]})
    result = class_agreement(corpus, out)
    assert isinstance(result, ClassAgreement)
    assert result.by_scene.columns.tolist() == [
        "scene",
        "title",
        "alpha",
        "annotators",
        "sentences",
        "yes",
        "used_by",
    ]
    assert result.by_student.columns.tolist() == [
        "annotator",
        "file",
        "readings",
        "sentences",
        "tagged",
        "kappa",
        "compared",
    ]
    first = result.splits.iloc[0]
    assert (first.sentence, first.scene, first.yes, first.no) in {
        ("demo:s1", "ice", 1, 1),
        ("demo:s3", "ice", 1, 1),
    }
    assert result.splits.split.is_monotonic_decreasing
    assert result.splits.text.iloc[0] in DEMO
    text = repr(result)
    assert text.startswith("Class agreement: 2 annotators, 6 sentences (readings: demo).")
    assert re.search(r"Krippendorff's alpha \(nominal\): -?\d\.\d\d, over the 2 scenes", text)
    assert "Tables: .by_scene, .by_student, .splits, .problems (0 problems" in text


# --- bad files: reported per file, never stopping the table -------------------------------


def test_bad_files_are_reported_per_file_and_the_table_still_comes(course):
    corpus, out = course
    write(out, "ana", ["demo"], {("demo", 1): ["club"]})
    write(out, "ben", ["demo"], {("demo", 1): ["club"], ("demo", 3): ["ice"]})
    (out / "ana-again.yaml").write_text(annotator_file("ana", ["demo"], {("demo", 3): ["ice"]}))
    nameless = (out / "ben.yaml").read_bytes().replace(b"annotator: ben\n", b"")
    (out / "x1.yaml").write_bytes(nameless)  # no annotator: the file's name says whose it is
    (out / "x2.yaml").write_bytes(nameless)  # the same file copied under another name
    (out / "elsewhere.yaml").write_text(
        "annotator: eve\ncovers: [demo]\nannotations:\n"
        "  - {reading: bowditch, quote: 'x', scenes: [club]}\n"
    )
    (out / "misquoted.yaml").write_text(
        "annotator: finn\ncovers: [demo]\nannotations:\n"
        "  - {reading: demo, quote: 'Ali works at a club.', scenes: [club]}\n"
    )
    (out / "empty.yaml").write_text("")
    (out / "broken.yaml").write_text("annotator: gus\nannotations: [\n")
    (out / "unread.yaml").write_text(
        "annotator: hal\nannotations:\n"
        "  - {reading: demo, quote: 'The boy sleeps.', scenes: [club]}\n"
    )
    (out / "notes.txt").write_text("not an annotation file")
    result = class_agreement(corpus, out)
    assert result.by_student.annotator.tolist() == ["ana", "ben", "x1"]
    problems = result.problems.set_index("file")
    assert not problems.counted.any()
    says = problems.problem.to_dict()
    assert "same annotator name as ana-again.yaml" in says["ana.yaml"]  # name order: a-again first
    assert "same content as x1.yaml" in says["x2.yaml"]
    assert "unknown reading id 'bowditch'" in says["elsewhere.yaml"]
    assert "is not in reading 'demo'" in says["misquoted.yaml"]
    assert (
        problems.loc["misquoted.yaml", "line"] == 4
        and "closest" in problems.loc["misquoted.yaml", "fix"]
    )
    assert "the file is empty" in says["empty.yaml"]
    assert "broken.yaml" in says and "covers no reading" in says["unread.yaml"]
    assert "notes.txt" not in says
    assert result.annotators == 3 and not math.isnan(result.alpha)


def test_no_files_and_no_reference_say_so(course, tmp_path):
    corpus, out = course
    result = class_agreement(corpus, out)
    assert math.isnan(result.alpha) and result.annotators == 0 and result.splits.empty
    assert "holds no annotation files" in result.problems.problem.iloc[0]
    write(out, "ana", ["demo"], {("demo", 1): ["club"]})
    write(out, "ben", ["demo"], {("demo", 1): ["club"]})
    alone = class_agreement(corpus, out, reference=None)
    assert (
        alone.by_student.kappa.isna().all() and "no reference set" in alone.problems.problem.iloc[0]
    )
    with pytest.raises(rk.ArgumentError, match="is not a folder"):
        class_agreement(corpus, tmp_path / "nowhere")


# --- the bundled class sample ----------------------------------------------------------------

SAMPLE = rk.bundled_readings_path() / "class-sample"


def test_the_class_sample_is_six_labelled_samples_that_load():
    files = sorted(SAMPLE.glob("*.yaml"))
    assert len(files) == 6
    corpus = rk.load_corpus()
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# SAMPLE written for rustbone-kit, not a real student's work.")
        assert not re.search(r"https?://|www\.|\.com\b|\.org\b", text)  # no addresses to cite
        found = rk.annotations.load_annotation_file(corpus, path)  # every quote resolves
        assert found.covers and found.annotations
    assert len(corpus) == 5  # the subfolder is not a reading


def test_the_class_sample_disagrees_realistically():
    result = rk.class_agreement(rk.load_corpus(), SAMPLE)
    assert result.annotators == 6 and result.readings == ("overview", "unsigned-review")
    assert 0.5 < result.alpha < 0.8
    scenes = result.by_scene.set_index("scene")
    assert scenes.loc["nightclub", "alpha"] > scenes.loc["hospital", "alpha"]
    assert result.splits.split.iloc[0] == 0.5
    assert result.by_student.kappa.between(0.6, 1.0).all()
    (note,) = result.problems.itertuples()  # farid began overview but did not finish it
    assert note.file == "farid.yaml" and note.counted
