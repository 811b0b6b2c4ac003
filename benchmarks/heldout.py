"""Scene suggestions on the held-out paraphrase sets, and the reference F1 beside them.

    .venv/bin/python benchmarks/heldout.py

For each film (the bundled one, readings/, and the invented second film,
courses/salt-orchard/), the held-out set in tests/data/heldout/ holds sentences that retell
a scene in words other than its cues, and sentences about no scene. Printed per film:
top-1 accuracy (the share of the scene sentences whose first suggestion is their scene)
and, beside it, the false-scene rate (the share of the no-scene sentences given any scene);
then precision, recall and F1 of tag_corpus against each folder's reference annotation
(annotations/reference.yaml), the figure that must not fall when the scorer changes.

The held-out sets were written and committed before the BM25 part of the scorer, and are
never to be mined for cues or descriptions.
"""

from __future__ import annotations

from pathlib import Path

import yaml

import rustbone_kit as rk
from rustbone_kit.agreement import evaluate
from rustbone_kit.catalogue import load_catalogue
from rustbone_kit.scenes import reference_labels
from rustbone_kit.suggestions import suggest_scenes, tag_corpus

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "tests" / "data" / "heldout"
FILMS = ("rust-and-bone", "salt-orchard")


def heldout_figures(name: str) -> dict:
    """Top-1 accuracy and false-scene rate of suggest_scenes on one held-out set, with the
    misses: ``{"top1", "false_scene", "right", "scenes", "false", "none", "misses"}``."""
    data = yaml.safe_load((HELDOUT / f"{name}.yaml").read_text(encoding="utf-8"))
    cat = load_catalogue(ROOT / data["folder"])
    right = scenes = false = none = 0
    misses = []
    for entry in data["sentences"]:
        table = suggest_scenes(entry["text"], catalogue=cat, top=1)
        got = table.scene.iloc[0] if len(table) else None
        if entry["scene"] is None:
            none += 1
            false += got is not None
        else:
            scenes += 1
            right += got == entry["scene"]
        if got != entry["scene"]:
            misses.append((entry["scene"], got, entry["text"]))
    return {
        "top1": right / scenes,
        "false_scene": false / none,
        "right": right,
        "scenes": scenes,
        "false": false,
        "none": none,
        "misses": misses,
    }


def reference_f1(folder: str | Path | None = None) -> dict:
    """Precision, recall and F1 of tag_corpus against the folder's reference annotation."""
    corpus = rk.load_corpus(folder)
    return evaluate(tag_corpus(corpus), reference_labels(corpus), corpus)["overall"]


def main() -> None:
    folders = {"rust-and-bone": None, "salt-orchard": ROOT / "courses" / "salt-orchard"}
    print(f"{'film':<14} {'top-1':>13} {'false scene':>13}   reference P / R / F1")
    for name in FILMS:
        h = heldout_figures(name)
        o = reference_f1(folders[name])
        print(
            f"{name:<14} {h['top1']:6.3f} ({h['right']:2d}/{h['scenes']:2d}) "
            f"{h['false_scene']:6.3f} ({h['false']}/{h['none']:2d})   "
            f"{o['precision']:.3f} / {o['recall']:.3f} / {o['f1']:.3f}"
        )


if __name__ == "__main__":
    main()
