"""A workbook's contents written as a data package, and the package's problems led back to the
workbook's sheets, rows and columns.

The package is validated by metrics.data.load.check, the same rules as `baihua check`; each
problem it finds in `figures.csv` line 5 is reported at the sheet row that line came from.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..data import edition as edition_rules
from ..data import library, reading, schema, validate
from ..data.problems import TEMPLATES, Problem
from ..data.problems_zh import EDITION_FIELD_ZH
from .problems import TEMPLATES as STEWARD_TEMPLATES
from .problems import steward_problem
from .template import EDITION, FIRST_DATA_ROW
from .workbook import Contents

# Which row of the edition sheet a problem of datapackage.json's `edition` block is about.
EDITION_FIELD_KEYS = {"edition.district": "district", "edition.year": "year",
                      "edition.title": "title_zh", "edition.published": "published"}  # fmt: skip


@dataclass
class RowMap:
    """CSV line → sheet row, per table; key → sheet row for the edition sheet."""

    tables: dict[str, list[int]] = field(default_factory=dict)
    edition: dict[str, int] = field(default_factory=dict)
    article: str = "article"

    def sheet_row(self, table: str, line: int | None) -> int | None:
        rows = self.tables.get(table, [])
        if line is None or line == 1:
            return line
        return rows[line - 2] if 0 <= line - 2 < len(rows) else FIRST_DATA_ROW


def declaration(values: dict[str, object], article_name: str | None) -> dict:
    """The edition sheet's keys as datapackage.json's `edition` block."""

    def text(key):
        return values.get(key) if values.get(key) is not None else ""

    path = text("source_path") or (f"raw/{article_name}" if article_name else "")
    block = {
        "district": text("district"),
        "district_en": text("district_en"),
        "year": values.get("year"),
        "title": {"zh": text("title_zh"), "en": text("title_en")},
        "source": {"kind": text("source_kind"), "path": path, "title": text("source_title")},
        "published": values.get("published") or None,
    }
    if values.get("published_note"):
        block["published_note"] = values["published_note"]
    return block


def write(folder: Path, contents: Contents, block: dict, article: bytes | None) -> RowMap:
    """The package in `folder`: the tables as CSV, datapackage.json and the article."""
    folder.mkdir(parents=True, exist_ok=True)
    rowmap = RowMap(edition=dict(contents.edition_rows))
    for name, sheet in contents.tables.items():
        _write_csv(folder / f"{name}.csv", sheet.header, [cells for _, cells in sheet.rows])
        rowmap.tables[name] = [row for row, _ in sheet.rows]
    path = block["source"]["path"]
    if not edition_rules.safe_path(path):
        path = f"raw/{schema.RAW_NAME}"  # never written outside raw/; load.check reports it
    if article is not None:
        (folder / "raw").mkdir(exist_ok=True)
        (folder / path).write_bytes(article)
    descriptor = schema.descriptor(hashlib.sha256(article or b"").hexdigest(), block)
    text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    (folder / "datapackage.json").write_text(text, encoding="utf-8")
    return rowmap


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buffer = io.StringIO()  # the dialect of metrics.data.csvio, so a round trip is byte-equal
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def to_sheet(item: Problem, rowmap: RowMap, edition: str | None = None) -> Problem:
    """A problem of the written package, located in the workbook instead."""
    file = item.file
    if edition and file.startswith(f"{edition}/"):
        file = file[len(edition) + 1 :]
    stem = file.removesuffix(".csv")
    if file.endswith(".csv") and stem in rowmap.tables:
        item = _reworded(item, stem, rowmap)
        return dataclasses.replace(item, file=stem, row=rowmap.sheet_row(stem, item.row))
    if file == "datapackage.json":
        key = _edition_key(item)
        if item.slug == "edition-field":
            reason = dict(item.values).get("reason", item.message)
            item = steward_problem("edition-value", EDITION, None, None, key=key, reason=reason,
                                   reason_zh=EDITION_FIELD_ZH.get(item.column, reason))  # fmt: skip
        return dataclasses.replace(item, file=EDITION, row=rowmap.edition.get(key), column="value")
    if file.startswith("raw/"):
        return dataclasses.replace(item, file=rowmap.article)
    return dataclasses.replace(item, file=file)


def _reworded(item: Problem, table: str, rowmap: RowMap) -> Problem:
    """The message as a steward reads it: tables are sheets (towns, not towns.csv), rows are
    the sheet's rows, and the edition is declared on the edition sheet."""
    values = dict(item.values)
    for key, value in values.items():
        if isinstance(value, str) and value.removesuffix(".csv") in schema.TABLES:
            values[key] = value.removesuffix(".csv")
    if "first" in values:
        values["first"] = rowmap.sheet_row(table, values["first"])
    slug = "edition-mismatch-sheet" if item.slug == "edition-mismatch" else item.slug
    template = STEWARD_TEMPLATES[slug][0] if slug in STEWARD_TEMPLATES else TEMPLATES.get(slug)
    if not template or not values:
        return item
    return dataclasses.replace(item, slug=slug, message=template.format(**values),
                               values=tuple(values.items()))  # fmt: skip


def _edition_key(item: Problem) -> str:
    if item.column in EDITION_FIELD_KEYS:
        return EDITION_FIELD_KEYS[item.column]
    return "source_path" if "path" in item.message else "source_kind"


def merge(first: list[Problem], found: list[Problem], covered=frozenset()) -> list[Problem]:
    """`first` (the workbook's own problems) and those of `found` not about a place already
    named: a formula refused in figures row 5 is not also reported as an empty value there;
    a sheet that is missing or hidden is not also reported as a missing CSV file."""
    seen = {(p.file, p.row, p.column) for p in first} | set(covered)
    whole = {p.file for p in first if p.slug in ("sheet-missing", "sheet-hidden")}
    out = list(first)
    for item in found:
        place = (item.file, item.row, item.column)
        if item.file in whole or place in seen:
            continue
        if item.file == EDITION:  # datapackage.json and its edition block say it twice
            seen.add(place)
        out.append(item)
    return out


def typed_tables(folder: Path) -> dict[str, list[dict]]:
    """The tables of a valid package as typed rows (numbers as numbers, booleans as booleans)."""
    out = {}
    for name in schema.TABLE_ORDER:
        header, rows, _ = reading.read_csv(folder / f"{name}.csv", f"{name}.csv")
        typed, _ = validate.typed_rows(name, header or [], rows, f"{name}.csv")
        out[name] = [{k: v for k, v in row.items() if k != "__line__"} for row in typed]
    return out


def declared_edition(folder: Path) -> dict:
    data = (folder / "datapackage.json").read_text(encoding="utf-8")
    return json.loads(data).get("edition") or {}


def vocabulary(folder: Path) -> tuple[dict[str, list[dict]], str | None]:
    """The towns and themes of a library's latest edition (which a new edition keeps using),
    and that edition's name; nothing when the folder holds no valid edition. For a blank
    template: `template.template_bytes(None, vocabulary(load.data_folder())[0])`."""
    lib = library.check_library(folder)
    if lib.latest is None:
        return {}, None
    edition = folder if library.is_package(folder) else folder / lib.latest
    tables = typed_tables(edition)
    return {"towns": tables["towns"], "themes": tables["themes"]}, lib.latest
