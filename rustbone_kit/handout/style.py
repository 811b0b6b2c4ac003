"""The hand-outs' one stylesheet, inlined in every page: readable on screen, printable on A4.

Nothing is loaded: system fonts, no ``url()``. On paper (``@media print``) the margins are
set, the data tables (the charts' rows, for screen readers) are left out, links print their
address, and a chart, table or widget is never split across pages. Colours pass the checks
of ``tests/test_widgets_style_colour.py`` (text 4.5:1, graphics 3:1, on a projector too).
"""

from __future__ import annotations

__all__ = ["STYLESHEET"]

STYLESHEET = """
:root{color-scheme:light}
body{margin:0;background:#fff;color:#111;
 font:17px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif}
main{max-width:58em;margin:0 auto;padding:1.5em 2em 3em}
h1{font-size:30px;line-height:1.25;margin:.4em 0 .6em}
h2{font-size:24px;line-height:1.3;margin:1.5em 0 .4em}
h3{font-size:20px;margin:1.2em 0 .3em}
a{color:#0057A3}
a:focus-visible,summary:focus-visible{outline:3px solid #D55E00;outline-offset:2px}
.rk-handout-meta{color:#444;font-size:15px;border-bottom:1px solid #888;padding-bottom:.5em}
pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:.5em 0;
 font:15px/1.45 ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace}
pre.rk-code{background:#f2f2f2;color:#111;border-left:4px solid #0072B2;padding:.5em .8em}
pre.rk-stream{border-left:4px solid #888;padding:.2em .8em}
pre.rk-error{border-left:4px solid #D55E00;padding:.2em .8em}
figure.rk-chart{margin:1em 0}
figure.rk-chart svg{max-width:100%;height:auto}
img{max-width:100%;height:auto}
table{border-collapse:collapse;margin:.6em 0;font-size:15px}
th,td{padding:.2em .6em;text-align:left;vertical-align:top;border-bottom:1px solid #bbb}
.rk-output{overflow-x:auto}
.rk-static-widget{border:2px solid #0072B2;padding:.5em 1em;margin:1em 0}
.rk-static-note{font-style:italic;color:#444;margin:.2em 0 .5em}
.rk-control{margin:.2em 0}
.rk-control-name{font-weight:700}
.rk-reading dl{display:grid;grid-template-columns:max-content 1fr;gap:.1em 1em;margin:.5em 0}
.rk-reading dt{font-weight:700}
.rk-reading dd{margin:0}
table.rk-sentences{width:100%;font-size:16px}
table.rk-sentences td.rk-number{text-align:right;font-variant-numeric:tabular-nums;width:3em}
table.rk-sentences td.rk-margin{width:30%;border-left:2px solid #888;color:#333;font-size:14px}
table.rk-sentences td.rk-text{line-height:1.9}
.rk-flag{display:block}
@media print{
 @page{margin:16mm 14mm}
 body{font-size:11pt}
 main{max-width:none;padding:0}
 .rk-data-table{display:none}
 a[href^="http"]::after{content:" (" attr(href) ")";font-size:90%;overflow-wrap:anywhere}
 figure,pre,tr,.rk-static-widget{break-inside:avoid}
 h1,h2,h3{break-after:avoid}
 .rk-reading{break-before:page}
 table.rk-sentences td.rk-text{line-height:2.2}
}
"""
