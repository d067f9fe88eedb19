"""Charts that compare towns (tiers, themes) highlight a choice instead of filtering it away.

Issue #11: with 朱泾镇 chosen, the tile map showed every other town as 0 and the towns chart one
wide bar. Expected values are counted by hand from data/projects.csv, project_themes.csv,
figures.csv and towns.csv (tile-map order: the rows of towns.csv, district level last).
"""

from __future__ import annotations

import pytest
from conftest import DATA

from metrics.analysis.filters import Filters
from metrics.charts import themes as charts_themes
from metrics.charts import towns as charts_towns
from metrics.charts.pages import page_charts
from metrics.data import load

ZHUJING = Filters(towns=("朱泾镇",))


@pytest.fixture(scope="module")
def full():
    dataset, problems = load.check(DATA)
    assert not problems
    return dataset


def by_title(pages, title):
    return next(c for charts in pages.values() for c in charts if c.title == title)


def test_tile_map_keeps_every_town_and_flags_the_chosen_one(full):
    tiles = by_title(page_charts(full, ZHUJING, "zh"), "金山区示意图：项目数（个）")
    rows = dict(zip(tiles.data["镇（街道）"], tiles.data["项目数（个）"], strict=True))
    assert rows == {
        "枫泾镇": 2, "朱泾镇": 2, "亭林镇": 1, "吕巷镇": 1, "张堰镇": 1, "金山工业区": 2,
        "廊下镇": 1, "金山卫镇": 1, "山阳镇": 2, "漕泾镇": 1, "石化街道": 2, "区级": 4,
    }  # fmt: skip
    flags = dict(zip(tiles.data["镇（街道）"], tiles.data["突出显示"], strict=True))
    assert [town for town, flag in flags.items() if flag == "是"] == ["朱泾镇"]
    assert tiles.caption.endswith("筛选: 全部项目 · 突出显示: 朱泾镇")
    # The drawn label of 枫泾镇's tile still says 2, not 0.
    labels = list(tiles.figure.data[0].text)
    assert any(label.startswith("枫泾镇") and label.endswith("<b>2</b>") for label in labels)


def test_tile_map_frames_the_chosen_town_and_mutes_the_others(full):
    tiles = by_title(page_charts(full, ZHUJING, "zh"), "金山区示意图：项目数（个）")
    shapes = tiles.figure.layout.shapes
    # Shapes follow towns.csv: 朱泾镇 is the second tile.
    assert shapes[1].opacity == 1 and shapes[1].line.width > shapes[0].line.width
    assert all(shape.opacity < 1 for i, shape in enumerate(shapes) if i != 1)


def test_towns_chart_mutes_other_towns_and_keeps_their_bars(full):
    chart = by_title(page_charts(full, ZHUJING, "zh"), "各镇（街道）项目数（按等级）")
    for trace in chart.figure.data:
        towns = [row[0] for row in trace.customdata]
        full_strength = [town for town, o in zip(towns, trace.marker.opacity, strict=True)
                         if o == 1]  # fmt: skip
        assert full_strength == ["朱泾镇"], trace.name
    innovation = chart.figure.data[0]
    # Innovation projects per town: 枫泾镇, 朱泾镇, 吕巷镇, 山阳镇, 漕泾镇, 石化街道 one each;
    # the district level four (JS2018-01, -02, -05, -10).
    assert list(innovation.y) == [1, 1, 1, 1, 1, 1, 4]


def test_tier_choice_mutes_the_other_tier_on_the_tier_stack(full):
    chart = charts_towns_stack(full, Filters(tiers=("innovation",)))
    innovation, excellent = chart.figure.data
    assert set(innovation.marker.opacity) == {1.0}
    assert max(excellent.marker.opacity) < 1
    # Still drawn at their real heights: 金山工业区 has two excellent projects (-03, -12).
    # Excellent: 枫泾镇, 朱泾镇, 亭林镇, 张堰镇, 金山工业区 (2), 廊下镇, 金山卫镇, 山阳镇, 石化街道.
    assert list(excellent.y) == [1, 1, 1, 1, 2, 1, 1, 1, 1]


def charts_towns_stack(full, filters):
    return by_title(page_charts(full, filters, "zh"), "各镇（街道）项目数（按等级）")


def test_per_town_head_counts_keep_every_town(full):
    chart = by_title(page_charts(full, ZHUJING, "zh"), "各镇参与合计（名）")
    # 名 participants: 30多 (JS2018-15, 朱泾镇), 91 (JS2018-13, 吕巷镇),
    # 2000多 + 425 (JS2018-01 and -10, district level). Every row comes from the bundled
    # edition, which the table names first (#12).
    assert list(chart.data.columns)[0] == "版本"
    assert chart.data.to_dict("list") == {
        "版本": ["金山区2018年"] * 3,
        "镇（街道）": ["朱泾镇", "吕巷镇", "区级"],
        "参与（名）": [30.0, 91.0, 2425.0],
        "限定": ["≥", "=", "≥"],
        "突出显示": ["是", "否", "否"],
    }


def test_theme_choice_highlights_on_the_theme_frequency_chart(full):
    pages = page_charts(full, Filters(themes=("elderly",)), "zh")
    chart = by_title(pages, "治理主题出现频次（按等级）")
    # Every theme keeps its bar; 为老服务 (JS2018-11, -19 excellent; -13 innovation) is
    # the one highlighted.
    chosen = chart.data.loc[chart.data["突出显示"] == "是"]
    assert sorted(chosen[["主题", "等级", "项目数（个）"]].values.tolist()) == [
        ["为老服务", "十大优秀项目", 2],
        ["为老服务", "十大创新项目", 1],
    ]
    assert chart.data["主题"].nunique() == 16


def test_charts_about_projects_still_filter(full):
    pages = page_charts(full, ZHUJING, "zh")
    pairs = by_title(pages, "同时出现的治理主题（项目数）")
    # Themes of JS2018-06 and JS2018-15 only; both carry 党建引领 and 居村自治.
    assert sorted(pairs.data["主题"]) == sorted(
        [
            "党建引领",
            "社会组织与共建单位",
            "信息化渠道",
            "居村自治",
            "德治与文化",
            "志愿服务",
            "妇女",
        ]
    )
    names = list(pairs.data["主题"])
    diagonal = {name: pairs.data.loc[i, name] for i, name in enumerate(names)}
    assert diagonal["党建引领"] == 2 and diagonal["居村自治"] == 2 and diagonal["妇女"] == 1
    assert pairs.caption.endswith("筛选: 朱泾镇")
    disclosure = by_title(pages, "经费披露情况（项目数）")
    assert disclosure.data["项目数（个）"].sum() == 2


def test_town_theme_matrix_highlights_towns_and_themes(full):
    chart = charts_themes.town_theme_heatmap(
        full, "zh", "", highlight=Filters(towns=("朱泾镇",), themes=("women",))
    )
    cells = chart.figure.data[0]
    chosen = {tuple(c) for c, o in zip(cells.customdata, cells.marker.opacity, strict=True)
              if o == 1}  # fmt: skip
    # 妇女 (women) in 朱泾镇: JS2018-15 only.
    assert chosen == {("朱泾镇", "women")}
    assert [flag for flag in chart.data["突出显示"]].count("是") == 1


def test_tile_map_is_unchanged_without_a_choice(full):
    tiles = charts_towns.towns_tile_map(full, "zh", "")
    assert "突出显示" not in tiles.data.columns
    assert {shape.opacity for shape in tiles.figure.layout.shapes} == {1.0}
