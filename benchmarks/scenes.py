"""Scenes and themes: accuracy against the reference annotation, and speed at scale.

    .venv/bin/pip install scikit-learn        # the baseline (the 'bench' extra)
    .venv/bin/python benchmarks/scenes.py             # both sections
    .venv/bin/python benchmarks/scenes.py themes      # one section: scenes or themes

Accuracy: precision, recall and F1 of tag_corpus against readings/annotations/reference.yaml
(benchmarks/heldout.py prints it too, for both films, beside the held-out paraphrase sets).
Speed: corpora of 100, 1,000 and 5,000 readings made by resampling the seeds' sentences
(fixed random seed); for each, the time of tag_corpus and of scene_coverage on its labels, in
seconds per 1,000 sentences, and the ratio to the time scikit-learn's CountVectorizer takes to
fit the same sentences (a baseline of plain tokenising and counting, measured in the same run).
Growth is linear when seconds per 1,000 sentences stay about the same across sizes.

Themes: on the same corpora, theme_table (every theme term found, counted per reading),
distinctive_words for one reading (which counts the words of every reading), and a
concordance of one stem, each against the same CountVectorizer fit on the same text.
"""

from __future__ import annotations

import random
import sys
import time

import rustbone_kit as rk
from rustbone_kit.agreement import evaluate
from rustbone_kit.corpus import Corpus
from rustbone_kit.reading import Reading
from rustbone_kit.scenes import reference_labels, scene_coverage
from rustbone_kit.suggestions import tag_corpus
from rustbone_kit.themes import theme_table
from rustbone_kit.words import concordance, distinctive_words

SIZES = (100, 1_000, 5_000)


def synthetic_corpus(n: int, *, seed: int = 2012) -> Corpus:
    """n readings, each 20-35 sentences drawn at random from the bundled readings."""
    pool = [s.text for r in rk.load_corpus() for s in r.sentences]
    rng = random.Random(seed)
    readings = []
    for i in range(n):
        lines = rng.choices(pool, k=rng.randint(20, 35))
        text = "\n".join(" ".join(lines[j : j + 3]) for j in range(0, len(lines), 3))
        meta = {"id": f"r{i}", "title": f"Resampled {i}", "kind": "resampled"}
        readings.append(Reading(id=f"r{i}", meta=meta, text=text))
    return Corpus(readings=tuple(readings))


def timed(fn, *args, **kwargs):
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - started


def scenes_section(CountVectorizer) -> None:
    corpus = rk.load_corpus()
    result = evaluate(tag_corpus(corpus), reference_labels(corpus), corpus)
    o = result["overall"]
    print(
        f"accuracy against the reference annotation: precision {o['precision']:.3f}, "
        f"recall {o['recall']:.3f}, F1 {o['f1']:.3f}"
    )
    print()
    print(
        f"{'readings':>8} {'sentences':>9} {'tag s/1k':>9} {'cover s/1k':>10} "
        f"{'CountVec s/1k':>13} {'tag ratio':>9}"
    )
    for n in SIZES:
        big = synthetic_corpus(n)
        sentences = [s.text for r in big for s in r.sentences]  # split before timing
        labels, t_tag = timed(tag_corpus, big)
        _, t_cov = timed(scene_coverage, big, labels=labels)
        _, t_base = timed(CountVectorizer().fit, sentences)
        k = len(sentences) / 1000
        print(
            f"{n:8d} {len(sentences):9d} {t_tag / k:9.3f} {t_cov / k:10.4f} "
            f"{t_base / k:13.4f} {t_tag / t_base:9.1f}",
            flush=True,
        )


def themes_section(CountVectorizer) -> None:
    print(
        f"{'readings':>8} {'sentences':>9} {'themes s/1k':>11} {'distinct s/1k':>13} "
        f"{'kwic s/1k':>9} {'CountVec s/1k':>13} {'ratios (themes, distinct, kwic)':>32}"
    )
    for n in SIZES:
        big = synthetic_corpus(n)
        sentences = [s.text for r in big for s in r.sentences]  # split before timing
        texts = [r.text for r in big]
        _, t_themes = timed(theme_table, big)
        _, t_words = timed(distinctive_words, big, big.ids[0])
        _, t_kwic = timed(concordance, big, "swim*")
        _, t_base = timed(CountVectorizer().fit, texts)
        k = len(sentences) / 1000
        ratios = f"{t_themes / t_base:.1f}, {t_words / t_base:.1f}, {t_kwic / t_base:.1f}"
        print(
            f"{n:8d} {len(sentences):9d} {t_themes / k:11.3f} {t_words / k:13.4f} "
            f"{t_kwic / k:9.4f} {t_base / k:13.4f} {ratios:>32}",
            flush=True,
        )


def main() -> None:
    try:
        from sklearn.feature_extraction.text import CountVectorizer
    except ImportError:
        sys.exit("the baseline needs scikit-learn: .venv/bin/pip install scikit-learn")
    wanted = sys.argv[1:] or ["scenes", "themes"]
    if "scenes" in wanted:
        print("== scenes ==")
        scenes_section(CountVectorizer)
        print()
    if "themes" in wanted:
        print("== themes ==")
        themes_section(CountVectorizer)


if __name__ == "__main__":
    main()
