"""Checks on a workbook file before any spreadsheet library parses it.

An .xlsx file is a zip archive of XML parts. Its size, its kind (the bytes, not the name), the
sizes its parts would unpack to, and the parts it holds (macros, links to other files,
embedded objects, XML with a DOCTYPE) are all checked here, from the zip's directory and the
raw bytes, so that a hostile file is refused before it can use memory or run anything.
Python's zipfile never unpacks more than a part's declared size, so the declared sizes bound
what openpyxl can later read.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..data.problems import Problem
from ..data.reading import max_bytes
from .problems import steward_problem

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, and any password-protected .xlsx
MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlam", ".xlsb")
MAX_PARTS = 1000
MAX_UNPACKED = 100 * 2**20
# Worksheet XML packs 5 to 20 times smaller; a part that packs 100 times smaller is built so.
MAX_RATIO = 100
RATIO_FROM = 2**20
REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
MACRO_PARTS = ("vbaproject.bin", "xl/macrosheets/", "xl/dialogsheets/")
LINK_PARTS = ("xl/externallinks/", "xl/connections.xml", "xl/querytables/")
EMBEDDED_PARTS = ("xl/embeddings/", "xl/activex/", "xl/ctrlprops/")
DOCTYPE = (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))


def check(path: Path) -> list[Problem]:
    """Every reason not to open `path` as a workbook (at most one: each stops the reading)."""
    path = Path(path)
    label = path.name
    first = _file_problem(path, label)
    if first:
        return [first]
    try:
        with zipfile.ZipFile(path) as archive:
            return _archive_problems(archive, label)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as err:
        return [steward_problem("xlsx-not-xlsx", label, renamed=_renamed(path),
                                renamed_zh=_renamed_zh(path), reason=str(err))]  # fmt: skip


def _renamed(path: Path) -> str:
    return " (its name ends in .xlsx, but its contents are not)" if _is_xlsx(path) else ""


def _renamed_zh(path: Path) -> str:
    return "（文件名是 .xlsx，内容却不是）" if _is_xlsx(path) else ""


def _is_xlsx(path: Path) -> bool:
    return path.suffix.lower() == ".xlsx"


def _file_problem(path: Path, label: str) -> Problem | None:
    if not path.is_file():
        return steward_problem("xlsx-missing", label)
    size, limit = path.stat().st_size, max_bytes()
    if size > limit:
        return steward_problem("xlsx-too-large", label, size_mb=size / 2**20,
                               limit_mb=f"{limit / 2**20:g}")  # fmt: skip
    if size == 0:
        return steward_problem("xlsx-empty", label)
    if path.suffix.lower() in MACRO_SUFFIXES:
        return steward_problem("xlsx-macro", label, found=path.suffix)
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == OLE_MAGIC:
        return steward_problem("xlsx-old-format", label)
    if not head.startswith(ZIP_MAGIC) or not _is_xlsx(path):
        return steward_problem("xlsx-not-xlsx", label, renamed=_renamed(path),
                               renamed_zh=_renamed_zh(path))  # fmt: skip
    return None


def _archive_problems(archive: zipfile.ZipFile, label: str) -> list[Problem]:
    parts = archive.infolist()
    bomb = _bomb(parts)
    if bomb:
        return [steward_problem("xlsx-zip-bomb", label, **bomb)]
    names = {info.filename for info in parts}
    if not all(name in names for name in REQUIRED_PARTS):
        return [steward_problem("xlsx-not-xlsx", label, renamed="", renamed_zh="")]
    for slug, prefixes in (("xlsx-macro", MACRO_PARTS), ("xlsx-external-link", LINK_PARTS),
                           ("xlsx-embedded", EMBEDDED_PARTS)):  # fmt: skip
        found = [n for n in sorted(names) if any(p in n.lower() for p in prefixes)]
        if found:
            return [steward_problem(slug, label, found=found[0])]
    for info in parts:
        if _declares_doctype(archive, info):
            return [steward_problem("xlsx-unsafe-xml", label, found=info.filename)]
    return []


def _bomb(parts: list[zipfile.ZipInfo]) -> dict | None:
    total = sum(info.file_size for info in parts)
    if len(parts) > MAX_PARTS:
        return {"size_mb": total / 2**20, "reason": f"{len(parts)} parts",
                "reason_zh": f"含 {len(parts)} 个部分"}  # fmt: skip
    if total > MAX_UNPACKED:
        return {"size_mb": total / 2**20, "reason": f"the limit is {MAX_UNPACKED >> 20} MB",
                "reason_zh": f"上限为 {MAX_UNPACKED >> 20} MB"}  # fmt: skip
    for info in parts:
        if info.file_size > RATIO_FROM and info.file_size > info.compress_size * MAX_RATIO:
            ratio = info.file_size / max(info.compress_size, 1)
            return {"size_mb": total / 2**20, "reason": f"{info.filename} packed {ratio:.0f}:1",
                    "reason_zh": f"{info.filename} 压缩比 {ratio:.0f}:1"}  # fmt: skip
    return None


def _declares_doctype(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """A DOCTYPE is how XML defines entities (billion laughs, external files); no Excel or
    WPS part has one. The whole part is scanned, in chunks that overlap by a marker's length."""
    if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
        return False
    tail = b""
    with archive.open(info) as part:
        while chunk := part.read(2**20):
            window = tail + chunk
            if any(marker in window for marker in DOCTYPE):
                return True
            tail = window[-32:]
    return False
