"""Colour arithmetic for checking charts and stylesheets: WCAG contrast, lightness, a projector.

WCAG 2.2 asks 4.5:1 for text (1.4.3) and 3:1 for the graphics a reader needs (1.4.11), from
the colours' relative luminance. A classroom projector washes colours out: room light adds to
every colour on the screen, so black becomes grey and steps of a colour scheme draw closer.
:func:`projected` models that as a flare added to every luminance; :func:`lightness` (CIELAB
L*, 0 black to 100 white) measures how far apart two steps still are.

>>> round(contrast("#0072B2", "white"), 1)
5.2
>>> round(contrast("#000000", "#FFFFFF", flare=PROJECTOR_FLARE), 1)  # black on a projector
7.5
>>> round(lightness("#777777"))
50
"""

from __future__ import annotations

import re

from ..errors import ArgumentError

__all__ = [
    "GRAPHICS",
    "PROJECTOR_FLARE",
    "TEXT",
    "contrast",
    "lightness",
    "luminance",
    "parse_colour",
    "projected",
]

#: WCAG 2.2 minimum contrast ratios: text (1.4.3, level AA) and graphical objects (1.4.11).
TEXT = 4.5
GRAPHICS = 3.0
#: Room light on a projected screen, as a share of the screen's white: a projector whose
#: black is a tenth of its white shows black text on white at 7.5:1 instead of 21:1.
PROJECTOR_FLARE = 0.1

_NAMED = {"white": "#ffffff", "black": "#000000", "transparent": None}
_HEX = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_RGB = re.compile(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*[\d.]+\s*)?\)")


def parse_colour(colour: str) -> tuple[int, int, int]:
    """``(r, g, b)`` from ``#abc``, ``#aabbcc``, ``rgb(r, g, b)``, ``white`` or ``black``.

    >>> parse_colour("#fff"), parse_colour("rgb(3, 100, 41)")
    ((255, 255, 255), (3, 100, 41))
    """
    text = _NAMED.get(colour.strip().lower(), colour.strip())
    if text and (match := _HEX.fullmatch(text)):
        digits = match.group(1)
        if len(digits) == 3:
            digits = "".join(d * 2 for d in digits)
        r, g, b = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
        return r, g, b
    if text and (match := _RGB.fullmatch(text)):
        r, g, b = (int(v) for v in match.groups())
        return r, g, b
    raise ArgumentError(f"{colour!r} is not a colour", fix="give #rrggbb, #rgb or rgb(r, g, b)")


def luminance(colour: str) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in parse_colour(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def projected(y: float, flare: float = PROJECTOR_FLARE) -> float:
    """A luminance as a washed-out projector shows it: room light added, white still 1."""
    return (y + flare) / (1 + flare)


def contrast(a: str, b: str, *, flare: float = 0.0) -> float:
    """WCAG contrast ratio of two colours (1 to 21); with ``flare``, as projected."""
    la, lb = sorted((projected(luminance(a), flare), projected(luminance(b), flare)))
    return (lb + 0.05) / (la + 0.05)


def lightness(colour: str, *, flare: float = 0.0) -> float:
    """CIELAB lightness L* (0 black to 100 white); with ``flare``, as projected."""
    y = projected(luminance(colour), flare)
    f = y ** (1 / 3) if y > 216 / 24389 else (24389 / 27 * y + 16) / 116
    return 116 * f - 16
