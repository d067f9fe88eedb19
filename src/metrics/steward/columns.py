"""What each column of the template means, in Chinese, beside the schema's English description.

The steward reads these in the workbook's second (frozen) header row; the English description
comes from metrics.data.schema, so one edit there reaches both the package and the template.
"""

from __future__ import annotations

from ..data import schema

# table → column → (Chinese label, Chinese help)
LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "projects": {
        "project_id": ("项目编号", "按文章顺序，如 JS2019-01；各版本之间不得重复"),
        "year": ("年份", "评选年份，阿拉伯数字，如 2019"),
        "district": ("区", "与版本信息中的区相同，如 金山区"),
        "title_zh": ("项目名称", "“项目名称”后的文字，与文章逐字一致"),
        "title_en": ("英文名称", "项目名称的英文翻译"),
        "implementing_unit": ("实施单位", "“实施单位”后的文字，与文章逐字一致"),
        "town": ("镇（街道）", "从下拉列表选择；区级单位选“区级”"),
        "unit_level": (
            "单位层级",
            "district_agency 区级部门 / town_office 镇街道 / neighbourhood 居民区 / village 村",
        ),  # fmt: skip
        "tier": ("等级", "innovation 创新项目 / excellent 优秀项目"),
        "printed_section": ("刊登栏目", "文章中刊登在哪个标题下：innovation / excellent"),
        "has_review": ("有无点评", "有专家点评（该项目…）填 TRUE，否则 FALSE"),
        "description_zh": ("项目介绍", "介绍段落，与文章逐字一致；多段用换行分隔"),
        "review_zh": ("专家点评", "点评段落，与文章逐字一致；没有则留空"),
    },
    "figures": {
        "project_id": ("项目编号", "数字所属的项目"),
        "figure_id": ("数字编号", "项目编号加 F 和序号，如 JS2019-01-F01"),
        "label_zh": ("统计内容", "数的是什么，中文"),
        "label_en": ("英文说明", "数的是什么，英文"),
        "value": ("数值", "阿拉伯数字，换算为基本单位：97万元填 970000；不要写“三千”"),
        "unit": ("单位", "按原文：人次、名、个、元…（万元换算为元）"),
        "qualifier": ("精确程度", "exact 确数 / at_least 原文有“余”“多”"),
        "category": (
            "类别",
            "reach 覆盖 / participants 参与 / funding 经费 / activity 活动 / profile 构成",
        ),  # fmt: skip
        "quote": ("引文", "数字所在的句子，与文章逐字一致"),
    },
    "themes": {
        "theme_id": ("主题编号", "小写英文加下划线，如 party_building；沿用已有编号"),
        "name_zh": ("主题名称", "中文名称；已有主题不要改名"),
        "name_en": ("英文名称", "英文名称"),
        "definition_zh": ("主题定义", "哪些做法属于这个主题，中文"),
        "definition_en": ("英文定义", "哪些做法属于这个主题，英文"),
    },
    "project_themes": {
        "project_id": ("项目编号", "项目"),
        "theme_id": ("主题编号", "从下拉列表选择"),
        "evidence": ("依据", "项目文字中支持这个主题的原文短语，逐字一致"),
    },
    "towns": {
        "town": ("镇（街道）", "projects 表“镇（街道）”列使用的名称"),
        "name_en": ("英文名称", "如 Zhujing"),
        "kind": ("类型", "镇 / 街道 / 工业区 / 区级"),
        "grid_row": ("示意图行", "示意图上的行，0 为最北"),
        "grid_col": ("示意图列", "示意图上的列，0 为最西"),
    },
    "funding_mentions": {
        "project_id": ("项目编号", "提到经费但没有金额的项目"),
        "quote": ("引文", "提到经费的句子，与文章逐字一致"),
    },
}

# The edition sheet: key → (Chinese label, Chinese help, English help).
EDITION_KEYS: dict[str, tuple[str, str, str]] = {
    "district": ("区", "如 金山区", "District as printed, e.g. 金山区."),
    "district_en": ("区（英文）", "如 Jinshan", "District in English, e.g. Jinshan."),
    "year": ("年份", "评选年份，如 2019", "The year reviewed, e.g. 2019."),
    "title_zh": ("标题", "版本的中文标题", "The edition's title in Chinese."),
    "title_en": ("英文标题", "版本的英文标题", "The edition's title in English."),
    "source_kind": (
        "来源类型",
        "article 文章 / spreadsheet 表格",
        "article or spreadsheet.",
    ),  # fmt: skip
    "source_path": (
        "来源文件",
        "raw/ 下的文件名，如 raw/jinshan-2019.txt；留空则用 --article 的文件名",
        "The source file under raw/; blank: the name of the --article file.",
    ),  # fmt: skip
    "source_title": ("来源标题", "文章的标题", "The article's title."),
    "published": (
        "发布日期",
        "2019、2019-03 或 2019-03-15；未注明则留空",
        "2019, 2019-03 or 2019-03-15; blank when not stated.",
    ),  # fmt: skip
    "published_note": (
        "发布日期说明",
        "可选：例如“文章未注明发布日期”",
        "Optional, e.g. why the date is not known.",
    ),  # fmt: skip
}

# Values offered in the dropdown of `unit`, which also accepts any other unit as written.
COMMON_UNITS = ["人次", "人", "名", "个", "家", "户", "次", "件", "支", "条", "节", "届", "元",
                "公里", "岁", "周岁", "方", "方面", "级", "标段", "场", "期", "所"]  # fmt: skip


def field(table: str, column: str) -> dict:
    return next(f for f in schema.TABLES[table]["fields"] if f["name"] == column)


def header_note(table: str, column: str) -> str:
    """The text of a column's second header row: label, whether required, help, English."""
    label, help_zh = LABELS[table][column]
    required = "（必填）" if field(table, column).get("constraints", {}).get("required") else ""
    return f"{label}{required}\n{help_zh}\n{field(table, column)['description']}"


def number_columns(table: str) -> set[str]:
    return {f["name"] for f in schema.TABLES[table]["fields"] if f["type"] in ("integer", "number")}
