"""Each chart's accessible name in a real browser is its summary, in the page's language (#14).

Streamlit renders `st.plotly_chart(alt=...)` as role="figure" with an aria-label on the
chart's container. The summaries are counted by hand in test_summaries.py (TIER_STACK,
DISCLOSURE and the head-count sentence there).
"""

from __future__ import annotations

import re

import pytest
from browser_support import title_of, wait_for_app
from test_summaries import DISCLOSURE, FEWEST_EN, FEWEST_ZH, TIER_STACK

pytestmark = pytest.mark.browser

# participants in 名: 区级 ≥2,425 (01-F05 2000多, 10-F01 425), 吕巷镇 91, 朱泾镇 ≥30.
HEAD_COUNTS = {
    "zh": "以“名”计的参与数字合计≥2,546名，来自2个镇（街道）和区级部门。"
    "最大的是区级（≥2,425名），最小的是朱泾镇（≥30名）。其余9个镇（街道）未披露。",
    "en": "Participants figures in people (名): ≥2,546 people in all, from 2 towns and "
    "district agencies. The largest: District level (≥2,425 people); the smallest: Zhujing "
    "(≥30 people). Not disclosed by the other 9 towns.",
}
TILES = {
    "zh": "共20个项目，分布在11个镇（街道）和区级部门。"
    f"最多的是区级（4个项目），最少的是{FEWEST_ZH}（各1个项目）。",
    "en": "20 projects in 11 towns and district agencies. The most: District level "
    f"(4 projects); the fewest: {FEWEST_EN} (1 project each).",
}


def accessible_names(page) -> list[tuple[str, str]]:
    """(role, aria-label) of each Plotly chart's container, in page order."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]'))
             .map(el => [el.getAttribute('role'), el.getAttribute('aria-label')])"""
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    ("path", "key", "expected"),
    [
        ("/towns", "page_towns", lambda lang: [TIER_STACK[lang], TILES[lang], HEAD_COUNTS[lang]]),
        (
            "/",
            "page_overview",
            lambda lang: [TIER_STACK[lang], DISCLOSURE[lang], None, TILES[lang]],
        ),
    ],
    ids=["towns", "overview"],
)
def test_every_chart_is_named_by_its_summary(open_page, server, path, key, expected, lang):
    page = open_page()
    page.goto(server.url(path, **({"lang": "en"} if lang == "en" else {})))
    want = expected(lang)
    wait_for_app(page, len(want), title_of(key, lang))
    names = accessible_names(page)
    assert [role for role, _ in names] == ["figure"] * len(want)
    for (_, label), summary in zip(names, want, strict=True):
        assert label, names
        if summary is not None:  # the themes chart: its words are tested in test_summaries
            assert label == summary
    # The same words are on the page for every reader, under the chart.
    main = page.locator('[data-testid="stMain"]').inner_text()
    for summary in filter(None, want):
        assert summary in main.replace("\n", "")


# Charts drawn with the bundled data and no filter: /themes 3 (by tier, town × theme, pairs);
# /figures one per unit in use plus the funding amounts and disclosure; /town 1 (its themes).
# /compare draws nothing with one edition (test_browser_compare).
OTHER_PAGES = [("/themes", "page_themes", {}), ("/figures", "page_figures", {}),
               ("/town", "page_town", {"town": "朱泾镇"})]  # fmt: skip


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("path", "key", "params"), OTHER_PAGES, ids=["themes", "figures", "town"])
def test_every_chart_elsewhere_is_named_in_the_pages_language(
    open_page, server, path, key, params, lang
):
    page = open_page()
    page.goto(server.url(path, **params, **({"lang": "en"} if lang == "en" else {})))
    wait_for_app(page, None, title_of(key, lang))
    names = accessible_names(page)
    assert names and {role for role, _ in names} == {"figure"}
    main = page.locator('[data-testid="stMain"]').inner_text().replace("\n", "")
    for _, label in names:
        assert label in main  # the words under the chart, not only its title
        assert label.endswith("。" if lang == "zh" else ".")
        if lang == "en":  # Chinese only inside a unit's parentheses, as "people (名)"
            assert not re.search(r"[\u4e00-\u9fff]", re.sub(r"\([^)]*\)", "", label)), label
        else:
            assert re.search(r"[\u4e00-\u9fff]", label), label
    if path == "/themes":
        # project_themes.csv: 居村自治 is on 13 of the 20 projects, more than any other theme.
        word = "居村自治（13" if lang == "zh" else "Resident and villager self-governance (13"
        assert word in names[0][1]
