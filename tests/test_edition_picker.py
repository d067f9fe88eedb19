"""The edition picker and edition-aware captions, downloads and /data, with AppTest and the CLI.

The library: the bundled jinshan-2018 plus a made-up jinshan-2020 holding only the bundled
projects 01-05 (tests/editions.py; it never ships). Counted by hand from
data/jinshan-2018/projects.csv and figures.csv:

- 2018 (all 20 projects): 11 towns and 区级 (4 projects, 01 02 05 10; not a town since #21),
  ≥2,546 名 taking part (2000多 JS2018-01 + 425 JS2018-10 + 91 JS2018-13 + 30多 JS2018-15),
  970,000 元 (JS2018-14).
- 2020 (projects 01-05): 2 towns and 区级 (01, 02, 05 区级; 03 金山工业区; 04 张堰镇),
  ≥2,000 名 (only JS2020-01's 2000多 河长), no funding amount (JS2018-14 is not among them): 未披露.
  Projects per town by tier: 张堰镇 excellent 1 (04), 金山工业区 excellent 1 (03), 区级
  innovation 3 (01, 02, 05). Without figures: 03 and 04 (figures.csv has none for them).
- Both: 25 projects, 11 towns and 区级 (7 projects), ≥4,546 名, 970,000 元.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from conftest import ROOT
from editions import bundled_into, derive_edition, keep_projects
from pptx import Presentation
from streamlit.testing.v1 import AppTest

LATEST = "jinshan-2020"
LABELS = {"zh": ("金山区2018年", "金山区2020年"), "en": ("Jinshan 2018", "Jinshan 2020")}
HEAD_2020 = {"项目数": "5", "覆盖镇（街道）": "2", "参与人数（已披露）": "≥2,000 名",
             "已披露经费": "未披露"}  # fmt: skip
HEAD_2018 = {"项目数": "20", "覆盖镇（街道）": "11", "参与人数（已披露）": "≥2,546 名",
             "已披露经费": "970,000 元"}  # fmt: skip
HEAD_BOTH = {"项目数": "25", "覆盖镇（街道）": "11", "参与人数（已披露）": "≥4,546 名",
             "已披露经费": "970,000 元"}  # fmt: skip


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("editions") / "library"
    folder.mkdir()
    bundled_into(folder)
    derive_edition(folder / LATEST, 2020, keep_projects([1, 2, 3, 4, 5]))
    return folder


@pytest.fixture
def on_library(monkeypatch, library) -> Path:
    monkeypatch.setenv("BAIHUA_DATA", str(library))
    return library


def run_app(path: str, **params) -> AppTest:
    at = AppTest.from_file(str(ROOT / path), default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics_of(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def captions(at) -> list[str]:
    # Markdown escapes (\: and \-) removed: the text as a reader sees it.
    return [re.sub(r"\\(.)", r"\1", c.value) for c in at.caption]


def picker(at):
    found = [m for m in at.sidebar.multiselect if m.key == "f_edition"]
    return found[0] if found else None


def editions_in_url(at) -> list[str]:
    value = at.query_params.get("edition", [])
    return [value] if isinstance(value, str) else list(value)


# --- the picker --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "line"), [("zh", "版本：金山区2018年"), ("en", "Edition: Jinshan 2018")]
)
def test_no_picker_and_no_edition_in_the_url_with_one_edition(monkeypatch, lang, line):
    monkeypatch.delenv("BAIHUA_DATA", raising=False)  # the bundled library: one edition
    at = run_app("dashboard.py", lang=lang, edition="jinshan-2018")
    assert picker(at) is None
    assert "edition" not in at.query_params
    assert list(metrics_of(at).values())[0] == "20"
    assert all(line in text for text in captions(at)), captions(at)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_picker_first_in_the_bar_defaults_to_the_latest(on_library, lang):
    at = run_app("dashboard.py", lang=lang)
    box = picker(at)
    assert box is not None
    assert box.label == ("Edition" if lang == "en" else "版本")
    assert box.options == list(LABELS[lang])
    assert box.value == [LATEST]
    assert "2020" in box.help and ("latest" in box.help if lang == "en" else "全部移除" in box.help)
    # First of the filters: before town, tier, theme and unit level.
    assert [m.key for m in at.sidebar.multiselect][0] == "f_edition"
    assert "edition" not in at.query_params  # the default is left out, as every default is
    shown = list(metrics_of(at).values())
    assert shown[:2] == ["5", "2"]  # 03 金山工业区, 04 张堰镇; 01 02 05 are 区级
    if lang == "zh":
        assert metrics_of(at) == HEAD_2020
    line = "Edition: Jinshan 2020" if lang == "en" else "版本：金山区2020年"
    assert captions(at) and all(line in text for text in captions(at)), captions(at)


def test_choosing_both_editions_counts_both_and_writes_the_url(on_library):
    at = run_app("dashboard.py")
    at.multiselect(key="f_edition").select("jinshan-2018").run()
    assert metrics_of(at) == HEAD_BOTH
    assert sorted(editions_in_url(at)) == ["jinshan-2018", "jinshan-2020"]
    assert all("版本：金山区2018年、金山区2020年 · 筛选: 全部项目" in c for c in captions(at))

    at.multiselect(key="f_edition").set_value(["jinshan-2018"]).run()
    assert metrics_of(at) == HEAD_2018
    assert editions_in_url(at) == ["jinshan-2018"]


def test_removing_every_edition_brings_back_the_latest(on_library):
    at = run_app("dashboard.py", edition="jinshan-2018")
    assert metrics_of(at) == HEAD_2018
    at.multiselect(key="f_edition").set_value([]).run()
    assert at.multiselect(key="f_edition").value == [LATEST]
    assert metrics_of(at) == HEAD_2020
    assert "edition" not in at.query_params


def test_reset_returns_to_the_latest(on_library):
    at = run_app("dashboard.py", edition=["jinshan-2018", "jinshan-2020"], town="朱泾镇")
    # 朱泾镇 has JS2018-06 and JS2018-15, and no project in 2020 (01-05 are elsewhere).
    assert metrics_of(at)["项目数"] == "2"
    at.button(key="reset").click().run()
    assert at.multiselect(key="f_edition").value == [LATEST]
    assert metrics_of(at) == HEAD_2020
    assert dict(at.query_params) == {}


def test_unknown_edition_in_a_link_is_dropped_and_reported(on_library):
    at = run_app("dashboard.py", edition=["jinshan-1999", "jinshan-2018"])
    assert metrics_of(at) == HEAD_2018
    # At the top of the main area since #21, not below the sidebar's fold.
    warnings = [re.sub(r"\\(.)", r"\1", w.value) for w in at.main.warning]
    assert warnings == ["没有“jinshan-1999”这个版本，已忽略这一项。"], warnings
    at = run_app("dashboard.py", edition="jinshan-1999")
    assert metrics_of(at) == HEAD_2020  # nothing valid left: the latest


@pytest.mark.parametrize(
    ("lang", "editions", "projects", "line"),
    [
        ("zh", "jinshan-2018", "20", "版本：金山区2018年"),
        ("en", "jinshan-2018", "20", "Edition: Jinshan 2018"),
        ("zh", ["jinshan-2018", "jinshan-2020"], "25", "版本：金山区2018年、金山区2020年"),
        ("en", ["jinshan-2018", "jinshan-2020"], "25", "Editions: Jinshan 2018, Jinshan 2020"),
    ],
)
def test_a_link_opens_its_editions(on_library, lang, editions, projects, line):
    at = run_app("pages/overview.py", lang=lang, edition=editions)
    assert list(metrics_of(at).values())[0] == projects
    assert all(line in text for text in captions(at)), captions(at)


@pytest.mark.parametrize(
    ("lang", "line"), [("zh", "版本：金山区2020年"), ("en", "Edition: Jinshan 2020")]
)
@pytest.mark.parametrize("page", ["towns", "themes", "figures", "projects"])
def test_every_page_names_its_edition(on_library, page, lang, line):
    at = run_app(f"pages/{page}.py", lang=lang)
    assert captions(at), page
    # The captions that carry the source (charts, the project list) name the edition too.
    sourced = [c for c in captions(at) if c.startswith(("来源", "Source")) or "· 来源" in c
               or "· Source" in c]  # fmt: skip
    assert sourced and all(line in c for c in sourced), captions(at)


def test_project_detail_names_its_edition(on_library):
    at = run_app("pages/projects.py", project="JS2020-03", lang="en")
    text = "\n".join(m.value for m in at.markdown)
    assert "**Edition**: Jinshan 2020" in text
    at = run_app("pages/projects.py", project="JS2018-03")
    assert "**版本**：金山区2018年" in "\n".join(m.value for m in at.markdown)


# --- /data ---------------------------------------------------------------------------------------


def plain(at) -> str:
    return re.sub(r"\\(.)", r"\1", "\n".join(m.value for m in at.markdown))


def test_data_page_names_the_edition_shown_and_lists_the_library(on_library):
    text = plain(run_app("pages/data.py"))
    assert "本页显示：**金山区2020年**。资料库共有 2 期，从早到晚：" in text
    article = "一枝独秀不是春 百花齐放春满园——金山区2018年社会建设创新项目巡礼"
    assert (
        "- **金山区2018年**：金山区2018年社会建设创新项目巡礼；金山区，2018年；"
        f"来源：文章《{article}》；发布日期：未注明"
    ) in text
    assert (
        "- **金山区2020年（本页显示）**：测试用：金山区2020年（由2018年数据改写）；金山区，2020年；"
        f"来源：文章《{article}》；发布日期：未注明"
    ) in text
    # The explanation counts the edition shown: 5 projects, 2 of them (03, 04) without figures.
    assert "**这是什么**：测试用：金山区2020年（由2018年数据改写）介绍的 5 个项目" in text
    assert "5 个项目中有 2 个原文未给出任何数字" in text


def test_data_page_in_english_with_both_editions(on_library):
    text = plain(run_app("pages/data.py", lang="en", edition=["jinshan-2018", "jinshan-2020"]))
    assert "This page shows **Jinshan 2018, Jinshan 2020**. The library holds 2 editions" in text
    assert "- **Jinshan 2018 (shown here)**: Jinshan District 2018 Social-Construction" in text
    assert (
        "- **Jinshan 2020 (shown here)**: Test only: Jinshan 2020 (rewritten from 2018); " in text
    )
    assert "Jinshan, 2020; source: article " in text and "published: not stated" in text
    # 25 projects; without figures: the 6 of 2018 (03, 04, 06, 08, 09, 12) and 2020's 03, 04.
    assert "the article gives no number for 8 of the 25 projects" in text


def test_data_page_steward_note_says_a_new_edition_is_a_new_folder(on_library):
    at = run_app("pages/data.py")
    (expander,) = at.expander
    assert "新增一期即在 `data/` 下新建一个子文件夹" in expander.markdown[0].value


# --- exports -------------------------------------------------------------------------------------


def delivered(at, served, label: str) -> tuple[str, bytes]:
    (button,) = [d for d in at.get("download_button") if d.label == label]
    return served[button.proto.url]


def test_zip_and_deck_name_the_edition(on_library, served):
    at = run_app("pages/overview.py")
    at.button(key="prepare_zip_overview").click().run()
    assert not at.exception, [e.value for e in at.exception]
    today = dt.date.today().isoformat()
    stem = f"金山区2020年_全部项目_{today}"
    name, bundle = delivered(at, served, "下载 ZIP")
    assert name == f"总览_{stem}.zip"
    with zipfile.ZipFile(io.BytesIO(bundle)) as zf:
        readme = zf.read("README.txt").decode("utf-8-sig")
        headline = zf.read(f"00_核心数字_{stem}.csv").decode("utf-8-sig")
        towns = zf.read(f"01_各镇（街道）项目数（按等级）_{stem}.csv").decode("utf-8-sig")
    assert "版本：金山区2020年\r\n筛选：全部项目\r\n" in readme
    assert "  项目数：5\r\n" in readme
    assert headline.splitlines()[:3] == [
        "指标,数值,说明,版本,筛选",
        "项目数,5,,金山区2020年,全部项目",
        "覆盖镇（街道）,2,不含区级部门：另有区级部门的 3 个项目。,金山区2020年,全部项目",
    ]
    assert towns.splitlines() == [
        "版本,镇（街道）,等级,项目数（个）",
        "金山区2020年,张堰镇,十大优秀项目,1",
        "金山区2020年,金山工业区,十大优秀项目,1",
        "金山区2020年,区级,十大创新项目,3",
    ]

    at.button(key="prepare_pptx_overview").click().run()
    name, deck = delivered(at, served, "下载 PPTX")
    assert name == f"总览_{stem}.pptx"
    first = Presentation(io.BytesIO(deck)).slides[0]
    text = "\n".join(s.text_frame.text for s in first.shapes if s.has_text_frame)
    assert f"版本：金山区2020年 · 筛选：全部项目 · {today}" in text
    assert "项目数\n5" in text


@pytest.mark.parametrize(
    ("lang", "line", "column", "label"),
    [("zh", "版本：金山区2020年", "版本", "金山区2020年"),
     ("en", "Edition: Jinshan 2020", "Edition", "Jinshan 2020")],
)  # fmt: skip
def test_chart_table_and_image_caption_carry_the_edition(library, lang, line, column, label):
    from metrics.analysis.filters import Filters
    from metrics.charts.pages import page_charts, unique_charts
    from metrics.data.library import check_library
    from metrics.export import print_figure, to_csv_bytes, to_xlsx_bytes

    full = check_library(library).dataset
    charts = unique_charts(page_charts(full, Filters(editions=(LATEST,)), lang))
    assert charts
    for chart in charts:
        assert chart.editions == label, chart.title
        assert list(chart.data.columns)[0] == column, chart.title
        assert set(chart.data[column]) == {label}, chart.title
        assert line in chart.caption, chart.title
    chart = charts[0]
    (note,) = print_figure(chart).layout.annotations  # the PNG's and SVG's caption
    assert line in note.text
    back = pd.read_csv(io.BytesIO(to_csv_bytes(chart.data)), encoding="utf-8-sig")
    assert back.columns[0] == column and set(back[column]) == {label}
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(chart.data))).active
    assert sheet["A1"].value == column and sheet["A2"].value == label


def test_a_table_that_has_an_edition_column_keeps_it():
    from metrics.charts.chart import Chart

    data = pd.DataFrame({"版本": ["金山区2018年", "金山区2020年"], "项目数（个）": [20, 5]})
    chart = Chart("compare", "各期项目数", go.Figure(), data, "来源").with_editions(
        "金山区2018年、金山区2020年", "版本"
    )
    assert chart.data["版本"].tolist() == ["金山区2018年", "金山区2020年"]
    assert chart.editions == "金山区2018年、金山区2020年"


def test_cli_export_names_the_latest_edition(library, tmp_path):
    cli = [sys.executable, "-c", "from metrics.cli.main import main; raise SystemExit(main())"]
    result = subprocess.run(
        [*cli, "export", "--out", str(tmp_path), "--data", str(library), "--format", "csv"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    names = [p.name for p in tmp_path.iterdir()]
    assert names and all("_金山区2020年_全部项目_" in n for n in names), names
    (headline,) = tmp_path.glob("核心数字_金山区2020年_全部项目_*.csv")
    rows = headline.read_bytes().decode("utf-8-sig").splitlines()
    assert rows[1] == "项目数,5,,金山区2020年,全部项目"


def test_an_unknown_edition_alone_says_the_latest_is_shown(on_library):
    at = run_app("dashboard.py", edition="jinshan-1999")
    warnings = [re.sub(r"\\(.)", r"\1", w.value) for w in at.main.warning]
    assert warnings == ["没有“jinshan-1999”这个版本，已显示最新一期。"], warnings
