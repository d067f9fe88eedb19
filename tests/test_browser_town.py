"""/town 本镇概况 in a real browser, zh and en: the headline, a gap theme with the project to
learn from and its link, the picker keeping the URL in step, and axe on a chosen town.

Values counted by hand as in test_town_profile.py: 朱泾镇 2 of 20 projects (10%), 1 of 10 per
tier, 2 figures; its first gap is 为老服务 (JS2018-11 石化街道, then -13 吕巷镇). 区级 4 of 20
(20%), 4/10 innovation, 0/10 excellent, 13 figures; its first gap is 党建引领 in 11 projects
elsewhere. 亭林镇 (one project, JS2018-07): 14 gaps, the top 3 志愿服务 9, 社会组织与共建单位 8,
德治与文化 5 with -15 -16, -11 -03, -04 -19.
"""

from __future__ import annotations

import re
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


TINGLIN_TOP = {
    "zh": ["志愿服务（其他镇 9 个项目）", "社会组织与共建单位（其他镇 8 个项目）",
           "德治与文化（其他镇 5 个项目）"],
    "en": ["Volunteering (9 projects elsewhere)",
           "Social organisations and co-building units (8 projects elsewhere)",
           "Rule of virtue and culture (5 projects elsewhere)"],
}  # fmt: skip


@pytest.mark.parametrize(("lang", "width"), [("zh", 390), ("en", 1400)])
def test_tinglin_sees_three_gaps_and_the_rest_behind_one_expander(browser, server, lang, width):
    """#21: 亭林镇's page listed 14 gaps and about 40 projects, JS2018-02 under three themes."""
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="zh-CN", service_workers="block"
    )
    try:
        page = context.new_page()
        params = {"town": "亭林镇"} | ({"lang": "en"} if lang == "en" else {})
        page.goto(server.url("/town", **params))
        wait_for_app(page, PLOTS, "Town profile" if lang == "en" else "本镇概况")
        text = main_text(page)
        for heading in TINGLIN_TOP[lang]:
            assert heading in text, describe(page)
        more = page.get_by_text("全部主题：另外 11 个" if lang == "zh" else "All gaps: 11 more")
        children = "青少年（其他镇 1 个项目）" if lang == "zh" else "Children and youth (1 project"
        assert not page.get_by_text(children).is_visible()
        more.click()
        page.get_by_text(children).wait_for(state="visible")
        # Each project line ends with its id (the similar projects' lines have none): with
        # every gap open, no id is there twice; JS2018-02 was under three themes. Veterans'
        # and parking's only projects (-03, -09) are named above: their lines say so.
        listed = "相关项目已列在上面" if lang == "zh" else "Its projects are listed above"
        lines = [line for line in main_text(page).splitlines() if listed not in line]
        assert len(lines) < len(main_text(page).splitlines()) - 1  # both said so
        ids = re.findall(r"JS2018-\d\d", "\n".join(lines))
        assert len(ids) == len(set(ids)) == 18, ids  # JS2018-07 and the 17 named
        assert "JS2018-02" in ids
    finally:
        context.close()
