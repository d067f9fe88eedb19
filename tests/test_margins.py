"""Margins estimated from label text (metrics/margins.py), checked against hand-worked widths."""

from __future__ import annotations

import math

import plotly.graph_objects as go
import pytest

from metrics.chart import Chart
from metrics.margins import COLORBAR, TICK_GAP, TITLE, fit_margins, text_width
from metrics.style import TEMPLATE


@pytest.mark.parametrize(
    ("text", "em"),
    [
        ("社区治理", 4.0),  # CJK: one em each
        ("（个）", 3.0),  # full-width punctuation too
        ("Town", 0.64 + 0.64 + 0.82 + 0.64),
        ("a&lt;b", 0.57 + 0.57 + 0.64),  # escaped for Plotly, measured as shown: a<b
        ("1,000", 4 * 0.57 + 0.33),
    ],
)
def test_text_width(text, em):
    assert text_width(text) == pytest.approx(14 * em)


def bars(labels, **layout) -> go.Figure:
    fig = go.Figure(layout={"template": TEMPLATE, **layout})
    fig.add_bar(y=labels, x=[1] * len(labels), orientation="h")
    return fig


def test_left_margin_holds_the_widest_y_label_and_the_axis_title():
    fig = bars(["治理", "社区微治理项目"], yaxis={"title": {"text": "主题"}})
    fit_margins(fig)
    assert fig.layout.margin.l == math.ceil(7 * 14 + TICK_GAP + TITLE)  # 136
    assert fig.layout.margin.r == 20  # the template's: nothing on the right
    assert fig.layout.margin.b == 60


def test_short_labels_keep_the_template_margin():
    fig = bars(["甲", "乙"])
    fit_margins(fig)
    assert fig.layout.margin.l == 60


def test_slanted_x_labels_and_a_colour_bar():
    heat = go.Heatmap(z=[[1, 2]], x=["社区治理创新", "养老"], y=["甲"])
    heat.colorbar.title.text = "项目数（个）"
    fig = go.Figure(heat, layout={"template": TEMPLATE, "xaxis": {"tickangle": -40}})
    fig.layout.xaxis.title.text = "主题"
    fit_margins(fig)
    angle = math.radians(40)
    drop = 6 * 14 * math.sin(angle) + 14 * math.cos(angle) + 6
    assert fig.layout.margin.b == math.ceil(drop + TICK_GAP + TITLE)  # 126
    assert fig.layout.margin.r == math.ceil(6 * 14 + COLORBAR)  # 162
    # The first slanted label hangs left of the plot: 6 em × cos 40° + the tick gap.
    assert fig.layout.margin.l == math.ceil(6 * 14 * math.cos(angle) + TICK_GAP)


def test_a_builder_margin_is_kept_when_wider():
    fig = bars(["甲"], margin={"l": 300})
    fit_margins(fig)
    assert fig.layout.margin.l == 300


def test_every_chart_gets_its_margins():
    fig = bars(["一二三四五六七八九十"])
    chart = Chart("k", "t", fig, data=None, caption="")  # type: ignore[arg-type]
    assert chart.figure.layout.margin.l == math.ceil(10 * 14 + TICK_GAP)
