"""`baihua export` writes the dashboard's charts for scheduled reports: real files, real bytes."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile

import pytest
from conftest import DATA
from PIL import Image

CLI = [sys.executable, "-c", "from metrics.cli import main; raise SystemExit(main())"]


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
        n.startswith("各镇（街道）项目数（按等级）_朱泾镇_") and n.endswith(".png") for n in names
    )
    for name in names:
        assert not set(name) & set(':/\\*?"<>|'), name


def test_csv_has_bom_and_filtered_rows(exported):
    out, _ = exported
    path = next(out.glob("各镇（街道）项目数（按等级）_朱泾镇_*.csv"))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    # A comparison of towns keeps every town (issue #11) and flags the chosen one: 朱泾镇 has
    # one innovation (JS2018-06) and one excellent (JS2018-15) project. Counted by hand from
    # projects.csv, towns in tile-map order (towns.csv rows, district level last).
    assert text.splitlines() == [
        "镇（街道）,等级,项目数（个）,突出显示",
        "枫泾镇,十大创新项目,1,否", "枫泾镇,十大优秀项目,1,否",
        "朱泾镇,十大创新项目,1,是", "朱泾镇,十大优秀项目,1,是",
        "亭林镇,十大优秀项目,1,否", "吕巷镇,十大创新项目,1,否", "张堰镇,十大优秀项目,1,否",
        "金山工业区,十大优秀项目,2,否", "廊下镇,十大优秀项目,1,否", "金山卫镇,十大优秀项目,1,否",
        "山阳镇,十大创新项目,1,否", "山阳镇,十大优秀项目,1,否", "漕泾镇,十大创新项目,1,否",
        "石化街道,十大创新项目,1,否", "石化街道,十大优秀项目,1,否", "区级,十大创新项目,4,否",
    ]  # fmt: skip


def test_png_is_a4_at_twice_the_scale(exported):
    out, _ = exported
    path = next(out.glob("各镇（街道）项目数（按等级）_朱泾镇_*.png"))
    with Image.open(path) as image:
        assert image.size == (2246, 1588)


def test_pptx_has_one_slide_per_chart(exported):
    from pptx import Presentation

    out, result = exported
    charts = int(result.stdout.strip().splitlines()[-1].split(", ")[1].split()[0])
    deck = Presentation(str(next(out.glob("*.pptx"))))
    assert len(deck.slides) == charts
    assert len(list(out.glob("*.png"))) == charts


def test_xlsx_opens(exported):
    from openpyxl import load_workbook

    out, _ = exported
    path = next(out.glob("各镇（街道）项目数（按等级）_朱泾镇_*.xlsx"))
    sheet = load_workbook(io.BytesIO(path.read_bytes())).active
    assert [c.value for c in sheet[2]] == ["枫泾镇", "十大创新项目", 1, "否"]
    assert [c.value for c in sheet[4]] == ["朱泾镇", "十大创新项目", 1, "是"]


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
    from metrics.filters import Filters
    from metrics.load import load_dataset
    from metrics.page_charts import page_charts

    charts = page_charts(load_dataset(DATA), Filters(), "zh")["themes"]
    data = export.bundle_zip(charts, formats=("csv",))
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert len(names) == 3
    assert names[0].startswith("01_治理主题出现频次（按等级）_")
