"""Writing a draft edition as a workbook a steward opens in Excel or WPS.

It is the steward's template (metrics.steward.template: instructions, the edition sheet, one
sheet per CSV table with a help row and dropdowns) filled with the draft, plus a sheet of
suggested themes. `baihua publish` reads it as it is: the suggestions sheet is the steward's
worksheet and is never published.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl.comments import Comment

from ..steward import template
from .themes import SUGGESTION_COLUMNS

MAX_WIDTH = 60
SUGGESTIONS = template.SUGGESTIONS


def fill_workbook(
    tables: dict[str, list[dict]],
    edition: dict,
    suggestions: list[dict],
    out: Path,
    notes: dict[str, dict[str, str]] | None = None,
) -> Path:
    """Write the workbook to `out`; `notes` (sheet → column → text) become header comments."""
    book = template.build(edition, tables)
    _sheet(book, SUGGESTIONS, SUGGESTION_COLUMNS, suggestions, {})
    for name, columns in (notes or {}).items():
        _comment(book[name], columns)
    book.save(out)
    return out


def _comment(sheet, columns: dict[str, str]) -> None:
    for cell in sheet[1]:
        if cell.value in columns:
            cell.comment = Comment(columns[cell.value], "baihua", width=360, height=160)


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
