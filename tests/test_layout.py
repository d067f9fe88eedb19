"""What a real browser draws, at a desktop width (1400 px) and a phone width (390 px).

Issue #11, defects 7 and 8: tick labels that Plotly dropped, a colour bar squashed to a few
pixels, a legend on top of an axis title, tile labels on top of each other, and four full-width
download buttons under every chart. Every number here is read from the rendered SVG.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from browser_support import (
    AppServer,
    PageOpener,
    Traffic,
    describe,
    launched_browser,
    running_app,
    wait_for_app,
)

pytestmark = pytest.mark.browser

DESKTOP, PHONE = 1400, 390

# The projects of unit level district_agency (区级机关: JS2018-01, -02, -05, -10) carry these
# seven themes (data/project_themes.csv), all in one "town", 区级.
DISTRICT_THEMES = {
    "zh": {
        "环境与河道",
        "志愿服务",
        "青少年",
        "社会组织与共建单位",
        "妇女",
        "居村自治",
        "信访与矛盾化解",
    },
    "en": {
        "Environment and rivers",
        "Volunteering",
        "Children and youth",
        "Social organisations and co-building units",
        "Women",
        "Resident and villager self-governance",
        "Petitions and dispute resolution",
    },
}
PAIRS_TITLE = {"zh": "同时出现的治理主题（项目数）", "en": "Themes that travel together (projects)"}
FUNDING_TITLE = {"zh": "经费披露情况（项目数）", "en": "Funding disclosure (projects)"}
TILE_TITLE = {"zh": "金山区示意图：", "en": "Schematic map of Jinshan: "}


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> AppServer:
    with running_app(tmp_path_factory.mktemp("app-logs")) as app:
        yield app


@pytest.fixture(scope="module")
def browser():
    with launched_browser() as chromium:
        yield chromium


@pytest.fixture
def opener(browser):
    opener = PageOpener(browser, Traffic())
    yield opener
    opener.close()


def open_at(opener, server: AppServer, width: int, path: str, plots: int, lang: str, **params):
    page = opener()
    page.set_viewport_size({"width": width, "height": 1000})
    if lang == "en":
        params["lang"] = "en"
    page.goto(server.url(path, **params))
    wait_for_app(page, plots)
    return page


_CHART = """(title) => Array.from(document.querySelectorAll('.js-plotly-plot'))
                       .find(gd => gd.layout.title.text.startsWith(title))"""


def chart_geometry(page, title: str) -> dict:
    """Boxes (left, top, right, bottom in page px) of the parts of the chart whose title
    starts with `title`."""
    return page.evaluate(
        f"""(title) => {{
          const gd = ({_CHART})(title);
          if (!gd) return null;
          const box = el => {{ const r = el.getBoundingClientRect();
                              return [r.left, r.top, r.right, r.bottom]; }};
          const all = sel => Array.from(gd.querySelectorAll(sel));
          return {{
            figure: box(gd.querySelector('svg.main-svg')),
            yticks: all('.yaxislayer-above .ytick text, .yaxislayer-above text.ytick')
                      .map(t => [t.textContent, box(t)]),
            xticks: all('.xaxislayer-above .xtick text, .xaxislayer-above text.xtick')
                      .map(t => [t.textContent, box(t)]),
            heatmap: all('.hm image').map(box),
            colorbar: all('.colorbar .cbfills rect').map(box),
            legend: all('.legend').map(box),
            xtitle: all('.g-xtitle text').map(box),
            tiles: all('.shapelayer path').map(box),
            labels: all('.scatterlayer .trace .textpoint text')
                      .map(t => [t.textContent, box(t)]),
          }};
        }}""",
        title,
    )


def overlap(a, b, slack: float = 0.5) -> bool:
    return (
        a[0] < b[2] - slack and b[0] < a[2] - slack and a[1] < b[3] - slack and b[1] < a[3] - slack
    )


# --- defect 7: the themes page in English, and the funding chart --------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_cooccurrence_labels_every_row_and_has_square_cells(opener, server, lang):
    page = open_at(opener, server, DESKTOP, "/themes", 3, lang, level="district_agency")
    geo = chart_geometry(page, PAIRS_TITLE[lang])
    assert geo, describe(page)
    rows = [text for text, _ in geo["yticks"]]
    columns = [text for text, _ in geo["xticks"]]
    # Plotly leaves out every other category label when the rows are too short for them.
    assert sorted(rows) == sorted(DISTRICT_THEMES[lang]), rows
    assert sorted(columns) == sorted(DISTRICT_THEMES[lang]), columns
    boxes = [b for _, b in geo["yticks"]]
    assert not any(overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :]), boxes
    (image,) = geo["heatmap"]
    cell_w, cell_h = (image[2] - image[0]) / 7, (image[3] - image[1]) / 7
    assert cell_h >= 40, f"cells {cell_w:.0f} × {cell_h:.0f} px"
    assert 0.5 <= cell_w / cell_h <= 2, f"cells {cell_w:.0f} × {cell_h:.0f} px"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_town_theme_colour_bar_keeps_a_readable_length(opener, server, lang):
    # One row (区级) in the matrix: the colour bar used to shrink with the plot to 8 px.
    page = open_at(opener, server, DESKTOP, "/themes", 3, lang, level="district_agency")
    title = "各镇 × 治理主题（项目数）" if lang == "zh" else "Towns × themes (projects)"
    geo = chart_geometry(page, title)
    assert geo, describe(page)
    (bar,) = geo["colorbar"]
    height, width = bar[3] - bar[1], bar[2] - bar[0]
    assert height >= 150, f"colour bar {width:.0f} × {height:.0f} px"
    assert 10 <= width <= 40, f"colour bar {width:.0f} × {height:.0f} px"


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("path", "plots"), [("/", 4), ("/figures", 3)])
def test_funding_axis_title_clear_of_its_legend(opener, server, path, plots, lang, width):
    page = open_at(opener, server, width, path, plots, lang)
    geo = chart_geometry(page, FUNDING_TITLE[lang])
    assert geo, describe(page)
    (legend,) = geo["legend"]
    (xtitle,) = geo["xtitle"]
    assert not overlap(legend, xtitle), f"legend {legend}, axis title {xtitle}"
    # Below the axis title, and whole inside the figure.
    assert legend[1] >= xtitle[3], f"legend {legend}, axis title {xtitle}"
    assert legend[3] <= geo["figure"][3] + 0.5, f"legend {legend}, figure {geo['figure']}"
    for _, tick in geo["xticks"]:
        assert not overlap(legend, tick), f"legend {legend}, tick label {tick}"


# --- defect 8: phone width ---------------------------------------------------------------------


@pytest.mark.parametrize("measure", [0, 1, 2], ids=["projects", "participants", "figures"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tile_map_labels_do_not_overlap_on_a_phone(opener, server, lang, measure):
    page = open_at(opener, server, PHONE, "/towns", 3, lang)
    if measure:
        # The buttons above the map choose its measure (projects, participants, figures);
        # with most participant counts not disclosed, most tiles then say so.
        before = page.evaluate(f"(title) => ({_CHART})(title).layout.title.text", TILE_TITLE[lang])
        page.locator('[data-testid="stButtonGroup"]').first.locator("button").nth(measure).click()
        page.wait_for_function(
            f"([prefix, old]) => {{ const gd = ({_CHART})(prefix);"
            " return gd && gd.layout.title.text !== old; }",
            arg=[TILE_TITLE[lang], before],
        )
        wait_for_app(page, 3)
    geo = chart_geometry(page, TILE_TITLE[lang])
    assert geo, describe(page)
    labels = geo["labels"]
    assert len(labels) == 12, labels  # eleven towns and 区级
    boxes = [box for _, box in labels]
    clashes = [
        (labels[i][0], labels[j][0])
        for i in range(len(boxes))
        for j in range(i + 1, len(boxes))
        if overlap(boxes[i], boxes[j])
    ]
    assert not clashes, clashes
    # Each label stays on its own tile (2 px of slack for the font's side bearings).
    tiles = geo["tiles"]
    assert len(tiles) == 12, tiles
    for text, box in labels:
        assert any(
            t[0] - 2 <= box[0] and box[2] <= t[2] + 2 and t[1] - 2 <= box[1] and box[3] <= t[3] + 2
            for t in tiles
        ), f"{text!r} at {box} sticks out of every tile"


FORMATS = ["PNG", "SVG", "CSV", "Excel"]


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_one_download_menu_per_chart(opener, server, width):
    from PIL import Image

    page = open_at(opener, server, width, "/", 4, "zh")
    menus = page.locator('[data-testid="stPopover"]').filter(has_text="下载")
    assert menus.count() == 4, describe(page)
    # No loose download buttons on the page: they are all inside the menus, still closed.
    assert page.locator('[data-testid="stDownloadButton"]').count() == 0, describe(page)
    heights = [menus.nth(i).bounding_box()["height"] for i in range(4)]
    assert all(h < 60 for h in heights), heights

    menus.nth(0).locator("button").click()
    body = page.locator('[data-testid="stPopoverBody"]')
    body.wait_for()
    buttons = body.locator('[data-testid="stDownloadButton"]')
    buttons.nth(3).wait_for()
    shown = [b.split("\n")[-1].strip() for b in buttons.all_inner_texts()]
    assert shown == FORMATS, (buttons.all_inner_texts(), describe(page))
    with page.expect_download(timeout=90_000) as info:
        buttons.filter(has_text="PNG").locator("button").click()
    item = info.value
    assert item.failure() is None, item.failure()
    assert item.suggested_filename.endswith(".png"), item.suggested_filename
    data = Path(item.path()).read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n"), data[:20]
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG" and min(image.size) > 200, image.size


# --- the exported image keeps the funding legend on top ------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_exported_funding_chart_has_its_legend_on_top(lang):
    """The dashboard pins this legend to the figure's bottom edge; an exported page moves it
    under the title, where it must land inside the image (A4: 1123 × 794 px), not below it."""
    import re

    from metrics import export
    from metrics.charts import figures as charts_figures
    from metrics.data.load import load_dataset

    chart = charts_figures.funding_disclosure(load_dataset(), lang, "caption")
    svg = export.to_svg_bytes(chart).decode("utf-8")
    legend = re.search(r'<g class="legend"[^>]*transform="translate\(([\d.]+),([\d.]+)\)"', svg)
    assert legend, svg[:2000]
    top = float(legend.group(2))
    assert 30 < top < 100, f"legend at y={top}"
    xtitle = re.search(r'class="xtitle" x="[\d.]+" y="([\d.]+)"', svg)
    assert xtitle and float(xtitle.group(1)) > 600, xtitle
