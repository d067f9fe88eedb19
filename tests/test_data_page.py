"""/data for officials, with AppTest: plain words and labels first, file and column names only
in the part for data stewards.

Numbers counted by hand from data/: figures.csv names 14 of the 20 projects, so 6 give no
figure (JS2018-03, 04, 06, 08, 09, 12); its only funding figure is JS2018-14's 97万元;
funding_mentions.csv lists JS2018-11, 13 and 20; projects.csv prints 4 projects under the
innovation heading (01-04) and has 10 with a review (01, 02, 05, 06, 09, 10, 13, 14, 17, 18).
"""

from __future__ import annotations

import re

import pytest

RAW_NAMES = [
    "project_id",
    "printed_section",
    "has_review",
    "title_zh",
    "unit_level",
    "data/curation",
    "data/raw",
    ".csv",
    "`tier`",
]


def officials_part(at) -> tuple[str, list]:
    """The text (escapes removed) and the tables of the page outside the stewards' expander."""
    texts, tables = [], []

    def walk(node) -> None:
        kind = getattr(node, "type", None)
        if kind == "expander":
            return
        if kind in ("markdown", "caption", "subheader", "title"):
            texts.append(node.value)
        if kind == "dataframe":
            tables.append(node.value)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    text = re.sub(r"\\(.)", r"\1", "\n".join(texts).replace("\u2060", ""))
    return text, tables


def stewards_part(at):
    (expander,) = at.expander
    return expander


def test_data_page_for_officials_in_chinese(app):
    at = app("data")
    assert not at.exception
    text, tables = officials_part(at)
    assert "**这是什么**：金山区2018年社会建设创新项目巡礼介绍的 20 个项目" in text
    assert "原文给出的 40 个数字" in text
    assert "**来源**：《一枝独秀不是春 百花齐放春满园——金山区2018年社会建设创新项目巡礼》" in text
    # The tier reading, as before, in words only.
    assert "“十大创新项目”标题下只印了 4 个项目，“十大优秀项目”下印了 16 个" in text
    assert "**有专家点评的 10 个项目记为“创新项目”，其余 10 个记为“优秀项目”**" in text
    assert "两种读法下等级不同的项目有 10 个" in text
    # What is missing.
    assert "20 个项目中有 6 个原文未给出任何数字" in text
    listed = re.findall(r"^ +- (JS2018-\d\d) ", text, re.MULTILINE)
    assert listed == ["JS2018-03", "JS2018-04", "JS2018-06", "JS2018-08", "JS2018-09", "JS2018-12"]
    assert "    - JS2018-06 钟楼in家园 社区一家人\n" in text
    assert "1 个项目给出金额，3 个提到经费但未给金额，16 个未提及经费" in text
    for name in RAW_NAMES:
        assert name not in text, name

    themes, projects = tables
    assert list(themes.columns) == ["主题", "定义"]
    assert list(projects.columns) == [
        "编号",
        "项目",
        "镇（街道）",
        "实施单位层级",
        "等级",
        "原文印在",
        "专家点评",
        "数字个数",
        "经费",
    ]
    assert len(projects) == 20
    row = projects.loc[projects["编号"] == "JS2018-15"].iloc[0]
    assert row["镇（街道）"] == "朱泾镇"
    assert row["等级"] == "十大优秀项目"
    assert row["专家点评"] == "无"
    assert row["数字个数"] == 2
    assert row["经费"] == "未提及经费"
    row = projects.loc[projects["编号"] == "JS2018-05"].iloc[0]
    assert (row["等级"], row["原文印在"]) == ("十大创新项目", "十大优秀项目")


def test_data_page_for_officials_in_english(app):
    at = app("data", lang="en")
    assert not at.exception
    text, tables = officials_part(at)
    # The review is named by the edition's own English title (datapackage.json), not by
    # words written for the 2018 edition alone (#12).
    assert (
        "**What this is**: the 20 projects presented in *Jinshan District 2018 "
        "Social-Construction Innovation Projects Review*" in text
    )
    assert "with the 40 figures the article gives" in text
    assert "(一枝独秀不是春 百花齐放春满园——金山区2018年社会建设创新项目巡礼)" in text
    assert "only 4 projects are printed under the innovation heading and 16 under" in text
    assert "**the 10 reviewed projects are recorded as innovation and the other 10 as " in text
    assert "the article gives no number for 6 of the 20 projects" in text
    assert (
        "an amount is given by 1 project; funding is mentioned without an amount by 3 "
        "projects, and not at all by 16 projects" in text
    )
    assert '    - JS2018-08 "Three Doubles, Three Togethers": self- and co-governance' in text
    assert len(re.findall(r"^ +- JS2018-\d\d ", text, re.MULTILINE)) == 6
    for name in RAW_NAMES:
        assert name not in text, name
    assert not re.search(
        r"[\u4e00-\u9fff]",
        text.replace("一枝独秀不是春 百花齐放春满园——金山区2018年社会建设创新项目巡礼", ""),
    )

    themes, projects = tables
    assert list(themes.columns) == ["Theme", "Definition"]
    assert list(projects.columns) == [
        "ID",
        "Project",
        "Town",
        "Unit level",
        "Tier",
        "Printed under",
        "Expert review",
        "Figures",
        "Funding",
    ]
    row = projects.loc[projects["ID"] == "JS2018-14"].iloc[0]
    assert row["Town"] == "Shihua Subdistrict"
    assert row["Figures"] == 6
    assert row["Funding"] == "Amount given"
    assert row["Expert review"] == "yes"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_figures_table_in_words(app, lang):
    at = app("data", lang=lang)
    at.button_group(key="data_view").set_value("figures").run()
    _, tables = officials_part(at)
    figures = tables[1]
    assert len(figures) == 40
    row = figures.iloc[list(figures.iloc[:, 0]).index("JS2018-15-F02")]
    if lang == "en":
        assert list(figures.columns) == ["ID", "Measure", "Value", "Unit", "Category", "Quote"]
        assert (row["Measure"], row["Value"], row["Unit"]) == (
            "Members' average age",
            "58",
            "years of age (岁)",
        )
    else:
        assert list(figures.columns) == ["编号", "指标", "数值", "单位", "类别", "原文"]
        assert (row["指标"], row["数值"], row["单位"]) == ("成员平均年龄", "58", "岁")


def test_filters_narrow_the_tables_not_the_explanation(app):
    at = app("data", town="朱泾镇")
    text, tables = officials_part(at)
    assert "20 个项目中有 6 个原文未给出任何数字" in text
    assert sorted(tables[1]["编号"]) == ["JS2018-06", "JS2018-15"]
    assert "筛选: 朱泾镇" in text


@pytest.mark.parametrize(
    ("lang", "title", "header"),
    [("zh", "给数据维护人员", "文件"), ("en", "For data stewards", "File")],
)
def test_file_and_column_names_are_for_data_stewards(app, lang, title, header):
    at = app("data", lang=lang)
    stewards = stewards_part(at)
    assert stewards.label == title
    guide = stewards.dataframe[0].value
    assert list(guide.columns)[0] == header
    rows = {(file, column) for file, column in zip(guide.iloc[:, 0], guide.iloc[:, 1], strict=True)}
    assert ("projects.csv", "printed_section") in rows
    assert ("figures.csv", "qualifier") in rows
    meaning = guide.loc[guide.iloc[:, 1] == "tier"].iloc[0, 2]
    assert meaning == (
        "Award tier (curated reading; see data/README.md)."
        if lang == "en"
        else "等级（按“有点评即创新”的解读，可改）"
    )
    assert "data/jinshan-2018/curation/projects.csv" in stewards.markdown[0].value
