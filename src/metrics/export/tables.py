"""Tables and file names for downloads: CSV, XLSX and safe names. No browser needed."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# Excel, LibreOffice and Google Sheets treat a cell starting with these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

_FORBIDDEN = re.compile(r'[:/\\*?"<>|]')
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {
    f"{dev}{n}" for dev in ("COM", "LPT") for n in range(1, 10)
}
_MAX_NAME_CHARS = 120
# Linux caps a name at 255 bytes and a CJK character takes 3, so chars alone are not enough.
_MAX_NAME_BYTES = 200
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _clean_part(part: str) -> str:
    text = "".join(" " if ch.isspace() else ch for ch in str(part))
    # Category C covers control chars and invisible format chars such as the
    # right-to-left override, which can disguise an extension.
    text = "".join(ch for ch in text if not unicodedata.category(ch).startswith("C"))
    text = _FORBIDDEN.sub("-", text)
    text = re.sub(r" +", " ", text)
    # Windows silently drops trailing dots and spaces; leading dots hide files on Unix.
    return text.strip(" .")


def _trim(text: str, max_chars: int, max_bytes: int) -> str:
    text = text[:max_chars]
    while len(text.encode("utf-8")) > max_bytes:
        text = text[:-1]
    return text.rstrip(" .-_")


def safe_filename(*parts: str, ext: str, day: dt.date | None = None) -> str:
    """Join parts and the ISO date with "_" into a name valid on Windows, macOS and Linux."""
    day = day or dt.date.today()
    suffix = "." + (re.sub(r"[^A-Za-z0-9]", "", ext).lower() or "bin")
    date_part = "_" + day.isoformat()
    budget_chars = _MAX_NAME_CHARS - len(suffix) - len(date_part)
    budget_bytes = _MAX_NAME_BYTES - len(suffix) - len(date_part)
    stem = "_".join(p for p in map(_clean_part, parts) if p)
    stem = _trim(stem, budget_chars, budget_bytes) or "export"
    if stem.split(".")[0].upper() in _WINDOWS_RESERVED:
        stem = "_" + stem
    return stem + date_part + suffix


def neutralise_cell(value: Any) -> Any:
    """Prefix an apostrophe to text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _flat_header(column: Any) -> str:
    if isinstance(column, tuple):
        return " / ".join(str(c) for c in column if str(c))
    return str(column)


def _export_frame(df: pd.DataFrame) -> pd.DataFrame:
    # A named index (e.g. from groupby) carries data; an anonymous RangeIndex does not.
    if any(name is not None for name in df.index.names):
        df = df.reset_index()
    out = df.map(neutralise_cell)
    out.columns = [neutralise_cell(_flat_header(c)) for c in df.columns]
    return out


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV that Excel opens with Chinese intact (UTF-8 with BOM) and formulas disarmed."""
    text = _export_frame(df).to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def _xlsx_value(value: Any) -> Any:
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()  # numpy scalar -> Python number so openpyxl stores a number
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)  # Excel has no time zones; openpyxl refuses aware
    if isinstance(value, str):
        # Stripping may expose a "=" that was hidden behind a control char, so re-check.
        return neutralise_cell(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def _display_width(value: Any) -> int:
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _sheet_title(name: str) -> str:
    return (_SHEET_FORBIDDEN.sub("-", name).strip("'")[:31]) or "data"


def to_xlsx_bytes(df: pd.DataFrame, sheet_name: str = "data") -> bytes:
    """One-sheet workbook: bold header, frozen header row, widths that fit Chinese text."""
    frame = _export_frame(df)
    wb = Workbook()
    ws = wb.active
    ws.title = _sheet_title(sheet_name)
    ws.append([_xlsx_value(c) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        ws.append([_xlsx_value(v) for v in row])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    for idx, column in enumerate(ws.iter_cols(max_row=min(ws.max_row, 500)), start=1):
        widest = max(_display_width(cell.value) for cell in column)
        ws.column_dimensions[get_column_letter(idx)].width = min(max(widest + 2, 8), 60)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
