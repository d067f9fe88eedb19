"""Back and Forward return to exactly the view that was left (issue #21 defect 1).

A sidebar click used to make two history entries, the bare path and then the same path with
the filters; Back landed on the bare one and the town was gone.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from browser_support import describe, wait_for_app

pytestmark = pytest.mark.browser

# (sidebar link, path, the page's heading with Tinglin chosen), in English.
WALK = [
    ("Towns", "/towns", "Towns"),
    ("Town profile", "/town", "Town profile"),
    ("Themes", "/themes", "Themes"),
    ("Figures", "/figures", "Reach · participants · funding"),
    ("Year-on-year", "/compare", "Year-on-year"),
]
START = ("/", "Overview")
VIEW = {"town": ["亭林镇"], "lang": ["en"]}
CHIPS = '[data-testid="stSidebar"] [data-testid="stMultiSelect"] [data-tag]'


def view(page) -> tuple[str, dict, list[str]]:
    """The path, the URL's parameters and the town chips the filter bar shows."""
    url = urlsplit(page.url)
    chips = page.locator(CHIPS)
    return url.path, parse_qs(url.query), [chips.nth(i).inner_text() for i in range(chips.count())]


def arrive(page, path: str, heading: str) -> None:
    page.wait_for_function("p => location.pathname === p", arg=path, timeout=20_000)
    wait_for_app(page, None, heading)


def test_back_and_forward_round_trip_through_five_pages_with_the_town(open_page, server):
    page = open_page()
    page.goto(server.url("/", town="亭林镇", lang="en"))
    arrive(page, *START)
    stops = [START]
    length = page.evaluate("history.length")
    for link, path, heading in WALK:
        page.locator('[data-testid="stSidebar"]').get_by_role("link", name=link, exact=True).click()
        arrive(page, path, heading)
        page.wait_for_timeout(500)  # a second history entry, if any, comes after the run
        length += 1
        assert page.evaluate("history.length") == length, f"{link}: {describe(page)}"
        assert view(page) == (path, VIEW, ["Tinglin"]), describe(page)
        stops.append((path, heading))
    for path, heading in reversed(stops[:-1]):
        page.go_back()
        arrive(page, path, heading)
        assert view(page) == (path, VIEW, ["Tinglin"]), f"Back to {path}: {describe(page)}"
    for path, heading in stops[1:]:
        page.go_forward()
        arrive(page, path, heading)
        assert view(page) == (path, VIEW, ["Tinglin"]), f"Forward to {path}: {describe(page)}"


def test_a_page_link_closes_the_sidebar_on_a_phone(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
    try:
        page = context.new_page()
        page.goto(server.url("/towns", town="亭林镇"))
        arrive(page, "/towns", "各镇对比")
        page.locator('[data-testid="stExpandSidebarButton"]').click()
        sidebar = page.locator('[data-testid="stSidebar"]')
        sidebar.get_by_role("link", name="治理主题", exact=True).click()
        arrive(page, "/themes", "治理主题")
        page.wait_for_timeout(800)  # the sidebar slides out
        box = sidebar.bounding_box()
        assert box is None or box["x"] + box["width"] <= 0, (box, describe(page))
        assert view(page)[1] == {"town": ["亭林镇"]}, describe(page)
    finally:
        context.close()
