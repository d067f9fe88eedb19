"""/compare in a real browser: headless Debian Chromium against `streamlit run dashboard.py`
on a library of two editions (the bundled 2018 and a made-up 2017, see test_compare.py), and on
a library of one.

Expected numbers are counted by hand from data/jinshan-2018/*.csv (test_compare.py has the
counting): 2017 holds projects 01–10 and has no 为老服务 in its vocabulary.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from browser_support import (
    describe,
    main_text,
    running_app,
    wait_for_app,
)
from editions import bundled_into
from test_browser import assert_no_error, bars_of, chart_texts, click_bar, cross_banner
from test_compare import NEW_IN_2018, make_library

pytestmark = pytest.mark.browser

CHARTS = 5  # towns, themes, totals, new towns, new themes


@pytest.fixture(scope="module")
def server(tmp_path_factory, traffic):
    library = make_library(tmp_path_factory.mktemp("compare-browser") / "library")
    with running_app(tmp_path_factory.mktemp("app-logs"), data=library) as app:
        traffic.origins.add(app.origin)
        yield app


@pytest.fixture(scope="module")
def single_server(tmp_path_factory, traffic):
    library = tmp_path_factory.mktemp("compare-single") / "library"
    library.mkdir()
    bundled_into(library)
    with running_app(tmp_path_factory.mktemp("app-logs"), data=library) as app:
        traffic.origins.add(app.origin)
        yield app


def open_compare(open_page, server, plots, title, **params):
    page = open_page()
    page.goto(server.url("/compare", **params))
    wait_for_app(page, plots, title)
    return page


def subtitles(page) -> list[str]:
    """Each chart's title as drawn."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.js-plotly-plot .gtitle'))
                 .map(title => title.textContent)"""
    )


EXPECTED = {
    "zh": {
        "title": "历年对比",
        "covers": "对比：金山区2017年、金山区2018年",
        "editions": ["金山区2017年", "金山区2018年"],
        "charts": ["各镇（街道）项目数（按期、等级）", "治理主题按期出现频次（项目数）",
                   "各类数字按期合计（同一单位）", "首次有项目的镇（街道）", "首次出现的治理主题"],
        "missing": "未报告",
        "people": ["≥2,425", "2 个项目", "≥2,546", "4 个项目"],
        "new": NEW_IN_2018,
        "elderly": "为老服务",
    },
    "en": {
        "title": "Year-on-year",
        "covers": "Comparing: Jinshan 2017, Jinshan 2018",
        "editions": ["Jinshan 2017", "Jinshan 2018"],
        "charts": ["Projects per town, by edition and tier", "Themes by edition (projects)",
                   "Totals by edition, unit by unit", "Towns with their first project",
                   "Themes seen for the first time"],
        "missing": "not reported",
        "people": ["≥2,425", "2 projects", "≥2,546", "4 projects"],
        "new": ["Lüxiang", "Langxia", "Jinshanwei", "Caojing", "Shihua Subdistrict"],
        "elderly": "Elderly care",
    },
}  # fmt: skip


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_compare_page_headings_and_numbers(open_page, server, lang):
    want = EXPECTED[lang]
    params = {"lang": "en"} if lang == "en" else {}
    page = open_compare(open_page, server, CHARTS, want["title"], **params)
    assert_no_error(page)
    assert want["covers"] in main_text(page), describe(page)
    assert subtitles(page) == want["charts"], subtitles(page)
    towns, themes, totals, new_towns, new_themes = chart_texts(page)
    # One panel per edition, named inside it.
    assert all(edition in towns for edition in want["editions"]), towns
    # 为老服务 is not reported in 2017: exactly one hatched cell, with the words in it.
    assert themes.count(want["missing"]) == 1, themes
    assert want["elderly"] in themes
    # Participants (名): ≥2,425 from 2 projects in 2017, ≥2,546 from 4 in 2018.
    for words in want["people"]:
        assert words in totals, totals
    for town in want["new"]:
        assert town in new_towns, new_towns
    assert want["elderly"] in new_themes
    # Every bar of the town chart is a real count: 10 projects in 2017, 20 in 2018.
    heights = page.evaluate(
        """() => Array.from(document.querySelectorAll('.js-plotly-plot')[0]
                 .querySelectorAll('.trace.bars')).map(trace => {
                   const t = trace.__data__[0].trace;
                   return [t.hovertemplate.split(' · ')[0], t.y.reduce((a, b) => a + b, 0)];
                 })"""
    )
    per_edition = {}
    for edition, total in heights:
        per_edition[edition] = per_edition.get(edition, 0) + total
    assert sorted(per_edition.values()) == [10, 20], heights
    # The margins set in Python already hold the labels: Plotly never widened them.
    grown = page.evaluate(
        """() => Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap(gd =>
             ['l', 'r'].filter(side => gd._fullLayout._size[side] > gd.layout.margin[side] + 1)
               .map(side => `${gd.layout.title.text} ${side}`))"""
    )
    assert not grown, grown


def test_clicking_a_town_bar_filters_the_page(open_page, server):
    page = open_compare(open_page, server, CHARTS, "历年对比")
    before = chart_texts(page)
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    click_bar(page, 0, "石化街道")
    cross_banner(page).wait_for()
    wait_for_app(page, CHARTS, "历年对比")
    assert cross_banner(page).inner_text().strip().endswith("镇（街道） = 石化街道"), describe(page)
    assert parse_qs(urlsplit(page.url).query)["xf"] == ["town:石化街道"], page.url
    after = chart_texts(page)
    # The town comparison keeps every town, with 石化街道's bars (11, 14; 2018) standing out.
    assert after[0] == before[0]
    strong = sorted({b[2] for b in bars_of(page, 0) if b[3] == 1})
    assert strong == ["石化街道"], bars_of(page, 0)
    # The totals follow the click: 石化街道 has five (category, unit) rows, none in 2017;
    # 家 10 + 14 + 5 = 29 (11-F01, 14-F04, 14-F05) and 970,000 元 (14-F06) in 2018.
    totals = after[2]
    assert totals.count("未报告") == 5, totals
    assert "29" in totals and "970,000" in totals
    assert "1,944" not in totals  # 01-F04, a 区级 figure, is filtered out
    assert_no_error(page)
    assert not errors, errors


def test_clicking_a_theme_cell_sets_the_theme_filter(open_page, server):
    page = open_compare(open_page, server, CHARTS, "历年对比")
    index = page.evaluate(
        """() => { const paths = document.querySelectorAll('.js-plotly-plot')[1]
                                  .querySelectorAll('.trace.scatter .points path');
                   for (let n = 0; n < paths.length; n++) {
                     const trace = paths[n].closest('.trace').__data__[0].trace;
                     const i = paths[n].__data__.i;
                     if (trace.customdata && trace.customdata[i][0] === 'elderly') return n;
                   }
                   return -1; }"""
    )
    assert index >= 0, describe(page)
    chart = page.locator(".js-plotly-plot").nth(1)
    chart.locator(".trace.scatter .points path").nth(index).click(force=True)
    page.mouse.move(5, 5)
    cross_banner(page).wait_for()
    wait_for_app(page, CHARTS, "历年对比")
    assert cross_banner(page).inner_text().strip().endswith("治理主题 = 为老服务"), describe(page)
    # The town chart now counts 为老服务's projects: 11, 13, 19, all in 2018.
    bars = [b for b in bars_of(page, 0) if b[4] > 2 and b[5] > 2]
    assert sorted({b[2] for b in bars}) == ["吕巷镇", "廊下镇", "石化街道"], bars
    assert_no_error(page)


@pytest.mark.parametrize(
    ("lang", "title", "start"),
    [
        ("zh", "历年对比", "目前只有一期数据（金山区2018年），无从对比"),
        ("en", "Year-on-year", "There is only one edition (Jinshan 2018), so there is nothing"),
    ],
)
def test_with_one_edition_one_sentence_and_no_chart(open_page, single_server, lang, title, start):
    params = {"lang": "en"} if lang == "en" else {}
    page = open_compare(open_page, single_server, 0, title, **params)
    assert_no_error(page)
    alerts = page.locator('[data-testid="stAlert"] [data-testid="stMarkdownContainer"]')
    alerts = alerts.all_inner_texts()
    assert len(alerts) == 1 and alerts[0].strip().startswith(start), alerts
    assert ("数据说明" if lang == "zh" else "About the data") in alerts[0]
    assert page.locator(".js-plotly-plot").count() == 0
