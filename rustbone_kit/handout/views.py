"""A widget as it first shows, for paper: its controls' settings and its HTML views.

A lesson run by the hand-out keeps the widgets' state (``nb.metadata.widgets``, which
nbclient records from the kernel): each model's traits as the kernel last sent them. A
widget view is then rebuilt from it: boxes in order, each HTML child's value (made by the
widget's own HTML builder, cleaned by :func:`~.clean.clean_html`), each control as one line
saying what it is set to. Buttons, which do nothing on paper, are left out.

>>> state = {
...     "root": {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_a", "IPY_MODEL_b"]}},
...     "a": {"model_name": "DropdownModel",
...           "state": {"description": "Scene", "_options_labels": ["Ice", "Sea"], "index": 1}},
...     "b": {"model_name": "HTMLModel", "state": {"value": "<p>Ali &amp; the sea</p>"}}}
>>> print(widget_html("root", state).replace("><", ">\\n<"))
<div class="rk-static-widget">
<p class="rk-control">
<span class="rk-control-name">Scene:</span> Sea</p>
<p>Ali &amp; the sea</p>
</div>
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from .clean import clean_html

__all__ = ["WIDGET_STATE", "widget_html", "widget_state"]

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
_BOXES = {"VBoxModel", "HBoxModel", "BoxModel", "GridBoxModel", "AccordionModel", "TabModel"}
_HTML = {"HTMLModel", "HTMLMathModel"}
_CHOICE = {"DropdownModel", "SelectModel", "RadioButtonsModel", "ToggleButtonsModel"}
_MULTIPLE = {"SelectMultipleModel"}
_SILENT = {"ButtonModel", "LayoutModel", "ButtonStyleModel", "DescriptionStyleModel"}


def widget_state(nb: Any) -> dict[str, Any]:
    """Every widget model a run notebook recorded: ``model_id -> {model_name, state}``."""
    return dict(nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {}))


def _control(name: str, value: str) -> str:
    label = html.escape(name.rstrip(":")) if name else "Setting"
    return (
        f'<p class="rk-control"><span class="rk-control-name">{label}:</span> '
        f"{html.escape(value) or '(none)'}</p>"
    )


def _children(state: dict[str, Any]) -> list[str]:
    return [c.removeprefix("IPY_MODEL_") for c in state.get("children", []) if isinstance(c, str)]


def _part(
    model_id: str,
    models: dict[str, Any],
    styles: set[str],
    outputs: Callable[[list[dict[str, Any]]], str] | None,
    seen: set[str],
) -> str:
    model = models.get(model_id)
    if model is None or model_id in seen:
        return ""
    seen.add(model_id)
    name, state = model.get("model_name", ""), model.get("state", {})
    description = str(state.get("description") or "")
    labels = list(state.get("_options_labels") or [])
    if name in _BOXES:
        return "".join(_part(c, models, styles, outputs, seen) for c in _children(state))
    if name in _HTML:
        return clean_html(str(state.get("value", "")), styles=styles)
    if name == "LabelModel":
        return f"<p>{html.escape(str(state.get('value', '')))}</p>"
    if name in _CHOICE:
        index = state.get("index")
        chosen = labels[index] if isinstance(index, int) and 0 <= index < len(labels) else ""
        return _control(description, chosen)
    if name in _MULTIPLE:
        chosen = [labels[i] for i in state.get("index") or [] if 0 <= i < len(labels)]
        return _control(description, "; ".join(chosen))
    if name == "CheckboxModel":
        mark = "yes" if state.get("value") else "no"
        return _control(description, mark)
    if name == "OutputModel" and outputs is not None:
        return outputs(list(state.get("outputs", [])))
    if name in _SILENT or "value" not in state:
        return ""
    value = state.get("value")
    if name.endswith(("IntTextModel", "IntSliderModel")) and state.get("max") is not None:
        return _control(description, f"{value} of {state['max']}")
    return _control(description, "" if value is None else str(value))


def widget_html(
    model_id: str,
    models: dict[str, Any],
    *,
    styles: set[str] | None = None,
    outputs: Callable[[list[dict[str, Any]]], str] | None = None,
) -> str:
    """The widget ``model_id`` as it showed when its cell ran, as static HTML.

    ``styles`` is passed on to :func:`~.clean.clean_html` (a stylesheet kept once per page);
    ``outputs`` renders an ``Output`` widget's outputs (the hand-out's own output renderer).
    """
    body = _part(model_id, models, set() if styles is None else styles, outputs, set())
    return f'<div class="rk-static-widget">{body}</div>'
