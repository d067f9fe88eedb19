"""What a town official with one project sees (issue #21): 亭林镇 has only JS2018-07, a
十大优秀项目 (projects.csv), so every chart filtered to it holds a single tier."""

from __future__ import annotations

import re
import string
import xml.etree.ElementTree as ET
from urllib.parse import quote

import pytest
from conftest import DATA

from metrics.analysis.filters import Filters
from metrics.charts import themes as charts_themes
from metrics.charts.focus import build
from metrics.data import load
from metrics.export import to_svg_bytes
from metrics.i18n import TEXT, t

TINGLIN = Filters(towns=("亭林镇",))
TINGLIN_Q = quote("亭林镇")  # the link is percent-encoded, as a browser sends it
EXCELLENT = {"zh": "十大优秀项目", "en": "Top-10 excellent"}


@pytest.fixture(scope="module")
def full():
    dataset, problems = load.check(DATA)
    assert not problems
    return dataset


def legend_texts(svg: bytes) -> list[str]:
    root = ET.fromstring(svg)
    return [
        "".join(el.itertext())
        for el in root.iter()
        if el.tag.endswith("}text") and "legendtext" in (el.get("class") or "")
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_chart_coloured_by_tier_keeps_its_key_with_one_tier_left(full, lang):
    chart = build(charts_themes.themes_by_tier, full, TINGLIN, lang)
    # 亭林镇's one project, JS2018-07: every bar is 十大优秀项目 orange, so the key must say so.
    assert {trace.name for trace in chart.figure.data if len(trace.x)} == {EXCELLENT[lang]}
    assert legend_texts(to_svg_bytes(chart)) == [EXCELLENT[lang]]


def test_a_count_of_one_reads_in_the_singular():
    assert t("n_results", "en", n=1) == "1 project"
    assert t("n_results", "en", n=11) == "11 projects"
    assert t("n_results", "en", n=21) == "21 projects"


def test_no_english_text_says_one_projects():
    wrong = []
    for key, (_zh, en) in TEXT.items():
        fields = {name for _, name, _, _ in string.Formatter().parse(en) if name}
        if fields:
            text = t(key, "en", **dict.fromkeys(fields, 1))
            if re.search(r"\b1 (projects|towns|themes|figures)\b", text):
                wrong.append((key, text))
    assert not wrong


def test_the_summary_of_a_one_project_town_says_project(full):
    chart = build(charts_themes.themes_by_tier, full, TINGLIN, "en")
    # project_themes.csv: JS2018-07 has party_building and self_governance, 2 of the 16 themes.
    assert chart.summary == (
        "Themes of 1 project: 2 themes (a project can have several). Party-building leadership, "
        "Resident and villager self-governance: 1 project each. No project under 14 themes."
    )


# --- a mistyped town in the link ----------------------------------------------------------------


def dashboard(monkeypatch, page: str | None = None, **params):
    from conftest import ROOT
    from streamlit.testing.v1 import AppTest

    monkeypatch.delenv("BAIHUA_DATA", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    if page:
        at.switch_page(page)
    return at.run()


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "zh",
            "没有“亭林”这个镇（街道），已显示全部项目。您是否要找 [亭林镇](?town="
            + TINGLIN_Q
            + ")？",
        ),
        (
            "en",
            "There is no town “亭林”: all projects are shown. "
            "Did you mean [Tinglin](?lang=en&town=" + TINGLIN_Q + ")?",
        ),
    ],
)
def test_a_mistyped_town_is_said_at_the_top_with_the_town_meant(monkeypatch, lang, expected):
    at = dashboard(monkeypatch, town="亭林", lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    assert [w.value for w in at.main.warning][:1] == [expected]
    # What it says is true: all 20 projects are shown, and the link no longer names 亭林.
    assert at.metric[0].value == "20"
    assert "town" not in at.query_params


def test_a_town_that_does_not_exist_leaves_the_town_page_url(monkeypatch):
    at = dashboard(monkeypatch, "pages/town.py", town="火星镇")
    assert not at.exception, [e.value for e in at.exception]
    assert "town" not in at.query_params
    assert at.main.warning[0].value == "没有“火星镇”这个镇（街道），已显示全部项目。"


def test_a_value_kept_beside_the_unknown_one_is_named_as_kept(monkeypatch):
    at = dashboard(monkeypatch, town=["朱泾镇", "火星镇"])
    assert at.main.warning[0].value == "没有“火星镇”这个镇（街道），已忽略这一项。"
    assert at.metric[0].value == "2"
    assert at.query_params["town"] == "朱泾镇"


def test_the_warning_goes_once_the_official_chooses_a_town(monkeypatch):
    at = dashboard(monkeypatch, town="亭林")
    assert len(at.main.warning) == 1
    at.radio(key="lang").set_value("en").run()  # the same view in English: still said
    assert at.main.warning[0].value.startswith("There is no town “亭林”: all projects are shown.")
    at.multiselect(key="f_town").select("亭林镇").run()
    # 亭林镇 alone now (JS2018-07): "all projects are shown" would be false.
    assert at.metric[0].value == "1"
    assert [w.value for w in at.main.warning] == []


def test_the_town_meant_is_linked_once_when_the_link_has_it_already(monkeypatch):
    at = dashboard(monkeypatch, town=["亭林镇", "亭林"])
    assert at.main.warning[0].value == (
        "没有“亭林”这个镇（街道），已忽略这一项。您是否要找 [亭林镇](?town=" + TINGLIN_Q + ")？"
    )
