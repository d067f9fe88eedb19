"""Reading a CSV file of a data folder into header and rows, or into plain-worded problems.

Officials edit these files in Excel, so every way a save can go wrong (GBK, UTF-16, a BOM,
binary junk, a huge file) gets its own message instead of a decoder traceback.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from .problems import Problem, problem

DEFAULT_MAX_MB = 10


def max_bytes() -> int:
    """The largest file the loader reads: BAIHUA_MAX_FILE_MB, default 10 MB (~13,000 projects).

    The limit keeps a stray 50 MB export from freezing the dashboard; a larger package raises it.
    """
    try:
        megabytes = float(os.environ.get("BAIHUA_MAX_FILE_MB") or DEFAULT_MAX_MB)
    except ValueError:
        megabytes = DEFAULT_MAX_MB
    return int(megabytes * 2**20)


def read_bytes(path: Path, label: str) -> tuple[bytes | None, list[Problem]]:
    if not path.exists():
        return None, [problem("file-missing", label)]
    if not path.is_file():
        return None, [problem("file-unreadable", label, reason="it is a folder")]
    try:
        size = path.stat().st_size
        limit = max_bytes()
        if size > limit:
            return None, [
                problem(
                    "file-too-large", label, size_mb=size / 2**20, limit_mb=f"{limit / 2**20:g}"
                )
            ]
        data = path.read_bytes()
    except OSError as err:
        return None, [problem("file-unreadable", label, reason=err.strerror or str(err))]
    if not data.strip():
        return None, [problem("file-empty", label)]
    return data, []


def decode(data: bytes, label: str) -> tuple[str | None, list[Problem]]:
    if data.startswith(b"\xef\xbb\xbf"):
        return None, [problem("encoding-bom", label)]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(data):
        return None, [problem("encoding-utf16", label)]
    if b"\x00" in data:
        return None, [problem("file-binary", label)]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    try:
        data.decode("gb18030")
        guess = "GBK/GB18030, as saved by Excel on Chinese Windows"
    except UnicodeDecodeError:
        return None, [problem("file-binary", label)]
    return None, [problem("encoding", label, guess=guess)]


def _looks_utf16(data: bytes) -> bool:
    sample = data[:200]
    return len(sample) > 8 and sample[1::2].count(0) > len(sample) // 4


def _filled(record: list[str]) -> bool:
    # The first cell decides for nearly every row; the others only when it is blank.
    return bool(record) and (bool(record[0].strip()) or any(c.strip() for c in record[1:]))


def read_csv(path: Path, label: str) -> tuple[list[str] | None, list[list[str]], list[Problem]]:
    """(header, rows, problems) of a UTF-8 CSV file."""
    data, problems = read_bytes(path, label)
    if data is None:
        return None, [], problems
    text, problems = decode(data, label)
    if text is None:
        return None, [], problems
    records: list[list[str]] = []
    try:
        # extend keeps the records read before an error: their count locates it
        records.extend(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as err:
        return None, [], [problem("csv-syntax", label, len(records) + 1, reason=str(err))]
    # Blank rows are kept (as []) so that row numbers match what a spreadsheet shows.
    records = [r if _filled(r) else [] for r in records]
    while records and not records[-1]:
        records.pop()
    if not records:
        return None, [], [problem("file-empty", label)]
    return records[0], records[1:], []
