"""widgets.style: the one stylesheet, scoped to the kit's classes, large enough to project."""

from __future__ import annotations

import re

from rustbone_kit.widgets import html_card, html_kwic, html_parts
from rustbone_kit.widgets.style import STYLE


def test_style_is_scoped_and_large_enough_for_a_projector():
    style = STYLE
    selectors = re.findall(r"^([^{}\n]+)\{", style, flags=re.M)
    assert selectors and all(
        part.strip().startswith((".rk-view", ".rk-widget", ".rk-card"))
        for selector in selectors
        for part in selector.split(",")
        if part.strip()
    )
    sizes = [int(px) for px in re.findall(r"font-size:(\d+)px", style)]
    assert min(sizes) >= 16


def test_every_view_carries_the_one_stylesheet_once():
    pages = [
        html_card.reading_card_html({}, "A passage", number=1, total=1),
        html_kwic.kwic_html([], term="x"),
        html_parts.message_html("hello"),
    ]
    for page in pages:
        assert page.startswith(STYLE) and page.count("<style>") == 1
    assert STYLE.count("<style>") == 1 and STYLE.endswith("</style>")
