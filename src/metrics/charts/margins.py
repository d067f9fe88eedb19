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
# A colour bar laid flat under the plot (the tile map's): its title, the bar, its tick labels.
FLAT_COLORBAR = 22 + 12 + 22 + 14
ROW = 34  # pixels per category row: a bar, or a 30 px marker, with room for its label
CELL = 56  # a heat map's row on a few categories: cells near square at a desktop width
BAR_PLOT = 200  # a vertical colour bar is as long as the plot: never shorter than this
BARE = 5  # the side margins of a figure with no axes drawn (the tile map)


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


def _colorbars(fig: go.Figure) -> list:
    """The colour bars shown."""
    bars = []
    for trace in fig.data:
        marker = getattr(trace, "marker", None)
        if getattr(trace, "type", "") == "heatmap" and trace.showscale is not False:
            bars.append(trace.colorbar)
        elif marker is not None and getattr(marker, "showscale", None):
            bars.append(marker.colorbar)
    return bars


def _rows(fig: go.Figure) -> float:
    """The plot height that the y categories need to be drawn, each with its label.

    Plotly labels a category axis only every n-th row when the rows are shorter than its
    font (17 px at 14 px): a short heat map loses half its row names.
    """
    if fig.layout.yaxis.visible is False:
        return 0.0
    rows = len(set(_categories(fig, "y")))
    if not rows:
        return 0.0
    heat = any(getattr(trace, "type", "") == "heatmap" for trace in fig.data)
    return rows * (max(ROW, min(CELL, 480 / rows)) if heat else ROW)


def fit_margins(fig: go.Figure) -> None:
    """Set the left, bottom and right margins that the labels of `fig` need.

    The figure grows taller when those margins, added to its height, would leave its rows
    (category rows, a colour bar) less room than they need.
    """
    margin = fig.layout.template.layout.margin
    left, bottom, right = margin.l or 0, margin.b or 0, margin.r or 0
    xaxis, yaxis = fig.layout.xaxis, fig.layout.yaxis
    if xaxis.visible is False and yaxis.visible is False:
        left = right = bottom = BARE
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
    bars = _colorbars(fig)
    upright = [bar for bar in bars if bar.orientation != "h"]
    if upright:
        titles = [bar.title.text or "" for bar in upright]
        right = max(right, max(_widest(titles), 3 * FONT_SIZE) + COLORBAR)
    if len(upright) < len(bars):
        bottom += FLAT_COLORBAR
    current = fig.layout.margin
    sides = {
        "l": max(current.l or 0, math.ceil(left)),
        "b": max(current.b or 0, math.ceil(bottom)),
        "r": max(current.r or 0, math.ceil(right)),
    }
    fig.update_layout(margin=sides)
    height = fig.layout.height
    if height is not None:
        top = current.t if current.t is not None else margin.t or 0
        need = max(_rows(fig), BAR_PLOT if upright else 0)
        if height - top - sides["b"] < need:
            fig.update_layout(height=math.ceil(top + sides["b"] + need))
