"""Problems of a workbook or a publication, in Chinese and English, each saying where it is.

They are metrics.data.problems.Problem objects (file = the sheet's name, row = the row the
spreadsheet shows, column = the column's name in row 1), so one report lists them beside the
problems that the package's own validation finds.
"""

from __future__ import annotations

from ..data.problems import Problem
from ..data.problems_zh import message_zh

SHEETS = {"edition", "projects", "figures", "themes", "project_themes", "towns",
          "funding_mentions"}  # fmt: skip

# What a publication does after its switch (install.finish), for "published-unfinished".
STEPS: dict[str, tuple[str, str]] = {
    "archive": ("naming the archived copy of the version replaced", "为被替换版本的存档副本命名"),
    "log": ("writing its line in _publish.log", "写入 _publish.log 发布记录"),
    "versions": ("removing versions no longer served", "删除不再提供的旧版本"),
    "links": ("pointing the edition's link at it", "更新版本的链接"),
    "tidy": ("removing temporary files", "删除临时文件"),
    "sync": ("syncing the library folder to disk", "将数据库文件夹同步到磁盘"),
}

# slug → (English, Chinese)
TEMPLATES: dict[str, tuple[str, str]] = {
    "not-an-editor": (
        "{user} is not an editor; only the editors listed in the server's configuration publish",
        "{user} 不是编辑人员；只有服务器配置中列出的编辑人员可以发布",
    ),
    "xlsx-too-large": (
        "the file is {size_mb:.1f} MB; the limit is {limit_mb} MB",
        "文件大小为 {size_mb:.1f} MB，上限为 {limit_mb} MB",
    ),
    "xlsx-empty": ("the file is empty", "文件是空的"),
    "xlsx-missing": ("the file does not exist", "文件不存在"),
    "xlsx-macro": (
        "the workbook is macro-enabled ({found}); save it as an Excel workbook (.xlsx) "
        "without macros",
        "这是含宏的工作簿（{found}）；请另存为不含宏的 Excel 工作簿（.xlsx）",
    ),
    "xlsx-old-format": (
        "the file is an old Excel .xls workbook or is password-protected; open it and save it "
        "as an Excel workbook (.xlsx) without a password",
        "这是旧版 Excel（.xls）文件或带有密码保护；请打开后另存为不带密码的 Excel 工作簿（.xlsx）",
    ),
    "xlsx-not-xlsx": (
        "the file is not an Excel workbook (.xlsx){renamed}; save it from Excel or WPS as .xlsx",
        "这不是 Excel 工作簿（.xlsx）{renamed_zh}；请在 Excel 或 WPS 中另存为 .xlsx",
    ),
    "xlsx-zip-bomb": (
        "the file would unpack to {size_mb:.0f} MB ({reason}); this is not a normal workbook",
        "文件解压后将达 {size_mb:.0f} MB（{reason_zh}）；这不是正常的工作簿",
    ),
    "xlsx-external-link": (
        "the workbook links to another file or data source ({found}); remove the link "
        "(Data → Edit Links → Break Link) and keep the values",
        "工作簿链接了其他文件或数据源（{found}）；"
        "请断开链接（数据 → 编辑链接 → 断开链接），只保留数值",
    ),
    "xlsx-embedded": (
        "the workbook holds an embedded object ({found}); delete it",
        "工作簿中嵌入了对象（{found}）；请删除",
    ),
    "xlsx-unsafe-xml": (
        "part {found} of the file declares a DOCTYPE, which no Excel workbook does",
        "文件的 {found} 部分声明了 DOCTYPE，正常的 Excel 工作簿不会这样",
    ),
    "xlsx-unreadable": (
        "the workbook cannot be read: {reason}; open it in Excel or WPS and save it again",
        "无法读取工作簿：{reason}；请在 Excel 或 WPS 中打开后重新保存",
    ),
    "sheet-missing": (
        "the sheet is missing; use the template from `baihua template`",
        "缺少此工作表；请使用 baihua template 生成的模板",
    ),
    "sheet-unknown": (
        "the sheet is not part of the template; move its data to the right sheet and delete it",
        "此工作表不属于模板；请把数据移到对应的工作表后删除它",
    ),
    "sheet-hidden": (
        "the sheet is hidden but holds data; unhide it (right-click a tab → Unhide) and check "
        "it, or delete it",
        "工作表被隐藏但含有数据；请取消隐藏（右键点击工作表标签 → 取消隐藏）后检查，或将其删除",
    ),
    "cell-merged": (
        "cells {cells} are merged; unmerge them and fill in every cell",
        "单元格 {cells} 被合并；请取消合并并逐格填写",
    ),
    "cell-formula": (
        "the cell holds a formula ({formula}); type the value itself",
        "单元格中是公式（{formula}）；请直接填写数值或文字",
    ),
    "cell-error": (
        "the cell shows the error {value}; type the value itself",
        "单元格显示错误值 {value}；请直接填写数值或文字",
    ),
    "cell-date": (
        "the cell holds a date ({value}) where {kind} is needed; Excel turned what was typed "
        "into a date: format the cell as text or number and type it again",
        "此处应填{kind_zh}，单元格中却是日期（{value}）；Excel 把输入的内容变成了日期："
        "请把单元格设为文本或数字格式后重新填写",
    ),
    "cell-chinese-number": (
        "{value!r} is written in Chinese numerals; write the number in digits{hint}",
        "“{value}”是用汉字写的数；请用阿拉伯数字填写{hint_zh}",
    ),
    "cell-outside": (
        "the cell holds data but its column has no name in row 1",
        "单元格有数据，但所在列在第 1 行没有列名",
    ),
    "labels-row": (
        "row 2 must hold the template's Chinese labels; data starts in row 3 (use the template "
        "from `baihua template`)",
        "第 2 行应为模板的中文说明，数据从第 3 行开始（请使用 baihua template 生成的模板）",
    ),
    "edition-mismatch-sheet": (
        "{column} is {value!r}, but the edition sheet says {expected!r}",
        "{column} 为“{value}”，但 edition 工作表中为“{expected}”",
    ),
    "edition-value": ("{key} {reason}", "{key}：{reason_zh}"),
    "write-failed": (
        "the edition could not be written ({reason}); the library is as it was",
        "无法写入版本（{reason}）；数据库保持原样",
    ),
    "write-failed-unpublished": (
        "the edition could not be written ({reason}); it is not published and every edition is "
        "served as before; files left under .baihua/ are removed by the next publication",
        "无法写入版本（{reason}）；未发布，各版本照常提供；.baihua/ 下遗留的文件将在下次发布时删除",
    ),
    "write-failed-unknown": (
        "the edition could not be written ({reason}), and whether it was published is not "
        "known: `baihua check` shows which version is served; the next publication completes "
        "or removes it",
        "无法写入版本（{reason}），无法确定是否已发布：可用 baihua check 查看当前提供的版本；"
        "下次发布时将补全或删除它",
    ),
    "published-unfinished": (
        "the edition is published, but {step} failed ({reason}); the next publication does it",
        "版本已发布，但{step_zh}失败（{reason}）；下次发布时将补做",
    ),
    "edition-key-unknown": (
        "{key!r} is not a key of the edition ({known})",
        "“{key}”不是版本信息的项目（应为：{known}）",
    ),
    "edition-key-missing": ("the key {key} is missing", "缺少“{key}”一行"),
    "article-needed": (
        "the article is needed: give it with --article FILE (the text under raw/ that every "
        "quote is checked against)",
        "需要提供文章：请用 --article 文件 指定（raw/ 下的原文，所有引文都据此核对）",
    ),
    "article-with-package": (
        "a package carries its article in raw/; leave out --article",
        "数据包的文章已在 raw/ 中；请不要再加 --article",
    ),
    "source-unknown": (
        "the source is neither an .xlsx workbook nor a data package folder",
        "来源既不是 .xlsx 工作簿，也不是数据包文件夹",
    ),
    "edition-name": (
        "{name!r} cannot name an edition: use lower-case letters, digits and -, e.g. "
        "jinshan-2019 (--edition NAME)",
        "“{name}”不能作为版本名称：请用小写字母、数字和 -，如 jinshan-2019（--edition 名称）",
    ),
    "edition-name-unknown": (
        "the edition needs a name: fill in district_en and year, or give --edition NAME",
        "版本需要名称：请填写 district_en 和 year，或用 --edition 名称 指定",
    ),
    "library-missing": (
        "the library folder does not exist",
        "数据库文件夹不存在",
    ),
    "library-is-package": (
        "is a single data package, not a library; give the folder that holds the editions",
        "这是单个数据包而不是数据库；请指定存放各版本的文件夹",
    ),
    "breaks-edition": (
        "publishing would break the edition {other}: {message}",
        "发布后版本 {other} 将出错：{message}",
    ),
}


def steward_problem(slug: str, file: str, row=None, column=None, /, **values) -> Problem:
    english, _ = TEMPLATES[slug]
    return Problem(slug, file, english.format(**values), row, column, tuple(values.items()))


def zh(item: Problem) -> str:
    return message_zh(item, {slug: pair[1] for slug, pair in TEMPLATES.items()})


def is_sheet(item: Problem) -> bool:
    return item.file in SHEETS or item.slug.startswith(("sheet-", "cell-"))


def where(item: Problem) -> tuple[str, str]:
    """(Chinese, English) of where the problem is: file or sheet, row and column."""
    sheet = is_sheet(item)
    zh_parts = [f"工作表“{item.file}”" if sheet else item.file]
    en_parts = [f"sheet {item.file}" if sheet else item.file]
    if item.row is not None:
        zh_parts.append(f"第 {item.row} 行")
        en_parts.append(f"row {item.row}")
    if item.column:
        zh_parts.append(f"{item.column} 列")
        en_parts.append(f"column {item.column}")
    return " ".join(zh_parts), ", ".join(en_parts)


def lines(item: Problem) -> tuple[str, str]:
    """The problem as one Chinese and one English line."""
    where_zh, where_en = where(item)
    return f"{where_zh}：{zh(item)}", f"{where_en}: {item.message}"
