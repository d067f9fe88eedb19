"""The Excel template a data steward fills in: one sheet per table, named as the CSV files.

Row 1 holds the column names exactly as in the package, row 2 (frozen) what each column means
in Chinese and English, and data starts in row 3. Dropdowns offer the allowed values; towns,
themes and project ids are listed from their own sheets, so a town added on the towns sheet is
offered on the projects sheet at once. `build` makes a blank template or, given an edition's
tables, a filled one; `template_bytes` is the same as a download.
"""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..data import edition as edition_rules
from ..data import schema
from . import columns, instructions

INSTRUCTIONS = "说明"
EDITION = "edition"
SUGGESTIONS = "suggested_themes"  # written by `baihua extract --xlsx`; never published
TABLES = ["projects", "figures", "themes", "project_themes", "towns", "funding_mentions"]
FIRST_DATA_ROW = 3
# Dropdowns reach this row; enough for any review (2018 had 20 projects and 40 figures).
LAST_ROW = 2000
INSTRUCTIONS_WIDTH = 100
NARROW = 18
TEXT_PREFIXES = ("=", "+", "-", "@")
HEADER = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
NOTE = Font(size=9, color="444444")
NOTE_FILL = PatternFill("solid", fgColor="FFF8E1")
WIDE = {"description_zh": 60, "review_zh": 60, "quote": 60, "definition_zh": 40,
        "definition_en": 40, "evidence": 40, "title_zh": 36, "title_en": 36,
        "implementing_unit": 24, "label_zh": 20, "label_en": 24, "unit_level": 16}  # fmt: skip


def build(edition: dict | None = None, tables: dict[str, list[dict]] | None = None) -> Workbook:
    """The template, filled with `edition` (as in datapackage.json) and typed `tables` rows."""
    book = Workbook()
    _instructions(book.active)
    _edition_sheet(book.create_sheet(EDITION), edition or {})
    for table in TABLES:
        _table_sheet(book.create_sheet(table), table, (tables or {}).get(table, []))
    for sheet in book.worksheets:
        _printable(sheet)
    return book


def _printable(sheet) -> None:
    """Printed landscape, every column on one page's width (rows run on to further pages)."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def template_bytes(edition: dict | None = None, tables: dict[str, list[dict]] | None = None):
    buffer = io.BytesIO()
    build(edition, tables).save(buffer)
    return buffer.getvalue()


def write(path: Path, edition: dict | None = None, tables=None) -> Path:
    Path(path).write_bytes(template_bytes(edition, tables))
    return Path(path)


def put(cell, value) -> None:
    """A value into a cell; text that a spreadsheet would run as a formula stays text."""
    cell.value = value
    if isinstance(value, str) and value.startswith(TEXT_PREFIXES):
        cell.data_type = "s"
        cell.quotePrefix = True


def _instructions(sheet) -> None:
    sheet.title = INSTRUCTIONS
    sheet.column_dimensions["A"].width = INSTRUCTIONS_WIDTH
    styles = {"title": Font(bold=True, size=14), "heading": Font(bold=True, size=12)}
    for row, (text, style) in enumerate(instructions.lines(), start=1):
        cell = sheet.cell(row, 1, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if style in styles:
            cell.font = styles[style]
        else:  # spreadsheets do not grow a row to fit wrapped text they did not type
            sheet.row_dimensions[row].height = 15 * _lines(text, INSTRUCTIONS_WIDTH)


def _lines(text: str, width: int) -> int:
    """Lines `text` takes in a column `width` characters wide (a Chinese character is two)."""
    count = 0
    for part in text.split("\n"):
        units = sum(2 if ord(ch) > 0x2E80 else 1 for ch in part)
        count += max(1, -(-units // width))
    return count


def _headers(sheet, names: list[str], notes: list[str], height: int = 64) -> None:
    for col, (name, note) in enumerate(zip(names, notes, strict=True), start=1):
        top, below = sheet.cell(1, col, name), sheet.cell(2, col, note)
        top.font, top.fill = HEADER, HEADER_FILL
        below.font, below.fill = NOTE, NOTE_FILL
        below.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[2].height = height
    sheet.freeze_panes = "A3"


def _table_sheet(sheet, table: str, rows: list[dict]) -> None:
    names = schema.column_names(table)
    notes = [columns.header_note(table, n) for n in names]
    # Size-9 notes: about 1.2 characters per unit of width, 12 points per line.
    lines = max(
        _lines(note, int(WIDE.get(n, NARROW) * 1.2)) for n, note in zip(names, notes, strict=True)
    )
    _headers(sheet, names, notes, height=min(12 * lines + 4, 160))
    numeric = columns.number_columns(table)
    for col, name in enumerate(names, start=1):
        letter = get_column_letter(col)
        sheet.column_dimensions[letter].width = WIDE.get(name, NARROW)
        if name not in numeric:  # typed ids and dates stay as typed, not 2019-01 → a date
            sheet.column_dimensions[letter].number_format = "@"
    for r, row in enumerate(rows, start=FIRST_DATA_ROW):  # one line per record: long texts
        for col, name in enumerate(names, start=1):  # are read in the formula bar
            put(sheet.cell(r, col), row.get(name))
    for name, validation in _dropdowns(table).items():
        validation.add(f"{get_column_letter(names.index(name) + 1)}3:"
                       f"{get_column_letter(names.index(name) + 1)}{LAST_ROW}")  # fmt: skip
        sheet.add_data_validation(validation)


def _choices(values: list[str], strict: bool = True) -> DataValidation:
    return _list('"' + ",".join(values) + '"', strict)


def _from_sheet(sheet: str) -> DataValidation:
    return _list(f"{sheet}!$A${FIRST_DATA_ROW}:$A${LAST_ROW}", True)


def _list(formula: str, strict: bool) -> DataValidation:
    return DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=strict,
        errorTitle="不在列表中 · Not in the list",
        error="请从下拉列表中选择。Choose a value from the dropdown list.",
    )


def _dropdowns(table: str) -> dict[str, DataValidation]:
    """column → its dropdown: the schema's enums, and lists kept on other sheets."""
    out = {}
    for field in schema.TABLES[table]["fields"]:
        if "enum" in field.get("constraints", {}):
            out[field["name"]] = _choices(field["constraints"]["enum"])
    if table == "projects":
        out["town"] = _from_sheet("towns")
        out["has_review"] = _choices(["TRUE", "FALSE"])
    if table in ("figures", "project_themes", "funding_mentions"):
        out["project_id"] = _from_sheet("projects")
    if table == "project_themes":
        out["theme_id"] = _from_sheet("themes")
    if table == "figures":
        out["unit"] = _choices(columns.COMMON_UNITS, strict=False)  # any unit as written
    return out


def edition_rows(edition: dict) -> dict[str, object]:
    """The declaration as the edition sheet's key → value (title and source flattened)."""
    title, source = edition.get("title") or {}, edition.get("source") or {}
    flat = {
        "district": edition.get("district"),
        "district_en": edition.get("district_en"),
        "year": edition.get("year"),
        "title_zh": title.get("zh"),
        "title_en": title.get("en"),
        "source_kind": source.get("kind") or ("article" if not edition else None),
        "source_path": source.get("path"),
        "source_title": source.get("title"),
        "published": edition.get("published"),
        "published_note": edition.get("published_note"),
    }
    return {key: flat[key] for key in columns.EDITION_KEYS}


def _edition_sheet(sheet, edition: dict) -> None:
    _headers(sheet, ["key", "value", "help"], ["项目", "填写内容", "说明 · help"], height=16)
    for col, width in zip("ABC", (16, 60, 70), strict=True):
        sheet.column_dimensions[col].width = width
    sheet.column_dimensions["B"].number_format = "@"
    for r, (key, value) in enumerate(edition_rows(edition).items(), start=FIRST_DATA_ROW):
        label, help_zh, help_en = columns.EDITION_KEYS[key]
        sheet.cell(r, 1, key).font = HEADER
        put(sheet.cell(r, 2), value)
        note = sheet.cell(r, 3, f"{label}：{help_zh}\n{help_en}")
        note.font, note.alignment = NOTE, Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[r].height = 28
    kinds = _choices(list(edition_rules.SOURCE_KINDS))
    kinds.add(f"B{FIRST_DATA_ROW + list(columns.EDITION_KEYS).index('source_kind')}")
    sheet.add_data_validation(kinds)
