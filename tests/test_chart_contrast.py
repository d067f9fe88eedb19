"""Text inside charts reads at WCAG 2.1 AA contrast (4.5:1) on the cell or bar it sits on.

The ratio is computed here from WCAG's formula, not with the helpers in charts/style.py.
"""

from __future__ import annotations

import pytest
from plotly.colors import sample_colorscale

from metrics.charts import figures, themes
from metrics.charts.style import SEQUENTIAL, STATUS_COLORS
from metrics.data.load import load_dataset

AA = 4.5


def wcag_ratio(a: str, b: str) -> float:
    def lum(colour: str) -> float:
        if colour == "white":
            colour = "#ffffff"
        if colour.startswith("#"):
            rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
        else:
            rgb = [float(p) for p in colour[colour.index("(") + 1 : -1].split(",")]
        srgb = [c / 255 for c in rgb]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in srgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_the_formula_matches_axe():
    # axe reported the old grey caption, #777d85 on white, at 4.15:1.
    assert round(wcag_ratio("#777d85", "#ffffff"), 2) == 4.15


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_town_theme_heat_map_labels(ds, lang):
    trace = themes.town_theme_heatmap(ds, lang, "").figure.data[0]
    counts = list(trace.marker.color)
    # The darkest cells hold 2 projects: e.g. 朱泾镇 × 党建引领 is JS2018-06 and JS2018-15
    # (data/jinshan-2018/project_themes.csv); no town has 3 projects on one theme.
    assert max(counts) == 2
    for count, colour in zip(counts, trace.textfont.color, strict=True):
        fill = sample_colorscale(SEQUENTIAL, count / 2)[0]
        assert wcag_ratio(fill, colour) >= AA, (count, fill, colour)
    # The darkest cell's value was a dark label (#111827) on #08306b: 1.4:1.
    assert round(wcag_ratio("#111827", "#08306b"), 1) == 1.4


def test_cooccurrence_labels(ds):
    fig = themes.theme_cooccurrence(ds, "zh", "").figure
    heat, labels = fig.data[0], fig.data[1]
    top = max(max(row) for row in heat.z)
    # 13 projects carry self_governance (data/jinshan-2018/project_themes.csv): the diagonal.
    assert top == 13
    assert len(labels.text) == len(heat.z) ** 2
    for value, colour in zip(labels.text, labels.textfont.color, strict=True):
        fill = sample_colorscale(SEQUENTIAL, value / top)[0]
        assert wcag_ratio(fill, colour) >= AA, (value, fill, colour)


def test_labels_inside_funding_bars(ds):
    bars = [
        *figures.funding_amounts(ds, "zh", "").figure.data,
        *figures.funding_disclosure(ds, "zh", "").figure.data,
    ]
    fills = {trace.marker.color: trace.insidetextfont.color for trace in bars}
    assert set(fills) == set(STATUS_COLORS.values())
    for fill, colour in fills.items():
        assert wcag_ratio(fill, colour) >= AA, (fill, colour)
