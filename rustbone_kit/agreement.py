"""How far two sets of sentence labels agree: precision, recall and F1; Cohen's kappa.

>>> import pandas as pd
>>> from rustbone_kit import load_corpus
>>> corpus = load_corpus()
>>> a = pd.DataFrame({"reading": ["bowditch"], "sentence": ["bowditch:s2"], "scene": ["swim"]})
>>> a.attrs["readings"] = ("bowditch",)
>>> agreement(a, a, corpus)["overall"]
1.0
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pandas as pd

from .corpus import Corpus

__all__ = ["agreement", "evaluate"]


def _sets(labels: pd.DataFrame) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for row in labels.itertuples(index=False):
        out[row.sentence].add(row.scene)
    return out


def _universe(corpus: Corpus, a: pd.DataFrame, b: pd.DataFrame) -> list[str]:
    readings = set(a.attrs.get("readings", a.reading)) & set(b.attrs.get("readings", b.reading))
    return [s.id for r in corpus if r.id in readings for s in r.sentences]


def evaluate(suggested: pd.DataFrame, reference: pd.DataFrame, corpus: Corpus) -> dict:
    """Precision, recall and F1 per scene and overall (micro-averaged), and a confusion table.

    Both tables are sentence labels (reading, sentence, scene). Only readings present in both
    count. Returns ``{"scores": DataFrame, "overall": dict, "confusion": DataFrame}``; the
    confusion table counts sentences by (reference scene, suggested scene), "(none)" for none.
    """
    sentences = _universe(corpus, suggested, reference)
    got, want = _sets(suggested), _sets(reference)
    scenes = sorted(set(suggested.scene) | set(reference.scene))
    rows, tp_all, fp_all, fn_all = [], 0, 0, 0
    for scene in scenes:
        tp = sum(1 for s in sentences if scene in got[s] and scene in want[s])
        fp = sum(1 for s in sentences if scene in got[s] and scene not in want[s])
        fn = sum(1 for s in sentences if scene not in got[s] and scene in want[s])
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        rows.append({"scene": scene, **_prf(tp, fp, fn), "support": tp + fn})
    confusion: dict[tuple[str, str], int] = defaultdict(int)
    for s in sentences:
        for r in want[s] or {"(none)"}:
            for g in got[s] or {"(none)"}:
                confusion[(r, g)] += 1
    table = pd.Series(confusion, dtype=int).unstack(fill_value=0) if confusion else pd.DataFrame()
    table.index.name, table.columns.name = "reference", "suggested"
    return {
        "scores": pd.DataFrame(rows),
        "overall": _prf(tp_all, fp_all, fn_all),
        "confusion": table,
    }


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def _kappa(pairs: Iterable[tuple[bool, bool]]) -> float:
    pairs = list(pairs)
    n = len(pairs)
    if not n:
        return float("nan")
    observed = sum(a == b for a, b in pairs) / n
    pa, pb = sum(a for a, _ in pairs) / n, sum(b for _, b in pairs) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    return float("nan") if expected == 1 else round((observed - expected) / (1 - expected), 3)


def agreement(a: pd.DataFrame, b: pd.DataFrame, corpus: Corpus) -> dict:
    """Cohen's kappa between two annotators, per scene and overall, at sentence level.

    Each scene is a yes/no decision on each sentence of the readings both annotated; the
    overall kappa pools every (sentence, scene) decision. A scene neither annotator used has
    no kappa (NaN): agreement on "never" says nothing.
    """
    sentences = _universe(corpus, a, b)
    sa, sb = _sets(a), _sets(b)
    scenes = sorted(set(a.scene) | set(b.scene))
    rows = [
        {
            "scene": sc,
            "kappa": _kappa((sc in sa[s], sc in sb[s]) for s in sentences),
            "a": sum(sc in sa[s] for s in sentences),
            "b": sum(sc in sb[s] for s in sentences),
        }
        for sc in scenes
    ]
    pooled = _kappa((sc in sa[s], sc in sb[s]) for sc in scenes for s in sentences)
    return {
        "scores": pd.DataFrame(rows, columns=["scene", "kappa", "a", "b"]),
        "overall": pooled,
        "sentences": len(sentences),
    }
