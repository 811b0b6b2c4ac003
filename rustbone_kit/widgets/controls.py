"""The controls several widgets share, written once: the reading picker and the prev/next stepper.

Every control has a ``description`` (what a screen reader says) and is reached by Tab; arrow
keys move a dropdown or the stepper's number, and the Previous and Next buttons have tooltips.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import ipywidgets as w

from ..corpus import Corpus
from ..errors import UnknownIdError

__all__ = ["WIDE", "Stepper", "check_ids", "id_picker", "reading_options", "reading_picker"]

#: The style that gives a control's description all the room it needs.
WIDE = {"description_width": "initial"}


def reading_options(corpus: Corpus) -> list[tuple[str, str]]:
    """``(label, id)`` of every reading, in corpus order: ``"Title (id)"``."""
    return [(f"{r.meta.get('title') or r.id} ({r.id})", r.id) for r in corpus]


def reading_picker(
    corpus: Corpus,
    value: str,
    *,
    width: str,
    every: str | None = None,
    wide: bool = True,
) -> w.Dropdown:
    """A "Reading" dropdown of the corpus's readings; ``every`` labels an extra first choice
    (value ``""``) that stands for all of them."""
    options = reading_options(corpus)
    if every is not None:
        options = [(every, ""), *options]
    extra = {"style": WIDE} if wide else {}
    return w.Dropdown(
        options=options,
        value=value,
        description="Reading",
        layout=w.Layout(width=width),
        **extra,
    )


def id_picker(
    options: Sequence[tuple[str, str]],
    *,
    description: str,
    width: str,
    value: Sequence[str] = (),
    rows: int = 8,
) -> w.SelectMultiple:
    """A list to choose several ids from (Ctrl+click; by keyboard Ctrl+Down/Up, then Space).

    In JupyterLab the plain arrow keys (and Shift+arrows) on a focused list or menu move the
    notebook's cell cursor instead (ipywidgets issue #3912); Ctrl+arrows, Space, Home and End
    reach the list itself, and Space (or Alt+Down) opens a dropdown menu.
    """
    return w.SelectMultiple(
        options=list(options),
        value=tuple(value),
        rows=rows,
        description=description,
        style=WIDE,
        layout=w.Layout(width=width),
    )


def check_ids(kind: str, values: Iterable[str], known: Sequence[str]) -> None:
    """Raise :class:`~rustbone_kit.errors.UnknownIdError` (a ``KeyError``) for the first of
    ``values`` not among the ``known`` ids of ``kind``, with "did you mean"."""
    for value in values:
        if value not in known:
            raise UnknownIdError.of(kind, value, known)


class Stepper(w.HBox):
    """A number box (1 to ``count``) with Previous and Next buttons that stop at the ends.

    A number box, not a slider: ipywidgets' slider handle is a ``role="slider"`` element that
    its label does not name, so a screen reader announces a nameless slider (axe's
    ``aria-input-field-name``); the ``<input type="number">`` is named by its label, takes the
    arrow keys and a typed number. ``slider`` is its old name.

    >>> stepper = Stepper("Passage", "passage")
    >>> stepper.restart(3)  # False: it was at 1 already, so no observer ran
    False
    >>> stepper.next.click(); stepper.next.click(); stepper.next.click()
    >>> stepper.slider.value, stepper.previous.tooltip
    (3, 'Previous passage')
    """

    def __init__(self, description: str, noun: str, *, wide: bool = False) -> None:
        extra = {"style": WIDE} if wide else {}
        self.number = w.BoundedIntText(
            value=1,
            min=1,
            max=1,
            description=description,
            continuous_update=True,  # each arrow key press moves on at once
            layout=w.Layout(width="16em"),
            **extra,
        )
        self.slider = self.number  # the old name, kept for code written against it
        self.previous = w.Button(
            description="Previous", tooltip=f"Previous {noun}", icon="arrow-left"
        )
        self.next = w.Button(description="Next", tooltip=f"Next {noun}", icon="arrow-right")
        self.previous.on_click(lambda _: self.step(-1))
        self.next.on_click(lambda _: self.step(+1))
        super().__init__([self.slider, self.previous, self.next])

    def step(self, delta: int) -> None:
        """Move ``delta`` places, stopping at the first and the last."""
        self.slider.value = min(self.slider.max, max(1, self.slider.value + delta))

    def restart(self, count: int) -> bool:
        """Count 1 to ``count`` (at least 1) from 1 again. True when the value changed (so its
        observers ran); False when it was 1 already (render yourself)."""
        self.slider.max = max(1, count)
        if self.slider.value != 1:
            self.slider.value = 1
            return True
        return False
