"""Margins sized for a figure's own labels, estimated from their text.

Plotly's `automargin` draws a chart, measures its tick labels and colour bar, and draws it
again when they do not fit: on the themes page that second drawing was half of the browser's
time per chart. Margins that already fit make the second drawing unnecessary; automargin stays
on, so a label wider than estimated still grows its margin instead of being cut.
"""

from __future__ import annotations

import html
import math

import plotly.graph_objects as go

FONT_SIZE = 14  # the template's font size, which tick labels and titles inherit
TITLE = 26  # an axis title: one line of text and its gap to the tick labels
TICK_GAP = 12  # tick length and the space between a tick and its label
COLORBAR = 30 + 10 + 10 + 28  # bar thickness, its padding, and the gap to the plot


# Advance widths (em) of printable ASCII in Noto Sans CJK SC, the first font of the template,
# measured in Chromium and rounded up; every other character counts as a full em, as CJK
# characters and CJK punctuation are.
_ASCII_EM = {
    " ": 0.23,
    "!',.:;Iijl|": 0.33,
    "()-/[\\]frt{}": 0.39,
    '"*?sxz': 0.48,
    "#$+0123456789<=>FJLVXY^_acegkvy~": 0.57,
    "ACEPRSTZ`bdhnopqu": 0.64,
    "&BDGK": 0.69,
    "HNOQU": 0.75,
    "Mw": 0.82,
    "%@Wm": 0.95,
}
_EM = {char: em for chars, em in _ASCII_EM.items() for char in chars}


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """Pixels a line of text takes in the template's font, erring wide."""
    return size * sum(_EM.get(char, 1.0) for char in html.unescape(str(text)))


def _widest(labels) -> float:
    return max((text_width(label) for label in labels), default=0.0)


def _categories(fig: go.Figure, axis: str) -> list[str]:
    """The text categories drawn along `axis` ("x" or "y") by every trace."""
    found: list[str] = []
    for trace in fig.data:
        values = getattr(trace, axis, None)
        if values is None or getattr(trace, "type", "") == "pie":
            continue
        found += [v for v in values if isinstance(v, str)]
    return found


def _has_title(axis) -> bool:
    return bool(axis.title and axis.title.text)


def _colorbar_titles(fig: go.Figure) -> list[str] | None:
    """The titles of the colour bars shown, or None when there is none."""
    titles = []
    for trace in fig.data:
        marker = getattr(trace, "marker", None)
        if getattr(trace, "type", "") == "heatmap" and trace.showscale is not False:
            titles.append(trace.colorbar.title.text or "")
        elif marker is not None and getattr(marker, "showscale", None):
            titles.append(marker.colorbar.title.text or "")
    return titles or None


def fit_margins(fig: go.Figure) -> None:
    """Set the left, bottom and right margins that the labels of `fig` need."""
    margin = fig.layout.template.layout.margin
    left, bottom, right = margin.l or 0, margin.b or 0, margin.r or 0
    xaxis, yaxis = fig.layout.xaxis, fig.layout.yaxis
    y_labels = _categories(fig, "y")
    if yaxis.visible is not False and y_labels:
        left = max(left, _widest(y_labels) + TICK_GAP + TITLE * _has_title(yaxis))
    x_labels = _categories(fig, "x")
    if xaxis.visible is not False and x_labels and xaxis.tickangle:
        angle = math.radians(abs(xaxis.tickangle))
        drop = _widest(x_labels) * math.sin(angle) + FONT_SIZE * math.cos(angle) + 6
        bottom = max(bottom, drop + TICK_GAP + TITLE * _has_title(xaxis))
        # A slanted label hangs to the left of its tick: the first one can pass the y axis.
        first = list(xaxis.categoryarray or []) or x_labels
        left = max(left, text_width(first[0]) * math.cos(angle) + TICK_GAP)
    titles = _colorbar_titles(fig)
    if titles is not None:
        right = max(right, max(_widest(titles), 3 * FONT_SIZE) + COLORBAR)
    current = fig.layout.margin
    fig.update_layout(
        margin={
            "l": max(current.l or 0, math.ceil(left)),
            "b": max(current.b or 0, math.ceil(bottom)),
            "r": max(current.r or 0, math.ceil(right)),
        }
    )
