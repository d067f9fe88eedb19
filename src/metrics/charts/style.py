"""One Plotly template and one palette, so a tier or theme has the same colour everywhere.

Colours are Okabe–Ito and Paul Tol's colour-blind-safe sets.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

FONT = (
    "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
)
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
TOL_MUTED = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677",
             "#882255", "#AA4499"]  # fmt: skip
TIER_COLORS = {"innovation": "#0072B2", "excellent": "#E69F00"}
STATUS_COLORS = {"amount": "#009E73", "mentioned": "#E69F00", "none": "#BBBBBB"}
CATEGORY_COLORS = {
    "reach": "#0072B2",
    "participants": "#009E73",
    "activity": "#CC79A7",
    "funding": "#D55E00",
    "profile": "#999999",
}
# Counts start at 1, so the scale starts at a blue that is visible on white.
SEQUENTIAL = [[0.0, "#deebf7"], [0.5, "#6baed6"], [1.0, "#08306b"]]
MISSING_COLOR = "#E5E7EB"

pio.templates["baihua"] = go.layout.Template(
    layout=go.Layout(
        font={"family": FONT, "size": 14, "color": "#1d2733"},
        title={"font": {"size": 18}, "x": 0.01, "xanchor": "left"},
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=OKABE_ITO,
        xaxis={"gridcolor": "#E5E7EB", "zerolinecolor": "#9CA3AF", "automargin": True},
        yaxis={"gridcolor": "#E5E7EB", "zerolinecolor": "#9CA3AF", "automargin": True},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "traceorder": "normal"},
        hoverlabel={"font": {"family": FONT}},
        margin={"l": 60, "r": 20, "t": 80, "b": 60},
    )
)
TEMPLATE = "baihua"
