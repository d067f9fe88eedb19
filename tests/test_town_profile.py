"""The town profile (本镇概况, #14), its similar projects and its report sections, against values
counted by hand from data/jinshan-2018/projects.csv, project_themes.csv and figures.csv.

How they were counted:
- projects.csv, column town: 朱泾镇 has JS2018-06 (tier innovation) and JS2018-15 (excellent);
  区级 has JS2018-01, -02, -05, -10, all innovation. The district has 20 projects, 10 per tier.
- project_themes.csv: JS2018-06 party_building, social_orgs, digital, self_governance,
  virtue_culture; JS2018-15 volunteering, women, party_building, self_governance. 朱泾镇's 7
  themes leave 9 of the 16: elderly (JS2018-11, -13, -19), environment (-01, -18), relocation
  (-08, -16), children_youth (-02), veterans (-03), parking_shared (-09), petitions (-10),
  tourism (-17), grid (-20).
  区级: -01 environment, volunteering; -02 children_youth, volunteering, social_orgs; -05 women,
  self_governance; -10 petitions, self_governance: 7 themes, so 9 gaps: party_building (11
  projects: -04 -06 -07 -08 -11 -12 -15 -16 -17 -18 -20), virtue_culture (5: -04 -06 -12 -18
  -19), elderly (3), digital (2: -06, -09), relocation (2), veterans, parking_shared, tourism,
  grid (1 each).
- figures.csv: 朱泾镇's figures are JS2018-15's two: 30 名 at least, 58 岁 exact. 区级's are
  13: JS2018-01 five, -02 four, -05 two, -10 two.
- projects to learn from (#21): at most 2 a gap, each project under one gap only, in gap
  order. First those of a tier of the town's projects, then of a unit level of theirs
  (projects.csv, unit_level), then those with a row in figures.csv; else innovation first,
  then by id. 朱泾镇 (innovation + excellent, neighbourhood): elderly -11 (excellent,
  neighbourhood, 1 figure), -13 (innovation, village) before -19 (excellent, town office:
  both have figures, innovation first); environment -01, -18; relocation -16 (3 figures)
  before -08 (none). 区级 (innovation, district agency, a level no other town has):
  party_building -17 and -18 (innovation, with figures; -06 innovation has none);
  virtue_culture -06 (innovation; -18 already named), then -19 (figures); elderly -13, -11;
  digital -09 only (-06 named under virtue_culture).
- 亭林镇 has one project, JS2018-07 (excellent, neighbourhood; party_building,
  self_governance), so 14 gaps: volunteering 9 (-01 -02 -04 -13 -15 -16 -17 -18 -19),
  social_orgs 8 (-02 -03 -06 -09 -11 -13 -14 -16), virtue_culture 5, elderly 3, then women,
  environment, digital, relocation 2 each, then children_youth, veterans, parking_shared,
  petitions, tourism, grid 1 each (ties in themes.csv order). Its top 3 learn from:
  volunteering -15, -16 (excellent neighbourhoods with figures; -04 has none);
  social_orgs -11 (figures), -03 (excellent neighbourhood, none; -16 already named);
  virtue_culture -04 (excellent neighbourhood), -19 (excellent, figures; -12 has none).
  veterans' only project (-03) and parking_shared's (-09, under digital) are named above.
"""

from __future__ import annotations

import pytest
from conftest import DATA
from editions import bundled_into, chain, derive_edition, drop_theme, keep_projects

from metrics.analysis import similarity, town_profile
from metrics.data.library import check_library
from metrics.export.sections import DocSection
from metrics.export.town_sections import town_sections

ZHUJING_GAPS = [
    # (theme, projects elsewhere): most common first, ties in themes.csv order.
    ("elderly", 3),
    ("environment", 2),
    ("relocation", 2),
    ("children_youth", 1),
    ("veterans", 1),
    ("parking_shared", 1),
    ("petitions", 1),
    ("tourism", 1),
    ("grid", 1),
]
DISTRICT_GAPS = [
    ("party_building", 11),
    ("virtue_culture", 5),
    ("elderly", 3),
    ("digital", 2),
    ("relocation", 2),
    ("veterans", 1),
    ("parking_shared", 1),
    ("tourism", 1),
    ("grid", 1),
]


@pytest.fixture(scope="module")
def ds():
    return check_library(DATA.parent).dataset


@pytest.fixture(scope="module")
def index(ds):
    return similarity.build(ds)


@pytest.fixture(scope="module")
def zhujing(ds, index):
    return town_profile.profile(ds, "朱泾镇", index=index)


@pytest.fixture(scope="module")
def district(ds, index):
    return town_profile.profile(ds, "区级", index=index)


def test_zhujing_headline(zhujing):
    # Innovation tier first, then by id.
    assert list(zhujing.projects["project_id"]) == ["JS2018-06", "JS2018-15"]
    assert zhujing.district_projects == 20
    assert zhujing.share == pytest.approx(0.10)
    tiers = zhujing.tiers.set_index("tier")
    assert tiers.loc["innovation"].tolist() == [1, 10]
    assert tiers.loc["excellent"].tolist() == [1, 10]
    # Figures as the figures table gives them: value, unit, qualifier, never summed.
    figures = zhujing.figures[["figure_id", "value", "unit", "qualifier"]].values.tolist()
    assert figures == [
        ["JS2018-15-F01", 30, "名", "at_least"],
        ["JS2018-15-F02", 58, "岁", "exact"],
    ]


def test_district_level_has_a_profile_too(district):
    assert list(district.projects["project_id"]) == [
        "JS2018-01",
        "JS2018-02",
        "JS2018-05",
        "JS2018-10",
    ]
    assert district.share == pytest.approx(0.20)
    tiers = district.tiers.set_index("tier")
    assert tiers.loc["innovation"].tolist() == [4, 10]
    assert tiers.loc["excellent"].tolist() == [0, 10]
    assert len(district.figures) == 13


def test_themes_against_the_district(zhujing):
    themes = zhujing.themes.set_index("theme_id")
    # 11 projects have party_building, 2 of them 朱泾镇's (-06, -15); elderly: 0 of 3.
    assert themes.loc["party_building"].tolist() == [2, 11]
    assert themes.loc["self_governance", "town"] == 2
    assert themes.loc["women"].tolist() == [1, 2]  # -05 and -15
    assert themes.loc["elderly"].tolist() == [0, 3]
    assert set(themes.index[themes["town"] > 0]) == {
        "party_building",
        "self_governance",
        "volunteering",
        "women",
        "social_orgs",
        "digital",
        "virtue_culture",
    }


def test_zhujing_gaps_and_projects_to_learn_from(zhujing):
    assert list(zhujing.gaps.itertuples(index=False, name=None)) == ZHUJING_GAPS
    elderly = zhujing.learn_from_theme("elderly")
    # -11 石化街道 is a neighbourhood like 朱泾镇's two; -13 吕巷镇 innovation before -19.
    assert list(elderly["project_id"]) == ["JS2018-11", "JS2018-13"]
    assert list(elderly["town"]) == ["石化街道", "吕巷镇"]
    assert list(zhujing.learn_from_theme("relocation")["project_id"]) == ["JS2018-16", "JS2018-08"]
    environment = zhujing.learn_from_theme("environment")
    assert list(environment["project_id"]) == ["JS2018-01", "JS2018-18"]
    assert list(environment["town"]) == ["区级", "漕泾镇"]
    grid = zhujing.learn_from_theme("grid")
    assert grid["title_zh"].tolist() == ["党建引领社会治理 “小”网格发挥“大”作用"]
    # Its one line is the description's first sentence (projects.csv, JS2018-20).
    assert grid["one_line"].tolist() == [
        "山阳镇将全镇10个行政村、23个居民区(含筹建组)共划分网格单元200个"
    ]
    # In English: title_en "Party-led grid governance: small grids, big results" after its colon.
    assert grid["one_line_en"].tolist() == ["Small grids, big results"]


def test_district_gaps(district):
    assert list(district.gaps.itertuples(index=False, name=None)) == DISTRICT_GAPS
    learn = {th: list(district.learn_from_theme(th)["project_id"]) for th, _ in DISTRICT_GAPS}
    assert learn["party_building"] == ["JS2018-17", "JS2018-18"]
    assert learn["virtue_culture"] == ["JS2018-06", "JS2018-19"]
    assert learn["elderly"] == ["JS2018-13", "JS2018-11"]
    # -06 is named under virtue_culture already; tourism's only project (-17) under
    # party_building, parking_shared's (-09) under digital.
    assert learn["digital"] == ["JS2018-09"]
    assert learn["tourism"] == [] and learn["parking_shared"] == []
    assert list(district.listed_under("tourism")["theme_id"]) == ["party_building"]


def test_tinglin_gaps_ranked_top_three_with_two_examples_each(ds, index):
    """#21: 亭林镇's 14 gaps listed about 40 projects, unranked, JS2018-02 under three
    themes. Counted by hand in the module docstring."""
    tinglin = town_profile.profile(ds, "亭林镇", index=index)
    assert list(tinglin.gaps.itertuples(index=False, name=None)) == [
        ("volunteering", 9), ("social_orgs", 8), ("virtue_culture", 5), ("elderly", 3),
        ("women", 2), ("environment", 2), ("digital", 2), ("relocation", 2),
        ("children_youth", 1), ("veterans", 1), ("parking_shared", 1), ("petitions", 1),
        ("tourism", 1), ("grid", 1),
    ]  # fmt: skip
    assert list(tinglin.top_gaps["theme_id"]) == ["volunteering", "social_orgs", "virtue_culture"]
    assert len(tinglin.more_gaps) == 11
    top = {
        th: list(tinglin.learn_from_theme(th)["project_id"]) for th in tinglin.top_gaps["theme_id"]
    }
    assert top == {
        "volunteering": ["JS2018-15", "JS2018-16"],
        "social_orgs": ["JS2018-11", "JS2018-03"],
        "virtue_culture": ["JS2018-04", "JS2018-19"],
    }
    # No project twice, over every gap; never more than 2 a gap.
    named = tinglin.learn_from["project_id"]
    assert named.is_unique and len(named) == 17
    assert tinglin.learn_from.groupby("theme_id").size().max() == 2
    assert list(tinglin.learn_from_theme("children_youth")["project_id"]) == ["JS2018-02"]
    listed = tinglin.listed_under("veterans")
    assert list(zip(listed["project_id"], listed["theme_id"], strict=True)) == [
        ("JS2018-03", "social_orgs")
    ]


def test_similar_projects_are_in_other_towns_with_their_shared_themes(zhujing, district):
    # (Which ones pass similarity.is_close: test_close_matches_only.)
    # JS2018-06 钟楼in家园 and JS2018-04 张堰镇 东风居民区's "四道菜" are both neighbourhood
    # service and home-building projects; themes of -06 ∩ -04 = party_building,
    # self_governance, virtue_culture (social_orgs and digital are -06's only).
    top = zhujing.similar_to("JS2018-06").iloc[0]
    assert top["other_id"] == "JS2018-04"
    assert top["town"] == "张堰镇"
    assert top["shared_themes"] == ("party_building", "self_governance", "virtue_culture")
    # The district's river remediation (-01) reads most like 漕泾镇's 阮巷村 (-18, whose text
    # is about 环境整治 too): -01 environment, volunteering ∩ -18 = both, in themes.csv order.
    river = district.similar_to("JS2018-01").iloc[0]
    assert (river["other_id"], river["town"]) == ("JS2018-18", "漕泾镇")
    assert river["shared_themes"] == ("volunteering", "environment")
    # Never a project of the same town; at most three per project, best first.
    for profile, town in ((zhujing, "朱泾镇"), (district, "区级")):
        assert not (profile.similar["town"] == town).any()
        assert profile.similar.groupby("project_id").size().max() <= 3
        for _, found in profile.similar.groupby("project_id"):
            assert list(found["score"]) == sorted(found["score"], reverse=True)


def test_without_a_shared_theme_the_reason_names_the_shared_words(district):
    # JS2018-05 (妇联's 两堂: women, self_governance) and JS2018-19 (廊下镇's 祖辈课堂: elderly,
    # volunteering, virtue_culture) share no theme; both descriptions speak of 宅基, 楼组
    # and 阵地 (grep projects.csv).
    match = district.similar_to("JS2018-05")
    row = match.loc[match["other_id"] == "JS2018-19"].iloc[0]
    assert row["shared_themes"] == ()
    assert set(row["shared_words"]) <= {"宅基", "楼组", "阵地"} and "宅基" in row["shared_words"]
    zh = town_sections(district, "zh")[2].table
    reasons = dict(zip(zh["其他镇的相近项目"].str[:9], zh["共同主题（或理由）"], strict=True))
    assert reasons["JS2018-19"].startswith("无共同主题；相近词语：")
    en = town_sections(district, "en")[2].table
    reasons = dict(
        zip(en["Close match elsewhere"].str[:9], en["Shared themes (or why)"], strict=True)
    )
    assert reasons["JS2018-19"] == "No shared theme; the Chinese descriptions use similar words"


# Pairs counted by hand (project_themes.csv; the words grep'd in projects.csv): (score, shared
# themes, shared words) → shown?
CLOSE_PAIRS = [
    (0.13, ("party_building", "self_governance"), ("三方", "自我管理", "党总支")),  # -07 ~ -17
    (0.08, (), ("宅基", "楼组", "阵地")),  # -05 ~ -19: no theme, three words
    (0.05, ("volunteering", "environment"), ("整治",)),  # -01 ~ -18: themes, one word
]
NOT_CLOSE_PAIRS = [
    (0.03, (), ("清单",)),  # -01 ~ -20: grid, party_building ∩ environment, volunteering = ∅
    (0.20, (), ("清单",)),  # however high, one word and no theme is no reason
    (0.04, ("self_governance",), ("小区", "自治")),  # below 0.05
]


@pytest.mark.parametrize(("score", "themes", "words"), CLOSE_PAIRS)
def test_a_close_pair_is_shown(score, themes, words):
    assert similarity.is_close(score, themes, words)


@pytest.mark.parametrize(("score", "themes", "words"), NOT_CLOSE_PAIRS)
def test_a_loose_pair_is_not(score, themes, words):
    assert not similarity.is_close(score, themes, words)


def test_close_matches_only(zhujing, district, ds, index):
    """#21: matches of 0.01–0.05 with reasons such as 无共同主题；相近词语：清单 were shown.
    Now every match shown scores 0.05 or more and shares a theme or two words; JS2018-02
    (团区委's summer day-care) has none, and says so."""
    for profile in (zhujing, district):
        for row in profile.similar.itertuples(index=False):
            assert row.score >= 0.05, row
            assert row.shared_themes or len(row.shared_words) >= 2, row
    # JS2018-01 ~ JS2018-20 share only 清单 and no theme: never shown.
    assert "JS2018-20" not in set(district.similar_to("JS2018-01")["other_id"])
    assert district.similar_to("JS2018-02").empty
    assert list(district.similar_to("JS2018-01")["other_id"]) == ["JS2018-18"]
    # Boilerplate (打造, 引领, 金山) is no reason either.
    assert not {"打造", "引领", "金山"} & {w for ws in district.similar["shared_words"] for w in ws}
    zh = town_sections(district, "zh")[2].table
    row = zh.loc[zh["项目"] == "JS2018-02"].iloc[0]
    assert row["其他镇的相近项目"] == "其他镇没有足够相近的项目。"
    en = town_sections(district, "en")[2].table
    row = en.loc[en["Project"] == "JS2018-02"].iloc[0]
    assert row["Close match elsewhere"] == "No close match was found in the other towns."


def test_similarity_is_deterministic(ds, index):
    again = similarity.build(ds)
    assert again.vectors == index.vectors
    assert similarity.similar(again, "JS2018-15").equals(similarity.similar(index, "JS2018-15"))


def test_one_line_is_the_first_sentence():
    assert town_profile.one_line("第一句。第二句。") == "第一句"
    assert town_profile.one_line("甲" * 80) == "甲" * 49 + "…"


def test_projects_per_edition(tmp_path):
    """A made-up 2017 edition holding projects 01–10 only (tests/editions.py): 朱泾镇 has one
    there (06), 区级 four (01, 02, 05, 10); 2018 has the 20 counted above."""
    library = tmp_path / "library"
    library.mkdir()
    bundled_into(library)
    edit = chain(keep_projects(list(range(1, 11))), drop_theme("elderly"))
    derive_edition(library / "jinshan-2017", 2017, edit)
    full = check_library(library).dataset
    rows = town_profile.profile(full, "朱泾镇").editions.values.tolist()
    assert rows == [["jinshan-2017", 1, 10], ["jinshan-2018", 2, 20]]
    rows = town_profile.profile(full, "区级").editions.values.tolist()
    assert rows == [["jinshan-2017", 4, 10], ["jinshan-2018", 4, 20]]


def test_town_sections_in_both_languages(zhujing):
    zh = town_sections(zhujing, "zh")
    assert all(isinstance(section, DocSection) for section in zh)
    assert [s.heading for s in zh] == [
        "本镇概况：朱泾镇",
        "其他镇有、本镇还没有的主题",
        "各项目在其他镇的相似项目",
    ]
    assert zh[0].paragraphs == (
        "全区 20 个项目中有 2 个（10%）；十大创新项目 1/10；十大优秀项目 1/10。",
    )
    assert zh[0].table is None  # the briefing's project list names them
    figures = zh[0].children[0].table
    assert figures["数值"].tolist() == ["≥30 名", "58 岁"]
    # The short version: the top 3 gaps, 2 projects each, in one table; the other 6 named.
    gaps = zh[1].table
    assert gaps["主题"].tolist() == [
        "为老服务\n其他镇 3 个项目", "", "环境与河道\n其他镇 2 个项目", "",
        "动迁安置社区\n其他镇 2 个项目", "",
    ]  # fmt: skip
    assert gaps["编号"].tolist() == [
        "JS2018-11", "JS2018-13", "JS2018-01", "JS2018-18", "JS2018-16", "JS2018-08",
    ]  # fmt: skip
    assert gaps["镇（街道） · 等级"].iloc[0] == "石化街道 · 十大优秀项目"
    (rest,) = zh[1].children
    assert rest.paragraphs[0].startswith("其余 6 个主题（括号内为其他镇的项目数）：青少年（1）、")
    similar = zh[2].table
    assert similar["项目"].tolist() == ["JS2018-06", "", "JS2018-15", ""]
    assert similar["其他镇的相近项目"].iloc[0].startswith("JS2018-04 ")
    assert similar["共同主题（或理由）"].iloc[0] == "党建引领、居村自治、德治与文化"

    en = town_sections(zhujing, "en")
    assert en[0].heading == "Town profile: Zhujing"
    assert en[0].paragraphs == (
        "2 of the district's 20 projects (10%); Top-10 innovation 1/10; Top-10 excellent 1/10.",
    )
    assert en[0].children[0].table["Value"].tolist() == ["≥30 people", "58 years of age"]
    assert en[1].table["Theme"].iloc[0] == "Elderly care\n3 projects elsewhere"
    assert en[1].table["Town · tier"].iloc[1] == "Lüxiang · Top-10 innovation"
    assert "Children and youth (1)" in en[1].children[0].paragraphs[0]  # JS2018-02
    reason = en[2].table["Shared themes (or why)"].iloc[0]
    assert (
        reason == "Party-building leadership, Resident and villager self-governance, Rule of "
        "virtue and culture"
    )


def test_a_town_without_figures_says_not_reported(ds, index):
    """张堰镇's only project is JS2018-04 (projects.csv, column town), and figures.csv has no
    row for JS2018-04: its figures section has no table and says 未披露."""
    profile = town_profile.profile(ds, "张堰镇", index=index)
    section = town_sections(profile, "zh")[0].children[0]
    assert section.table is None
    assert section.paragraphs == ("未披露：本镇项目的原文未给出数字。",)


def test_district_level_speaks_of_its_agencies(district):
    """#21: 区级 is the district's own agencies (towns.csv kind 区级), not a 本镇."""
    zh = town_sections(district, "zh")
    assert [s.heading for s in zh][:2] == ["区级部门概况：区级", "各镇有、区级部门还没有的主题"]
    assert zh[1].paragraphs[0].startswith("9 个主题，按各镇有该主题的项目数排列")
    assert "本镇" not in "".join(p for s in zh for p in s.paragraphs)
    en = town_sections(district, "en")
    assert en[0].heading == "District agencies' profile: District level"
    assert en[1].heading == "Themes the towns have and the district agencies do not"


def test_the_themes_chart_says_what_it_shows(ds):
    """朱泾镇's 7 themes of the 16 (docstring); party_building and self_governance are in both
    its projects (-06, -15), every other theme of its in one; 9 themes in none of them."""
    from metrics.charts.town import town_themes

    chart = town_themes(ds, "zh", "", "朱泾镇")
    assert chart.summary.startswith(
        "朱泾镇的项目涉及7个主题（全区共16个主题）。最多的是党建引领、居村自治（各2个项目）。没有的9个主题："
    )
    row = chart.data.set_index("主题").loc["党建引领"]
    assert row.tolist() == [2, 11]
    # Rows are numbered 0–15: a zero line ran through 党建引领's bars in the exported PNG.
    assert chart.figure.layout.yaxis.zeroline is False
    en = town_themes(ds, "en", "", "区级")
    assert en.summary.startswith("District level's projects cover 7 themes")


def test_town_sections_go_into_a_word_document(zhujing):
    """export/docx.py's add_section takes them as they are: headings, sentences and tables."""
    import io

    from docx import Document

    from metrics.export.docx import add_section

    doc = Document()
    for section in town_sections(zhujing, "zh"):
        add_section(doc, section, "zh")
    reopened = Document(io.BytesIO(_saved(doc)))
    texts = [p.text for p in reopened.paragraphs]
    assert "本镇概况：朱泾镇" in texts
    assert "其他镇有、本镇还没有的主题" in texts
    cells = {cell.text for table in reopened.tables for row in table.rows for cell in row.cells}
    assert {"JS2018-13", "吕巷镇 · 十大创新项目", "≥30 名", "为老服务\n其他镇 3 个项目"} <= cells


def _saved(doc) -> bytes:
    import io

    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
