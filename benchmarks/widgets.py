"""How long a SideBySide update takes: changing the scene, and changing the readings.

    .venv/bin/python benchmarks/widgets.py

An update is what happens between a teacher's click and the new HTML: the widget's observer
runs, builds the chosen columns (passages, paragraphs, theme terms, shared words) and sets
the HTML widget's value. Timed on the five bundled readings and on the 1,000-reading corpus
of ``benchmarks/scenes.py`` (sentences resampled from the bundled readings; it has no
annotation file, so its scene passages come from the kit's suggestions, worked out once
when the widget is made; that one-off cost is printed too). Each update goes to a
combination not shown before, so nothing is served from a cache. Targets: under 50 ms
(bundled) and under 200 ms (1,000 readings); the ratio column is median / target.

Then, on 1,000 and 5,000 resampled readings: the time to tag them for scenes once
(rk.tag_corpus, kept on each reading per catalogue version) and to find their theme hits
once (rk.theme_hits, kept per lexicon version), each a second time (served from what was
kept), and the time to build each widget after them, first and again. Target: every build
under 1 s. Last, each widget built first on readings never tagged, the tagging included.
"""

from __future__ import annotations

import statistics
import sys
import time
from itertools import cycle, islice
from pathlib import Path

import rustbone_kit as rk
from rustbone_kit.widgets import Concordance, SideBySide, ThemeExplorer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scenes import synthetic_corpus  # the scenes benchmark's corpus

UPDATES = 15  # timed updates of each kind
TARGETS_MS = {"bundled (5 readings)": 50.0, "synthetic (1,000 readings)": 200.0}


def timed_ms(action) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def scene_updates(widget: SideBySide) -> list[float]:
    """Step through the scenes in film order (every scene, then round again)."""
    scenes = [v for _, v in widget.scene.options]
    start = scenes.index(widget.scene.value) + 1
    times = []
    for scene in islice(cycle(scenes), start, start + UPDATES):
        if scene == widget.scene.value:
            continue
        times.append(timed_ms(lambda s=scene: setattr(widget.scene, "value", s)))
    return times


def reading_updates(widget: SideBySide) -> list[float]:
    """Swap the readings for others: 2 to 5 at a time, never the same set twice in a row."""
    ids = [v for _, v in widget.readings.options]
    times = []
    for i in range(UPDATES):
        size = 2 + i % 4
        chosen = tuple(ids[(i * 7 + j * 3) % len(ids)] for j in range(size))
        chosen = tuple(dict.fromkeys(chosen))
        if chosen == widget.readings.value:
            chosen = chosen[::-1]
        times.append(timed_ms(lambda c=chosen: setattr(widget.readings, "value", c)))
    return times


def main() -> None:
    corpora = {
        "bundled (5 readings)": rk.load_corpus(),
        "synthetic (1,000 readings)": synthetic_corpus(1_000),
    }
    print(
        f"{'corpus':<27} {'made in':>8} {'update':<9} {'median ms':>9} {'max ms':>7} "
        f"{'target ms':>9} {'ratio':>6}"
    )
    for name, corpus in corpora.items():
        started = time.perf_counter()
        widget = SideBySide(corpus)
        made = time.perf_counter() - started
        target = TARGETS_MS[name]
        for kind, times in (
            ("scene", scene_updates(widget)),
            ("readings", reading_updates(widget)),
        ):
            median = statistics.median(times)
            print(
                f"{name:<27} {made:7.2f}s {kind:<9} {median:9.1f} {max(times):7.1f} "
                f"{target:9.0f} {median / target:6.2f}",
                flush=True,
            )


def scale() -> None:
    print(
        f"\n{'readings':>8} {'tag scenes':>10} {'again':>6} {'theme hits':>10} {'again':>6}"
        "  widget builds, first / again (target 1 s)"
    )
    for n in (1_000, 5_000):
        corpus = synthetic_corpus(n)
        tags = [timed_ms(lambda c=corpus: rk.tag_corpus(c)) for _ in range(2)]
        hits = [timed_ms(lambda c=corpus: rk.theme_hits(c)) for _ in range(2)]
        builds = {}
        for name, make in (
            ("SideBySide", lambda c=corpus: SideBySide(c)),
            ("Concordance", lambda c=corpus: Concordance(c, term="ice")),
            ("ThemeExplorer", lambda c=corpus: ThemeExplorer(c)),
        ):
            builds[name] = (timed_ms(make), timed_ms(make))  # first build, then again
        shown = ", ".join(f"{k} {a / 1000:.2f} / {b / 1000:.2f} s" for k, (a, b) in builds.items())
        print(
            f"{n:>8,} {tags[0] / 1000:9.1f}s {tags[1] / 1000:5.2f}s "
            f"{hits[0] / 1000:9.2f}s {hits[1] / 1000:5.2f}s  {shown}",
            flush=True,
        )
    print(
        "(first build of a widget: on a corpus never shown, each build after the tags;"
        " cold builds below)"
    )
    print(f"{'readings':>8}  widget built first, on readings never tagged (tagging included)")
    for n in (1_000, 5_000):
        shown = []
        for name, make in (
            ("Concordance", lambda c: Concordance(c, term="ice")),
            ("ThemeExplorer", lambda c: ThemeExplorer(c)),
        ):
            corpus = synthetic_corpus(n)
            shown.append(f"{name} {timed_ms(lambda c=corpus, m=make: m(c)) / 1000:.2f} s")
        print(f"{n:>8,}  {', '.join(shown)}", flush=True)


if __name__ == "__main__":
    main()
    scale()
