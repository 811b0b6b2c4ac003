"""Claims made elsewhere and the factual slips: what reviews outside the readings get wrong.

Two sources feed the lesson on checking the critics:

- ``claims.yaml`` in a readings folder: claims about the film made in reviews that are not
  among the readings, each with a verdict (:data:`~rustbone_kit.annotations.VERDICTS`:
  ``wrong``, ``disputed``, ``checkable-in-film``, ``unverified``) and the bibliography ids
  of its sources (:func:`load_claims`);
- the annotations flagged ``factual-slip`` in the readings themselves (:func:`slips`).

``claims.yaml`` is read and checked as :func:`~rustbone_kit.adaptation.load_adaptation`
reads ``adaptation.yaml``; a malformed file raises
:class:`~rustbone_kit.catalogue.CatalogueError` naming the file, the line, the field and
the fix.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .adaptation import _Checker, _read, _section, _top_fields
from .annotations import VERDICTS, load_annotations
from .corpus import Corpus
from .course import course_folder
from .folders import HasPath, bundled_readings_path, fresh
from .sources import cited_ids, load_sources

__all__ = ["CLAIM_COLUMNS", "SLIP_COLUMNS", "claims_for", "load_claims", "slips"]

CLAIM_COLUMNS = ("id", "claim", "verdict", "fact", "source")
SLIP_COLUMNS = ("reading", "text", "note", "verdict", "source", "line")

# Fields of a claim: name -> required.
_CLAIM_FIELDS = {"id": True, "claim": True, "verdict": True, "fact": True, "source": False}


def load_claims(folder: str | Path | None = None) -> pd.DataFrame:
    """Read ``claims.yaml``: one row per claim made elsewhere, with its verdict and the fact.

    Columns: ``id``, ``claim``, ``verdict`` (one of
    :data:`~rustbone_kit.annotations.VERDICTS`), ``fact``, ``source`` (the ids it cites,
    ", "-joined; None for an ``unverified`` claim that cites none). Raises
    :class:`~rustbone_kit.catalogue.CatalogueError` as :func:`load_adaptation` does, also for
    a source id that the folder's ``sources.yaml`` does not list.

    >>> claims = load_claims()
    >>> claims.verdict.value_counts().to_dict()
    {'wrong': 5, 'checkable-in-film': 2, 'disputed': 1, 'unverified': 1}
    >>> claims.set_index("id").loc["marine-biologist", "fact"]
    'Stéphanie trains orcas at Marineland.'
    """
    folder = Path(folder) if folder is not None else bundled_readings_path()
    path = folder / "claims.yaml"
    data, node = _read(path)
    _top_fields(data, node, path, {"claims": True})
    bib = load_sources(folder)
    rows, seen = [], {}
    for item, item_node in _section(data, node, path, "claims", list):
        entry = _Checker(path, item, item_node, "claim")
        entry.fields(_CLAIM_FIELDS)
        row = {
            "id": entry.slug(seen),
            "claim": entry.text("claim"),
            "verdict": entry.choice("verdict", tuple(VERDICTS)),
            "fact": entry.text("fact"),
        }
        required = row["verdict"] != "unverified"
        if required and item.get("source") is None:
            entry.fail(
                f"a {row['verdict']} claim needs a 'source'",
                "source",
                "cite the ids (from sources.yaml) of the sources for the fact, or use "
                "verdict: unverified",
            )
        row["source"] = ", ".join(cited_ids(entry, "source", bib, required=False)) or None
        rows.append(row)
    return pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))


def slips(corpus: Corpus, annotator: str | Path = "reference") -> pd.DataFrame:
    """The annotations flagged ``factual-slip``: one row per slip, in file order.

    Columns: ``reading``, ``text`` (the quoted passage as the reading writes it), ``note``,
    ``verdict``, ``source`` and ``line`` (of the entry in the annotation file).

    >>> from rustbone_kit import load_corpus
    >>> table = slips(load_corpus())
    >>> len(table), table.verdict.unique().tolist()
    (5, ['wrong', 'checkable-in-film'])
    >>> table.reading.value_counts().sort_index().to_dict()
    {'bowditch': 2, 'marchant': 2, 'overview': 1}
    """
    rows = [
        {
            "reading": note.reading,
            "text": note.span.text,
            "note": note.note,
            "verdict": note.verdict,
            "source": note.source,
            "line": note.line,
        }
        for note in load_annotations(corpus, annotator)
        if note.flag == "factual-slip"
    ]
    return pd.DataFrame(rows, columns=list(SLIP_COLUMNS))


def claims_for(corpus: HasPath | None) -> pd.DataFrame:
    """The claims table of a corpus's course (``claims.yaml`` beside its readings; the bundled
    one for None), read again whenever the file changes.

    >>> len(claims_for(None)) == len(load_claims())
    True
    """
    return fresh(load_claims, course_folder(corpus, "claims.yaml"), "claims.yaml").copy()
