"""A town official's link survives the pages that stop early (issue #21): /compare with one
edition, and /town with a town that does not exist."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from browser_support import describe, wait_for_app

pytestmark = pytest.mark.browser


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_compare_keeps_the_town_and_the_language(open_page, server):
    page = open_page()
    page.goto(server.url("/towns", town="亭林镇", lang="en"))
    wait_for_app(page, 3, "Towns")
    page.get_by_role("link", name="Year-on-year").click()
    wait_for_app(page, 0, "Year-on-year")
    page.wait_for_function("() => location.search.includes('lang=en')", timeout=10_000)
    assert urlsplit(page.url).path == "/compare", describe(page)
    assert query(page) == {"town": ["亭林镇"], "lang": ["en"]}, describe(page)


def test_an_unknown_town_leaves_the_town_page_url_and_is_said_on_top(open_page, server):
    page = open_page()
    page.goto(server.url("/town", town="火星镇"))
    wait_for_app(page, 0, "本镇概况")
    page.wait_for_function("() => !location.search.includes('town')", timeout=10_000)
    alert = page.locator(
        '[data-testid="stMain"] [data-testid="stAlert"] [data-testid="stMarkdownContainer"]'
    ).first
    assert alert.inner_text().strip() == "没有“火星镇”这个镇（街道），已显示全部项目。"


def test_a_chart_click_moves_the_sidebar_town_and_clearing_puts_it_back(open_page, server):
    # #21 defect 6: the chip still read 亭林镇 after a click on 朱泾镇's bar.
    from test_browser import click_bar, cross_banner

    chips = '[data-testid="stSidebar"] [data-testid="stMultiSelect"] [data-tag]'
    page = open_page()
    page.goto(server.url("/", town="亭林镇"))
    wait_for_app(page, 4, "总览")
    click_bar(page, 0, "朱泾镇")
    cross_banner(page).wait_for()
    wait_for_app(page, 4, "总览")
    assert page.locator(chips).all_inner_texts() == ["朱泾镇"], describe(page)
    page.get_by_role("button", name="取消图表筛选").click()
    cross_banner(page).wait_for(state="detached")
    wait_for_app(page, 4, "总览")
    assert page.locator(chips).all_inner_texts() == ["亭林镇"], describe(page)
    assert query(page) == {"town": ["亭林镇"]}, describe(page)
