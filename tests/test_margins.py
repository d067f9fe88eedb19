"""Margins estimated from label text (metrics/margins.py), checked against hand-worked widths."""

from __future__ import annotations

import math

import plotly.graph_objects as go
import pytest

from metrics.charts.chart import Chart
from metrics.charts.margins import COLORBAR, TICK_GAP, TITLE, fit_margins, text_width
from metrics.charts.style import TEMPLATE


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


# --- the figure grows so its rows keep their room (issue #11, defect 7) -------------------------
# The template's top and bottom margins are 80 and 60 px: with short labels, the plot area is
# the height less 140 px.


def test_a_short_figure_grows_to_34_px_per_bar():
    fig = bars([f"第{n}项" for n in range(10)], height=300)  # 160 px for 10 bars
    fit_margins(fig)
    assert fig.layout.height == 140 + 340


def test_a_tall_enough_figure_keeps_its_height():
    fig = bars(["甲", "乙"], height=300)
    fit_margins(fig)
    assert fig.layout.height == 300


def test_a_heat_map_of_seven_rows_gets_near_square_cells():
    names = ["一", "二", "三", "四", "五", "六", "七"]
    fig = go.Figure(
        go.Heatmap(z=[[1] * 7] * 7, x=names, y=names), layout={"template": TEMPLATE, "height": 430}
    )
    fit_margins(fig)
    assert fig.layout.height == 140 + 7 * 56  # 532: 56 px rows instead of 41


def test_a_colour_bar_keeps_200_px():
    fig = go.Figure(layout={"template": TEMPLATE, "height": 260})
    fig.add_scatter(x=["甲"], y=["乙"], marker={"color": [1], "showscale": True})
    fit_margins(fig)
    assert fig.layout.height == 140 + 200
    assert fig.layout.margin.r == 42 + 78  # 3 em for its untitled ticks, then the bar itself


def test_a_map_without_axes_and_a_flat_colour_bar():
    fig = go.Figure(layout={"template": TEMPLATE, "height": 480})
    fig.add_scatter(
        x=[0, 1],
        y=[0, 1],
        marker={"color": [1, 2], "showscale": True, "colorbar": {"orientation": "h"}},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fit_margins(fig)
    margin = fig.layout.margin
    assert (margin.l, margin.r, margin.b) == (5, 5, 5 + 70)  # the bar's title, bar and ticks
    assert fig.layout.height == 480
