"""The template's 说明 sheet: how to fill it in, in Chinese, then the same in English."""

from __future__ import annotations

TITLE_ZH = "百花 · 社会建设创新项目数据模板"
TITLE_EN = "Baihua · social-construction projects data template"

STEPS_ZH = [
    "每个工作表是一张数据表（projects 项目、figures 数字、themes 主题、project_themes 项目主题、"
    "towns 镇街道、funding_mentions 提到经费的项目）。工作表名称和第 1 行的列名不要改动。",
    "第 2 行是各列的中文说明（已冻结），不要在这一行填数据；数据从第 3 行开始，一行一条。",
    "edition 工作表填写版本信息：区、年份、标题、来源文件和发布日期，每项一行，填在 value 列。",
    "镇（街道）、等级、单位层级、主题、类别、精确程度和单位可以从下拉列表中选择。"
    "镇和主题的列表来自 towns 和 themes 工作表；沿用已有的名称和编号，不要改名。",
    "数字一律用阿拉伯数字，并换算为基本单位：“三千”写 3000，“97万元”写 970000，单位填“元”。"
    "原文有“余”“多”时精确程度选 at_least。",
    "标题、实施单位、介绍、点评、引文和依据须与文章逐字一致（包括标点），发布前会逐句核对。",
    "不要使用公式、合并单元格或隐藏工作表；不要把日期填入数字列。"
    "以 = + - @ 开头的文字会按文字原样保存，不会当作公式。",
    "保存为 .xlsx（不要另存为 .xlsm 或 .xls），然后发布：\n"
    "baihua publish 文件.xlsx --library data --article 文章.txt\n"
    "先加 --dry-run 可只检查并查看与现有版本的差异，不写入任何文件。"
    "发现问题时会指明工作表、行和列，且不会发布任何内容。",
    "再次发布同一版本时，旧版本会保存在 data/_archive/ 中；每次发布都记录在 data/_publish.log。",
]

STEPS_EN = [
    "Each sheet is one table (projects, figures, themes, project_themes, towns, "
    "funding_mentions). Do not change the sheet names or the column names in row 1.",
    "Row 2 explains each column in Chinese and English (it stays in view); do not type data "
    "there. Data starts in row 3, one record per row.",
    "The edition sheet declares the edition: district, year, titles, source file and date of "
    "publication, one per row, in the value column.",
    "Town, tier, unit level, theme, category, qualifier and unit have dropdown lists. Towns and "
    "themes come from the towns and themes sheets; keep the names and ids already used.",
    "Write numbers in digits, in base units: 三千 is 3000, 97万元 is 970000 with unit 元. "
    "Choose at_least where the text says 余 or 多.",
    "Titles, units, descriptions, reviews, quotes and evidence must match the article word for "
    "word (punctuation included); publishing checks every one.",
    "No formulas, merged cells or hidden sheets; no dates in number columns. Text beginning "
    "with = + - @ is kept as text, never run as a formula.",
    "Save as .xlsx (not .xlsm or .xls), then publish:\n"
    "baihua publish FILE.xlsx --library data --article ARTICLE.txt\n"
    "Add --dry-run to check and see the differences from the current edition without writing "
    "anything. Every problem names its sheet, row and column, and nothing is published.",
    "Publishing an edition again keeps the previous version in data/_archive/; every publication "
    "is recorded in data/_publish.log.",
]


def lines() -> list[tuple[str, str]]:
    """(text, style) rows of the sheet; style is title, heading or step."""
    out = [(TITLE_ZH, "title"), ("填写说明", "heading")]
    out += [(f"{n}. {text}", "step") for n, text in enumerate(STEPS_ZH, start=1)]
    out += [("", "step"), (TITLE_EN, "title"), ("How to fill it in", "heading")]
    out += [(f"{n}. {text}", "step") for n, text in enumerate(STEPS_EN, start=1)]
    return out
