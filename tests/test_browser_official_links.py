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
