"""/town 本镇概况 in a real browser, zh and en: the headline, a gap theme with the project to
learn from and its link, the picker keeping the URL in step, and axe on a chosen town.

Values counted by hand as in test_town_profile.py: 朱泾镇 2 of 20 projects (10%), 1 of 10 per
tier, 2 figures; its first gap is 为老服务 (JS2018-13 吕巷镇 innovation, -11 石化街道, -19
廊下镇). 区级 4 of 20 (20%), 4/10 innovation, 0/10 excellent, 13 figures; its first gap is
党建引领 in 11 projects elsewhere.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from browser_support import describe, main_text, metrics, wait_for_app
from test_accessibility import blocking_violations

pytestmark = pytest.mark.browser

ZHUJING, DISTRICT = "朱泾镇", "区级"
PLOTS = 1  # the themes chart
# Every headline number of 朱泾镇's profile (labels: i18n town_kpi_projects, town_kpi_share,
# innovation, excellent, town_kpi_figures): projects.csv has 2 of its 20 rows in 朱泾镇 (10%),
# JS2018-06 innovation and JS2018-15 excellent of 10 each; figures.csv has 2 rows for -15.
ZHUJING_METRICS = {
    "zh": {"项目数": "2", "占全区": "10%", "十大创新项目": "1 / 10", "十大优秀项目": "1 / 10",
           "披露的数字": "2"},
    "en": {"Projects": "2", "District share": "10%", "Top-10 innovation": "1 / 10",
           "Top-10 excellent": "1 / 10", "Figures disclosed": "2"},
}  # fmt: skip


def open_town(open_page, server, title: str, **params):
    page = open_page()
    page.goto(server.url("/town", **params))
    wait_for_app(page, PLOTS, title)
    return page


def learn_from_link(page, project_id: str):
    return page.locator(f'[data-testid="stMain"] a[href^="projects?project={project_id}"]')


def test_zhujing_in_chinese_then_the_picker_chooses_district_level(open_page, server):
    page = open_town(open_page, server, "本镇概况", town=ZHUJING)
    assert metrics(page) == ZHUJING_METRICS["zh"], describe(page)
    text = main_text(page)
    assert "为老服务（其他镇 3 个项目）" in text, describe(page)
    link = learn_from_link(page, "JS2018-13").first
    assert link.inner_text().strip() == "打造“巷邻坊”进阶版 “理”活基层自治活力"
    assert link.get_attribute("href") == "projects?project=JS2018-13"

    # The link opens the project's detail on /projects.
    detail = open_page()
    detail.goto(urljoin(page.url, link.get_attribute("href")))
    wait_for_app(detail, 0, "项目")
    assert "打造“巷邻坊”进阶版 “理”活基层自治活力" in main_text(detail), describe(detail)

    page.get_by_role("combobox", name="选择镇（街道）").click()
    page.get_by_role("option", name=DISTRICT, exact=True).click()
    page.wait_for_function(
        """() => Array.from(document.querySelectorAll('[data-testid="stMetricValue"]'))
                 .some(el => el.innerText.trim() === '20%')"""
    )
    wait_for_app(page, PLOTS, "本镇概况")
    page.wait_for_url(lambda url: parse_qs(urlsplit(url).query).get("town") == [DISTRICT])
    shown = metrics(page)
    assert shown["项目数"] == "4", describe(page)
    assert shown["十大创新项目"] == "4 / 10"
    assert shown["十大优秀项目"] == "0 / 10"
    assert shown["披露的数字"] == "13"
    assert "党建引领（其他镇 11 个项目）" in main_text(page), describe(page)

    # The URL is a link to the same profile in a fresh session.
    fresh = open_page()
    fresh.goto(page.url)
    wait_for_app(fresh, PLOTS, "本镇概况")
    assert metrics(fresh) == shown, describe(fresh)


def test_zhujing_in_english(open_page, server):
    page = open_town(open_page, server, "Town profile", town=ZHUJING, lang="en")
    assert metrics(page) == ZHUJING_METRICS["en"], describe(page)
    text = main_text(page)
    assert "Elderly care (3 projects elsewhere)" in text, describe(page)
    link = learn_from_link(page, "JS2018-13").first
    # The link keeps the language. JS2018-13's title_en in projects.csv is "Xianglinfang 2.0:
    # villager-group councils revive self-governance": the part before the colon is the
    # link, the part after it the one line.
    assert link.get_attribute("href") == "projects?project=JS2018-13&lang=en"
    assert link.inner_text().strip() == "Xianglinfang 2.0"
    assert "Villager-group councils revive self-governance" in text


def test_no_town_asks_for_one(open_page, server):
    page = open_page()
    page.goto(server.url("/town"))
    wait_for_app(page, 0, "本镇概况")
    assert "请选择一个镇（街道）或“区级”" in main_text(page), describe(page)
    assert not metrics(page)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_axe_finds_nothing_serious_on_a_profile(open_page, server, lang):
    params = {"town": ZHUJING} | ({"lang": "en"} if lang == "en" else {})
    page = open_town(open_page, server, "Town profile" if lang == "en" else "本镇概况", **params)
    found = blocking_violations(page)
    assert not found, f"/town ({lang}): {len(found)} nodes\n" + "\n".join(found)


@pytest.mark.parametrize("width", [1400, 390])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_headline_numbers_are_not_cut(browser, server, width, lang):
    from test_browser_text import _CUT, METRIC_VALUES

    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="zh-CN", service_workers="block"
    )
    try:
        page = context.new_page()
        params = {"town": DISTRICT} | ({"lang": "en"} if lang == "en" else {})
        page.goto(server.url("/town", **params))
        wait_for_app(page, PLOTS, "Town profile" if lang == "en" else "本镇概况")
        assert len(page.locator('[data-testid="stMetricValue"]').all_inner_texts()) == 5
        cut = page.evaluate(_CUT, METRIC_VALUES)
        labels = '[data-testid="stMetricLabel"] p'
        assert page.locator(labels).count() == 5, describe(page)
        cut += page.evaluate(_CUT, labels)
        assert not cut, cut
    finally:
        context.close()
