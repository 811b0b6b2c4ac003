"""The reading browser widget: one reading, passage by passage, beside its metadata."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import traitlets

from ..corpus import Corpus
from ..errors import ArgumentError
from .controls import Stepper, check_ids, reading_picker
from .html_card import reading_card_html

__all__ = ["ReadingBrowser"]


class ReadingBrowser(w.VBox):
    """Browse a reading passage by passage, beside its metadata.

    Keyboard: Tab reaches the reading menu (Space opens it, arrows and Enter choose) and the
    passage number (arrow keys step); the Previous and Next buttons do the same.

    The state is in two traits a teacher can ``observe`` or ``link``: ``reading_id`` and
    ``passage_number``, kept in step with the controls ``reading`` and ``passage``. The
    card's HTML is ``card.value`` (made by :func:`reading_card_html`).

    >>> from rustbone_kit import load_corpus
    >>> b = ReadingBrowser(load_corpus(), reading="bowditch")
    >>> b.passage.max, "Carol Bowditch" in b.card.value
    (11, True)
    >>> b.passage_number = 3
    >>> b.passage.value, "Passage 3 of 11" in b.card.value
    (3, True)
    """

    reading_id = traitlets.Unicode(help="The id of the reading shown.")
    passage_number = traitlets.Int(
        1, help="The passage shown, counting from 1 (kept between 1 and the reading's count)."
    )

    def __init__(self, corpus: Corpus, *, reading: str | None = None) -> None:
        if not len(corpus):
            raise ArgumentError(
                "the corpus has no readings to browse",
                field="corpus",
                fix="load a folder that holds readings (rk.load_corpus() loads the bundled ones)",
            )
        self.corpus = corpus
        self.reading = reading_picker(corpus, reading or corpus[0].id, width="46em", wide=False)
        self.stepper = Stepper("Passage", "passage")
        self.passage = self.stepper.slider
        self.previous, self.next = self.stepper.previous, self.stepper.next
        self.card = w.HTML()
        super().__init__([self.reading, self.stepper, self.card])
        traitlets.link((self.reading, "value"), (self, "reading_id"))
        traitlets.link((self.passage, "value"), (self, "passage_number"))
        self.observe(self._on_reading, names="reading_id")
        self.observe(self._render, names="passage_number")
        self._on_reading()

    def __repr__(self) -> str:
        # The text a saved notebook shows in place of the widget (see notebooks.scrub).
        return (
            f"ReadingBrowser: {self.reading.value}, passage {self.passage.value} of "
            f"{self.passage.max}. Run this cell to browse (widgets are not saved)."
        )

    @traitlets.validate("reading_id")
    def _valid_reading(self, proposal: Any) -> str:
        check_ids("reading", [proposal.value], self.corpus.ids)
        return proposal.value

    @traitlets.validate("passage_number")
    def _valid_passage(self, proposal: Any) -> int:
        slider = getattr(self, "passage", None)
        top = slider.max if slider is not None else 1
        return min(top, max(1, int(proposal.value)))

    def _on_reading(self, *_: Any) -> None:
        if not self.stepper.restart(len(self.corpus[self.reading_id].passages)):
            self._render()

    def _render(self, *_: Any) -> None:
        reading = self.corpus[self.reading_id]
        number = self.passage_number
        self.card.value = reading_card_html(
            reading.meta,
            reading.passages[number - 1].text,
            number=number,
            total=len(reading.passages),
        )
