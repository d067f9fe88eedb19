"""Reading a filled-in template: every cell as a value, never evaluated, each problem located.

The file passes container.check first. Then openpyxl reads the workbook with formulas kept as
formulas (data_only=False), so that a formula is seen and refused rather than trusted; no
value is ever computed. What comes out is, per table, the header of row 1 and each non-blank
data row as text (what the CSV will hold), with the row number the spreadsheet shows.
"""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from ..data import schema, validate
from ..data.csvio import format_cell
from ..data.numbers import CN_NUMERAL_CHARS, DIGITS, NumberError, number_forms, parse_number
from ..data.problems import Problem
from . import columns, container
from .problems import steward_problem
from .template import EDITION, FIRST_DATA_ROW, INSTRUCTIONS, SUGGESTIONS, TABLES

DATES = (dt.datetime, dt.date, dt.time, dt.timedelta)
KIND_WORDS = {
    "integer": ("a whole number", "整数"),
    "number": ("a number", "数字"),
    "boolean": ("TRUE or FALSE", "TRUE 或 FALSE"),
    "string": ("text", "文字"),
}


@dataclass
class Sheet:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (row number in the sheet, cell texts)


@dataclass
class Contents:
    edition: dict[str, object] = field(default_factory=dict)  # key → value, as typed
    edition_rows: dict[str, int] = field(default_factory=dict)  # key → row number
    tables: dict[str, Sheet] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    covered: set[tuple[str, int, str]] = field(default_factory=set)  # cells under a merge


def read(path: Path) -> Contents:
    problems = container.check(path)
    if problems:
        return Contents(problems=problems)
    try:
        with warnings.catch_warnings():  # e.g. "Data Validation extension is not supported"
            warnings.simplefilter("ignore")
            book = load_workbook(path, data_only=False, keep_vba=False, keep_links=False)
    except Exception as err:  # noqa: BLE001 - any parser failure is one plain message
        reason = f"{type(err).__name__}: {err}"
        return Contents(
            problems=[steward_problem("xlsx-unreadable", Path(path).name, reason=reason)]
        )
    return _contents(book)


def _contents(book) -> Contents:
    out = Contents()
    sheets = {ws.title: ws for ws in book.worksheets}
    for name, ws in sheets.items():
        if ws.sheet_state != "visible" and _has_data(ws):
            out.problems.append(steward_problem("sheet-hidden", name))
        elif name not in (INSTRUCTIONS, EDITION, SUGGESTIONS, *TABLES) and _has_data(ws):
            out.problems.append(steward_problem("sheet-unknown", name))
    readable = {n: ws for n, ws in sheets.items() if ws.sheet_state == "visible"}
    for name in (EDITION, *TABLES):
        if name not in sheets:
            out.problems.append(steward_problem("sheet-missing", name))
        elif name in readable:
            out.problems += _merged(readable[name], name, out.covered)
    if EDITION in readable:
        _read_edition(readable[EDITION], out)
    for name in TABLES:
        if name in readable:
            out.tables[name] = _read_table(readable[name], name, out.problems)
    return out


def _has_data(ws) -> bool:
    return any(not _blank(c.value) for row in ws.iter_rows() for c in row)


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _merged(ws, name: str, covered: set) -> list[Problem]:
    """One problem per merged range, at its first cell; the cells it hides are noted so that
    they are not reported again as empty."""
    header = [c.value for c in ws[1]] if ws.max_row else []
    out = []
    for cells in sorted(ws.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        column = _column_name(header, cells.min_col)
        out.append(steward_problem("cell-merged", name, cells.min_row, column, cells=cells.coord))
        covered.update((name, row, _column_name(header, col)) for row, col in cells.cells)
    return out


def _column_name(header: list, col: int) -> str:
    value = header[col - 1] if col <= len(header) else None
    return str(value) if not _blank(value) else get_column_letter(col)


def cell_problem(cell, name: str, column: str, kind: str) -> Problem | None:
    """A formula, an error, a date, or a Chinese numeral where a number is needed."""
    value, row = cell.value, cell.row
    if cell.data_type == "f" or isinstance(value, ArrayFormula | DataTableFormula):
        text = value if isinstance(value, str) else getattr(value, "text", "") or "…"
        return steward_problem("cell-formula", name, row, column, formula=text)
    if cell.data_type == "e":
        return steward_problem("cell-error", name, row, column, value=value)
    if isinstance(value, DATES):
        words = KIND_WORDS[kind]
        return steward_problem("cell-date", name, row, column, value=_date_text(value),
                               kind=words[0], kind_zh=words[1])  # fmt: skip
    if kind in ("integer", "number") and isinstance(value, str) and _chinese(value):
        return steward_problem("cell-chinese-number", name, row, column, value=value,
                               **_number_hint(value))  # fmt: skip
    return None


def _date_text(value) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    return str(value)


def _chinese(text: str) -> bool:
    return any(ch in CN_NUMERAL_CHARS for ch in text)


def _number_hint(text: str) -> dict[str, str]:
    """The number meant, when it is certain: 三千 is 3000, 二〇一九 (digit by digit) is 2019."""
    text = text.strip()
    try:
        if len(text) > 1 and all(ch in DIGITS and ch != "两" for ch in text):
            value = int("".join(str(DIGITS[ch]) for ch in text))
        else:
            value = parse_number(text)
            if text not in number_forms(value) and not text[:-1].replace(".", "").isdigit():
                raise NumberError(text)
    except (NumberError, ValueError):
        return {"hint": "", "hint_zh": ""}
    return {"hint": f" ({text} is {value})", "hint_zh": f"（{text} 即 {value}）"}


def cell_text(value, kind: str) -> str:
    """What the CSV holds: numbers and booleans in the package's spelling, text as typed."""
    text = format_cell(value)
    if kind == "string" or _blank(text):
        return text
    try:
        return format_cell(validate.parse_cell(kind, text.strip()))
    except ValueError:
        return text  # validation reports it, with the value as typed


def _read_table(ws, name: str, problems: list[Problem]) -> Sheet:
    header = _header(ws)
    kinds = {column: kind(name, column) for column in header}
    problems += _labels_row(ws, name, header)
    rows = []
    for cells in ws.iter_rows(min_row=FIRST_DATA_ROW, max_col=max(ws.max_column, len(header))):
        texts = [_cell(cell, name, header, kinds, problems) for cell in cells][: len(header)]
        if any(t.strip() for t in texts):
            rows.append((cells[0].row, texts))
    return Sheet(header, rows)


def kind(table: str, column: str) -> str:
    fields = {f["name"]: f["type"] for f in schema.TABLES[table]["fields"]}
    return fields.get(column, "string")


def _cell(cell, name: str, header: list[str], kinds: dict, problems: list[Problem]) -> str:
    """The cell's text for the CSV; "" (and a problem) when it cannot be taken as typed."""
    inside = cell.column <= len(header)
    column = header[cell.column - 1] if inside else get_column_letter(cell.column)
    issue = cell_problem(cell, name, column, kinds.get(column, "string"))
    if not inside and not _blank(cell.value):
        issue = steward_problem("cell-outside", name, cell.row, column)
    if issue:
        problems.append(issue)
        return ""
    return cell_text(cell.value, kinds[column]) if inside else ""


def _header(ws) -> list[str]:
    values = [c.value for c in ws[1]] if ws.max_row >= 1 else []
    while values and _blank(values[-1]):
        values.pop()
    return ["" if v is None else format_cell(v) for v in values]


def _labels_row(ws, name: str, header: list[str]) -> list[Problem]:
    """Row 2 holds the labels; a sheet without them would lose its first record silently."""
    if ws.max_row < 2:
        return []
    cells = [c.value for c in ws[2]][: len(header)]
    if all(_blank(v) for v in cells):
        return []
    labels = columns.LABELS[name]
    for column, value in zip(header, cells, strict=False):
        if column in labels and isinstance(value, str) and value.startswith(labels[column][0]):
            return []
    return [steward_problem("labels-row", name, 2, None)]


def _read_edition(ws, out: Contents) -> None:
    for row in ws.iter_rows(min_row=2, max_col=2):
        key_cell, value_cell = row[0], row[1] if len(row) > 1 else None
        key = key_cell.value
        if _blank(key) or key == "项目":
            continue
        key = str(key).strip()
        if key not in columns.EDITION_KEYS:
            known = ", ".join(columns.EDITION_KEYS)
            out.problems.append(steward_problem("edition-key-unknown", EDITION, key_cell.row,
                                                "key", key=key, known=known))  # fmt: skip
            continue
        out.edition_rows[key] = key_cell.row
        out.edition[key] = _edition_value(key, value_cell, out.problems)


def _edition_value(key: str, cell, problems: list[Problem]):
    value = None if cell is None else cell.value
    if key == "published" and isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m-%d")  # a date typed as a date is what is meant here
    kind = "integer" if key == "year" else "string"
    issue = cell_problem(cell, EDITION, "value", kind) if cell is not None else None
    if issue:
        problems.append(issue)
        return None
    if _blank(value):
        return None
    if key == "year":
        text = format_cell(value).strip()
        return int(text) if text.isdigit() else text
    return format_cell(value).strip() if key == "published" else format_cell(value)
