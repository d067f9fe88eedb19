"""Accessible to every official (GB/T 37668-2019, WCAG 2.1 AA), in a real browser.

axe-core (bundled by axe-playwright-python, nothing fetched at run time) checks every page in
both languages once it has fully rendered; a keyboard-only official filters by town and
downloads a chart's PNG.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import (
    PAGES,
    describe,
    metrics,
    title_of,
    wait_for_app,
)

pytestmark = pytest.mark.browser

BLOCKING = ("serious", "critical")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def blocking_violations(page) -> list[str]:
    """axe's serious and critical findings: rule id, impact, and each node's target and
    summary (what failed, with the colours and ratio for colour-contrast)."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    return [
        f"{rule['id']} ({rule['impact']}) {node['target']}: {node['failureSummary']}"
        for rule in found
        if rule["impact"] in BLOCKING
        for node in rule["nodes"]
    ]


# /towns first: the fresh server's first request is a deep link, rerouted once (page.py).
ORDER = PAGES[1:] + PAGES[:1]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("path", "key", "plots"), ORDER, ids=[p[1][5:] for p in ORDER])
def test_axe_finds_nothing_serious(open_page, server, path, key, plots, lang):
    params = {"lang": "en"} if lang == "en" else {}
    page = open_page()
    page.goto(server.url(path, **params))
    wait_for_app(page, plots, title_of(key, lang))
    found = blocking_violations(page)
    assert not found, f"{path} ({lang}): {len(found)} nodes\n" + "\n".join(found)


# --- by keyboard alone -------------------------------------------------------------------------


def focused(page) -> str:
    """The focused element: its role, accessible-ish name and text, for finding and messages."""
    return page.evaluate(
        """() => { const el = document.activeElement;
             return [el.tagName, el.getAttribute('role') || '', el.getAttribute('aria-label')
                     || '', (el.innerText || '').trim().slice(0, 40)].join(' | '); }"""
    )


def tab_to(page, test, limit: int = 80, key: str = "Tab") -> str:
    """Press Tab until the focused element passes `test` (a JS predicate on it)."""
    seen = []
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(f"() => ({test})(document.activeElement)"):
            return focused(page)
        seen.append(focused(page))
    raise AssertionError(f"{test} not reached by {key} in {limit} presses; focus went:\n"
                         + "\n".join(seen))  # fmt: skip


# The sidebar's town filter: a multiselect's combobox input, named by its label.
TOWN_BOX = """el => el.getAttribute('role') === 'combobox'
             && el.closest('[data-testid="stSidebar"]') !== null
             && (el.getAttribute('aria-label') || '').includes('镇（街道）')"""


PNG_BUTTON = """el => el.closest('[data-testid="stPopoverBody"]') !== null
             && el.closest('[data-testid="stDownloadButton"]') !== null
             && el.innerText.includes('PNG')"""


def test_keyboard_only_town_filter_and_png(open_page, server):
    page = open_page()
    page.goto(server.url("/"))
    wait_for_app(page, 4, "总览")
    # 20 projects in data/jinshan-2018/projects.csv (JS2018-01 … JS2018-20).
    assert metrics(page)["项目数"] == "20", describe(page)

    page.locator("body").focus()
    tab_to(page, TOWN_BOX)
    page.keyboard.type("朱泾")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function(
        """() => Array.from(document.querySelectorAll('[data-testid="stMetricValue"]'))
                 .some(el => el.innerText.trim() === '2')"""
    )
    wait_for_app(page, 4, "总览")
    # 朱泾镇 in projects.csv, counted by hand: JS2018-06 and JS2018-15.
    assert metrics(page)["项目数"] == "2", describe(page)

    # The first chart's 下载 menu: the first popover button after the sidebar.
    tab_to(page, "el => el.closest('[data-testid=\"stPopover\"]') !== null")
    page.keyboard.press("Enter")
    page.locator('[data-testid="stPopoverBody"]').wait_for()
    # Streamlit (1.67) draws the open menu at the end of the page and leaves the focus on its
    # button, so Tab first walks through the rest of the page (30 presses on the overview);
    # the menu stays open meanwhile.
    tab_to(page, PNG_BUTTON, limit=120)
    with page.expect_download(timeout=90_000) as info:
        page.keyboard.press("Enter")
    item = info.value
    assert item.failure() is None, item.failure()
    # The overview's first chart, for the town chosen.
    name = item.suggested_filename
    assert name.startswith("各镇（街道）项目数（按等级）_金山区2018年_朱泾镇_"), name
    assert name.endswith(".png"), name
    assert Path(item.path()).read_bytes().startswith(PNG_SIGNATURE)
