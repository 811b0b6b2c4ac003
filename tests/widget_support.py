"""What the widget tests share: hostile readings, an HTML balance check, the text a browser
shows, and a way to count calls to a function without patching anything."""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from html import unescape
from html.parser import HTMLParser
from typing import ClassVar

import rustbone_kit as rk

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
SCRIPT_SHOWN = "&lt;script&gt;alert(1)&lt;/script&gt;"
IMG_SHOWN = "&lt;img src=x onerror=alert(1)&gt;"


def hostile_corpus() -> rk.Corpus:
    """Two readings (built in memory) whose text and header carry markup that would run."""

    def reading(key: str, text: str) -> rk.Reading:
        meta = {"id": key, "title": SCRIPT, "kind": "review", "author": IMG, "outlet": SCRIPT}
        return rk.Reading(id=key, meta=meta, text=text)

    return rk.Corpus(
        readings=(
            reading(
                "hostile-a",
                f"Ali carries Stéphanie into the sea for a swim {SCRIPT} and {IMG} here.\n"
                f"She swims again {IMG}.",
            ),
            reading("hostile-b", f"In the sea, Ali carries her for a swim {IMG}. {SCRIPT}"),
        )
    )


class _Balance(HTMLParser):
    """Checks that every opened tag is closed in order (no crossed tags)."""

    VOID: ClassVar[set[str]] = {"br", "img", "hr", "input", "meta", "link"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def well_formed(markup: str) -> bool:
    parser = _Balance()
    parser.feed(markup)
    parser.close()
    assert not parser.errors and not parser.stack, (parser.errors, parser.stack)
    return True


def text_of(markup: str) -> str:
    """The text a browser shows: tags and the style block dropped, entities decoded."""
    markup = re.sub(r"<style>.*?</style>", "", markup, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", "", markup))


@contextmanager
def calls_to(*functions: Callable) -> Iterator[Counter[str]]:
    """Count the calls to ``functions`` made inside the block, by watching (sys.setprofile),
    not by patching: a call through any imported name counts."""
    codes = {f.__code__: f.__qualname__ for f in functions}
    seen: Counter[str] = Counter()

    def profile(frame, event, arg):
        if event == "call" and frame.f_code in codes:
            seen[codes[frame.f_code]] += 1

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        yield seen
    finally:
        sys.setprofile(previous)


def huge_paragraph_corpus(size: int = 1_000_000) -> rk.Corpus:
    """A reading whose one paragraph is ``size`` characters of resampled bundled sentences
    (seeded), with two bundled readings around it."""
    import random

    base = rk.load_corpus()
    sentences = [s.text for r in base for s in r.sentences]
    rng, parts, length = random.Random(size), [], 0
    while length < size:
        parts.append(rng.choice(sentences))
        length += len(parts[-1]) + 1
    huge = rk.reading_from_text(" ".join(parts), id="huge", title="One long paragraph")
    return rk.Corpus(readings=(base["marchant"], huge, base["bowditch"]))
