"""The dashboard's words in a real browser: history, the language switch, no Chinese left in
the English interface, nothing cut short.

Expected strings are written by hand from data/ (towns.csv, projects.csv); the only values
read from the CSV files here are the data texts that may appear in Chinese on English pages
(titles, implementing units, descriptions, reviews, quotes), read with the csv module.
"""

from __future__ import annotations

import csv
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_support import (
    describe,
    metrics,
    wait_for_app,
)
from conftest import DATA

pytestmark = pytest.mark.browser

DETAIL_14 = "牵线居社“微项目” 助推社区“微治理”"


def open_app(open_page, server, path, title, plots=None, **params):
    page = open_page()
    page.goto(server.url(path, **params))
    wait_for_app(page, plots, title)
    return page


def detail_headings(page) -> list[str]:
    return page.locator('[data-testid="stMain"] h2').all_inner_texts()


# --- 4. Back and Forward between the list and a project ----------------------------------------


def test_back_from_a_project_shows_the_list_and_forward_the_project(open_page, server):
    page = open_app(open_page, server, "/projects", "项目")
    assert "共 20 个项目" in page.locator('[data-testid="stMain"]').inner_text()
    page.locator(".st-key-open_JS2018-14 button").click()
    page.locator('[data-testid="stMain"] h2').filter(has_text=DETAIL_14).wait_for()
    wait_for_app(page, None, "项目")
    page.wait_for_url(re.compile(r"[?&]project=JS2018-14"))

    page.go_back()
    page.wait_for_url(lambda url: "project=" not in url)
    wait_for_app(page, None, "项目")
    main = page.locator('[data-testid="stMain"]')
    main.get_by_text("共 20 个项目").wait_for(timeout=15_000)
    assert DETAIL_14 not in detail_headings(page), describe(page)
    assert page.locator(".st-key-open_JS2018-14 button").count() == 1, describe(page)
    assert "project" not in parse_qs(urlsplit(page.url).query), page.url

    page.go_forward()
    page.wait_for_url(re.compile(r"[?&]project=JS2018-14"))
    page.locator('[data-testid="stMain"] h2').filter(has_text=DETAIL_14).wait_for()
    wait_for_app(page, None, "项目")
    assert page.locator(".st-key-open_JS2018-14 button").count() == 0, describe(page)


# --- 5. the language switch relabels the chosen filter values ----------------------------------


def sidebar_tags(page, label: str) -> list[str]:
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has=page.get_by_role("combobox", name=label)
    )
    return [tag.inner_text().strip() for tag in box.locator("[data-tag]").all()]


def test_switching_language_relabels_the_chosen_town(open_page, server):
    page = open_app(open_page, server, "/", "总览", town="朱泾镇")
    assert sidebar_tags(page, "镇（街道）") == ["朱泾镇"], describe(page)
    assert metrics(page)["项目数"] == "2", describe(page)

    page.locator('[data-testid="stSidebar"] [data-testid="stRadio"]').get_by_text("English").click()
    wait_for_app(page, None, "Overview")
    assert sidebar_tags(page, "Town") == ["Zhujing"], describe(page)
    assert metrics(page)["Projects"] == "2", describe(page)

    # The relabelled chip still stands for 朱泾镇 when another filter is added: of its two
    # projects, JS2018-15 is in the excellent tier.
    page.get_by_role("combobox", name="Tier").click()
    page.get_by_role("option", name="Top-10 excellent", exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_function(
        """() => Array.from(document.querySelectorAll('[data-testid="stMetricValue"]'))
                 .some(el => el.innerText.trim() === '1')"""
    )
    wait_for_app(page, None, "Overview")
    assert metrics(page)["Projects"] == "1", describe(page)
    assert sidebar_tags(page, "Town") == ["Zhujing"], describe(page)
    assert parse_qs(urlsplit(page.url).query)["town"] == ["朱泾镇"], page.url

    page.locator('[data-testid="stSidebar"] [data-testid="stRadio"]').get_by_text("中文").click()
    wait_for_app(page, None, "总览")
    assert sidebar_tags(page, "镇（街道）") == ["朱泾镇"], describe(page)
    assert sidebar_tags(page, "等级") == ["十大优秀项目"], describe(page)


def test_switching_language_relabels_the_figures_page_pickers(open_page, server):
    page = open_app(open_page, server, "/figures", "覆盖·参与·经费", plots=3)
    main = page.locator('[data-testid="stMain"]')
    chips = main.locator('[data-testid="stMultiSelect"] [data-tag]')
    assert [c.inner_text().strip() for c in chips.all()] == ["覆盖", "参与", "活动", "概况"]
    page.locator('[data-testid="stSidebar"] [data-testid="stRadio"]').get_by_text("English").click()
    wait_for_app(page, 3, "Reach · participants · funding")
    # The most used unit comes first: 个 (items).
    unit = main.locator('[data-testid="stSelectbox"]').first
    assert "items (个)" in unit.inner_text() + unit.locator("input").input_value(), describe(page)
    chips = main.locator('[data-testid="stMultiSelect"] [data-tag]')
    labels = [c.inner_text().strip() for c in chips.all()]
    assert labels == ["Reach", "Participants", "Activity", "Profile"], describe(page)


def test_switching_language_relabels_the_town_profile_picker(open_page, server):
    page = open_app(open_page, server, "/town", "本镇概况", town="朱泾镇")
    picker = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').first
    assert picker.locator("input").input_value() == "朱泾镇", describe(page)
    page.locator('[data-testid="stSidebar"] [data-testid="stRadio"]').get_by_text("English").click()
    wait_for_app(page, None, "Town profile")
    # Seen once by hand: the picker kept showing 朱泾镇 on the English page.
    assert picker.locator("input").input_value() == "Zhujing", describe(page)


# --- 6. English pages in English, Chinese pages in Chinese, nothing cut short ------------------

CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def data_texts() -> list[str]:
    """Data values that stay in Chinese on English pages, as the article wrote them."""
    columns = {
        "projects.csv": ["title_zh", "implementing_unit", "description_zh", "review_zh"],
        "figures.csv": ["quote"],
        "project_themes.csv": ["evidence"],
        "funding_mentions.csv": ["quote"],
    }
    texts = []
    for name, cols in columns.items():
        with (DATA / name).open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                texts += [row[c] for c in cols if row[c]]
    with (DATA / "figures.csv").open(encoding="utf-8") as f:
        # A unit as written, in brackets after its English name: "people (名)".
        texts += [f"({row['unit']})" for row in csv.DictReader(f)]
    return texts


# Chinese that English pages show on purpose, besides the data texts above.
ALLOWED = [
    "一枝独秀不是春 百花齐放春满园——金山区2018年社会建设创新项目巡礼",  # the article's title
    "语言",  # the language switch is labelled in both languages, as is its option
    "中文",
]

_VISIBLE_TEXTS = """
() => {
  // [text, the text of its Markdown block] for every rendered text node, and the placeholders
  // and accessible names, which a reader sees or hears too.
  const out = [];
  const app = document.querySelector('[data-testid="stApp"]');
  const walker = document.createTreeWalker(app, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const el = node.parentElement;
    if (!text || !el || el.closest('style, script, .hoverlayer')) continue;
    if (!el.getClientRects().length) continue;  // not rendered
    const block = el.closest('[data-testid="stMarkdownContainer"]');
    out.push([text, block ? block.innerText : null]);
  }
  for (const el of app.querySelectorAll('[placeholder], [aria-label], [title]')) {
    for (const attr of ['placeholder', 'aria-label', 'title']) {
      const value = el.getAttribute(attr);
      if (value && value.trim()) out.push([value.trim(), null]);
    }
  }
  return out;
}
"""
FIGURE_MARK = re.compile(r"\[F\d\d\]|〔F\d\d〕")


def chinese_outside_data(texts: list[list[str | None]], allowed: list[str]) -> list[str]:
    """The texts that show Chinese once the allowed data texts are taken out.

    A Markdown block that is one data text with its figures marked (a description: figures in
    bold, [F01] after each) is allowed whole: its text nodes are pieces of the data text.
    """
    whole = set(allowed)
    by_length = sorted(allowed, key=len, reverse=True)
    leaks = []
    for text, block in texts:
        if not CHINESE.search(text):
            continue
        if block is not None and FIGURE_MARK.sub("", block).replace("\u2060", "").strip() in whole:
            continue
        rest = text
        for value in by_length:
            rest = rest.replace(value, "")
        if CHINESE.search(rest):
            leaks.append(text)
    return sorted(set(leaks))


ENGLISH_PAGES = [
    ("/", "Overview", {}),
    ("/", "Overview", {"town": "朱泾镇"}),
    ("/towns", "Towns", {}),
    ("/town", "Town profile", {"town": "朱泾镇"}),
    ("/town", "Town profile", {"town": "区级"}),
    ("/themes", "Themes", {}),
    ("/figures", "Reach · participants · funding", {}),
    ("/projects", "Projects", {}),
    ("/projects", "Projects", {"project": "JS2018-15"}),
    ("/projects", "Projects", {"project": "JS2018-14"}),
    ("/data", "About the data", {}),
]


def test_english_pages_show_no_chinese_outside_data(open_page, server):
    allowed = data_texts() + ALLOWED
    page = open_page()
    leaks = {}
    for path, title, params in ENGLISH_PAGES:
        page.goto(server.url(path, lang="en", **params))
        wait_for_app(page, None, title)
        found = chinese_outside_data(page.evaluate(_VISIBLE_TEXTS), allowed)
        if found:
            leaks[page.url] = found
    assert not leaks, "\n".join(f"{url}: {found}" for url, found in leaks.items())


def test_the_leak_finder_finds_leaks():
    allowed = ["石化街道社区自治办", "(名)", "共有居民3000名,志愿者30多名。"]
    texts = [
        ["Implementing unit: 石化街道社区自治办", None],
        ["Town: Shihua", None],
        ["people (名)", None],
        ["[F01],志愿者", "共有居民3000名[F01],志愿者30多名[F02]。"],
        ["30多名", "共有居民3000名[F01],志愿者30多名[F02]。"],
    ]
    assert chinese_outside_data(texts, allowed) == []
    texts = [
        ["≥30 名", None],
        ["Implementing unit：石化街道社区自治办", None],
        ["Elderly、Women", None],
        ["例如：志愿", None],
        ["名", "≥30 名"],
        ["志愿者", "Volunteers: 志愿者"],
    ]
    assert chinese_outside_data(texts, allowed) == sorted(text for text, _ in texts)


def test_chinese_town_filter_has_no_english_select_all(open_page, server):
    page = open_app(open_page, server, "/", "总览")
    page.get_by_role("combobox", name="镇（街道）").click()
    options = page.get_by_role("option")
    options.first.wait_for()
    labels = [text.strip() for text in options.all_inner_texts()]
    assert "朱泾镇" in labels, labels
    listbox = page.get_by_role("listbox").inner_text()
    assert "Select all" not in listbox and "Select" not in " ".join(labels), listbox
    page.keyboard.press("Escape")


_CUT = """
(selector) => {
  // Text wider than its box, measured in fractional pixels: a box 223 px wide shows
  // "not disclos…" for text 223.3 px wide, while scrollWidth and clientWidth both say 223.
  const cut = [];
  const boxes = document.querySelectorAll(selector);
  for (const el of boxes) {
    const text = el.innerText.trim();
    if (!text) continue;
    const range = document.createRange();
    range.selectNodeContents(el);
    const inner = range.getBoundingClientRect().width;
    const outer = el.getBoundingClientRect().width;
    if (inner > outer + 0.01 || el.scrollWidth > el.clientWidth || text.endsWith('…'))
      cut.push(`${text} (${inner.toFixed(1)} > ${outer.toFixed(1)})`);
  }
  return cut;
}
"""
METRIC_VALUES = '[data-testid="stMetricValue"], [data-testid="stMetricValue"] *'
NAV_LABELS = '[data-testid="stSidebar"] [data-testid="stPageLink-NavLink"] span'


@pytest.mark.parametrize("width", [1400, 390])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_headline_numbers_and_navigation_are_not_cut(browser, traffic, server, width, lang):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="zh-CN", service_workers="block"
    )
    try:
        page = context.new_page()
        page.on("request", lambda request: traffic.requests.append((page.url, request.url)))
        title = "Overview" if lang == "en" else "总览"
        cut = []
        for params in ({}, {"town": "朱泾镇"}):
            page.goto(server.url("/", **params, **({"lang": "en"} if lang == "en" else {})))
            wait_for_app(page, None, title)
            values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
            assert len(values) == 4, describe(page)
            cut += page.evaluate(_CUT, METRIC_VALUES)
        expand = page.locator('[data-testid="stExpandSidebarButton"]')
        if width < 700:  # narrow screens start with the sidebar closed
            expand.click()
        # The sidebar slides in: measure once it is fully open.
        page.wait_for_function(
            """() => { const box = document.querySelector('[data-testid="stSidebar"]')
                                           .getBoundingClientRect();
                       return box.left >= 0 && box.width > 200; }"""
        )
        page.wait_for_timeout(300)
        assert (
            page.locator('[data-testid="stSidebar"] [data-testid="stPageLink-NavLink"]').count()
            == 8
        )
        cut += page.evaluate(_CUT, NAV_LABELS)
        assert not cut, cut
    finally:
        context.close()


def test_the_figures_page_has_a_short_name_in_english_navigation(open_page, server):
    page = open_app(open_page, server, "/figures", "Reach · participants · funding", lang="en")
    links = page.locator(
        '[data-testid="stSidebar"] [data-testid="stPageLink-NavLink"]'
    ).all_inner_texts()
    # Each link's text is its icon's name (a ligature), then its label.
    assert [link.strip().split("\n")[-1] for link in links] == [
        "Overview",
        "Towns",
        "Town profile",
        "Themes",
        "Figures",
        "Year-on-year",
        "Projects",
        "About the data",
    ]


def test_english_headline_numbers_use_english_units(open_page, server):
    page = open_app(open_page, server, "/", "Overview", lang="en", town="朱泾镇")
    shown = metrics(page)
    assert shown["People taking part (disclosed)"] == "≥30 people", describe(page)
    assert shown["Disclosed funding"] == "not disclosed", describe(page)
    page = open_app(open_page, server, "/", "Overview", lang="en")
    shown = metrics(page)
    assert shown["People taking part (disclosed)"] == "≥2,546 people", describe(page)
    assert shown["Disclosed funding"] == "970,000 yuan", describe(page)


def test_english_project_detail_and_cards(open_page, server):
    page = open_app(open_page, server, "/projects", "Projects", lang="en", project="JS2018-15")
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert "Members' average age: 58 years of age" in body, body
    assert "Members (retired women): ≥30 people" in body, body
    page = open_app(open_page, server, "/projects", "Projects", lang="en")
    search = page.get_by_role("textbox", name="Search (title, unit, text)")
    assert search.get_attribute("placeholder") == "e.g. river, parking, petition"
    # JS2018-14's themes, in the order of data/project_themes.csv.
    assert (
        "Social organisations and co-building units, Resident and villager self-governance"
        in page.locator('[data-testid="stMain"]').inner_text()
    )


def test_no_request_leaves_the_host(traffic):
    own = [url for _, url in traffic.requests if any(url.startswith(o) for o in traffic.origins)]
    assert own, "the request recorder saw nothing"
    assert not traffic.foreign(), traffic.foreign()
