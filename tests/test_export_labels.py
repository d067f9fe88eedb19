"""Every category a chart draws is named on its axis in every exported picture (#21): Plotly
names only every n-th one when the rows are short, and a slide lost 亭林镇 / Tinglin."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

import pytest
from conftest import DATA

from metrics.analysis.filters import Filters
from metrics.charts.pages import page_charts, unique_charts
from metrics.export import images, to_svg_bytes

SLIDE_BODY = (1280, 550)  # the picture on a deck's slide: no title, no caption (bundle.py)
TOWN_ROWS = {
    "zh": ["枫泾镇", "朱泾镇", "亭林镇", "吕巷镇", "张堰镇", "金山工业区", "廊下镇", "金山卫镇",
           "山阳镇", "漕泾镇", "石化街道", "区级"],
    "en": ["Fengjing", "Zhujing", "Tinglin", "Lüxiang", "Zhangyan", "Jinshan Industrial Zone",
           "Langxia", "Jinshanwei", "Shanyang", "Caojing", "Shihua Subdistrict", "District level"],
}  # fmt: skip
_TRANSLATE_Y = re.compile(r"translate\([^,]+,\s*([-\d.]+)\)")


@pytest.fixture(scope="module")
def charts() -> dict[str, list]:
    from metrics.data.load import load_dataset

    ds = load_dataset(DATA)
    return {lang: unique_charts(page_charts(ds, Filters(), lang)) for lang in ("zh", "en")}


def _tick_texts(svg: bytes, kind: str) -> list[ET.Element]:
    root = ET.fromstring(svg)
    groups = [g for g in root.iter() if g.tag.endswith("}g") and g.get("class") == kind]
    return [e for g in groups for e in g.iter() if e.tag.endswith("}text")]


def _label(text: ET.Element) -> str:
    # A label drawn in two lines is one <tspan class="line"> a line.
    lines = [e for e in text if e.get("class") == "line"]
    return " ".join("".join(e.itertext()) for e in lines) if lines else "".join(text.itertext())


def ticks(svg: bytes, kind: str) -> list[str]:
    return [_label(text) for text in _tick_texts(svg, kind)]


def categories(chart, letter: str) -> set[str]:
    """The text values the chart's traces place along its `letter` axis, as shown; none on a
    hidden axis (the funding bar's)."""
    found: set[str] = set()
    if chart.figure.layout[f"{letter}axis"].visible is False:
        return found
    for trace in chart.figure.data:
        values = getattr(trace, letter, None)
        if values is not None and trace.type != "pie":
            found |= {html.unescape(v) for v in values if isinstance(v, str)}
    return found


def _renders(chart) -> dict[str, bytes]:
    body = images._styled_figure(chart, *SLIDE_BODY, title=False, caption=False)
    return {
        "slide": to_svg_bytes(chart, "slide"),
        "slide body": images._render(body, images._image_opts("svg", *SLIDE_BODY, 1)),
    }


def _assert_rows_apart(svg: bytes, where: str) -> None:
    texts = _tick_texts(svg, "ytick")
    rows = sorted(float(_TRANSLATE_Y.search(t.get("transform")).group(1)) for t in texts)
    sizes = [float(re.search(r"font-size: ([\d.]+)px", t.get("style")).group(1)) for t in texts]
    gaps = [b - a for a, b in zip(rows, rows[1:], strict=False)]
    assert not gaps or min(gaps) >= max(sizes), f"{where}: y labels overlap ({min(gaps):.1f} px)"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_category_is_named_on_every_slide_picture(charts, lang):
    for chart in charts[lang]:
        for size, svg in _renders(chart).items():
            where = f"{chart.title} ({size}, {lang})"
            for letter in "xy":
                missing = categories(chart, letter) - set(ticks(svg, f"{letter}tick"))
                assert not missing, f"{where}: {letter} axis lost {sorted(missing)}"
            _assert_rows_apart(svg, where)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_towns_by_themes_names_all_twelve_rows_on_a_slide(charts, lang):
    (chart,) = [c for c in charts[lang] if c.key == "town_theme_heatmap"]
    for svg in _renders(chart).values():
        assert sorted(ticks(svg, "ytick")) == sorted(TOWN_ROWS[lang])
        assert ("亭林镇" if lang == "zh" else "Tinglin").encode() in svg
