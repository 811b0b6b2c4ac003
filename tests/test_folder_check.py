"""check_folder: the readings and every course file of a folder, each problem located."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rustbone_kit.folder_check import ABSENT, BORROWED, check_folder, has_problems
from rustbone_kit.folders import bundled_readings_path

ROOT = Path(__file__).resolve().parents[1]

#: file, the text replaced (its first occurrence), the broken text, what the error says.
BREAKS = [
    ("scenes.yaml", "    order: 1\n", "    order: first\n", "field 'order'"),
    ("themes.yaml", "  - id: body-injury\n", "  - id: body-injury\n    colour: red\n", "colour"),
    ("annotations/reference.yaml", 'quote: "', 'quote: "Words no critic wrote ', "quote"),
    ("adaptation.yaml", "    kind: kept\n", "    kind: kep\n", "field 'kind'"),
    ("claims.yaml", "    verdict: wrong\n", "    verdict: wrongish\n", "field 'verdict'"),
    ("questions.yaml", "    kind: number\n", "    kind: numbr\n", "field 'kind'"),
    ("course.yaml", "language: en\n", "language: English\n", "field 'language'"),
    ("course.yaml", "    scene: orca-accident", "    scene: orca-acident", "did you mean"),
]


def copy_of_bundled(tmp_path: Path) -> Path:
    folder = tmp_path / "course"
    shutil.copytree(bundled_readings_path(), folder)
    return folder


def break_file(folder: Path, name: str, old: str, new: str) -> int:
    """Break the first ``old`` of the file; return the line the broken text starts on."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    at = text.index(old)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    return text[:at].count("\n") + 1 + new[: len(new) - len(new.lstrip("\n"))].count("\n")


def test_the_bundled_folder_and_the_second_film_are_clean():
    for folder in (None, ROOT / "courses" / "salt-orchard"):
        findings = check_folder(folder)
        assert not has_problems(findings), [str(f) for f in findings if f.status == "problem"]
    salt = {f.file: f for f in check_folder(ROOT / "courses" / "salt-orchard")}
    assert salt["form.yaml"].status == "borrowed" and salt["form.yaml"].text == BORROWED
    assert salt["course.yaml"].status == "clean" and "The Salt Orchard" in salt["course.yaml"].text
    assert salt["questions.yaml"].status == "clean" and "questions" in salt["questions.yaml"].text
    assert salt["annotations/reference.yaml"].status == "clean"
    assert salt["readings"].loaded[0] == "benn-note"


@pytest.mark.parametrize(
    ("name", "old", "new", "says"), BREAKS, ids=[f"{b[0]}-{b[3]}" for b in BREAKS]
)
def test_a_broken_course_file_is_a_located_problem(tmp_path, name, old, new, says):
    folder = copy_of_bundled(tmp_path)
    line = break_file(folder, name, old, new)
    problems = [f for f in check_folder(folder) if f.status == "problem"]
    assert len(problems) == 1, [str(p) for p in problems]
    (problem,) = problems
    assert problem.file.startswith(name) and problem.part == "course"
    assert f"{folder / name}, line " in problem.text and says in problem.text
    reported = int(problem.text.split(", line ")[1].split(",")[0])
    assert abs(reported - line) <= 2  # the field's line, or its entry's


def test_a_catalogue_problem_skips_the_annotations_rather_than_repeating_it(tmp_path):
    folder = copy_of_bundled(tmp_path)
    (folder / "characters.yaml").unlink()
    found = {f.file: f for f in check_folder(folder)}
    assert found["scenes.yaml + characters.yaml"].status == "problem"
    assert "characters.yaml" in found["scenes.yaml + characters.yaml"].text
    assert found["annotations/reference.yaml"].status == "skipped"


def test_a_folder_of_readings_only_lists_every_course_file_as_absent(tmp_path):
    shutil.copy(bundled_readings_path() / "bowditch.md", tmp_path)
    findings = check_folder(tmp_path)
    assert not has_problems(findings)
    absent = [f.file for f in findings if f.status == "absent"]
    assert "themes.yaml" in absent and "annotations/" in absent and "course.yaml" in absent
    assert len(absent) == 9 and ABSENT.startswith("not in this folder")


def test_reading_problems_are_listed_with_the_course_files(tmp_path):
    folder = copy_of_bundled(tmp_path)
    (folder / "extra.md").write_text("no header", encoding="utf-8")
    findings = check_folder(folder)
    (problem,) = [f for f in findings if f.status == "problem"]
    assert problem.part == "readings" and problem.file == "extra.md"
    assert "missing header" in problem.text


def test_a_borrowed_catalogue_lets_the_annotations_be_checked(tmp_path):
    shutil.copy(bundled_readings_path() / "marchant.md", tmp_path)  # second.yaml covers it
    (tmp_path / "annotations").mkdir()
    borrow = "borrow: [scenes.yaml, sources.yaml, themes.yaml]\n"
    (tmp_path / "course.yaml").write_text(f'title: "x"\n{borrow}', "utf-8")
    shutil.copy(bundled_readings_path() / "annotations" / "second.yaml", tmp_path / "annotations")
    found = {f.file: f for f in check_folder(tmp_path)}
    assert found["scenes.yaml + characters.yaml"].status == "borrowed"
    assert found["annotations/second.yaml"].status == "clean", found["annotations/second.yaml"]
    assert "covering marchant" in found["annotations/second.yaml"].text  # checked, not skipped
