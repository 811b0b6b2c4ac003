"""A whole class's annotations compared: Krippendorff's alpha, kappa against the reference, splits.

:func:`class_agreement` reads every annotation file in a folder (the files students save from
the :class:`~rustbone_kit.widgets.Annotator`, collected by the teacher) and measures how far
the class agrees on which sentence discusses which scene. Each (sentence, scene) pair is a
yes/no decision; an annotator decides on the sentences of the readings their file covers
(``covers:``), and on any other reading their answer is missing, not "no": "not read" is
never counted as "no scene". The overall figure and one per scene are Krippendorff's alpha
for nominal data (the ``krippendorff`` package), which allows any number of annotators and
missing answers; each student is also compared with the reference set by Cohen's kappa
(:func:`~rustbone_kit.agreement.agreement`). A file that cannot be read, or that repeats
another, is reported in ``.problems`` and left out; it never stops the table.

>>> from rustbone_kit import bundled_readings_path, load_corpus
>>> result = class_agreement(load_corpus(), bundled_readings_path() / "class-sample")
>>> result.annotators, 0 < result.alpha < 1
(6, True)
>>> result.by_scene.columns.tolist()[:4]
['scene', 'title', 'alpha', 'annotators']
"""

from __future__ import annotations

import hashlib
import math
import warnings
from dataclasses import dataclass
from pathlib import Path

import krippendorff
import numpy as np
import pandas as pd

from .agreement import agreement
from .annotations import AnnotationSet, load_annotation_file, sentence_labels
from .catalogue import catalogue_for
from .corpus import Corpus
from .errors import ArgumentError, KitError
from .scenes import reference_labels

__all__ = ["ClassAgreement", "class_agreement", "nominal_alpha"]

_SCENES = ["scene", "title", "alpha", "annotators", "sentences", "yes", "used_by"]
_STUDENTS = ["annotator", "file", "readings", "sentences", "tagged", "kappa", "compared"]
_SPLITS = ["reading", "sentence", "number", "scene", "title", "yes", "no", "missing", "split"]
_PROBLEMS = ["file", "annotator", "problem", "line", "fix", "counted"]


def nominal_alpha(data: list[list[float]] | np.ndarray) -> float:
    """Krippendorff's alpha (nominal) of a table annotators x units of 1 (yes), 0 (no) and NaN
    (missing), rounded to 3 places; NaN when no unit has two answers or every answer is the
    same (agreement on one value says nothing, as with kappa).

    >>> nominal_alpha([[1, 0, 1, 0], [1, 0, 1, 0]])
    1.0
    >>> nominal_alpha([[0, 0], [0, 0]])
    nan
    """
    table = np.asarray(data, dtype=float)
    if table.ndim != 2 or not ((~np.isnan(table)).sum(axis=0) >= 2).any():
        return math.nan
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore", RuntimeWarning)
            value = krippendorff.alpha(
                reliability_data=table, level_of_measurement="nominal", value_domain=[0.0, 1.0]
            )
    except ValueError:  # the package's "no unit with two answers" and the like
        return math.nan
    return round(float(value), 3) if math.isfinite(value) else math.nan


@dataclass(frozen=True)
class _Student:
    found: AnnotationSet
    labels: pd.DataFrame  # (reading, sentence, scene) in the readings covered


@dataclass(frozen=True)
class ClassAgreement:
    """What :func:`class_agreement` found: ``alpha`` over all, and the tables.

    ``by_scene``: alpha per scene (NaN for a scene nobody tagged), with the annotators and
    sentences it is over, the yes answers and how many annotators gave one. ``by_student``:
    each file counted, the readings it covers, its sentences and tagged sentences, and
    Cohen's kappa against the reference set over the sentences both cover. ``splits``: one
    row per (sentence, scene) that at least one annotator said yes to, most split first
    (``split`` is the minority's share: 0 unanimous, 0.5 an even split). ``problems``: one
    row per file left out (``counted`` False) or counted with a warning.
    """

    alpha: float
    annotators: int
    sentences: int
    readings: tuple[str, ...]
    by_scene: pd.DataFrame
    by_student: pd.DataFrame
    splits: pd.DataFrame
    problems: pd.DataFrame

    def __repr__(self) -> str:
        alpha = "n/a" if math.isnan(self.alpha) else f"{self.alpha:.2f}"
        used = int(self.by_scene.used_by.gt(0).sum())
        lines = [
            f"Class agreement: {self.annotators} annotators, {self.sentences} sentences "
            f"(readings: {', '.join(self.readings) or 'none'}).",
            f"Krippendorff's alpha (nominal): {alpha}, over the {used} scenes anyone tagged.",
        ]
        split = self.splits[self.splits.split > 0].head(1)
        for row in split.itertuples():
            lines.append(
                f"Most split: {row.sentence} on {row.title!r} ({row.yes} yes, {row.no} no)."
            )
        left_out = int((~self.problems.counted).sum()) if len(self.problems) else 0
        lines.append(
            f"Tables: .by_scene, .by_student, .splits, .problems ({len(self.problems)} "
            f"problem{'s' * (len(self.problems) != 1)}, {left_out} file"
            f"{'s' * (left_out != 1)} left out)."
        )
        return "\n".join(lines)


def _problem(file: str, annotator: str | None, problem: str, **rest) -> dict:
    return {"file": file, "annotator": annotator, "problem": problem, **rest}


def _fingerprint(path: Path) -> str:
    """The file's bytes, digested: two files alike in this are one file copied. (Two students
    who agree on everything still write two files that differ, in their ``annotator:``.)"""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read_students(corpus: Corpus, folder: Path) -> tuple[list[_Student], list[dict]]:
    """Every annotation file of the folder, in name order: the ones counted, and problems."""
    cat = catalogue_for(corpus)
    students: list[_Student] = []
    problems: list[dict] = []
    names: dict[str, str] = {}
    contents: dict[str, str] = {}
    paths = sorted(p for p in folder.iterdir() if p.suffix in {".yaml", ".yml"} and p.is_file())
    if not paths:
        problems.append(
            _problem(
                folder.name,
                None,
                "the folder holds no annotation files (.yaml)",
                fix="copy the students' files (saved by the Annotator) into it",
                counted=False,
            )
        )
    for path in paths:
        if path.name.startswith("."):
            continue
        try:
            found = load_annotation_file(corpus, path, catalogue=cat)
        except (KitError, OSError, UnicodeDecodeError) as error:
            problem = getattr(error, "problem", str(error))
            field = getattr(error, "field", None)
            problems.append(
                _problem(
                    path.name,
                    None,
                    f"{problem} (field {field!r})" if field else problem,
                    line=getattr(error, "line", None),
                    fix=getattr(error, "fix", None),
                    counted=False,
                )
            )
            continue
        name, key = found.annotator, _fingerprint(path)
        twin = names.get(name) or contents.get(key)
        if twin:
            same = "annotator name" if name in names else "content"
            problems.append(
                _problem(
                    path.name,
                    name,
                    f"the same {same} as {twin}: one student's file saved twice, counted once "
                    f"(as {twin})",
                    fix="remove one of the two files, or give each student's file their own "
                    "'annotator:' name",
                    counted=False,
                )
            )
            continue
        names[name], contents[key] = path.name, path.name
        if not found.covers:
            problems.append(
                _problem(
                    path.name,
                    name,
                    "the file covers no reading ('covers:' is missing or empty), so none of "
                    "its answers can be told from 'not read'",
                    fix="in the Annotator, tick 'I have read all of this reading' and save "
                    "again, or add covers: [reading ids] to the file",
                    counted=False,
                )
            )
            continue
        elsewhere = sorted(
            {a.reading for a in found.annotations if a.scenes or a.no_scene} - set(found.covers)
        )
        if elsewhere:
            problems.append(
                _problem(
                    path.name,
                    name,
                    f"answers in {', '.join(elsewhere)}, which the file does not cover, are "
                    "not counted",
                    fix="if the student read it all, tick 'I have read all of this reading' "
                    "there (or add it to covers:)",
                    counted=True,
                )
            )
        covered = [a for a in found.annotations if a.reading in found.covers]
        labels = sentence_labels(corpus, covered)
        labels.attrs["readings"] = found.covers
        students.append(_Student(found, labels))
    return students, problems


def _reference(corpus: Corpus, reference: str | Path | None) -> tuple[pd.DataFrame | None, str]:
    if reference is None:
        return None, "no reference set was asked for"
    try:
        return reference_labels(corpus, reference), ""
    except (KitError, OSError) as error:
        return None, str(error)


def class_agreement(
    corpus: Corpus, folder: str | Path, *, reference: str | Path | None = "reference"
) -> ClassAgreement:
    """How far the annotators whose files are in ``folder`` agree on the scenes of sentences.

    Units are the (sentence, scene) yes/no decisions on the sentences of the readings each
    file covers; where a file does not cover a reading, its answers there are missing. The
    scenes counted are those at least one annotator tagged. ``reference`` (an annotator of
    the corpus, a file, or None) is what each student's Cohen's kappa is measured against.
    Bad files (not YAML, unknown ids, a quote that is not in the reading, an empty file, a
    file saved twice under two names) are reported in ``.problems`` and left out.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ArgumentError(
            f"{folder} is not a folder",
            field="folder",
            fix="pass the folder that holds the students' annotation files (.yaml), e.g. "
            "rk.course_path(corpus, 'class-sample')",
        )
    cat = catalogue_for(corpus)
    students, problems = _read_students(corpus, folder)
    readings = tuple(r for r in corpus.ids if any(r in s.found.covers for s in students))
    sentences = [(r.id, s) for r in corpus if r.id in readings for s in r.sentences]
    said = [
        {sid: set(group.scene) for sid, group in s.labels.groupby("sentence")} for s in students
    ]
    covered = [{r for r in s.found.covers} for s in students]

    def answer(i: int, reading: str, sentence: str, scene: str) -> float:
        if reading not in covered[i]:
            return math.nan
        return 1.0 if scene in said[i].get(sentence, ()) else 0.0

    used = [sc for sc in cat.scenes if any(sc.id in x for d in said for x in d.values())]
    tables = {
        sc.id: [[answer(i, r, s.id, sc.id) for r, s in sentences] for i in range(len(said))]
        for sc in cat.scenes
    }
    counts = [sum(r in c for c in covered) for r, _ in sentences]
    pairable = sum(n >= 2 for n in counts)
    scene_rows = []
    for sc in cat.scenes:
        table = np.array(tables[sc.id], dtype=float).reshape(len(said), len(sentences))
        scene_rows.append(
            {
                "scene": sc.id,
                "title": sc.title,
                "alpha": nominal_alpha(table) if sc in used else math.nan,
                "annotators": len(said),
                "sentences": pairable,
                "yes": int(np.nansum(table)),
                "used_by": int((np.nansum(table, axis=1) > 0).sum()) if len(said) else 0,
            }
        )
    pooled = [[a for sc in used for a in tables[sc.id][i]] for i in range(len(said))]
    overall = nominal_alpha(pooled) if used and pooled else math.nan

    split_rows = []
    for j, (reading, s) in enumerate(sentences):
        for sc in used:
            answers = [tables[sc.id][i][j] for i in range(len(said))]
            yes = sum(a == 1.0 for a in answers)
            no = sum(a == 0.0 for a in answers)
            if yes and yes + no >= 2:
                split_rows.append(
                    {
                        "reading": reading,
                        "sentence": s.id,
                        "number": int(s.id.rsplit(":s", 1)[-1]),
                        "scene": sc.id,
                        "title": sc.title,
                        "yes": yes,
                        "no": no,
                        "missing": len(answers) - yes - no,
                        "split": round(min(yes, no) / (yes + no), 3),
                        "text": s.text,
                        "_order": j,
                    }
                )
    splits = pd.DataFrame(split_rows, columns=[*_SPLITS, "text", "_order"])
    splits = splits.sort_values(["split", "_order"], ascending=[False, True], kind="stable")
    splits = splits.drop(columns="_order").reset_index(drop=True)

    ref, why = _reference(corpus, reference)
    if ref is None and students:
        problems.append(
            _problem(
                str(reference), None, f"no kappa against the reference set: {why}", counted=True
            )
        )
    student_rows = []
    for s in students:
        compared = agreement(s.labels, ref, corpus) if ref is not None else None
        student_rows.append(
            {
                "annotator": s.found.annotator,
                "file": s.found.path.name,
                "readings": ", ".join(s.found.covers),
                "sentences": sum(len(corpus[r].sentences) for r in s.found.covers),
                "tagged": s.labels.sentence.nunique(),
                "kappa": compared["overall"] if compared else math.nan,
                "compared": compared["sentences"] if compared else 0,
            }
        )
    return ClassAgreement(
        alpha=overall,
        annotators=len(students),
        sentences=pairable,
        readings=readings,
        by_scene=pd.DataFrame(scene_rows, columns=_SCENES),
        by_student=pd.DataFrame(student_rows, columns=_STUDENTS),
        splits=splits,
        problems=pd.DataFrame(problems, columns=_PROBLEMS).astype({"line": "Int64"}),
    )
