"""A corpus of broken workbooks, each made from the template filled with the bundled edition.

Every case breaks one thing the way a steward in Excel or WPS (or a hostile file) could, and
says where `baihua publish` must point: the sheet (or the file), the row the spreadsheet shows
(row 1 = column names, row 2 = the Chinese labels, row 3 = the first record), the column, the
problem's slug, and words the Chinese and the English message must contain.

Rows are counted by hand from data/jinshan-2018/*.csv: CSV line n is sheet row n + 1 (the
template has one more header row). figures row 3 is JS2018-01-F01 (value 185), row 4
JS2018-01-F02 (198), row 5 JS2018-01-F03 (2), row 6 JS2018-01-F04 (1944), row 7 JS2018-01-F05
(2000), row 8 JS2018-02-F01 (53); projects row 3 is JS2018-01, row 4 JS2018-02, …, row 9
JS2018-07 (亭林镇). The edition sheet lists district (row 3), district_en (4), year (5),
title_zh (6), title_en (7), source_kind (8), source_path (9), source_title (10), published (11),
published_note (12).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from broken_data import DATA

from metrics.steward import package, template

BOOK = "book.xlsx"


class Expected(NamedTuple):
    file: str  # a sheet's name, or the file's name for a problem with the whole file
    row: int | None
    column: str | None
    slug: str


@dataclass(frozen=True)
class Case:
    name: str
    builder: Callable[[Path], Path]
    expected: Expected
    zh: tuple[str, ...]
    en: tuple[str, ...]
    with_article: bool = True

    def build(self, tmp_path: Path) -> Path:
        folder = tmp_path / self.name
        folder.mkdir(parents=True)
        return self.builder(folder)


@functools.cache
def base_bytes() -> bytes:
    """The template filled with data/jinshan-2018 (publishes cleanly: see test_publish)."""
    return template.template_bytes(package.declared_edition(DATA), package.typed_tables(DATA))


def edited(edit: Callable, name: str = BOOK):
    """Builder: the filled template, changed by `edit(book)` in openpyxl, saved as `name`."""

    def build(folder: Path) -> Path:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(base_bytes()))
        edit(book)
        path = folder / name
        book.save(path)
        return path

    return build


def cell(sheet: str, ref: str, value):
    def edit(book):
        book[sheet][ref] = value

    return edit


def raw_bytes(data: bytes | Callable[[], bytes], name: str = BOOK):
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data() if callable(data) else data)
        return path

    return build


def zip_with(parts: dict[str, bytes], replace: dict[str, Callable[[bytes], bytes]] | None = None,
             compression=zipfile.ZIP_DEFLATED, name: str = BOOK):  # fmt: skip
    """Builder: the filled template's zip with parts added or rewritten."""

    def build(folder: Path) -> Path:
        source = zipfile.ZipFile(io.BytesIO(base_bytes()))
        path = folder / name
        with zipfile.ZipFile(path, "w", compression) as out:
            for info in source.infolist():
                data = source.read(info)
                if replace and info.filename in replace:
                    data = replace[info.filename](data)
                out.writestr(info.filename, data)
            for part, data in parts.items():
                out.writestr(part, data)
        return path

    return build


def hidden_sheet(book):
    sheet = book.create_sheet("备注")
    sheet["A1"] = "内部备注：勿公开"
    sheet.sheet_state = "hidden"


def very_hidden_projects(book):
    book["projects"].sheet_state = "veryHidden"


def merged(book):
    book["projects"].merge_cells("B5:C5")


def unknown_sheet(book):
    book.create_sheet("Sheet1")["B2"] = 42


def labels_row_deleted(book):
    book["figures"].delete_rows(2)


def doctype(data: bytes) -> bytes:
    assert data.startswith(b"<workbook ")  # openpyxl writes no XML declaration
    return b'<!DOCTYPE lolz [<!ENTITY lol "lol">]>' + data


def incompressible(size: int) -> bytes:
    return random.Random(2018).randbytes(size)


def unknown_edition_key(book):
    book["edition"]["A13"] = "editor"
    book["edition"]["B13"] = "王芳"


def formula_text(book):
    book["projects"]["D4"] = '=HYPERLINK("http://example.com","小学生爱心暑托班")'


P, F, E = "projects", "figures", "edition"

CASES: list[Case] = [
    # --- the file itself: refused before any spreadsheet parser reads it ----------------------
    Case(
        "macro_enabled_xlsm",
        edited(lambda b: None, name="book.xlsm"),
        Expected("book.xlsm", None, None, "xlsx-macro"),
        ("含宏", ".xlsx"),
        ("macro-enabled", ".xlsm"),
    ),
    Case(
        "vba_project_in_xlsx",
        zip_with({"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"}),
        Expected(BOOK, None, None, "xlsx-macro"),
        ("含宏", "xl/vbaProject.bin"),
        ("macro-enabled", "xl/vbaProject.bin"),
    ),
    Case(
        "external_link",
        zip_with({"xl/externalLinks/externalLink1.xml": b"<externalLink/>"}),
        Expected(BOOK, None, None, "xlsx-external-link"),
        ("链接了其他文件", "断开链接"),
        ("links to another file", "Break Link"),
    ),
    Case(
        "embedded_object",
        zip_with({"xl/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0ole"}),
        Expected(BOOK, None, None, "xlsx-embedded"),
        ("嵌入了对象", "oleObject1.bin"),
        ("embedded object", "oleObject1.bin"),
    ),
    Case(
        "over_size_limit",
        zip_with(
            {"xl/media/image1.png": incompressible(11 * 2**20)}, compression=zipfile.ZIP_STORED
        ),
        Expected(BOOK, None, None, "xlsx-too-large"),
        ("MB，上限为 10 MB",),
        ("MB; the limit is 10 MB",),
    ),
    Case(
        "csv_renamed_xlsx",
        raw_bytes((DATA / "projects.csv").read_bytes()),
        Expected(BOOK, None, None, "xlsx-not-xlsx"),
        ("不是 Excel 工作簿", "文件名是 .xlsx"),
        ("not an Excel workbook", "name ends in .xlsx"),
    ),
    Case(
        "old_xls_or_encrypted",
        raw_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)),
        Expected(BOOK, None, None, "xlsx-old-format"),
        ("旧版 Excel", "密码"),
        ("old Excel .xls", "password"),
    ),
    Case(
        "zip_bomb_total",
        zip_with({"xl/worksheets/sheet99.xml": bytes(120 * 2**20)}),
        Expected(BOOK, None, None, "xlsx-zip-bomb"),
        ("解压后", "上限为 100 MB"),
        ("would unpack to", "the limit is 100 MB"),
    ),
    Case(
        "zip_bomb_ratio",
        zip_with({"xl/worksheets/sheet99.xml": bytes(20 * 2**20)}),
        Expected(BOOK, None, None, "xlsx-zip-bomb"),
        ("压缩比", "sheet99.xml"),
        ("packed", "sheet99.xml"),
    ),
    Case(
        "xml_with_doctype",
        zip_with({}, replace={"xl/workbook.xml": doctype}),
        Expected(BOOK, None, None, "xlsx-unsafe-xml"),
        ("DOCTYPE", "xl/workbook.xml"),
        ("DOCTYPE", "xl/workbook.xml"),
    ),
    # --- sheets ----------------------------------------------------------------------------------
    Case(
        "hidden_sheet_with_data",
        edited(hidden_sheet),
        Expected("备注", None, None, "sheet-hidden"),
        ("被隐藏", "取消隐藏"),
        ("hidden", "Unhide"),
    ),
    Case(
        "projects_sheet_very_hidden",
        edited(very_hidden_projects),
        Expected(P, None, None, "sheet-hidden"),
        ("被隐藏",),
        ("hidden but holds data",),
    ),
    Case(
        "unknown_sheet_with_data",
        edited(unknown_sheet),
        Expected("Sheet1", None, None, "sheet-unknown"),
        ("不属于模板",),
        ("not part of the template",),
    ),
    Case(
        "towns_sheet_deleted",
        edited(lambda b: b.remove(b["towns"])),
        Expected("towns", None, None, "sheet-missing"),
        ("缺少此工作表",),
        ("the sheet is missing",),
    ),
    Case(
        "labels_row_deleted",
        edited(labels_row_deleted),
        Expected(F, 2, None, "labels-row"),
        ("第 2 行应为模板的中文说明",),
        ("row 2 must hold the template's Chinese labels",),
    ),
    # --- cells -----------------------------------------------------------------------------------
    Case(
        "formula_in_value",
        edited(cell(F, "E3", "=100+85")),
        Expected(F, 3, "value", "cell-formula"),
        ("公式", "=100+85"),
        ("formula", "=100+85"),
    ),
    Case(
        "formula_in_title",
        edited(formula_text),
        Expected(P, 4, "title_zh", "cell-formula"),
        ("公式", "HYPERLINK"),
        ("formula", "HYPERLINK"),
    ),
    Case(
        "error_value",
        edited(cell(F, "E7", "#DIV/0!")),
        Expected(F, 7, "value", "cell-error"),
        ("错误值 #DIV/0!",),
        ("the error #DIV/0!",),
    ),
    Case(
        "merged_cells",
        edited(merged),
        Expected(P, 5, "year", "cell-merged"),
        ("B5:C5 被合并", "取消合并"),
        ("B5:C5 are merged", "unmerge"),
    ),
    Case(
        "date_in_value",
        edited(cell(F, "E4", dt.datetime(2019, 3, 1))),
        Expected(F, 4, "value", "cell-date"),
        ("应填数字", "日期（2019-03-01）"),
        ("a date (2019-03-01)", "a number is needed"),
    ),
    Case(
        "date_in_year",
        edited(cell(P, "B3", dt.date(2018, 1, 1))),
        Expected(P, 3, "year", "cell-date"),
        ("应填整数", "2018-01-01"),
        ("a whole number is needed", "2018-01-01"),
    ),
    Case(
        "chinese_numeral_value",
        edited(cell(F, "E6", "三千")),
        Expected(F, 6, "value", "cell-chinese-number"),
        ("“三千”是用汉字写的数", "三千 即 3000"),
        ("'三千' is written in Chinese", "三千 is 3000"),
    ),
    Case(
        "chinese_numeral_year",
        edited(cell(E, "B5", "二〇一八")),
        Expected(E, 5, "value", "cell-chinese-number"),
        ("二〇一八 即 2018",),
        ("二〇一八 is 2018",),
    ),
    Case(
        "data_outside_columns",
        edited(cell(P, "N8", "备注")),
        Expected(P, 8, "N", "cell-outside"),
        ("没有列名",),
        ("has no name in row 1",),
    ),
    Case(
        "unknown_edition_key",
        edited(unknown_edition_key),
        Expected(E, 13, "key", "edition-key-unknown"),
        ("“editor”不是版本信息的项目",),
        ("'editor' is not a key of the edition",),
    ),
    # --- the package's rules, reported at sheet rows -------------------------------------------
    Case(
        "value_not_a_number",
        edited(cell(F, "E8", "abc")),
        Expected(F, 8, "value", "type"),
        ("“abc”不是数字",),
        ("'abc' is not a number",),
    ),
    Case(
        "tier_not_allowed",
        edited(cell(P, "I3", "top")),
        Expected(P, 3, "tier", "enum"),
        ("“top”不在可选值之中",),
        ("'top' is not one of: innovation, excellent",),
    ),
    Case(
        "project_id_twice",
        edited(cell(P, "A4", "JS2018-01")),
        Expected(P, 4, "project_id", "duplicate"),
        ("“JS2018-01”重复出现（第一次在第 3 行）",),
        ("'JS2018-01' appears again (first on row 3)",),
    ),
    Case(
        "town_unknown",
        edited(cell(P, "G9", "新镇")),
        Expected(P, 9, "town", "foreign-key"),
        ("“新镇”不在 towns 中",),
        ("'新镇' is not in towns",),
    ),
    Case(
        "value_not_in_quote",
        edited(cell(F, "E5", 3)),
        Expected(F, 5, "value", "value-not-in-quote"),
        ("数值 3 没有写在它的引文中",),
        ("the value 3 is not written in its quote",),
    ),
    Case(
        "year_not_the_editions",
        edited(cell(P, "B10", 2019)),
        Expected(P, 10, "year", "edition-mismatch-sheet"),
        ("edition 工作表中为“2018”",),
        ("the edition sheet says 2018",),
    ),
    Case(
        "edition_year_out_of_range",
        edited(cell(E, "B5", 1999)),
        Expected(E, 5, "value", "edition-value"),
        ("year：年份须为 2000 至 2100 之间的数字",),
        ("year must be a year between 2000 and 2100",),
    ),
    # --- what publishing needs besides the workbook --------------------------------------------
    Case(
        "article_not_given",
        edited(cell(E, "B9", "raw/jinshan-2019.txt")),
        Expected("--article", None, None, "article-needed"),
        ("需要提供文章",),
        ("the article is needed",),
        with_article=False,
    ),
]

CASE_NAMES = [case.name for case in CASES]
assert len(set(CASE_NAMES)) == len(CASE_NAMES), "case names must be unique"
