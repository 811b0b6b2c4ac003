"""Reliability at size: big annotation files, hostile headers, a megabyte paragraph in a view.

    .venv/bin/python benchmarks/reliability.py

Everything is built in a temporary folder (a copy of the bundled readings' course files,
without their readings) and removed afterwards:

- the load time of a 50,000-entry annotation file, on one bundled-size reading (the
  bundled ``marchant``, each entry quoting one of its sentences) and on one 1.9 MB reading
  (numbered sentences resampled from the bundled ones, with a fixed seed);
- the time to reject a reading with each hostile header kind of ``tests/test_reliability.py``
  (alias bombs, deep nesting, control characters, 20,000 nodes, a Python tag), and the
  line the error names;
- the size of the HTML ``rk.widgets.Concordance`` shows for "the" in a reading whose one
  paragraph is 1 MB, with the matches it leaves out, and the same for ``ThemeExplorer``,
  ``SideBySide`` and the feedback to a 10 MB answer.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import rustbone_kit as rk
from rustbone_kit.annotations import load_annotations
from rustbone_kit.errors import KitError

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from test_reliability import HEADER, HOSTILE_HEADERS  # noqa: E402 (the one list of kinds)

ENTRIES = 50_000
BIG_READING = 1_900_000  # characters
PARAGRAPH = 1_000_000


def timed(call):
    started = time.perf_counter()
    result = call()
    return result, time.perf_counter() - started


def course_folder(root: Path) -> Path:
    """The bundled course files (scenes, themes, sources ...) without readings or annotations."""
    folder = root / "course"
    shutil.copytree(
        rk.bundled_readings_path(),
        folder,
        ignore=shutil.ignore_patterns("*.md", "annotations", "class-sample"),
    )
    (folder / "annotations").mkdir()
    return folder


def write_reading(folder: Path, rid: str, text: str) -> None:
    head = f"---\nid: {rid}\ntitle: Benchmark {rid}\nkind: review\n---\n"
    (folder / f"{rid}.md").write_text(head + text + "\n", encoding="utf-8")


def big_text(size: int, *, per_line: int = 12) -> str:
    """Numbered resampled sentences (so each occurs once), ``per_line`` to a paragraph."""
    pool = [s.text for r in rk.load_corpus() for s in r.sentences if s.text.endswith(".")]
    rng, sentences, length = random.Random(size), [], 0
    while length < size:
        sentences.append(f"Note {len(sentences) + 1} reads: {rng.choice(pool)}")
        length += len(sentences[-1]) + 1
    lines = [sentences[i : i + per_line] for i in range(0, len(sentences), per_line)]
    return "\n".join(" ".join(line) for line in lines)


def annotation_file(folder: Path, rid: str) -> tuple[Path, int]:
    """50,000 entries quoting the reading's sentences that occur once, round and round."""
    reading = rk.load_corpus(folder)[rid]
    seen = Counter(s.text for s in reading.sentences)
    once = [s.text for s in reading.sentences if seen[s.text] == 1 and len(s.text) > 20]
    once = [q for q in once if reading.text.count(q) == 1] if len(once) < 500 else once
    lines = [f"annotator: bench-{rid}", "annotations:"]
    for i in range(ENTRIES):
        quote = once[i % len(once)].replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'  - {{reading: {rid}, quote: "{quote}", scenes: [swim]}}')
    path = folder / "annotations" / f"bench-{rid}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, len(once)


def annotation_section(root: Path) -> None:
    print(f"load of a {ENTRIES:,}-entry annotation file (rk.load_annotations)")
    bundled = rk.load_corpus()["marchant"]
    for rid, text in (("bundled-size", bundled.text), ("big", big_text(BIG_READING))):
        folder = course_folder(root / rid)
        write_reading(folder, rid, text)
        path, quotes = annotation_file(folder, rid)
        corpus = rk.load_corpus(folder)
        found, seconds = timed(lambda c=corpus, r=rid: load_annotations(c, f"bench-{r}"))
        assert len(found) == ENTRIES
        print(
            f"  {rid:>12}: reading {len(text) / 1e3:,.0f} KB ({len(corpus[rid].sentences):,} "
            f"sentences), file {path.stat().st_size / 1e6:.1f} MB, {quotes:,} distinct "
            f"quotes: {seconds:.2f} s",
            flush=True,
        )


def hostile_section(root: Path) -> None:
    print("rejecting a reading with a hostile header (rk.load_corpus of the one file)")
    folder = root / "hostile"
    folder.mkdir()
    for name, extra, _ in HOSTILE_HEADERS:
        path = folder / f"{name}.md"
        path.write_text(HEADER.format(id=name, extra=extra), encoding="utf-8")
        started = time.perf_counter()
        try:
            rk.load_corpus(path)
        except KitError as error:
            seconds = time.perf_counter() - started
            print(
                f"  {name:>15}: {seconds * 1000:7.1f} ms, {type(error).__name__} at line "
                f"{error.line}: {error.problem[:60]}",
                flush=True,
            )
        else:
            print(f"  {name:>15}: NOT REFUSED")


def views_section() -> None:
    print(f"views of a reading whose one paragraph is {PARAGRAPH / 1e6:.0f} MB")
    base = rk.load_corpus()
    pool = [s.text for r in base for s in r.sentences]
    rng, parts, length = random.Random(PARAGRAPH), [], 0
    while length < PARAGRAPH:
        parts.append(rng.choice(pool))
        length += len(parts[-1]) + 1
    huge = rk.reading_from_text(" ".join(parts), id="huge")
    corpus = rk.Corpus(readings=(base["marchant"], huge, base["bowditch"]))
    kwic, seconds = timed(lambda: rk.widgets.Concordance(corpus, term="the"))
    total = len(rk.concordance(corpus, "the"))
    print(
        f"  Concordance('the'): {len(kwic.view.value) / 1e3:,.0f} KB of HTML in {seconds:.2f} s; "
        f"{total:,} matches, {total - rk.widgets.MAX_KWIC_ROWS:,} not shown"
    )
    explorer, seconds = timed(lambda: rk.widgets.ThemeExplorer(corpus))
    print(f"  ThemeExplorer: {len(explorer.view.value) / 1e3:,.0f} KB in {seconds:.2f} s")
    labels = rk.scene_labels(corpus)
    side, seconds = timed(
        lambda: rk.widgets.SideBySide(corpus, readings=("huge", "marchant"), labels=labels)
    )
    print(f"  SideBySide: {len(side.view.value) / 1e3:,.0f} KB in {seconds:.2f} s")
    answer = {"reading": "marchant", "quote": "the sea " * 1_250_000, "claim": "x"}
    feedback, seconds = timed(lambda: rk.checks.check("02.4", answer))
    print(
        f"  feedback to a 10 MB quote: {len(str(feedback))} characters of text, "
        f"{len(feedback._repr_html_())} of HTML, in {seconds:.2f} s"
    )


def main() -> None:
    print(
        f"rustbone-kit reliability benchmark, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores"
    )
    with tempfile.TemporaryDirectory(prefix="rk-reliability-") as tmp:
        root = Path(tmp)
        annotation_section(root)
        hostile_section(root)
        views_section()


if __name__ == "__main__":
    main()
