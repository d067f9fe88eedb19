"""Every page file run with AppTest: renders, filters, URL state, language, empty results.

Expected numbers are counted by hand from data/projects.csv and data/figures.csv.
"""

from __future__ import annotations

import re

import pytest
from conftest import PAGES


def metrics_of(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def text_of(at) -> str:
    """The Markdown of the page as a reader sees it: escapes and word joiners removed."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [e.value for e in at.info] + [w.value for w in at.warning]
    return re.sub(r"\\(.)", r"\1", "\n".join(parts).replace("\u2060", ""))


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_renders_without_error(app, page, lang):
    at = app(page, lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert at.title[0].value


def test_overview_headline_numbers_on_all_data(app):
    at = app("overview")
    shown = metrics_of(at)
    assert shown["项目数"] == "20"
    # 12 distinct towns in projects.csv, one of them 区级 (01 02 05 10): 11 towns (#21).
    assert shown["覆盖镇（街道）"] == "11"
    # 名 participants: 2000多 (JS2018-01) + 425 + 91 + 30多 = 2546, at least.
    assert shown["参与人数（已披露）"] == "≥2,546 名"
    assert shown["已披露经费"] == "970,000 元"


def test_town_filter_changes_the_numbers(app):
    at = app("overview", town="朱泾镇")
    shown = metrics_of(at)
    # 朱泾镇: JS2018-06 (no figures) and JS2018-15 (30多名, average age 58).
    assert shown["项目数"] == "2"
    assert shown["覆盖镇（街道）"] == "1"
    assert shown["参与人数（已披露）"] == "≥30 名"
    assert shown["已披露经费"] == "未披露"


def test_query_params_restore_filters(app):
    at = app("overview", town=["朱泾镇", "枫泾镇"], tier="innovation")
    assert at.session_state["f_town"] == ["朱泾镇", "枫泾镇"]
    assert at.session_state["f_tier"] == ["innovation"]
    # Innovation tier in those towns: JS2018-06 (朱泾镇) and JS2018-17 (枫泾镇).
    assert metrics_of(at)["项目数"] == "2"
    assert "朱泾镇、枫泾镇；十大创新项目" in text_of(at)


def test_unknown_url_values_are_dropped(app):
    at = app("overview", town=["朱泾镇", "不存在镇"])
    assert at.session_state["f_town"] == ["朱泾镇"]
    assert metrics_of(at)["项目数"] == "2"


def test_english_switch(app):
    at = app("overview", lang="en")
    assert at.title[0].value == "Overview"
    shown = metrics_of(at)
    assert shown["Projects"] == "20"
    assert shown["Disclosed funding"] == "970,000 yuan"
    assert shown["People taking part (disclosed)"] == "≥2,546 people"
    assert "Source: Jinshan District 2018" in text_of(at)


@pytest.mark.parametrize("page", ["overview", "themes", "figures"])
def test_empty_filter_result_explains_itself(app, page):
    # 亭林镇 has one project, JS2018-07, and it is in the excellent tier.
    at = app(page, town="亭林镇", tier="innovation")
    assert not at.exception
    assert any("当前筛选下没有项目" in w.value for w in at.warning)
    assert any("此图在当前筛选下没有数据" in i.value for i in at.info)


def test_towns_totals_for_people(app):
    at = app("towns")
    assert not at.exception
    table = at.dataframe[0].value
    zhujing = table.loc[table["镇（街道）"] == "朱泾镇"]
    assert list(zhujing["数值"]) == ["≥30"]
    district = table.loc[(table["镇（街道）"] == "区级") & (table["单位"] == "名")]
    # 2000多 river chiefs + 425 petition agents.
    assert list(district["数值"]) == ["≥2,425"]


def test_projects_search_matches_substrings(app):
    at = app("projects", q="志愿")
    # By hand: the eight projects whose texts contain 志愿.
    assert "共 8 个项目" in text_of(at)
    at = app("projects", q="河道")
    assert "共 1 个项目" in text_of(at)


def test_project_detail_highlights_figures(app):
    at = app("projects", project="JS2018-14")
    body = text_of(at)
    assert "**97万元**" in body
    assert "〔F06〕" in body
    assert "激发了基层社会治理的自治活力" in body


def test_project_detail_unknown_id(app):
    at = app("projects", project="JS2018-99")
    assert not at.exception
    assert any("JS2018" in w.value for w in at.warning)


def test_data_page_explains_the_tier_reading(app):
    at = app("data", lang="en")
    assert "the 10 reviewed projects are recorded as innovation" in text_of(at)


# --- the cross-filter (a chart click) in the link, and in the headline numbers (issue #11) ---


def test_cross_filter_from_the_link_filters_the_headline_numbers(app):
    at = app("overview", xf="theme:elderly")
    assert not at.exception
    assert at.session_state["xf"]["value"] == "elderly"
    shown = metrics_of(at)
    # 为老服务: JS2018-11 (石化街道), -13 (吕巷镇, 91 名), -19 (廊下镇); no amount given.
    assert shown["项目数"] == "3"
    assert shown["覆盖镇（街道）"] == "3"
    assert shown["参与人数（已披露）"] == "91 名"
    assert shown["已披露经费"] == "未披露"
    assert "图表筛选（点击图表所选）：治理主题 = 为老服务" in text_of(at)


def test_cross_filter_town_link_keeps_the_town_comparison(app):
    at = app("towns", xf="town:朱泾镇")
    body = text_of(at)
    assert "图表筛选（点击图表所选）：镇（街道） = 朱泾镇" in body
    # The comparison charts keep every town and say which one is highlighted.
    assert "筛选: 全部项目 · 突出显示: 朱泾镇" in body
    table = at.dataframe[0].value
    assert "枫泾镇" in set(table["镇（街道）"])


def test_unknown_cross_filter_in_the_link_is_dropped(app):
    at = app("overview", xf="town:不存在镇")
    assert at.session_state["xf"] is None
    assert metrics_of(at)["项目数"] == "20"
    assert at.session_state["_dropped_params"] == ["xf=town:不存在镇"]


def test_clear_chart_filter_restores_the_numbers(app):
    at = app("overview", xf="town:朱泾镇")
    assert metrics_of(at)["项目数"] == "2"
    at.button(key="clear_xf_overview").click().run()
    assert at.session_state["xf"] is None
    assert metrics_of(at)["项目数"] == "20"
