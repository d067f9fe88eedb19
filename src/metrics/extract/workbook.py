"""Writing a draft edition as a workbook a steward opens in Excel or WPS.

Kept deliberately small: one sheet per CSV table (sheet name and row-1 headers exactly the CSV
names), the edition as key/value rows, and the suggested themes. The template builder will
later add labels, dropdowns and instructions around the same sheets.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment

from ..data import schema
from .themes import SUGGESTION_COLUMNS

MAX_WIDTH = 60
TABLE_SHEETS = ["projects", "figures", "themes", "project_themes", "towns", "funding_mentions"]
EDITION_KEYS = ["district", "district_en", "year", "title.zh", "title.en", "source.kind",
                "source.path", "source.title", "published"]  # fmt: skip


def fill_workbook(
    tables: dict[str, list[dict]],
    edition: dict,
    suggestions: list[dict],
    out: Path,
    notes: dict[str, dict[str, str]] | None = None,
) -> Path:
    """Write the workbook to `out`; `notes` (sheet → column → text) become header comments."""
    book = Workbook()
    book.remove(book.active)
    notes = notes or {}
    for name in TABLE_SHEETS:
        _sheet(book, name, schema.column_names(name), tables.get(name, []), notes.get(name, {}))
    rows = [{"key": key, "value": _dotted(edition, key)} for key in EDITION_KEYS]
    _sheet(book, "edition", ["key", "value"], rows, {})
    _sheet(book, "suggested_themes", SUGGESTION_COLUMNS, suggestions, {})
    book.save(out)
    return out


def _sheet(book, name: str, header: list[str], rows: list[dict], notes: dict) -> None:
    sheet = book.create_sheet(name)
    sheet.append(header)
    for row in rows:
        sheet.append([_cell_value(row.get(column)) for column in header])
    for cell in sheet[1]:
        if cell.value in notes:
            cell.comment = Comment(notes[cell.value], "baihua")
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text such as "=…" stays text, never a formula
    sheet.freeze_panes = "A2"
    _fit_columns(sheet)
    # Printed, each sheet is as wide as one landscape page.
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToHeight = 0


def _fit_columns(sheet) -> None:
    """Columns as wide as their text (a Chinese character counts two), up to MAX_WIDTH."""
    for column in sheet.iter_cols():
        width = max(_display_width(cell.value) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(MAX_WIDTH, width + 2)


def _display_width(value) -> int:
    text = "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _cell_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"  # as in the CSV files
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None if value == "" else value  # an empty cell, not an empty string


def _dotted(edition: dict, key: str):
    value = edition
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value
