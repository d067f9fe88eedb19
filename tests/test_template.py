"""`baihua template`: the Excel template a steward fills in, blank or with an edition in it.

Hand-counted from data/jinshan-2018/*.csv: 20 projects (sheet rows 3–22), 40 figures (rows
3–42), 16 themes, 12 towns; JS2018-01 is the first project (2018, 区级, innovation, reviewed),
JS2018-01-F01 the first figure (185 标段, exact, activity).
"""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from broken_data import DATA, ROOT
from openpyxl import load_workbook

from metrics.data import schema
from metrics.data.csvio import read_rows
from metrics.steward import package, template
from metrics.steward.publish import publish

CLI = [sys.executable, "-c", "from metrics.cli.main import main; raise SystemExit(main())"]
SHEETS = ["说明", "edition", "projects", "figures", "themes", "project_themes", "towns",
          "funding_mentions"]  # fmt: skip


def baihua(*args) -> subprocess.CompletedProcess:
    env = {"PYTHONPATH": str(ROOT / "src"), "PYTHONIOENCODING": "utf-8", "PATH": "/usr/bin:/bin"}
    return subprocess.run([*CLI, *map(str, args)], cwd=ROOT, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)  # fmt: skip


@pytest.fixture(scope="module")
def filled():
    edition, tables = package.declared_edition(DATA), package.typed_tables(DATA)
    return load_workbook(io.BytesIO(template.template_bytes(edition, tables)))


@pytest.fixture(scope="module")
def blank(tmp_path_factory):
    out = tmp_path_factory.mktemp("template") / "模板.xlsx"
    run = baihua("template", "--out", out)
    assert run.returncode == 0, run.stderr
    assert "a blank template; towns and themes from jinshan-2018" in run.stdout
    return load_workbook(out)


def csv_header(table: str) -> list[str]:
    """Row 1 of the real CSV file, as bytes on disk say it."""
    first = (DATA / f"{table}.csv").read_bytes().split(b"\n", 1)[0]
    return first.decode("utf-8").split(",")


def test_sheets_and_headers_are_the_csv_names(blank):
    assert blank.sheetnames == SHEETS
    for table in SHEETS[2:]:
        sheet = blank[table]
        assert [c.value for c in sheet[1]] == csv_header(table), table
        assert sheet.freeze_panes == "A3"
    assert [c.value for c in blank["edition"][1]] == ["key", "value", "help"]
    keys = [blank["edition"].cell(r, 1).value for r in range(3, 13)]
    assert keys == ["district", "district_en", "year", "title_zh", "title_en", "source_kind",
                    "source_path", "source_title", "published", "published_note"]  # fmt: skip


def test_second_row_explains_each_column_in_chinese_and_english(blank):
    value = blank["figures"]["E2"].value  # figures column E is value
    assert value.startswith("数值（必填）\n阿拉伯数字，换算为基本单位：97万元填 970000")
    assert value.endswith("The number in base units (97万元 is 970000).")
    review = blank["projects"]["M2"].value  # review_zh is optional
    assert review.startswith("专家点评\n") and "（必填）" not in review
    for table in SHEETS[2:]:
        for c in blank[table][2]:
            assert c.value and "\n" in c.value, (table, c.coordinate)


def validations(sheet) -> dict[str, str]:
    """First cell's column letter → the list it offers."""
    return {str(v.sqref).split(":")[0].rstrip("0123456789"): v.formula1
            for v in sheet.data_validations.dataValidation}  # fmt: skip


def test_dropdowns(blank):
    projects = validations(blank["projects"])
    assert projects["G"] == "towns!$A$3:$A$2000"  # town
    assert projects["H"] == '"district_agency,town_office,neighbourhood,village"'  # unit_level
    assert projects["I"] == '"innovation,excellent"'  # tier
    figures = validations(blank["figures"])
    assert figures["A"] == "projects!$A$3:$A$2000"  # project_id
    assert figures["G"] == '"exact,at_least"'  # qualifier
    assert figures["H"] == '"reach,participants,funding,activity,profile"'  # category
    assert figures["F"].startswith('"人次,人,名,个,家,户')  # unit: offered, not enforced
    unit = next(v for v in blank["figures"].data_validations.dataValidation
                if str(v.sqref).startswith("F"))  # fmt: skip
    assert not unit.showErrorMessage
    assert validations(blank["project_themes"])["B"] == "themes!$A$3:$A$2000"  # theme_id
    assert validations(blank["towns"])["C"] == '"镇,街道,工业区,区级"'  # kind
    assert validations(blank["edition"])["B"] == '"article,spreadsheet"'  # source_kind, B8


def test_blank_template_lists_the_librarys_towns_and_themes(blank):
    assert blank["projects"].max_row == 2 and blank["figures"].max_row == 2
    assert [blank["towns"].cell(r, 1).value for r in (3, 4)] == ["枫泾镇", "朱泾镇"]
    assert blank["towns"].max_row == 2 + 12
    assert blank["themes"]["A3"].value == "party_building" and blank["themes"].max_row == 2 + 16
    assert blank["edition"]["B8"].value == "article" and blank["edition"]["B3"].value is None


def test_instructions_chinese_first_english_below(blank):
    texts = [c.value or "" for c in blank["说明"]["A"]]
    zh = texts.index("百花 · 社会建设创新项目数据模板")
    en = texts.index("Baihua · social-construction projects data template")
    assert zh == 0 and en > zh
    body = "\n".join(texts)
    assert "“三千”写 3000" in body and "Write numbers in digits" in body
    assert "baihua publish 文件.xlsx --library data --article 文章.txt" in body


def test_filled_template_holds_the_edition(filled):
    projects, figures = filled["projects"], filled["figures"]
    assert projects.max_row == 22 and figures.max_row == 42
    assert [c.value for c in projects[3]][:11] == [
        "JS2018-01", 2018, "金山区", "中小河道综合整治 重现金山“人水相亲”的江南水乡",
        "Small and medium river remediation: restoring Jinshan's life by the water",
        "区水务局", "区级", "district_agency", "innovation", "innovation", True,
    ]  # fmt: skip
    assert [c.value for c in figures[3]][:8] == [
        "JS2018-01", "JS2018-01-F01", "河道整治任务标段", "River remediation task sections",
        185, "标段", "exact", "activity",
    ]  # fmt: skip
    assert filled["themes"].max_row == 18 and filled["towns"].max_row == 14
    edition = {filled["edition"].cell(r, 1).value: filled["edition"].cell(r, 2).value
               for r in range(3, 13)}  # fmt: skip
    assert edition["year"] == 2018 and edition["district"] == "金山区"
    assert edition["source_path"] == "raw/jinshan-2018-social-construction-projects.txt"
    assert edition["published"] is None
    assert edition["published_note"] == "The article does not state its publication date."


def test_cli_template_from_a_package(tmp_path):
    out = tmp_path / "jinshan-2018.xlsx"
    run = baihua("template", "--from", DATA, "--out", out)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == f"wrote {out}: 20 projects, 40 figures of jinshan-2018"
    assert load_workbook(out)["projects"]["A22"].value == "JS2018-20"


def test_cli_template_refuses_a_library_and_other_names(tmp_path):
    run = baihua("template", "--from", ROOT / "data", "--out", tmp_path / "x.xlsx")
    assert run.returncode == 1 and "is a library; give one edition's folder" in run.stderr
    run = baihua("template", "--out", tmp_path / "x.csv")
    assert run.returncode == 1 and "end the name with .xlsx" in run.stderr
    assert "Traceback" not in run.stderr


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    """Typed text beginning with = + - @ is kept as text in the template, and published as
    the same text; it never becomes a formula."""
    edition, tables = package.declared_edition(DATA), package.typed_tables(DATA)
    odd = ["=1+1", "+86 hotline", "-minus", "@home"]
    for row, text in zip(tables["projects"], odd, strict=False):
        row["title_en"] = text
    book_path = template.write(tmp_path / "odd.xlsx", edition, tables)
    sheet = load_workbook(book_path)["projects"]
    cells = [sheet.cell(r, 5) for r in range(3, 7)]  # title_en is column E
    assert [c.value for c in cells] == odd
    assert [c.data_type for c in cells] == ["s"] * 4
    assert all(c.quotePrefix for c in cells)
    lib = tmp_path / "library"
    lib.mkdir()
    result = publish(book_path, lib, "tester", DATA / "raw" / schema.RAW_NAME)
    assert result.published, result.problems
    published = [r["title_en"] for r in read_rows(lib / "jinshan-2018/projects.csv")]
    assert published[:4] == odd
