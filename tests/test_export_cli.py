"""`baihua export` writes the dashboard's charts for scheduled reports: real files, real bytes."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile

import pytest
from conftest import DATA
from PIL import Image

CLI = [sys.executable, "-c", "from metrics.cli.main import main; raise SystemExit(main())"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300)


def explain(result: subprocess.CompletedProcess) -> str:
    return f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    result = run("export", "--out", str(out), "--data", str(DATA), "--town", "朱泾镇",
                 "--format", "png,csv,xlsx,pptx")  # fmt: skip
    assert result.returncode == 0, explain(result)
    return out, result


def test_files_are_named_for_chart_and_filter(exported):
    out, _ = exported
    names = sorted(p.name for p in out.iterdir())
    assert any(
        n.startswith("各镇（街道）项目数（按等级）_金山区2018年_朱泾镇_") and n.endswith(".png")
        for n in names
    )
    for name in names:
        assert not set(name) & set(':/\\*?"<>|'), name


def test_csv_has_bom_and_filtered_rows(exported):
    out, _ = exported
    path = next(out.glob("各镇（街道）项目数（按等级）_金山区2018年_朱泾镇_*.csv"))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    # A comparison of towns keeps every town (issue #11) and flags the chosen one: 朱泾镇 has
    # one innovation (JS2018-06) and one excellent (JS2018-15) project. Counted by hand from
    # projects.csv, towns in tile-map order (towns.csv rows, district level last). The first
    # column names the edition every row comes from (#12): the library's latest, the bundled.
    rows = [
        "枫泾镇,十大创新项目,1,否", "枫泾镇,十大优秀项目,1,否",
        "朱泾镇,十大创新项目,1,是", "朱泾镇,十大优秀项目,1,是",
        "亭林镇,十大优秀项目,1,否", "吕巷镇,十大创新项目,1,否", "张堰镇,十大优秀项目,1,否",
        "金山工业区,十大优秀项目,2,否", "廊下镇,十大优秀项目,1,否", "金山卫镇,十大优秀项目,1,否",
        "山阳镇,十大创新项目,1,否", "山阳镇,十大优秀项目,1,否", "漕泾镇,十大创新项目,1,否",
        "石化街道,十大创新项目,1,否", "石化街道,十大优秀项目,1,否", "区级,十大创新项目,4,否",
    ]  # fmt: skip
    assert text.splitlines() == [
        "版本,镇（街道）,等级,项目数（个）,突出显示",
        *(f"金山区2018年,{row}" for row in rows),
    ]


def test_png_is_a4_at_twice_the_scale(exported):
    out, _ = exported
    path = next(out.glob("各镇（街道）项目数（按等级）_金山区2018年_朱泾镇_*.png"))
    with Image.open(path) as image:
        assert image.size == (2246, 1588)


def test_pptx_has_headline_slide_one_slide_per_chart_and_the_projects(exported):
    from pptx import Presentation

    out, result = exported
    charts = int(result.stdout.strip().splitlines()[-1].split(", ")[1].split()[0])
    deck = Presentation(str(next(out.glob("*.pptx"))))
    assert len(deck.slides) == charts + 2
    assert len(list(out.glob("*.png"))) == charts
    texts = []
    for slide in deck.slides:
        parts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        for shape in (s for s in slide.shapes if s.has_table):
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
        texts.append("\n".join(parts))
    # 朱泾镇: JS2018-06 (no figures) and JS2018-15 (30多名); no funding figure.
    first = texts[0]
    assert "项目数\n2" in first and "覆盖镇（街道）\n1" in first and "筛选：朱泾镇" in first
    assert "参与人数（已披露）\n≥30 名" in first and "已披露经费\n未披露" in first
    assert "JS2018-06\n钟楼in家园 社区一家人\n朱泾镇\n十大创新项目" in texts[-1]
    assert "JS2018-15\n“花漾奶奶自治团” 守望相助提升社区温度\n朱泾镇\n十大优秀项目" in texts[-1]


def test_headline_numbers_table(exported):
    from openpyxl import load_workbook

    out, _ = exported
    text = next(out.glob("核心数字_金山区2018年_朱泾镇_*.csv")).read_bytes().decode("utf-8-sig")
    # The edition column (#12) sits before the filters.
    assert text.splitlines() == [
        "指标,数值,说明,版本,筛选",
        "项目数,2,,金山区2018年,朱泾镇",
        "覆盖镇（街道）,1,,金山区2018年,朱泾镇",
        "参与人数（已披露）,≥30 名,1 个项目披露了以“名”计的参与人数；其余未披露，不计为零。,"
        "金山区2018年,朱泾镇",
        "已披露经费,未披露,0 个项目给出金额；0 个提到经费但未给金额。,金山区2018年,朱泾镇",
    ]
    sheet = load_workbook(next(out.glob("核心数字_金山区2018年_朱泾镇_*.xlsx"))).active
    assert [c.value for c in sheet["B"]] == ["数值", "2", "1", "≥30 名", "未披露"]


def test_xlsx_opens(exported):
    from openpyxl import load_workbook

    out, _ = exported
    path = next(out.glob("各镇（街道）项目数（按等级）_金山区2018年_朱泾镇_*.xlsx"))
    sheet = load_workbook(io.BytesIO(path.read_bytes())).active
    assert [c.value for c in sheet[2]] == ["金山区2018年", "枫泾镇", "十大创新项目", 1, "否"]
    assert [c.value for c in sheet[4]] == ["金山区2018年", "朱泾镇", "十大创新项目", 1, "是"]


def test_unknown_town_is_a_plain_error(tmp_path):
    result = run("export", "--out", str(tmp_path), "--town", "不存在镇", "--format", "csv")
    assert result.returncode == 1, explain(result)
    assert "unknown town: 不存在镇" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not any(tmp_path.iterdir())


def test_unknown_format_is_a_plain_error(tmp_path):
    result = run("export", "--out", str(tmp_path), "--format", "gif")
    assert result.returncode == 1, explain(result)
    assert "unknown format gif" in result.stderr


def test_zip_bundle_names(tmp_path):
    from metrics import export
    from metrics.analysis.filters import Filters
    from metrics.charts.pages import page_charts
    from metrics.data.load import load_dataset

    charts = page_charts(load_dataset(DATA), Filters(), "zh")["themes"]
    data = export.bundle_zip(charts, formats=("csv",))
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert len(names) == 3
    assert names[0].startswith("01_治理主题出现频次（按等级）_")


# Counted by hand from data/figures.csv. Participants come in 5 units: 名 (JS2018-01, -10,
# -13, -15), 个 (-16, -17), 方 (-07, -17), 家 (-11, -14), 支 (-16, -19); reach in 5: 个 (-14,
# -19, -20), 人次 (-02), 公里 (-01), 户 (-18), 条 (-01). The figures are written in 19 units.
ALL_CHARTS = [
    "各镇（街道）项目数（按等级）",
    "治理主题出现频次（按等级）",
    "金山区示意图：项目数（个）",
    "经费披露情况（项目数）",
    "金山区示意图：参与（名）",
    "金山区示意图：已披露数字（个）",
    "各镇参与合计（个）",
    "各镇参与合计（方）",
    "各镇参与合计（名）",
    "各镇参与合计（支）",
    "各镇参与合计（家）",
    "各镇覆盖合计（个）",
    "各镇覆盖合计（户）",
    "各镇覆盖合计（人次）",
    "各镇覆盖合计（公里）",
    "各镇覆盖合计（条）",
    "各镇 × 治理主题（项目数）",
    "同时出现的治理主题（项目数）",
    "各项目数字（单位：个）",
    "各项目数字（单位：名）",
    "各项目数字（单位：家）",
    "各项目数字（单位：支）",
    "各项目数字（单位：人次）",
    "各项目数字（单位：方）",
    "各项目数字（单位：件）",
    "各项目数字（单位：元）",
    "各项目数字（单位：公里）",
    "各项目数字（单位：周岁）",
    "各项目数字（单位：届）",
    "各项目数字（单位：岁）",
    "各项目数字（单位：户）",
    "各项目数字（单位：方面）",
    "各项目数字（单位：条）",
    "各项目数字（单位：标段）",
    "各项目数字（单位：次）",
    "各项目数字（单位：级）",
    "各项目数字（单位：节）",
    "已披露经费（元）",
]
# --level village: JS2018-12 (no figures), JS2018-13 (91名 participants, 75周岁 profile) and
# JS2018-18 (195户 reach); no funding, so 已披露经费（元） is empty and left out.
VILLAGE_CHARTS = [
    "各镇（街道）项目数（按等级）",
    "治理主题出现频次（按等级）",
    "金山区示意图：项目数（个）",
    "经费披露情况（项目数）",
    "金山区示意图：参与（名）",
    "金山区示意图：已披露数字（个）",
    "各镇参与合计（名）",
    "各镇覆盖合计（户）",
    "各镇 × 治理主题（项目数）",
    "同时出现的治理主题（项目数）",
    "各项目数字（单位：名）",
    "各项目数字（单位：周岁）",
    "各项目数字（单位：户）",
]


@pytest.mark.parametrize(
    ("filters", "words", "titles"),
    [([], "全部项目", ALL_CHARTS), (["--level", "village"], "村", VILLAGE_CHARTS)],
    ids=["all", "village"],
)
def test_csv_export_writes_every_distinct_chart_once(tmp_path, filters, words, titles):
    result = run("export", "--out", str(tmp_path), "--data", str(DATA), "--format", "csv",
                 *filters)  # fmt: skip
    assert result.returncode == 0, explain(result)
    stems = sorted(re.sub(r"_\d{4}-\d\d-\d\d\.csv$", "", p.name) for p in tmp_path.iterdir())
    # Each chart's table, and the headline numbers, named for the edition shown (#12).
    assert stems == sorted(f"{title}_金山区2018年_{words}" for title in [*titles, "核心数字"])
    last = result.stdout.splitlines()[-1]
    assert last == f"{len(titles) + 1} file(s), {len(titles)} chart(s)"
