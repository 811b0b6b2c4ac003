"""The one gate HTML passes into a hand-out: known tags and attributes, text escaped again.

A notebook's HTML outputs (pandas tables, the widgets' views) are rebuilt tag by tag from an
allow-list: no ``<script>``, ``<iframe>``, ``<link>``, ``<img>`` from an address, event
handler or ``style`` that loads anything, so the page loads nothing from anywhere. Text is
decoded and escaped again, so a reading that contains ``<script>`` shows those characters.

>>> clean_html('<p onclick="x()">Ali &amp; <b>Stéphanie</b><script>alert(1)</script></p>')
'<p>Ali &amp; <b>Stéphanie</b></p>'
>>> clean_html('<img src="https://example.org/x.png" alt="x"><a href="javascript:x()">a</a>')
'<a>a</a>'
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

__all__ = ["ALLOWED_TAGS", "clean_html", "css_is_local"]

_TAGS = """a abbr b blockquote br caption code col colgroup dd del details div dl dt em
figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp section small
span strong style sub summary sup table tbody td tfoot th thead tr u ul"""
ALLOWED_TAGS = frozenset(_TAGS.split())
#: Elements dropped with everything inside them.
_DROP_WITH_CONTENT = frozenset({"script", "iframe", "object", "embed", "template", "noscript"})
_VOID = frozenset({"br", "col", "hr", "img"})
_ATTRIBUTES = frozenset(
    {"class", "colspan", "rowspan", "scope", "open", "title", "role", "lang", "dir", "start"}
    | {"id", "headers", "abbr", "href", "src", "alt", "style", "value", "reversed"}
)
_LOADS = re.compile(r"url\s*\(|@import|expression\s*\(|javascript:", re.IGNORECASE)
_SAFE_HREF = re.compile(r"^(https?:|mailto:|#)", re.IGNORECASE)


def css_is_local(css: str) -> bool:
    """True when a stylesheet or ``style`` attribute loads nothing (no ``url()``, ``@import``).

    >>> css_is_local(".rk-bar{width:40%}"), css_is_local("@import 'x.css'")
    (True, False)
    """
    return not _LOADS.search(css)


class _Cleaner(HTMLParser):
    def __init__(self, styles: set[str] | None) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.dropping = 0  # inside a dropped element
        self.style: list[str] | None = None  # the text of a <style> being read
        self.styles = styles

    def _attributes(self, tag: str, attrs: list[tuple[str, str | None]]) -> str:
        kept = []
        for name, value in attrs:
            name = name.lower()
            value = "" if value is None else value
            if not (name in _ATTRIBUTES or name.startswith("aria-")):
                continue
            if name == "href" and not _SAFE_HREF.match(value.strip()):
                continue
            if name == "src" and not (tag == "img" and value.startswith("data:image/png;")):
                continue
            if name == "style" and not css_is_local(value):
                continue
            kept.append(f' {name}="{html.escape(value, quote=True)}"')
        return "".join(kept)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if self.dropping or tag in _DROP_WITH_CONTENT:
            self.dropping += tag not in _VOID
            return
        if tag == "style":
            self.style = []
            return
        if tag not in ALLOWED_TAGS:
            return
        attributes = self._attributes(tag, attrs)
        if tag == "img" and ' src="' not in attributes:
            return  # an image from an address: never loaded
        self.out.append(f"<{tag}{attributes}>")
        if tag not in _VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag.lower() not in _VOID and self.open and self.open[-1] == tag.lower():
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if self.dropping:
            self.dropping -= 1
            return
        if tag == "style" and self.style is not None:
            css = "".join(self.style)
            self.style = None
            if css_is_local(css) and (self.styles is None or css not in self.styles):
                if self.styles is not None:
                    self.styles.add(css)
                css = css.replace("</", "<\\/")
                self.out.append(f"<style>{css}</style>")
            return
        if tag in self.open:
            while self.open:
                top = self.open.pop()
                self.out.append(f"</{top}>")
                if top == tag:
                    break

    def handle_data(self, data: str) -> None:
        if self.dropping:
            return
        if self.style is not None:
            self.style.append(data)
            return
        self.out.append(html.escape(data, quote=False))

    def result(self) -> str:
        self.close()
        return "".join(self.out) + "".join(f"</{t}>" for t in reversed(self.open))


def clean_html(markup: str, *, styles: set[str] | None = None) -> str:
    """``markup`` rebuilt from allowed tags and attributes, its text escaped again.

    ``styles`` collects the ``<style>`` blocks already kept in the page: a block seen before
    is dropped (every widget view carries the same stylesheet).
    """
    cleaner = _Cleaner(styles)
    cleaner.feed(markup)
    return cleaner.result()
