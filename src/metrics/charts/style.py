"""One Plotly template and one palette, so a tier or theme has the same colour everywhere.

Colours are Okabe–Ito and Paul Tol's colour-blind-safe sets.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.colors import sample_colorscale

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

# --- text drawn on a coloured fill -------------------------------------------------------------

DARK_LABEL = "#111827"
AA_CONTRAST = 4.5  # WCAG 2.1 AA (GB/T 37668-2019) for normal-size text


def label_color(fill: str, alpha: float = 1.0) -> str:
    """A label colour that reads at AA contrast on `fill` drawn at `alpha` over white: the
    dark text if it does, else white, else black (white or black always reaches 4.58:1)."""
    ground = luminance(fill, alpha)
    for label in (DARK_LABEL, "#ffffff"):
        if contrast_ratio(ground, luminance(label)) >= AA_CONTRAST:
            return label
    return "#000000"


def scale_labels(values, top: float, alphas) -> list[str]:
    """Label colours for cells shaded on SEQUENTIAL from 0 to `top` (a missing value is drawn
    in MISSING_COLOR), each at its opacity."""
    return [
        label_color(MISSING_COLOR if pd.isna(v) else sample_colorscale(SEQUENTIAL, v / top)[0], a)
        for v, a in zip(values, alphas, strict=True)
    ]


def contrast_ratio(a: float, b: float) -> float:
    """WCAG's ratio of two relative luminances."""
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def luminance(colour: str, alpha: float = 1.0) -> float:
    """WCAG relative luminance of a "#rrggbb" or "rgb(r, g, b)" colour laid over white."""
    rgb = _rgb(colour)
    channels = [(alpha * c + (1 - alpha) * 255) / 255 for c in rgb]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _rgb(colour: str) -> tuple[float, float, float]:
    if colour.startswith("#"):
        return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    r, g, b = (float(part) for part in colour[colour.index("(") + 1 : -1].split(",")[:3])
    return r, g, b
