"""Answer cells show a half-built chart as a note, never a traceback."""

from __future__ import annotations

import pandas as pd

import rustbone_kit as rk
from rustbone_kit.checks import NotDrawn, check, show

alt = rk.charts.alt


def test_a_chart_without_a_mark_is_a_note_and_its_check_names_the_problem():
    half = alt.Chart(pd.DataFrame({"reading": ["a"], "share": [0.5]}))
    shown = show(half)
    assert isinstance(shown, NotDrawn) and "'mark' is a required property" in str(shown)
    assert 'role="status"' in shown._repr_html_()
    feedback = check("05.4", half)
    assert feedback.status == "not yet" and "'mark' is a required property" in feedback.message


def test_finished_answers_are_shown_as_themselves():
    chart = alt.Chart(pd.DataFrame({"a": [1]})).mark_bar().encode(x="a")
    frame = pd.DataFrame({"a": [1]})
    assert show(chart) is chart and show(frame) is frame and show(None) is None


def test_the_exercises_end_answer_cells_with_show():
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    for folder in ("solutions", "exercises"):
        for path in (root / folder).glob("*.ipynb"):
            for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
                last = "".join(cell["source"]).strip().splitlines()[-1:] or [""]
                assert not last[0].startswith("answer_") or "=" in last[0], (path.name, last)
