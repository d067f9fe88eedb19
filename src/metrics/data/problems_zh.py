"""The data problems of problems.py worded in Chinese, for the steward who publishes an edition.

Each slug has one Chinese template, filled with the same values as the English one; the few
values that are English words themselves (a type's name, a reason) are translated here.
"""

from __future__ import annotations

from .problems import Problem

TEMPLATES_ZH: dict[str, str] = {
    "folder-missing": "数据文件夹不存在",
    "not-a-folder": "这是一个文件，不是数据文件夹",
    "file-missing": "文件缺失",
    "file-empty": "文件是空的",
    "file-too-large": "文件大小为 {size_mb:.1f} MB，上限为 {limit_mb} MB",
    "file-binary": "文件不是文本（含有二进制字节）",
    "file-unreadable": "无法读取文件：{reason}",
    "encoding-bom": "文件以字节顺序标记（BOM）开头；请另存为不带 BOM 的 UTF-8",
    "encoding-utf16": "文件是 UTF-16 文本；请另存为 UTF-8",
    "encoding": "文件不是 UTF-8 编码（看起来是 GBK/GB18030）；请另存为 UTF-8",
    "csv-syntax": "CSV 无法解析：{reason}",
    "header-missing": "缺少列名行",
    "column-missing": "缺少此列",
    "column-extra": "此列不属于 {table} 表（应有的列：{expected}）",
    "column-duplicate": "此列出现了不止一次",
    "row-length": "此行有 {found} 个单元格，列名行有 {expected} 个",
    "required": "单元格为空，但必须填写",
    "type": "“{value}”不是{kind}",
    "enum": "“{value}”不在可选值之中：{allowed}",
    "minimum": "{value} 小于下限 {limit}",
    "maximum": "{value} 大于上限 {limit}",
    "pattern": "“{value}”的格式应为 {example}",
    "duplicate": "“{value}”重复出现（第一次在第 {first} 行）",
    "foreign-key": "“{value}”不在 {target} 中",
    "quote-not-in-source": "引文在文章（{raw}）中找不到逐字相同的原文",
    "value-not-in-quote": "数值 {value} 没有写在它的引文中（查找了：{forms}）",
    "text-not-in-project": "{what}在 {project} 的文字中找不到逐字相同的原文",
    "project-text-mismatch": "{column} 在文章中找不到逐字相同的原文",
    "review-flag": "has_review 为 {flag}，但 review_zh {state}",
    "figure-project": "数字编号“{value}”没有以其项目编号 {project} 开头",
    "datapackage-json": "datapackage.json 不是有效的 JSON：{reason}",
    "datapackage-shape": "datapackage.json 与本数据包不符：{reason}",
    "raw-hash": "文章与 datapackage.json 中的校验值不符：文章被改动过",
    "table-empty": "表格只有列名，没有数据行",
    "edition-missing": (
        "datapackage.json 没有声明版本：请添加 edition（区、年份、标题、来源、发布日期，"
        "见 data/README.md）"
    ),
    "edition-field": "版本信息有误：{reason}",
    "edition-mismatch": "{column} 为“{value}”，但 datapackage.json 的版本信息为“{expected}”",
    "library-empty": "此文件夹中没有数据包（既无 datapackage.json，也无任何版本）",
    "manifest-unreadable": (
        "无法读取已发布版本的清单（{reason}）；各版本改从其文件夹或链接读取；修复此文件之前不能发布"
    ),
    "id-in-other-edition": "项目编号“{value}”已被版本 {other} 使用",
    "name-in-other-edition": (
        "“{value}”在版本 {other} 中的 {columns} 不同；镇和主题在各版本中须保持同一名称"
        "（改名请写入 town_successors.csv）"
    ),
    "successor-unknown": "继任镇“{value}”不是任何版本中的镇",
}

# Values that are English words in the English message, and their Chinese.
WORDS_ZH = {
    "a whole number": "整数",
    "a number": "数字",
    "true or false": " true 或 false",
    "the evidence": "依据",
    "the quote": "引文",
    "filled in": "已填写",
    "empty": "为空",
}
EDITION_FIELD_ZH = {
    "edition.district": "须填写区名（如 金山区）",
    "edition.year": "年份须为 2000 至 2100 之间的数字",
    "edition.title": "须有中文标题（title_zh）",
    "edition.source": "须写明来源类型（article 或 spreadsheet），文件须在 raw/ 之下",
    "edition.published": "发布日期须为 2019、2019-03 或 2019-03-15 这样的日期；未注明则留空",
}


def message_zh(item: Problem, templates: dict[str, str] | None = None) -> str:
    """The problem in Chinese; the English message when no Chinese template is known."""
    template = (templates or {}).get(item.slug) or TEMPLATES_ZH.get(item.slug)
    values = {key: WORDS_ZH.get(value, value) for key, value in item.values}
    if item.slug == "edition-field" and item.column in EDITION_FIELD_ZH:
        values["reason"] = EDITION_FIELD_ZH[item.column]
    try:
        return template.format(**values) if template else item.message
    except (KeyError, IndexError, ValueError):
        return item.message
