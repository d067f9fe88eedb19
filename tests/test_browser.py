"""The dashboard in a real browser: headless Debian Chromium against `streamlit run dashboard.py`.

Expected numbers are counted by hand from data/ (see test_pages.py); the broken-data pages
must show exactly what `baihua check` prints for the same folder.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from browser_support import (
    PAGES,
    AppServer,
    describe,
    excerpt,
    main_text,
    metrics,
    running_app,
    title_of,
    wait_for_app,
)

pytestmark = pytest.mark.browser

ZHUJING = "朱泾镇"
FIRST_TOWNS_CHART = "各镇（街道）项目数（按等级）"


def open_app(open_page, server: AppServer, path: str, plots: int | None, title: str, **params):
    page = open_page()
    page.goto(server.url(path, **params))
    wait_for_app(page, plots, title)
    return page


def assert_no_error(page) -> None:
    exceptions = page.locator('[data-testid="stException"]')
    errors = page.locator('[data-testid="stAlertContentError"]')
    assert exceptions.count() == 0, f"exception block shown; {describe(page)}"
    assert errors.count() == 0, f"error alert: {errors.all_inner_texts()}; {describe(page)}"


def chart_texts(page) -> list[str]:
    """The SVG text of each chart (axis labels, tile values, …) in page order, hover labels
    left out (the mouse may still rest on a bar)."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.js-plotly-plot'))
             .map(chart => Array.from(chart.querySelectorAll('svg.main-svg text'))
                               .filter(text => !text.closest('.hoverlayer'))
                               .map(text => text.textContent).join(' '))"""
    )


# --- every page, both languages ----------------------------------------------------------------


# /towns first: the fresh server's first request is a deep link, rerouted once (page.py).
ORDER = PAGES[1:] + PAGES[:1]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("path", "key", "plots"), ORDER, ids=[p[1][5:] for p in ORDER])
def test_page_renders_every_chart(open_page, server, traffic, path, key, plots, lang):
    params = {"lang": "en"} if lang == "en" else {}
    page = open_app(open_page, server, path, plots, title_of(key, lang), **params)
    traffic.visited.add((path, lang))
    assert_no_error(page)
    h1 = page.locator('[data-testid="stMain"] h1').first.inner_text().strip()
    assert h1 == title_of(key, lang), describe(page)
    charts = page.locator(".js-plotly-plot")
    assert charts.count() == plots, describe(page)
    for i in range(plots):
        assert charts.nth(i).locator("svg.main-svg").count() >= 1, f"chart {i}: {describe(page)}"
    # Drawn, not just mounted: each chart has marks (traces, or the tile map's shapes).
    marks = page.evaluate(
        """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(chart =>
             chart.querySelectorAll('.trace, .hm image, .shapelayer path').length)"""
    )
    assert all(marks), f"charts without marks: {marks}; {describe(page)}"
    # The margins set in Python (metrics/margins.py) already hold the y labels and colour
    # bars, so Plotly's automargin never had to widen them and draw the chart a second time.
    grown = page.evaluate(
        """() => Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap(gd =>
             ['l', 'r'].filter(side => gd._fullLayout._size[side] > gd.layout.margin[side] + 1)
               .map(side => `${gd.layout.title.text} ${side}: set ${gd.layout.margin[side]},`
                            + ` drawn ${gd._fullLayout._size[side]}`))"""
    )
    assert not grown, grown
    text = main_text(page)
    assert "Traceback" not in text, excerpt(text)


# --- the filter bar ----------------------------------------------------------------------------


def test_town_filter_through_the_sidebar_and_its_link(open_page, server):
    page = open_app(open_page, server, "/", 4, "总览")
    before = metrics(page)
    assert before["项目数"] == "20", describe(page)
    assert before["参与人数（已披露）"] == "≥2,546 名", describe(page)

    page.get_by_role("combobox", name="镇（街道）").click()
    page.get_by_role("option", name=ZHUJING, exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_function(
        """() => Array.from(document.querySelectorAll('[data-testid="stMetricValue"]'))
                 .some(el => el.innerText.trim() === '≥30 名')"""
    )
    wait_for_app(page, 4, "总览")
    after = metrics(page)
    # 朱泾镇: JS2018-06 (no figures) and JS2018-15 (30多名).
    assert after["项目数"] == "2", describe(page)
    assert after["参与人数（已披露）"] == "≥30 名", describe(page)

    page.wait_for_url(re.compile(r"[?&]town="))
    assert f"town={quote(ZHUJING)}" in page.url, page.url
    assert parse_qs(urlsplit(page.url).query)["town"] == [ZHUJING], page.url

    fresh = open_page()  # a new context: a new session with nothing but the link
    fresh.goto(page.url)
    wait_for_app(fresh, 4, "总览")
    assert metrics(fresh) == after, describe(fresh)
    town_box = fresh.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has=fresh.get_by_role("combobox", name="镇（街道）")
    )
    tags = town_box.locator("[data-tag]")
    assert [tags.nth(i).get_attribute("aria-label") for i in range(tags.count())] == [ZHUJING]


# --- click a chart to filter the page ----------------------------------------------------------


# Each bar of chart `chart` as [trace index, point index, customdata[0], opacity, width, height].
_BARS = """
([chart]) => Array.from(document.querySelectorAll('.js-plotly-plot')[chart]
                          .querySelectorAll('.trace.bars .point path')).map(path => {
  const point = path.__data__, trace = path.closest('.trace').__data__[0].trace;
  const box = path.getBoundingClientRect();
  return [trace.index, point.i, trace.customdata[point.i][0],
          parseFloat(getComputedStyle(path).opacity), box.width, box.height];
})
"""


def bars_of(page, chart: int) -> list[list]:
    return page.evaluate(_BARS, [chart])


def click_bar(page, chart: int, value: str) -> None:
    """Click the first drawn bar of chart `chart` whose town (or theme id) is `value`.

    A synthetic click on the bar's centre: Playwright moves the mouse there and presses, which
    reaches Plotly's drag layer like a real click. force=True skips the hit-target check: the
    drag layer on top, not the path, receives the events (as Plotly intends).
    """
    bars = bars_of(page, chart)
    index = next(n for n, bar in enumerate(bars) if bar[2] == value and min(bar[4:]) > 2)
    paths = page.locator(".js-plotly-plot").nth(chart).locator(".trace.bars .point path")
    paths.nth(index).click(force=True)
    page.mouse.move(5, 5)


def cross_banner(page):
    return page.locator('[data-testid="stAlert"]').filter(has_text="图表筛选")


def test_clicking_a_town_bar_filters_the_numbers_and_highlights_the_whole_town(open_page, server):
    page = open_app(open_page, server, "/", 4, "总览")
    tiles_before = chart_texts(page)[3]
    click_bar(page, 0, ZHUJING)
    cross_banner(page).wait_for()
    wait_for_app(page, 4, "总览")
    assert (
        cross_banner(page)
        .inner_text()
        .strip()
        .endswith(f"图表筛选（点击图表所选）：镇（街道） = {ZHUJING}")
    ), describe(page)
    # The headline numbers follow the click: 朱泾镇 has JS2018-06 and JS2018-15 (30多名).
    shown = metrics(page)
    assert shown["项目数"] == "2" and shown["覆盖镇（街道）"] == "1", describe(page)
    assert shown["参与人数（已披露）"] == "≥30 名", describe(page)
    # The clicked chart keeps every town; both of 朱泾镇's bars (one per tier) stand out.
    bars = bars_of(page, 0)
    strong = sorted((b[0], b[2]) for b in bars if b[3] == 1)
    assert strong == [(0, ZHUJING), (1, ZHUJING)], bars
    assert len(bars) == 16, bars
    # The tile map keeps its values (枫泾镇 2, not 0).
    assert chart_texts(page)[3] == tiles_before
    # The link carries the click.
    page.wait_for_url(re.compile(r"[?&]xf="))
    assert parse_qs(urlsplit(page.url).query)["xf"] == [f"town:{ZHUJING}"], page.url
    fresh = open_page()
    fresh.goto(page.url)
    wait_for_app(fresh, 4, "总览")
    assert metrics(fresh) == shown, describe(fresh)
    assert cross_banner(fresh).count() == 1, describe(fresh)

    page.get_by_role("button", name="取消图表筛选").click()
    cross_banner(page).wait_for(state="detached")
    wait_for_app(page, 4, "总览")
    assert metrics(page)["项目数"] == "20", describe(page)
    # No selection is left drawn, and the same bar can be clicked again.
    assert {b[3] for b in bars_of(page, 0)} == {1.0}
    assert "xf" not in parse_qs(urlsplit(page.url).query), page.url
    click_bar(page, 0, ZHUJING)
    cross_banner(page).wait_for()
    wait_for_app(page, 4, "总览")
    assert metrics(page)["项目数"] == "2", describe(page)


def test_clicking_a_theme_bar_filters_by_that_theme(open_page, server):
    page = open_app(open_page, server, "/", 4, "总览")
    click_bar(page, 2, "elderly")
    cross_banner(page).wait_for()
    wait_for_app(page, 4, "总览")
    assert cross_banner(page).inner_text().strip().endswith("治理主题 = 为老服务"), describe(page)
    # 为老服务: JS2018-11 (石化街道), -13 (吕巷镇, 91 名), -19 (廊下镇); no amount given.
    assert metrics(page) == {
        "项目数": "3",
        "覆盖镇（街道）": "3",
        "参与人数（已披露）": "91 名",
        "已披露经费": "未披露",
    }, describe(page)
    # Charts about projects are filtered: funding disclosure counts the three projects.
    assert_no_error(page)
    assert parse_qs(urlsplit(page.url).query)["xf"] == ["theme:elderly"], page.url


def test_clicking_a_town_on_the_towns_page_keeps_the_comparison(open_page, server):
    page = open_app(open_page, server, "/towns", 3, "各镇对比")
    before = chart_texts(page)
    click_bar(page, 0, ZHUJING)
    cross_banner(page).wait_for()
    wait_for_app(page, 3, "各镇对比")
    after = chart_texts(page)
    # Town comparisons keep every town's value; only their captions change.
    assert after == before, describe(page)
    captions = page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
    assert sum("突出显示: 朱泾镇" in c for c in captions) == 3, captions
    assert_no_error(page)


_POINT = """
([chart, value]) => {
  const paths = document.querySelectorAll('.js-plotly-plot')[chart]
                  .querySelectorAll('.trace.bars .point path, .trace.scatter .points path');
  for (let n = 0; n < paths.length; n++) {
    const trace = paths[n].closest('.trace').__data__[0].trace;
    const i = paths[n].__data__.i, box = paths[n].getBoundingClientRect();
    const custom = trace.customdata && trace.customdata[i];
    if (custom && custom[0] === value && box.width > 2 && box.height > 2) return n;
  }
  return -1;
}
"""

# Every clickable chart: page, its charts, chart index, the value clicked, the banner's end.
# The banner names the filter field; the headline-free pages show the banner only.
CLICKABLE = [
    ("/", 4, 3, ZHUJING, f"镇（街道） = {ZHUJING}"),  # the tile map
    ("/towns", 3, 1, "枫泾镇", "镇（街道） = 枫泾镇"),  # the tile map
    ("/towns", 3, 2, "区级", "镇（街道） = 区级"),  # per-town head-counts
    ("/themes", 3, 0, "elderly", "治理主题 = 为老服务"),  # theme frequency
    ("/themes", 3, 1, "石化街道", "镇（街道） = 石化街道"),  # town × theme
]


@pytest.mark.parametrize(("path", "plots", "chart", "value", "banner"), CLICKABLE)
def test_every_clickable_chart_filters_by_its_own_value(
    open_page, server, path, plots, chart, value, banner
):
    title = {"/": "总览", "/towns": "各镇对比", "/themes": "治理主题"}[path]
    page = open_app(open_page, server, path, plots, title)
    # A script error while Plotly draws the selection stops the click from reaching the app.
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    index = page.evaluate(_POINT, [chart, value])
    assert index >= 0, describe(page)
    points = page.locator(".js-plotly-plot").nth(chart)
    points.locator(".trace.bars .point path, .trace.scatter .points path").nth(index).click(
        force=True
    )
    page.mouse.move(5, 5)
    cross_banner(page).wait_for()
    wait_for_app(page, plots, title)
    assert cross_banner(page).inner_text().strip().endswith(banner), describe(page)
    field = "theme" if value == "elderly" else "town"
    assert parse_qs(urlsplit(page.url).query)["xf"] == [f"{field}:{value}"], page.url
    assert_no_error(page)
    assert not errors, errors


def test_back_undoes_a_chart_click_and_forward_redoes_it(open_page, server):
    page = open_app(open_page, server, "/", 4, "总览")
    click_bar(page, 0, ZHUJING)
    cross_banner(page).wait_for()
    page.wait_for_url(re.compile(r"[?&]xf="))
    wait_for_app(page, 4, "总览")
    page.go_back()
    cross_banner(page).wait_for(state="detached")
    wait_for_app(page, 4, "总览")
    assert metrics(page)["项目数"] == "20", describe(page)
    page.go_forward()
    cross_banner(page).wait_for()
    wait_for_app(page, 4, "总览")
    assert metrics(page)["项目数"] == "2", describe(page)


# --- downloads ---------------------------------------------------------------------------------


def download(page, label: str, nth: int = 0) -> tuple[str, bytes]:
    """Open the download menu of the `nth` chart, then click its `label` button."""
    body = page.locator('[data-testid="stPopoverBody"]')
    if not body.is_visible():
        page.locator('[data-testid="stPopover"]').nth(nth).locator("button").click()
        body.wait_for()
    button = body.locator('[data-testid="stDownloadButton"]').filter(has_text=label)
    button.wait_for()
    with page.expect_download(timeout=90_000) as info:
        button.locator("button").click()
    item = info.value
    assert item.failure() is None, item.failure()
    return item.suggested_filename, Path(item.path()).read_bytes()


def export_download(page, label: str) -> tuple[str, bytes]:
    """Click the export bar's `label` download button (it sits on the page, not in a menu)."""
    button = page.locator('[data-testid="stDownloadButton"]').filter(has_text=label).first
    button.wait_for(timeout=120_000)
    with page.expect_download(timeout=90_000) as info:
        button.locator("button").click()
    item = info.value
    assert item.failure() is None, item.failure()
    return item.suggested_filename, Path(item.path()).read_bytes()


def test_downloads_deliver_real_files(open_page, server):
    from PIL import Image

    page = open_app(open_page, server, "/towns", 3, "各镇对比")
    name, data = download(page, "CSV")
    # Named and first-columned for the edition shown (#12): the bundled, the only one.
    assert name.endswith(".csv") and name.startswith(f"{FIRST_TOWNS_CHART}_金山区2018年_"), name
    assert data.startswith(b"\xef\xbb\xbf"), data[:20]
    text = data.decode("utf-8-sig")
    header = text.splitlines()[0]
    assert header.split(",")[:3] == ["版本", "镇（街道）", "等级"], header
    assert ZHUJING in text, text[:300]

    name, data = download(page, "PNG")
    assert name.endswith(".png"), name
    assert data.startswith(b"\x89PNG\r\n\x1a\n"), data[:20]
    with Image.open(io.BytesIO(data)) as image:
        image.verify()
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG" and min(image.size) > 200, image.size


def test_export_all_prepares_and_delivers_zip_and_deck(open_page, server):
    import zipfile

    from pptx import Presentation

    page = open_app(open_page, server, "/", 4, "总览", town=ZHUJING)
    page.get_by_role("button", name="准备 ZIP（图片+数据）").click()
    zip_name, bundle = export_download(page, "下载 ZIP")
    # Named for the page, the edition shown (#12), the filters and the day.
    assert re.fullmatch(r"总览_金山区2018年_朱泾镇_\d{4}-\d\d-\d\d\.zip", zip_name), zip_name
    with zipfile.ZipFile(io.BytesIO(bundle)) as zf:
        names = zf.namelist()
        readme = zf.read("README.txt").decode("utf-8-sig")
    # README, the headline numbers as CSV and XLSX, 4 charts × PNG, SVG, CSV, XLSX.
    assert len(names) == 1 + 2 + 4 * 4, names
    assert all(n == "README.txt" or "_金山区2018年_朱泾镇_" in n for n in names), names
    assert "参与人数（已披露）：≥30 名" in readme, readme

    page.get_by_role("button", name="准备汇报幻灯片（PPTX）").click()
    deck_name, deck = export_download(page, "下载 PPTX")
    assert deck_name == zip_name.replace(".zip", ".pptx")
    slides = Presentation(io.BytesIO(deck)).slides
    assert len(slides) == 4 + 2
    # Building the deck left the ZIP on offer, unchanged.
    assert export_download(page, "下载 ZIP") == (zip_name, bundle)


# --- broken data -------------------------------------------------------------------------------

BROKEN_CASES = [
    "missing_projects_csv",
    "gbk_encoded",
    "duplicate_project_id",
    "quote_not_in_article",
    "fifty_megabytes",
    "datapackage_invalid_json",
    "missing_data_folder",
]
# Several problems at once: the page lists them all, in the order `baihua check` prints them.
COMBINED = ["duplicate_project_id", "quote_not_in_article", "year_typo", "value_abc"]


def sha256_tree(root: Path) -> dict[str, str]:
    if not root.exists():
        return {"(missing)": ""}
    if root.is_file():
        return {".": hashlib.sha256(root.read_bytes()).hexdigest()}
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def clear(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def test_broken_data_shows_the_check_problems(open_page, traffic, tmp_path):
    """One server; its BAIHUA_DATA folder is swapped for each broken copy between loads.

    The app caches the dataset by a fingerprint of sizes and mtimes, so each swapped-in
    folder (fresh copies, fresh mtimes) is a new data version on the next page load.
    """
    from broken_data import CASES, copy_package

    from metrics.data.load import check

    by_name = {case.name: case for case in CASES}
    missing = [n for n in BROKEN_CASES + COMBINED if n not in by_name]
    assert not missing, f"tests/broken_data.py no longer has {missing}"

    served = tmp_path / "served" / "data"
    staging = tmp_path / "staging"
    copy_package(served)

    def install(folder: Path) -> None:
        clear(served)
        if folder.exists() or folder.is_symlink():
            os.rename(folder, served)

    runs = [(name, by_name[name].build) for name in BROKEN_CASES]

    def combined(root: Path) -> Path:
        folder = copy_package(root / "combined" / "data")
        for name in COMBINED:
            by_name[name].builder(folder)
        return folder

    runs.append(("combined", combined))
    failures = []
    with running_app(tmp_path / "logs", data=served) as server:
        traffic.origins.add(server.origin)
        for n, (name, build) in enumerate(runs):
            install(build(staging))
            expected = [str(p) for p in check(served)[1]]
            assert expected, f"{name}: check() found no problem"
            before = sha256_tree(served)
            # Starting at /towns: the fresh server's first request is a deep link.
            path, key, _ = PAGES[(n + 1) % len(PAGES)]
            page = open_page()
            page.goto(server.url(path))
            wait_for_app(page, 0, title_of(key, "zh"))
            code = page.locator('[data-testid="stCode"] code')
            try:
                code.first.wait_for()
                shown = code.first.text_content().strip("\n").split("\n")
                alert = page.locator('[data-testid="stAlertContentError"]').inner_text()
                body = page.locator("body").inner_text()
            except Exception as err:
                failures.append(f"{name} at {path}: {err}; {describe(page)}")
                continue
            if shown != expected[:200]:
                failures.append(f"{name} at {path}: shown {shown!r}, check() says {expected!r}")
            if "数据文件有问题" not in alert:
                failures.append(f"{name} at {path}: error alert says {alert!r}")
            if page.locator('[data-testid="stException"]').count() or re.search(
                r"Traceback|File \"[^\"]+\", line \d+", body
            ):
                failures.append(f"{name} at {path}: traceback on the page: {excerpt(body)}")
            if sha256_tree(served) != before:
                failures.append(f"{name}: the data folder was changed by the dashboard")
            page.context.close()
        log = server.log()
    assert not failures, "\n".join(failures) + f"\nserver log:\n{excerpt(log, 3000)}"


# --- nothing leaves the host -------------------------------------------------------------------


def test_every_request_stays_on_the_app_host(open_page, server, traffic):
    """Every request of every page this module opened: each page in both languages (loaded
    here unless the render tests already did), filters, chart clicks, downloads, broken data."""
    page = open_page()
    for lang in ("zh", "en"):
        for path, key, plots in PAGES:
            if (path, lang) not in traffic.visited:
                page.goto(server.url(path, **({"lang": "en"} if lang == "en" else {})))
                wait_for_app(page, plots, title_of(key, lang))
    own = [url for _, url in traffic.requests if url.startswith(server.origin)]
    assert len(own) > 20, "the request recorder saw (almost) nothing"
    foreign = traffic.foreign()
    assert not foreign, "requests outside the app's host:\n" + "\n".join(foreign)
