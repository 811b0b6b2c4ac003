"""The annotator's HTML: the sentence to tag, the file's status line, and the kappa table.

Pure functions of plain data (no ipywidgets, no pandas); all text is escaped, and every
state is said in words (never by colour alone).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .html_parts import attr, esc, message_html
from .style import STYLE

__all__ = [
    "KappaRow",
    "annotator_sentence_html",
    "annotator_status_html",
    "kappa_table_html",
]


def annotator_sentence_html(
    sentence: str,
    *,
    reading: str,
    number: int,
    total: int,
    before: str = "",
    after: str = "",
    scenes: Sequence[str] = (),
    themes: Sequence[str] = (),
    no_scene: bool = False,
) -> str:
    """One sentence to tag, between its neighbours (in italics), with its tags in words
    (``no_scene``: the annotator decided it discusses no scene, said so).

    >>> page = annotator_sentence_html("<b>Hi</b>", reading="demo", number=2, total=5,
    ...                                scenes=["The swim"])
    >>> "&lt;b&gt;Hi&lt;/b&gt;" in page, "Sentence 2 of 5" in page, "Scenes: The swim" in page
    (True, True, True)
    """
    where = f"{reading}: Sentence {number} of {total}"
    context_before = (
        f'<p class="rk-context">Before: {esc(before)}</p>'
        if before
        else '<p class="rk-context">(the first sentence)</p>'
    )
    context_after = (
        f'<p class="rk-context">After: {esc(after)}</p>'
        if after
        else '<p class="rk-context">(the last sentence)</p>'
    )
    none = "no scene (your decision)" if no_scene and not scenes else "none"
    tags = f"Scenes: {esc(', '.join(scenes)) or none}; Themes: {esc(', '.join(themes)) or 'none'}"
    return (
        f'{STYLE}<div class="rk-view rk-annotate" role="region" aria-live="polite" '
        f"aria-label={attr(where)}><p><strong>{esc(where)}</strong></p>{context_before}"
        f'<blockquote class="rk-sentence">{esc(sentence)}</blockquote>{context_after}'
        f'<p class="rk-tags"><strong>Your tags.</strong> {tags}</p></div>'
    )


def annotator_status_html(text: str, *, kind: str = "info") -> str:
    """A line about the annotation file: ``info``, ``saved`` or ``error`` (said in words too).

    ``text`` is escaped.

    >>> "Problem: <b>" in annotator_status_html("<b>", kind="error")
    False
    """
    prefix = {"error": "Problem: ", "saved": "Saved. "}.get(kind, "")
    cls = {"error": "rk-message", "saved": "rk-saved"}.get(kind, "rk-context")
    role = ' role="alert"' if kind == "error" else ""
    return (
        f'{STYLE}<div class="rk-view rk-status"><p class="{cls}"{role}>'
        f"<strong>{prefix}</strong>{esc(text)}</p></div>"
    )


@dataclass(frozen=True)
class KappaRow:
    """Agreement on one scene: Cohen's kappa (None or NaN when it cannot be computed) and
    how many of the compared sentences each side gave the scene."""

    scene: str
    kappa: float | None
    you: int
    reference: int


def _kappa_text(kappa: float | None, you: int, reference: int, sentences: int) -> str:
    if kappa is not None and not math.isnan(kappa):
        return f"{kappa:.2f}"
    if you == 0 and reference == 0:
        why = "neither you nor the reference set gave this scene to any of these sentences"
    elif you == reference == sentences:
        why = "both sets give this scene to every sentence"
    else:
        why = "kappa is not defined here"
    return f"n/a ({why})"


def kappa_table_html(
    rows: Sequence[KappaRow],
    *,
    sentences: int,
    compared: Sequence[str] = (),
    not_compared: Sequence[str] = (),
    overall: float | None = None,
    problem: str | None = None,
) -> str:
    """Cohen's kappa per scene against the reference set, as a table, with the number of
    sentences compared and the readings they come from. A scene no one gave to any of the
    sentences reads "n/a" and says why.

    >>> page = kappa_table_html([KappaRow("The swim", 0.5, 2, 3), KappaRow("Ice", None, 0, 0)],
    ...                         sentences=30, compared=["marchant"], overall=0.5)
    >>> "Sentences compared: 30" in page, "<td>0.50</td>" in page
    (True, True)
    >>> "n/a (neither you nor the reference set gave this scene" in page
    True
    """
    label = "Agreement with the reference set"
    if problem is not None:
        return message_html(esc(problem), label=label)
    if not sentences:
        return message_html(
            "Nothing to compare yet: tag a sentence with a scene in a reading the reference "
            "set covers.",
            label=label,
        )
    body = "".join(
        f'<tr><th scope="row">{esc(r.scene)}</th>'
        f"<td>{esc(_kappa_text(r.kappa, r.you, r.reference, sentences))}</td>"
        f'<td class="rk-num">{r.you}</td><td class="rk-num">{r.reference}</td></tr>'
        for r in rows
    )
    pooled = _kappa_text(overall, 1, 1, sentences + 1)  # NaN here: no decision to score
    body += (
        f'<tr><th scope="row">All scenes, pooled</th><td>{esc(pooled)}</td><td></td><td></td></tr>'
    )
    missing = (
        f"<p>Not compared (the reference set does not cover them): "
        f"{esc(', '.join(not_compared))}.</p>"
        if not_compared
        else ""
    )
    return (
        f'{STYLE}<div class="rk-view rk-agreement" role="region" aria-live="polite" '
        f"aria-label={attr(label)}>"
        f'<p class="rk-count"><strong>Sentences compared: {sentences}</strong> (every '
        f"sentence of: {esc(', '.join(compared))}).</p>"
        f'<table class="rk-kappa"><caption>Cohen\'s kappa against the reference set, per '
        f'scene</caption><thead><tr><th scope="col">Scene</th><th scope="col">Kappa</th>'
        f'<th scope="col">Your sentences</th><th scope="col">Reference sentences</th></tr>'
        f"</thead><tbody>{body}</tbody></table>"
        "<p>How to read kappa: 1 means you agree on every sentence; 0 means no more than "
        "chance would give; below 0, less than chance.</p>"
        f"{missing}</div>"
    )
