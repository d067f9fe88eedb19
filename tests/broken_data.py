"""A corpus of broken data folders, each built from a fresh copy of the bundled package.

Every case breaks one thing the way an official editing the files in Excel (or a careless
script) could, and says where `baihua check` must point: the file, the spreadsheet row
(header = row 1, first record = row 2, None when the problem is about the whole file), the
column, the problem's slug, and words the plain-language message must contain.

Reuse from any test::

    for case in CASES:
        folder = case.build(tmp_path)   # the folder to check; may be missing or a file

Cases with `bug` set would describe what the loader should report but does not yet; tests mark
them xfail(strict=True) so they turn into failures the day the bug is fixed.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from metrics.data import schema

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "jinshan-2018"
RAW = f"raw/{schema.RAW_NAME}"
PACKAGE_FILES = ["datapackage.json", RAW] + [f"{name}.csv" for name in schema.TABLE_ORDER]
FOLDER = "<folder>"  # stands for the checked folder's own path in Expected.file


class Expected(NamedTuple):
    """Where the problem is: file, spreadsheet row, column, slug."""

    file: str
    row: int | None
    column: str | None
    slug: str


@dataclass(frozen=True)
class Case:
    name: str
    builder: Callable[[Path], Path | None]
    expected: Expected
    words: tuple[str, ...] = ()
    bug: str = ""

    def build(self, tmp_path: Path) -> Path:
        """Copy the package to tmp_path/<name>/data, break it, return the folder to check."""
        folder = copy_package(tmp_path / self.name / "data")
        return self.builder(folder) or folder

    def expected_for(self, target: Path) -> Expected:
        file = str(target) if self.expected.file == FOLDER else self.expected.file
        return self.expected._replace(file=file)

    def location(self, target: Path) -> str:
        """The `file:row:column` text the CLI must print (same rules as Problem.__str__)."""
        file, row, column, _ = self.expected_for(target)
        where = file
        if row is not None:
            where += f":{row}"
        if column:
            where += f":{column}" if row is not None else f"::{column}"
        return where + ": "


def copy_package(dest: Path) -> Path:
    """The package files of data/ (not curation/) copied to `dest`."""
    for name in PACKAGE_FILES:
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DATA / name, dest / name)
    return dest


def snapshot(root: Path) -> dict[str, str]:
    """sha256 of every file under `root` (or of `root` itself when it is a file)."""
    if root.is_file():
        return {root.name: hashlib.sha256(root.read_bytes()).hexdigest()}
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


# --- editing helpers ---------------------------------------------------------------------------


def read_table(folder: Path, table: str) -> list[list[str]]:
    with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write_table(folder: Path, table: str, records: list[list[str]]) -> None:
    """Written in the package's own dialect, so untouched rows stay byte-identical."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(records)
    (folder / f"{table}.csv").write_text(buf.getvalue(), encoding="utf-8")


def set_cell(table: str, row: int, column: str, value: str, was: str | None = None):
    """Builder: put `value` in spreadsheet row `row` (2 = first record) of `column`."""

    def build(folder: Path) -> None:
        records = read_table(folder, table)
        index = records[0].index(column)
        if was is not None:
            assert records[row - 1][index] == was, (table, row, column, records[row - 1][index])
        records[row - 1][index] = value
        write_table(folder, table, records)

    return build


def edit_records(table: str, edit: Callable[[list[list[str]]], list[list[str]] | None]):
    def build(folder: Path) -> None:
        records = read_table(folder, table)
        write_table(folder, table, edit(records) or records)

    return build


def write_bytes(name: str, data: bytes):
    def build(folder: Path) -> None:
        (folder / name).write_bytes(data)

    return build


def reencode(name: str, encoding: str):
    def build(folder: Path) -> None:
        text = (folder / name).read_text(encoding="utf-8")
        (folder / name).write_bytes(text.encode(encoding))

    return build


def prepend_bytes(name: str, prefix: bytes):
    def build(folder: Path) -> None:
        path = folder / name
        path.write_bytes(prefix + path.read_bytes())

    return build


def delete(name: str):
    def build(folder: Path) -> None:
        (folder / name).unlink()

    return build


def edit_descriptor(edit: Callable[[dict], object]):
    def build(folder: Path) -> None:
        path = folder / "datapackage.json"
        descriptor = json.loads(path.read_text(encoding="utf-8"))
        result = edit(descriptor)
        descriptor = descriptor if result is None else result
        path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", "utf-8")

    return build


def replace_text(name: str, old: str, new: str):
    def build(folder: Path) -> None:
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (name, old, text.count(old))
        path.write_text(text.replace(old, new), encoding="utf-8")

    return build


def chain(*builders):
    def build(folder: Path) -> Path | None:
        target = None
        for builder in builders:
            target = builder(folder) or target
        return target

    return build


# --- builders that need more than a helper -----------------------------------------------------


def huge_file(folder: Path) -> None:
    """figures.csv grown to 50 MB: a real header, then a hole the filesystem need not store."""
    path = folder / "figures.csv"
    with path.open("r+b") as handle:
        handle.seek(0, 2)
        handle.truncate(50 * 2**20)


def binary_garbage(folder: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(20180101).randbytes(4096)
    (folder / "projects.csv").write_bytes(png)


def missing_folder(folder: Path) -> Path:
    shutil.rmtree(folder)
    return folder


def file_not_folder(folder: Path) -> Path:
    shutil.rmtree(folder)
    folder.write_text("project_id,year\n", encoding="utf-8")
    return folder


def table_is_folder(folder: Path) -> None:
    (folder / "projects.csv").unlink()
    (folder / "projects.csv").mkdir()


def drop_column(column: str):
    def edit(records):
        index = records[0].index(column)
        return [r[:index] + r[index + 1 :] for r in records]

    return edit


def rename_header(old: str, new: str):
    def edit(records):
        records[0][records[0].index(old)] = new

    return edit


def add_column(name: str, fill: str):
    def edit(records):
        return [records[0] + [name]] + [r + [fill] for r in records[1:]]

    return edit


def duplicate_column(name: str):
    def edit(records):
        index = records[0].index(name)
        return [r + [r[index]] for r in records]

    return edit


def delete_record(row: int, first_cell: str):
    def edit(records):
        assert records[row - 1][0] == first_cell, records[row - 1][:2]
        del records[row - 1]

    return edit


def append_copy_of(row: int):
    def edit(records):
        records.append(list(records[row - 1]))

    return edit


def blank_row_then_value(folder: Path) -> None:
    """An empty spreadsheet row under the header, then a wrong value further down."""
    records = read_table(folder, "figures")
    records[7][records[0].index("value")] = "3680"  # JS2018-02-F02, spreadsheet row 8 …
    records.insert(1, [""] * len(records[0]))  # … which the blank row pushes to row 9
    write_table(folder, "figures", records)


def unclosed_quote(folder: Path) -> None:
    path = folder / "funding_mentions.csv"
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write('JS2018-14,"项目经费达97万元。\n')


def ragged_row(folder: Path) -> None:
    records = read_table(folder, "towns")
    assert records[4][0] == "吕巷镇"
    records[4] = records[4][:4]  # spreadsheet row 5 loses its grid_col
    write_table(folder, "towns", records)


def header_deleted(folder: Path) -> None:
    write_table(folder, "towns", read_table(folder, "towns")[1:])


def crlf(folder: Path) -> None:
    """Not broken: Windows line endings, as Excel saves them (see VALID_VARIANTS)."""
    for table in schema.TABLE_ORDER:
        path = folder / f"{table}.csv"
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))


def trailing_blank_lines(folder: Path) -> None:
    with (folder / "projects.csv").open("a", encoding="utf-8") as handle:
        handle.write("\n\n")


def excel_booleans(records):
    index = records[0].index("has_review")
    for record in records[1:]:
        record[index] = record[index].upper()


# Text from JS2018-13 (in the article, but not in JS2018-01's or JS2018-11's text).
OTHER_PROJECT_TEXT = (
    "建立自治基金长效保障机制,划拨专项自治启动基金,以项目化形式运转并接受村民监督。"
)
F = "figures"
P = "projects"

CASES: list[Case] = [
    # --- whole files ---------------------------------------------------------------------------
    Case(
        "missing_projects_csv",
        delete("projects.csv"),
        Expected("projects.csv", None, None, "file-missing"),
        ("the file is missing",),
    ),
    Case(
        "empty_towns_csv",
        write_bytes("towns.csv", b""),
        Expected("towns.csv", None, None, "file-empty"),
        ("the file is empty",),
    ),
    Case(
        "blank_lines_only",
        write_bytes("themes.csv", b"\n\r\n  \n"),
        Expected("themes.csv", None, None, "file-empty"),
        ("the file is empty",),
    ),
    Case(
        "header_only_themes",
        edit_records("themes", lambda records: records[:1]),
        Expected("themes.csv", 2, None, "table-empty"),
        ("has a header but no rows",),
    ),
    Case(
        "binary_garbage",
        binary_garbage,
        Expected("projects.csv", None, None, "file-binary"),
        ("not text", "binary"),
    ),
    Case(
        "fifty_megabytes",
        huge_file,
        Expected("figures.csv", None, None, "file-too-large"),
        ("50.0 MB", "the limit is 10 MB"),
    ),
    Case(
        "gbk_encoded",
        reencode("projects.csv", "gbk"),
        Expected("projects.csv", None, None, "encoding"),
        ("not UTF-8", "GBK", "save it as UTF-8"),
    ),
    Case(
        "utf16_with_bom",
        reencode("towns.csv", "utf-16"),
        Expected("towns.csv", None, None, "encoding-utf16"),
        ("UTF-16", "save it as UTF-8"),
    ),
    Case(
        "utf16le_without_bom",
        reencode("projects.csv", "utf-16-le"),
        Expected("projects.csv", None, None, "encoding-utf16"),
        ("UTF-16", "save it as UTF-8"),
    ),
    Case(
        "utf8_bom",
        prepend_bytes("figures.csv", b"\xef\xbb\xbf"),
        Expected("figures.csv", None, None, "encoding-bom"),
        ("byte-order mark", "UTF-8 without BOM"),
    ),
    Case(
        "table_is_a_folder",
        table_is_folder,
        Expected("projects.csv", None, None, "file-unreadable"),
        ("cannot be read", "it is a folder"),
    ),
    Case(
        "missing_data_folder",
        missing_folder,
        Expected(FOLDER, None, None, "folder-missing"),
        ("the data folder does not exist",),
    ),
    Case(
        "file_instead_of_folder",
        file_not_folder,
        Expected(FOLDER, None, None, "not-a-folder"),
        ("is a file, not a data folder",),
    ),
    # --- CSV syntax ----------------------------------------------------------------------------
    Case(
        "unclosed_quote",
        unclosed_quote,
        Expected("funding_mentions.csv", 5, None, "csv-syntax"),
        ("cannot be parsed",),
    ),
    Case(
        "ragged_row",
        ragged_row,
        Expected("towns.csv", 5, None, "row-length"),
        ("the row has 4 cells; the header has 5",),
    ),
    Case(
        "header_row_deleted",
        header_deleted,
        Expected("towns.csv", 1, None, "header-missing"),
        ("the header row is missing",),
    ),
    # --- headers -------------------------------------------------------------------------------
    Case(
        "missing_column",
        edit_records(F, drop_column("unit")),
        Expected("figures.csv", 1, "unit", "column-missing"),
        ("the column is missing",),
    ),
    Case(
        "renamed_column",
        edit_records("towns", rename_header("town", "Town")),
        Expected("towns.csv", 1, "town", "column-missing"),
        ("the column is missing",),
    ),
    Case(
        "extra_column",
        edit_records("themes", add_column("notes", "")),
        Expected("themes.csv", 1, "notes", "column-extra"),
        ("not part of the themes table", "expected: theme_id, name_zh"),
    ),
    Case(
        "duplicate_column",
        edit_records(P, duplicate_column("year")),
        Expected("projects.csv", 1, "year", "column-duplicate"),
        ("appears more than once",),
    ),
    Case(
        "trailing_comma_column",
        edit_records("towns", add_column("", "")),
        Expected("towns.csv", 1, "(blank)", "column-extra"),
        ("not part of the towns table",),
    ),
    # --- cells ---------------------------------------------------------------------------------
    Case(
        "year_in_chinese",
        set_cell(P, 4, "year", "二〇一八", was="2018"),
        Expected("projects.csv", 4, "year", "type"),
        ("'二〇一八' is not a whole number",),
    ),
    Case(
        "year_typo",
        set_cell(P, 7, "year", "1018", was="2018"),
        Expected("projects.csv", 7, "year", "minimum"),
        ("1018 is below the minimum 2000",),
    ),
    Case(
        "value_abc",
        set_cell(F, 5, "value", "abc", was="1944"),
        Expected("figures.csv", 5, "value", "type"),
        ("'abc' is not a number",),
    ),
    Case(
        "value_thousands_separator",
        set_cell(F, 8, "value", "3,679", was="3679"),
        Expected("figures.csv", 8, "value", "type"),
        ("'3,679' is not a number",),
    ),
    Case(
        "value_nan",
        set_cell(F, 9, "value", "NaN", was="8400"),
        Expected("figures.csv", 9, "value", "type"),
        ("'NaN' is not a number",),
    ),
    Case(
        "value_negative",
        set_cell(F, 3, "value", "-198", was="198"),
        Expected("figures.csv", 3, "value", "minimum"),
        ("-198 is below the minimum 0",),
    ),
    Case(
        "has_review_yes",
        set_cell(P, 6, "has_review", "yes", was="true"),
        Expected("projects.csv", 6, "has_review", "type"),
        ("'yes' is not true or false",),
    ),
    Case(
        "qualifier_not_allowed",
        set_cell(F, 12, "qualifier", "approx", was="at_least"),
        Expected("figures.csv", 12, "qualifier", "enum"),
        ("'approx' is not one of: exact, at_least",),
    ),
    Case(
        "required_cell_empty",
        set_cell(F, 14, "label_en", "", was="Petition agents"),
        Expected("figures.csv", 14, "label_en", "required"),
        ("the cell is empty, but a value is required",),
    ),
    Case(
        "grid_row_too_large",
        set_cell("towns", 9, "grid_row", "12", was="2"),
        Expected("towns.csv", 9, "grid_row", "maximum"),
        ("12 is above the maximum 9",),
    ),
    Case(
        "project_id_pattern",
        set_cell(P, 3, "project_id", "JS2018-2", was="JS2018-02"),
        Expected("projects.csv", 3, "project_id", "pattern"),
        ("'JS2018-2' does not have the form JS2018-01",),
    ),
    Case(
        "town_not_in_list",
        # Towns differ between districts and years: towns.csv is the list, not the schema.
        set_cell(P, 2, "town", "金山镇", was="区级"),
        Expected("projects.csv", 2, "town", "foreign-key"),
        ("'金山镇' is not in towns.csv",),
    ),
    # --- keys ----------------------------------------------------------------------------------
    Case(
        "duplicate_project_id",
        set_cell(P, 3, "project_id", "JS2018-01", was="JS2018-02"),
        Expected("projects.csv", 3, "project_id", "duplicate"),
        ("'JS2018-01' appears again (first on row 2)",),
    ),
    Case(
        "duplicate_project_theme",
        edit_records("project_themes", append_copy_of(2)),
        Expected("project_themes.csv", 65, "project_id+theme_id", "duplicate"),
        ("'JS2018-01 + environment' appears again (first on row 2)",),
    ),
    Case(
        "town_missing_from_towns",
        edit_records("towns", delete_record(11, "漕泾镇")),
        Expected("projects.csv", 19, "town", "foreign-key"),
        ("'漕泾镇' is not in towns.csv",),
    ),
    Case(
        "unknown_theme",
        set_cell("project_themes", 3, "theme_id", "sports", was="volunteering"),
        Expected("project_themes.csv", 3, "theme_id", "foreign-key"),
        ("'sports' is not in themes.csv",),
    ),
    Case(
        "figure_of_unknown_project",
        chain(
            set_cell(F, 2, "project_id", "JS2018-21", was="JS2018-01"),
            set_cell(F, 2, "figure_id", "JS2018-21-F01", was="JS2018-01-F01"),
        ),
        Expected("figures.csv", 2, "project_id", "foreign-key"),
        ("'JS2018-21' is not in projects.csv",),
    ),
    Case(
        "figure_id_of_other_project",
        set_cell(F, 7, "figure_id", "JS2018-03-F01", was="JS2018-02-F01"),
        Expected("figures.csv", 7, "figure_id", "figure-project"),
        ("'JS2018-03-F01' does not start with its project id JS2018-02",),
    ),
    # --- traced back to the article ------------------------------------------------------------
    Case(
        "quote_not_in_article",
        set_cell(
            F,
            11,
            "quote",
            "目前已在全区建立宅基楼组姐妹议事堂265家,年度开展议事活动700余次。",
            was="目前已在全区建立宅基楼组姐妹议事堂264家,年度开展议事活动700余次。",
        ),
        Expected("figures.csv", 11, "quote", "quote-not-in-source"),
        ("the quote is not found word for word in the article",),
    ),
    Case(
        "value_not_in_quote",
        set_cell(F, 8, "value", "3680", was="3679"),
        Expected("figures.csv", 8, "value", "value-not-in-quote"),
        ("the value 3680 is not written in its quote",),
    ),
    Case(
        "chinese_value_not_in_quote",
        set_cell(F, 19, "value", "6", was="2"),
        Expected("figures.csv", 19, "value", "value-not-in-quote"),
        ("the value 6 is not written in its quote", "六"),
    ),
    Case(
        "value_missing_a_digit",
        set_cell(F, 8, "value", "367", was="3679"),
        Expected("figures.csv", 8, "value", "value-not-in-quote"),
        ("the value 367 is not written in its quote",),
    ),
    Case(
        "wan_value_not_multiplied",
        set_cell(F, 24, "value", "97", was="970000"),
        Expected("figures.csv", 24, "value", "value-not-in-quote"),
        ("the value 97 is not written in its quote",),
    ),
    Case(
        "figure_quote_of_other_project",
        chain(
            set_cell(F, 7, "value", "264", was="53"),
            set_cell(
                F,
                7,
                "quote",
                "目前已在全区建立宅基楼组姐妹议事堂264家,年度开展议事活动700余次。",
            ),
        ),
        Expected("figures.csv", 7, "quote", "text-not-in-project"),
        ("the quote is not found word for word in the text of JS2018-02",),
    ),
    Case(
        "evidence_not_in_project",
        set_cell("project_themes", 2, "evidence", OTHER_PROJECT_TEXT),
        Expected("project_themes.csv", 2, "evidence", "text-not-in-project"),
        ("the evidence is not found word for word in the text of JS2018-01",),
    ),
    Case(
        "funding_quote_of_other_project",
        set_cell("funding_mentions", 2, "quote", OTHER_PROJECT_TEXT),
        Expected("funding_mentions.csv", 2, "quote", "text-not-in-project"),
        ("the quote is not found word for word in the text of JS2018-11",),
    ),
    Case(
        "description_edited",
        replace_text("projects.csv", "年度开展议事活动700余次", "年度开展议事活动800余次"),
        Expected("projects.csv", 6, "description_zh", "project-text-mismatch"),
        ("the description_zh is not found word for word in the article",),
    ),
    Case(
        "has_review_inconsistent",
        set_cell(P, 2, "has_review", "false", was="true"),
        Expected("projects.csv", 2, "has_review", "review-flag"),
        ("has_review is false but review_zh is filled in",),
    ),
    Case(
        "blank_row_shifts_numbering",
        blank_row_then_value,
        Expected("figures.csv", 9, "value", "value-not-in-quote"),
        ("the value 3680 is not written in its quote",),
    ),
    # --- the descriptor and the raw article ----------------------------------------------------
    Case(
        "datapackage_invalid_json",
        replace_text("datapackage.json", '"profile": "tabular-data-package",', '"profile": '),
        Expected("datapackage.json", None, None, "datapackage-json"),
        ("datapackage.json is not valid JSON",),
    ),
    Case(
        "datapackage_resource_missing",
        edit_descriptor(
            lambda d: d.update(
                resources=[r for r in d["resources"] if r["name"] != "funding_mentions"]
            )
        ),
        Expected("datapackage.json", None, None, "datapackage-shape"),
        ("does not describe this package", "the resource 'funding_mentions' is missing"),
    ),
    Case(
        "datapackage_not_an_object",
        write_bytes("datapackage.json", b"[]\n"),
        Expected("datapackage.json", None, None, "datapackage-shape"),
        ("it has no list of resources",),
    ),
    Case(
        "datapackage_fields_out_of_date",
        replace_text("datapackage.json", '"name": "qualifier"', '"name": "approx"'),
        Expected("datapackage.json", None, None, "datapackage-shape"),
        ("the fields of 'figures' are",),
    ),
    Case(
        "datapackage_missing",
        delete("datapackage.json"),
        Expected("datapackage.json", None, None, "file-missing"),
        ("the file is missing",),
    ),
    Case(
        "raw_article_edited",
        replace_text(RAW, "一枝独秀不是春", "一枝独秀也是春"),
        Expected(RAW, None, None, "raw-hash"),
        ("does not match the checksum in datapackage.json",),
    ),
    Case(
        "raw_article_gbk",
        reencode(RAW, "gbk"),
        Expected(RAW, None, None, "encoding"),
        ("not UTF-8", "GBK", "save it as UTF-8"),
    ),
    Case(
        "raw_article_missing",
        delete(RAW),
        Expected(RAW, None, None, "file-missing"),
        ("the file is missing",),
    ),
    # --- the edition the package declares ----------------------------------------------------
    Case(
        "edition_missing",
        edit_descriptor(lambda d: d.pop("edition") and None),
        Expected("datapackage.json", None, None, "edition-missing"),
        ("does not declare its edition", "district, year, title, source and published"),
    ),
    Case(
        "edition_year_as_text",
        edit_descriptor(lambda d: d["edition"].update(year="2018年")),
        Expected("datapackage.json", None, "edition.year", "edition-field"),
        ("must be a year between 2000 and 2100",),
    ),
    Case(
        "edition_article_outside_raw",
        edit_descriptor(lambda d: d["edition"]["source"].update(path="../../etc/passwd")),
        Expected("datapackage.json", None, "edition.source", "edition-field"),
        ("must be a file under raw/",),
    ),
    Case(
        "edition_year_mismatch",
        set_cell(P, 3, "year", "2019", was="2018"),
        Expected("projects.csv", 3, "year", "edition-mismatch"),
        ("year is 2019, but datapackage.json's edition says 2018",),
    ),
]

# Not broken: ways of saving the package that `baihua check` must accept.
VALID_VARIANTS: list[tuple[str, Callable[[Path], Path | None]]] = [
    ("crlf_line_endings", crlf),
    ("trailing_blank_lines", trailing_blank_lines),
    ("excel_uppercase_booleans", edit_records(P, excel_booleans)),
    ("value_with_decimal_point", set_cell(F, 8, "value", "3679.0", was="3679")),
]

CASE_NAMES = [case.name for case in CASES]
assert len(set(CASE_NAMES)) == len(CASE_NAMES), "case names must be unique"
