"""The annotator's agreement panel: kappa of a student's scene tags against the reference set."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from ..agreement import agreement
from ..annotations import AnnotationError, annotations_path
from ..catalogue import Catalogue
from ..corpus import Corpus
from ..errors import KitError
from ..scenes import reference_labels
from .html_annotator import KappaRow, kappa_table_html

__all__ = ["ReferenceAgreement", "tag_labels"]


def tag_labels(
    corpus: Corpus,
    tags: Mapping[tuple[str, str], tuple[Sequence[str], Sequence[str]]],
    readings: Iterable[str] = (),
) -> pd.DataFrame:
    """Scene labels of tagged sentences: rows (reading, sentence, scene), ``attrs["readings"]``
    the readings tagged and the ``readings`` given (read in full, or with a sentence marked
    "no scene"), in corpus order (the form :func:`~rustbone_kit.agreement.agreement` takes).

    >>> from rustbone_kit import load_corpus
    >>> labels = tag_labels(load_corpus(), {("marchant", "marchant:s4"): (("swim",), ())})
    >>> labels.values.tolist(), labels.attrs["readings"]
    ([['marchant', 'marchant:s4', 'swim']], ('marchant',))
    """
    rows = [(r, s, scene) for (r, s), (scenes, _) in tags.items() for scene in scenes]
    frame = pd.DataFrame(rows, columns=["reading", "sentence", "scene"])
    named = {k[0] for k in tags} | set(readings)
    frame.attrs["readings"] = tuple(r for r in corpus.ids if r in named)
    return frame


class ReferenceAgreement:
    """The reference set of a corpus (read once), and the kappa table of labels against it.

    Without a reference set (a corpus not loaded from a folder, a folder without
    ``annotations/reference.yaml``, or one that cannot be read) ``problem`` says why, and the
    table says so instead of scores.
    """

    def __init__(self, corpus: Corpus, catalogue: Catalogue) -> None:
        self.corpus = corpus
        self._titles = {s.id: s.title for s in catalogue.scenes}
        self._order = {s.id: i for i, s in enumerate(catalogue.scenes)}
        self.reference, self.problem = self._load()

    def _load(self) -> tuple[pd.DataFrame | None, str | None]:
        try:
            reference = annotations_path(self.corpus, "reference")
        except AnnotationError:
            return None, (
                "These readings were not loaded from a folder, so there is no reference set "
                "to compare with."
            )
        if not reference.is_file():
            return None, f"There is no reference set to compare with ({reference} is missing)."
        try:
            return reference_labels(self.corpus), None
        except KitError as error:
            return None, f"The reference set cannot be read: {error}"

    def html(self, mine: pd.DataFrame) -> str:
        """The kappa table of ``mine`` (see :func:`tag_labels`) against the reference set."""
        if self.reference is None:
            return kappa_table_html([], sentences=0, problem=self.problem)
        result = agreement(mine, self.reference, self.corpus)
        covered = set(self.reference.attrs.get("readings", ()))
        compared = [r for r in mine.attrs["readings"] if r in covered]
        not_compared = [r for r in mine.attrs["readings"] if r not in covered]
        scores = result["scores"].copy()
        scores["order"] = scores.scene.map(self._order)
        rows = [
            KappaRow(self._titles.get(r.scene, r.scene), r.kappa, int(r.a), int(r.b))
            for r in scores.sort_values("order", kind="stable").itertuples()
        ]
        return kappa_table_html(
            rows,
            sentences=result["sentences"],
            compared=compared,
            not_compared=not_compared,
            overall=result["overall"],
        )
