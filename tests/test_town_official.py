"""What a town official with one project sees (issue #21): 亭林镇 has only JS2018-07, a
十大优秀项目 (projects.csv), so every chart filtered to it holds a single tier."""

from __future__ import annotations

import re
import string
import xml.etree.ElementTree as ET

import pytest
from conftest import DATA

from metrics.analysis.filters import Filters
from metrics.charts import themes as charts_themes
from metrics.charts.focus import build
from metrics.data import load
from metrics.export import to_svg_bytes
from metrics.i18n import TEXT, t

TINGLIN = Filters(towns=("亭林镇",))
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
