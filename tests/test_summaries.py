"""Words for every chart (#14): each chart's summary, checked against hand-counted values.

Every expected sentence is counted by hand from data/jinshan-2018/*.csv:

projects.csv (town, tier by project): 01 区级 innovation, 02 区级 innovation, 03 金山工业区
excellent, 04 张堰镇 excellent, 05 区级 innovation, 06 朱泾镇 innovation, 07 亭林镇 excellent,
08 枫泾镇 excellent, 09 山阳镇 innovation, 10 区级 innovation, 11 石化街道 excellent, 12 金山工业区
excellent, 13 吕巷镇 innovation, 14 石化街道 innovation, 15 朱泾镇 excellent, 16 金山卫镇
excellent, 17 枫泾镇 innovation, 18 漕泾镇 innovation, 19 廊下镇 excellent, 20 山阳镇 excellent.
So per town (`grep -c ',朱泾镇,' projects.csv` …): 区级 4; 金山工业区, 朱泾镇, 枫泾镇, 山阳镇,
石化街道 2 each; 张堰镇, 亭林镇, 吕巷镇, 金山卫镇, 漕泾镇, 廊下镇 1 each (6 towns); 10 innovation,
10 excellent; 12 rows in towns.csv, all with a project: 11 towns and 区级 (the district's own
bodies, never counted as a town: #21).

Volunteering (`grep ',volunteering,' project_themes.csv`): 01, 02, 04, 13, 15, 16, 17, 18, 19 =
9 projects in 7 towns and 区级 (区级 twice), 5 innovation (01 02 13 17 18), 4 excellent; no
project in 金山工业区, 亭林镇, 山阳镇, 石化街道 (4 towns).
"""

from __future__ import annotations

import pytest
from conftest import DATA

from metrics.analysis.filters import Filters
from metrics.charts import figures as charts_figures
from metrics.charts import summaries
from metrics.charts import themes as charts_themes
from metrics.charts import towns as charts_towns
from metrics.charts.focus import build
from metrics.data import load

ALL = Filters()
ZHUJING = Filters(towns=("朱泾镇",))
VOLUNTEERING = Filters(themes=("volunteering",))
SHIHUA = Filters(towns=("石化街道",))


@pytest.fixture(scope="module")
def full():
    dataset, problems = load.check(DATA)
    assert not problems
    return dataset


def summary(full, builder, filters, lang, *args) -> str:
    return build(builder, full, filters, lang, *args).summary


# --- towns ------------------------------------------------------------------------------------

FEWEST_ZH = "亭林镇、吕巷镇、张堰镇、廊下镇、金山卫镇、漕泾镇"  # tile-map order (towns.csv)
FEWEST_EN = "Tinglin, Lüxiang, Zhangyan, Langxia, Jinshanwei, Caojing"
# The towns-by-tier chart over all 20 projects (per town and tier counts in the docstring).
TIER_STACK = {
    "zh": "共20个项目，分布在11个镇（街道）和区级部门：十大创新项目10个、十大优秀项目10个。"
    f"最多的是区级（4个项目），最少的是{FEWEST_ZH}（各1个项目）。",
    "en": "20 projects in 11 towns and district agencies: 10 Top-10 innovation, "
    "10 Top-10 excellent. "
    f"The most: District level (4 projects); the fewest: {FEWEST_EN} (1 project each).",
}
# 朱泾镇 highlighted on it: 06 and 15, of all 20.
HIGHLIGHTED = {
    "zh": "突出显示的朱泾镇：2个项目（共20个项目）。",
    "en": "Highlighted, Zhujing: 2 projects (of 20 projects).",
}
# Funding disclosure over all 20: figures.csv has a 元 amount for 14 only; funding_mentions.csv
# names 11, 13, 20; the other 16 do not mention funding.
DISCLOSURE = {
    "zh": "20个项目中，1个给出经费金额，3个提到经费但未给金额，16个未提及经费。",
    "en": "Of 20 projects: 1 with an amount of funding, 3 mentioning funding without an "
    "amount, 16 not mentioning funding.",
}


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("zh", TIER_STACK["zh"]), ("en", TIER_STACK["en"])],
)
def test_towns_by_tier_names_the_largest_and_every_tied_smallest(full, lang, expected):
    assert summary(full, charts_towns.towns_tier_stack, ALL, lang) == expected


def test_towns_by_tier_under_a_theme_counts_the_towns_without_a_project(full):
    # Volunteering: 9 projects in 7 towns and 区级: 区级 2 (01, 02), seven towns 1 each, 4 towns
    # none.
    assert summary(full, charts_towns.towns_tier_stack, VOLUNTEERING, "zh") == (
        "共9个项目，分布在7个镇（街道）和区级部门：十大创新项目5个、十大优秀项目4个。"
        "最多的是区级（2个项目），最少的是枫泾镇、朱泾镇、吕巷镇、张堰镇、廊下镇、金山卫镇等7个"
        "（各1个项目）。4个镇（街道）没有项目。"
    )
    assert summary(full, charts_towns.towns_tier_stack, VOLUNTEERING, "en") == (
        "9 projects in 7 towns and district agencies: 5 Top-10 innovation, 4 Top-10 excellent. "
        "The most: District level (2 projects); the fewest: Fengjing, Zhujing, Lüxiang, "
        "Zhangyan, Langxia, Jinshanwei and 1 more (1 project each). No project in 4 towns."
    )


def test_a_highlighted_town_gets_its_own_sentence(full):
    # 朱泾镇: 06 and 15, of all 20 (the chart compares towns, so it keeps every town).
    zh = summary(full, charts_towns.towns_tier_stack, ZHUJING, "zh")
    assert zh.endswith(f"。{HIGHLIGHTED['zh']}")
    en = summary(full, charts_towns.towns_tier_stack, ZHUJING, "en")
    assert en.endswith(f". {HIGHLIGHTED['en']}")


def test_tile_map_of_head_counts_keeps_at_least_and_says_who_did_not_disclose(full):
    # figures.csv, participants in 名: 01-F05 2000 at_least and 10-F01 425 (区级, ≥2,425),
    # 13-F01 91 (吕巷镇), 15-F01 30 at_least (朱泾镇): ≥2,546 from 2 towns and 区级; 20-F04
    # (1 名) is a profile figure, not participants. The other 9 towns state no head-count.
    zh = summary(full, charts_towns.towns_tile_map, ZHUJING, "zh", "participants")
    assert zh == (
        "以“名”计的参与数字合计≥2,546名，来自2个镇（街道）和区级部门。"
        "最大的是区级（≥2,425名），最小的是朱泾镇（≥30名）。其余9个镇（街道）未披露。"
        "突出显示：朱泾镇（≥30名）。"
    )
    en = summary(full, charts_towns.towns_tile_map, ALL, "en", "participants")
    assert en == (
        "Participants figures in people (名): ≥2,546 people in all, from 2 towns and district "
        "agencies. "
        "The largest: District level (≥2,425 people); the smallest: Zhujing (≥30 people). "
        "Not disclosed by the other 9 towns."
    )


def test_tile_map_of_head_counts_writes_at_least_on_the_tile_too(full):
    # 区级: 2000多 + 425 = ≥2,425; the tile said "2,425" before the summaries needed at_least.
    chart = build(charts_towns.towns_tile_map, full, ALL, "zh", "participants")
    tiles = dict(zip(chart.figure.data[0].customdata[:, 0], chart.figure.data[0].text,
                     strict=True))  # fmt: skip
    assert tiles["区级"].endswith("<b>≥2,425</b>")
    assert tiles["朱泾镇"].endswith("<b>≥30</b>")
    assert tiles["吕巷镇"].endswith("<b>91</b>")
    assert tiles["枫泾镇"].endswith("<b>未披露</b>")


def test_tile_map_of_a_town_without_a_head_count_says_not_disclosed(full):
    # 枫泾镇 (08, 17): no participants figure in 名 (17's are 个 and 方).
    text = summary(full, charts_towns.towns_tile_map, Filters(towns=("枫泾镇",)), "zh",
                   "participants")  # fmt: skip
    assert text.endswith("突出显示：枫泾镇（未披露）。")
    assert "（0名）" not in text


def test_tile_map_with_no_head_count_at_all_says_so(full):
    # Tourism: only 17 (枫泾镇), whose participants figures are in 个 and 方, none in 名.
    tourism = Filters(themes=("tourism",))
    assert summary(full, charts_towns.towns_tile_map, tourism, "zh", "participants") == (
        "11个镇（街道）和区级部门均未披露以“名”计的参与数字。"
    )
    assert summary(full, charts_towns.towns_tile_map, tourism, "en", "participants") == (
        "None of 11 towns and district agencies discloses participants figures in people (名)."
    )


def test_tile_map_of_figures_counts_towns_with_none(full):
    # Figures per town (figures.csv by project): 区级 5+4+2+2 = 13, 石化街道 1+6 = 7, 廊下镇 5,
    # 山阳镇 4, 金山卫镇 3, 朱泾镇 2, 枫泾镇 2, 吕巷镇 2, 亭林镇 1, 漕泾镇 1: 40 in 9 towns and
    # 区级; 金山工业区 (03, 12) and 张堰镇 (04) none.
    assert summary(full, charts_towns.towns_tile_map, ALL, "zh", "figures") == (
        "共40个数字，分布在9个镇（街道）和区级部门。最多的是区级（13个数字），"
        "最少的是亭林镇、漕泾镇（各1个数字）。2个镇（街道）没有披露数字。"
    )
    assert summary(full, charts_towns.towns_tile_map, ZHUJING, "en", "figures").endswith(
        "No figure disclosed in 2 towns. Highlighted, Zhujing: 2 figures (of 40 figures)."
    )


def test_town_totals_name_a_tie(full):
    # participants in 方: 07-F01 3 (亭林镇), 17-F02 3 (枫泾镇): a tie, 6 in all.
    assert summary(full, charts_towns.towns_totals, ALL, "zh", "participants", "方") == (
        "以“方”计的参与数字合计6方，来自2个镇（街道）。枫泾镇、亭林镇各3方。"
        "其余9个镇（街道）和区级部门未披露。"
    )
    assert summary(full, charts_towns.towns_totals, ALL, "en", "participants", "方") == (
        "Participants figures in parties (方): 6 parties in all, from 2 towns. "
        "Fengjing, Tinglin: 3 parties each. "
        "Not disclosed by the other 9 towns and district agencies."
    )


def test_town_totals_of_reach(full):
    # reach in 个: 14-F03 23 (石化街道), 19-F01 12 + 19-F02 3 = 15 (廊下镇), 20-F01 10 +
    # 20-F02 23 = 33 (山阳镇): 71 from 3 towns; 8 towns and 区级 without.
    assert summary(full, charts_towns.towns_totals, SHIHUA, "zh", "reach", "个") == (
        "以“个”计的覆盖数字合计71个，来自3个镇（街道）。最大的是山阳镇（33个），"
        "最小的是廊下镇（15个）。其余8个镇（街道）和区级部门未披露。突出显示：石化街道（23个）。"
    )


def test_a_highlighted_town_without_a_bar_is_said_on_the_chart_and_in_words(full):
    # 名 (figures.csv): 01-F05 ≥2000 + 10-F01 425 (区级), 13-F01 91 (吕巷镇), 15-F01 ≥30
    # (朱泾镇), 20-F04 1 (山阳镇, category profile, not participants): 亭林镇's only
    # participant figure is 07-F01 3 方, so it has no bar on the 名 chart (#21 defect 5).
    tinglin = Filters(towns=("亭林镇", "吕巷镇"))
    zh = build(charts_towns.towns_totals, full, tinglin, "zh", "participants", "名")
    assert zh.summary.endswith("突出显示：吕巷镇（91名）、亭林镇（未披露）。"), zh.summary
    assert [a.text for a in zh.figure.layout.annotations] == ["亭林镇：未披露"]
    en = build(charts_towns.towns_totals, full, tinglin, "en", "participants", "名")
    assert en.summary.endswith("Highlighted: Lüxiang (91 people), Tinglin (not disclosed)."), (
        en.summary
    )
    assert [a.text for a in en.figure.layout.annotations] == ["Tinglin: not disclosed"]
    shown = build(charts_towns.towns_totals, full, Filters(towns=("吕巷镇",)), "zh",
                  "participants", "名")  # fmt: skip
    assert not shown.figure.layout.annotations


# --- figures ----------------------------------------------------------------------------------


def test_figures_in_one_unit(full):
    # 名: 01-F05 ≥2000 (河长), 10-F01 425, 13-F01 91, 15-F01 ≥30, 20-F04 1: 5 figures from 5
    # projects, the other 15 have none in 名.
    assert summary(full, charts_figures.figures_in_unit, ALL, "zh", "名") == (
        "以“名”计的5个数字，来自5个项目。最大的是中小河道综合整治 · 河长（≥2,000名），"
        "最小的是党建引领社会治理 · 每个网格配备网格员（1名）。其余15个项目没有以该单位计的数字。"
    )
    # Volunteering: 01-F05 ≥2000, 13-F01 91, 15-F01 ≥30: 3 of its 9 projects.
    assert summary(full, charts_figures.figures_in_unit, VOLUNTEERING, "en", "名") == (
        "3 figures in people (名), from 3 projects. The largest: Small and medium river "
        'remediation · River chiefs (≥2,000 people); the smallest: "Blooming Grannies" · '
        "Members (retired women) (≥30 people). The other 6 projects: no figure in this unit."
    )


def test_funding_amounts(full):
    # The only funding figure: 14-F06 970000 元 (牵线居社“微项目”); 19 projects give none.
    assert summary(full, charts_figures.funding_amounts, ALL, "zh") == (
        "1个项目给出经费金额，合计970,000元。只有牵线居社“微项目”（970,000元）。"
        "其余19个项目未披露金额。"
    )
    assert summary(full, charts_figures.funding_amounts, ALL, "en") == (
        "Funding amounts from 1 project: 970,000 yuan in all. Only Micro-projects for "
        "micro-governance (970,000 yuan). The other 19 projects: no amount disclosed."
    )
    assert summary(full, charts_figures.funding_amounts, VOLUNTEERING, "zh") == ""  # empty chart


@pytest.mark.parametrize(
    ("filters", "lang", "expected"),
    [
        # 14 gives an amount; funding_mentions.csv: 11, 13, 20 mention it; 16 of 20 do not.
        (ALL, "zh", DISCLOSURE["zh"]),
        (ALL, "en", DISCLOSURE["en"]),
        # Volunteering: of 01 02 04 13 15 16 17 18 19 only 13 mentions funding.
        (VOLUNTEERING, "zh", "9个项目中，0个给出经费金额，1个提到经费但未给金额，8个未提及经费。"),
        # 石化街道: 11 (mentioned), 14 (amount).
        (SHIHUA, "zh", "2个项目中，1个给出经费金额，1个提到经费但未给金额，0个未提及经费。"),
    ],
)
def test_funding_disclosure_counts_the_projects_that_do_not_mention_funding(
    full, filters, lang, expected
):
    assert summary(full, charts_figures.funding_disclosure, filters, lang) == expected


# --- themes -----------------------------------------------------------------------------------


def test_themes_by_tier(full):
    # `grep -c ',<theme>,' project_themes.csv`: self_governance 13, party_building 11, … and
    # children_youth, grid, parking_shared, petitions, tourism, veterans 1 each; all 16 used.
    assert summary(full, charts_themes.themes_by_tier, ALL, "zh") == (
        "20个项目共涉及16个主题（一个项目可有多个主题）。最多的是居村自治（13个项目），"
        "最少的是青少年、网格化管理、停车与共享资源、信访与矛盾化解、旅游景区、退役军人（各1个项目）。"
    )
    # Volunteering highlighted: its 9 projects (01 02 04 13 15 16 17 18 19).
    assert summary(full, charts_themes.themes_by_tier, VOLUNTEERING, "en").endswith(
        " (1 project each). Highlighted: Volunteering (9 projects)."
    )


def test_themes_by_tier_under_a_town_counts_themes_without_a_project(full):
    # 朱泾镇: 06 party_building, social_orgs, digital, self_governance, virtue_culture; 15
    # volunteering, women, party_building, self_governance: 7 themes, 9 of 16 unused.
    assert summary(full, charts_themes.themes_by_tier, ZHUJING, "en") == (
        "Themes of 2 projects: 7 themes (a project can have several). The most: "
        "Party-building leadership, Resident and villager self-governance (2 projects each); "
        "the fewest: Digital channels, Social organisations and co-building units, Rule of "
        "virtue and culture, Volunteering, Women (1 project each). No project under 9 themes."
    )


def test_town_theme_heatmap(full):
    # Distinct (town, theme) pairs over project_themes.csv joined to projects.csv: 56; seven
    # with 2 projects (枫泾镇 08+17 and 朱泾镇 06+15 × 党建引领 and 居村自治, 石化街道 11+14 ×
    # 社会组织, 区级 05+10 × 居村自治, 区级 01+02 × 志愿服务); 朱泾镇 is in 7 of them.
    assert summary(full, charts_themes.town_theme_heatmap, ZHUJING, "zh") == (
        "有项目的镇×主题组合：56个组合；最多的是枫泾镇 × 党建引领、枫泾镇 × 居村自治、"
        "朱泾镇 × 党建引领、朱泾镇 × 居村自治、石化街道 × 社会组织与共建单位、区级 × 居村自治等7个"
        "（各2个项目）。突出显示的朱泾镇：7个组合（共56个组合）。"
    )


def test_theme_cooccurrence(full):
    # Theme pairs within a project: 41 distinct; 党建引领 + 居村自治 in 8 (04 06 07 08 12 15 17
    # 18); volunteering shares a project with 10 other themes.
    assert summary(full, charts_themes.theme_cooccurrence, VOLUNTEERING, "zh") == (
        "同时出现在一个项目中的主题组合：41个组合；最常同时出现的是党建引领 + 居村自治（8个项目）。"
        "突出显示：志愿服务（与10个主题同时出现）。"
    )
    assert summary(full, charts_themes.theme_cooccurrence, ALL, "en") == (
        "Theme pairs sharing a project: 41 pairs; most often together: Party-building "
        "leadership + Resident and villager self-governance (8 projects)."
    )


# --- the words themselves ---------------------------------------------------------------------


def test_counts_and_lists_in_both_languages():
    assert summaries.count(1, "project", "en") == "1 project"
    assert summaries.count(2546, "figure", "en") == "2,546 figures"
    assert summaries.count(2546, "figure", "zh") == "2,546个数字"
    assert summaries.names(list("abcdefgh"), "en") == "a, b, c, d, e, f and 2 more"
    assert summaries.names(list("甲乙丙丁戊己庚"), "zh") == "甲、乙、丙、丁、戊、己等7个"
    assert summaries.amount(float("nan"), False, "名", "zh") == "未披露"
    assert summaries.amount(1, False, "名", "en") == "1 person"


# --- editions side by side (the made-up 2017 of tests/test_compare.py: projects 01–10, no
# 为老服务 in its vocabulary) ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory):
    from test_compare import make_library

    from metrics.data.library import check_library

    return check_library(make_library(tmp_path_factory.mktemp("summaries") / "lib")).dataset


def compared(full, lang, filters=ALL):
    from metrics.charts.pages import compare_charts

    return {c.key: c.summary for c in compare_charts(full, filters, lang)}


def test_year_on_year_summaries(two_editions):
    # 2017 (01–10): 区级 01 02 05 10 = 4, 金山工业区, 张堰镇, 朱泾镇, 亭林镇, 枫泾镇, 山阳镇 1 each:
    # 10 projects in 7 towns. 居村自治 in 04 05 06 07 08 09 10 = 7 (2017) and 13 (2018); 为老服务
    # is not listed in 2017: 1 cell not reported. Head-counts (名): 2017 01-F05 ≥2000 + 10-F01
    # 425 = ≥2,425; 2018 ≥2,546. Units in 2018 but not in 2017 (reach 个 户, participants 家 个
    # 支, funding 元, activity 届 方面): 8 cells not reported. New in 2018: 吕巷镇 (13), 廊下镇
    # (19), 金山卫镇 (16), 漕泾镇 (18), 石化街道 (11, 14); 为老服务 (11, 13, 19).
    zh = compared(two_editions, "zh")
    assert zh == {
        "compare_towns": "金山区2017年：10个项目，6个镇（街道）和区级部门；金山区2018年：20个项目，"
        "11个镇（街道）和区级部门。金山区2017年最多的是区级（4个项目）；金山区2018年最多的是区级（4个项目）。",
        "compare_themes": "金山区2017年最多的是居村自治（7个项目）；"
        "金山区2018年最多的是居村自治（13个项目）。未报告的格子：1个。",
        "compare_totals": "参与（名）：金山区2017年为≥2,425名、金山区2018年为≥2,546名。"
        "未报告的格子：8个。",
        "compare_new_towns": "首次出现：吕巷镇（金山区2018年，1个项目）、廊下镇（金山区2018年，"
        "1个项目）、金山卫镇（金山区2018年，1个项目）、漕泾镇（金山区2018年，1个项目）、"
        "石化街道（金山区2018年，2个项目）。",
        "compare_new_themes": "首次出现：为老服务（金山区2018年，3个项目）。",
    }
    en = compared(two_editions, "en")
    assert en["compare_totals"] == (
        "Participants, people (名): Jinshan 2017 ≥2,425 people, Jinshan 2018 ≥2,546 people. "
        "Cells not reported: 8."
    )
    assert en["compare_new_themes"] == "First seen: Elderly care (Jinshan 2018, 3 projects)."


# --- exports ----------------------------------------------------------------------------------


def test_pptx_notes_and_zip_readme_carry_each_summary(full):
    import datetime as dt
    import io
    import zipfile

    from pptx import Presentation

    from metrics.analysis import briefing
    from metrics.export import bundle_zip, to_pptx_bytes

    day = dt.date(2018, 12, 1)
    charts = [
        build(charts_figures.funding_disclosure, full, ALL, "en"),
        build(charts_towns.towns_tier_stack, full, ZHUJING, "en"),
    ]
    disclosure = DISCLOSURE["en"]
    # The towns-by-tier chart with 朱泾镇 highlighted: the all-towns sentence, then its own.
    tier_stack = f"{TIER_STACK['en']} {HIGHLIGHTED['en']}"
    assert charts[0].summary == disclosure
    brief = briefing.build(full, ALL, "en", day=day)
    deck = Presentation(io.BytesIO(to_pptx_bytes(charts, heading="Jinshan", briefing=brief)))
    slides = list(deck.slides)[1:3]  # the headline slide first, then one slide per chart
    notes = [slide.notes_slide.notes_text_frame.text for slide in slides]
    assert notes == [disclosure, tier_stack]
    raw = bundle_zip(charts, formats=("csv",), briefing=brief)
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        readme = zf.read("README.txt").decode("utf-8-sig")
    lines = readme.split("\r\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("  01_"))
    assert lines[first + 1] == f"    {disclosure}"
    assert lines[first + 3] == f"    {tier_stack}"


# --- on the page (AppTest) --------------------------------------------------------------------


def shown_texts(at) -> list[str]:
    """Markdown and captions in page order, as a reader sees them (escapes removed)."""
    import re

    kinds = ("markdown", "caption")
    return [re.sub(r"\\(.)", r"\1", e.value) for e in at.main if e.type in kinds]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_overview_shows_each_summary_under_its_chart_and_names_the_chart_with_it(app, lang):
    at = app("overview", lang=lang)
    assert not at.exception
    alts = [chart.proto.alt for chart in at.get("plotly_chart")]
    # Page order: towns by tier, funding disclosure, themes by tier, tile map.
    assert alts[0] == TIER_STACK[lang] and alts[1] == DISCLOSURE[lang]
    assert all(alts), alts
    texts = shown_texts(at)
    for summary_text in (TIER_STACK[lang], DISCLOSURE[lang]):
        at_index = texts.index(summary_text)
        # The source line comes right after the summary.
        assert texts[at_index + 1].startswith("来源" if lang == "zh" else "Source")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_towns_page_summaries_follow_the_filter(app, lang):
    at = app("towns", lang=lang, town="朱泾镇")
    assert not at.exception
    alts = [chart.proto.alt for chart in at.get("plotly_chart")]
    assert alts[0] == f"{TIER_STACK[lang]}{'' if lang == 'zh' else ' '}{HIGHLIGHTED[lang]}"
    # The totals chart opens on head-counts (名): ≥2,546 in all, 朱泾镇 ≥30.
    assert alts[2].endswith("突出显示：朱泾镇（≥30名）。" if lang == "zh"
                            else "Highlighted: Zhujing (≥30 people).")  # fmt: skip
    assert alts[0] in shown_texts(at)
