"""The one stylesheet every widget's HTML carries: scoped to the kit's classes, projector-sized.

Every rule starts with ``.rk-card`` (the reading browser's card), ``.rk-view`` (every other
view) or ``.rk-widget`` (the controls of a widget), so nothing outside the kit's own HTML
changes; no font is under 16px. Highlights never rely on colour alone: shared words are bold,
theme terms underlined, matches bold, the passage inside its paragraph outlined. Every colour
that carries meaning has 3:1 against white (borders, bars, outlines) or 4.5:1 behind text
(``tests/test_widgets_style_colour.py``), and every control a keyboard reaches shows a 3px
vermilion outline (ipywidgets' own focus is a pale border, with ``outline: none !important``).
"""

from __future__ import annotations

__all__ = ["STYLE"]

_CARD_RULES = """
.rk-card{display:flex;flex-wrap:wrap;gap:1.5em;font-size:16px;line-height:1.5;max-width:62em}
.rk-card dl{flex:1 1 16em;margin:0}
.rk-card dt{font-weight:700;margin-top:.4em}
.rk-card dt,.rk-card dd{float:none;width:auto;padding:0;text-align:left}
.rk-card dd{margin:0}
.rk-card .rk-unknown{font-style:italic}
.rk-card blockquote{flex:2 1 24em;margin:0;padding:.2em 1em;border-left:6px solid #0072B2}
.rk-card blockquote.rk-short{border-left:6px dashed #D55E00}
.rk-card .rk-where{font-weight:700}
"""

_VIEW_RULES = """
.rk-view{font-size:16px;line-height:1.55;max-width:100%}
.rk-view,.rk-view *{box-sizing:border-box}
.rk-widget .widget-label,.rk-widget select,.rk-widget input,.rk-widget button,
.rk-widget .widget-readout{font-size:16px}
.rk-widget .widget-dropdown select,.rk-widget .widget-text input{height:32px}
.rk-widget select:focus-visible,.rk-widget input:focus-visible,.rk-widget button:focus-visible,
.rk-widget textarea:focus-visible{outline:3px solid #D55E00 !important;outline-offset:1px}
.rk-view p{margin:.25em 0}
.rk-view h3{font-size:20px;margin:.3em 0}
.rk-view h4{font-size:18px;margin:.6em 0 .3em}
.rk-view mark{color:#000}
.rk-view mark.rk-shared{background:#FFE08A;font-weight:700;padding:0 .1em}
.rk-view mark.rk-match{background:#BFE3F7;font-weight:700;padding:0 .1em}
.rk-view .rk-theme{text-decoration:underline;text-decoration-thickness:2px;
 text-underline-offset:.2em;text-decoration-color:#0072B2}
.rk-view .rk-here{font-weight:700;outline:2px dashed #0072B2;outline-offset:1px}
.rk-view .rk-unknown{font-style:italic}
.rk-view .rk-cut{font-style:italic}
.rk-view .rk-legend{border:1px solid #888;padding:.3em .8em;margin:.4em 0}
.rk-view .rk-message{border-left:6px solid #D55E00;padding:.3em .8em;margin:.4em 0}
.rk-view .rk-saved{border-left:6px solid #009E73;padding:.3em .8em;margin:.4em 0}
.rk-view .rk-cols{display:grid;gap:1em;overflow-x:auto;align-items:start}
.rk-view .rk-column{border-top:6px solid #0072B2;padding:.3em .5em;min-width:0}
.rk-view .rk-column.rk-silent{border-top:6px dashed #D55E00}
.rk-view .rk-critic{font-weight:700;font-size:18px}
.rk-view details{margin:.45em 0;padding:.15em .5em;border-left:4px solid #888}
.rk-view details[open]{border-left:4px solid #0072B2}
.rk-view summary{cursor:pointer}
.rk-view summary:focus-visible{outline:3px solid #D55E00;outline-offset:2px}
.rk-view blockquote{margin:.3em 0;padding:.2em .8em;border-left:6px solid #0072B2}
.rk-view ol{padding-left:1.6em}
.rk-view .rk-kwic-line{display:inline-grid;width:calc(100% - 1.5em);vertical-align:top;
 column-gap:.3em;grid-template-columns:minmax(0,1fr) auto minmax(0,1fr) auto;align-items:start}
.rk-view .rk-left,.rk-view .rk-right{white-space:nowrap;overflow:hidden}
.rk-view .rk-left{direction:rtl;text-align:right}
.rk-view .rk-left>span{direction:ltr;unicode-bidi:embed}
.rk-view .rk-right{text-overflow:ellipsis}
.rk-view .rk-kwic-reading{font-style:italic;padding-left:.6em;white-space:nowrap}
.rk-view table{border-collapse:collapse;font-size:16px;margin:.4em 0}
.rk-view caption{text-align:left;font-weight:700;padding:.2em 0}
.rk-view th,.rk-view td{padding:.2em .6em;text-align:left;border-bottom:1px solid #bbb}
.rk-view td.rk-num{text-align:right;font-variant-numeric:tabular-nums}
.rk-view .rk-track{display:inline-block;width:12em;vertical-align:middle;margin-right:.5em}
.rk-view .rk-bar{display:block;height:.9em;background:#0072B2}
.rk-view .rk-context{font-style:italic}
.rk-view blockquote.rk-sentence{font-size:18px}
"""

#: The ``<style>`` block at the head of every view's HTML (the card's rules, then the views').
STYLE = f"<style>{_CARD_RULES}{_VIEW_RULES}</style>"
