"""Export layer: real bytes out, opened again with the libraries an official's PC would use."""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from concurrent.futures import ThreadPoolExecutor

import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest
from conftest import DATA
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from metrics import export
from metrics.analysis import briefing
from metrics.export import (
    SIZES,
    ChartExport,
    bundle_zip,
    export_available,
    neutralise_cell,
    print_figure,
    safe_filename,
    to_csv_bytes,
    to_png_bytes,
    to_pptx_bytes,
    to_svg_bytes,
    to_xlsx_bytes,
)
from metrics.export import images as export_images

DAY = dt.date(2018, 12, 1)
ARTICLE = "一枝独秀不是春 百花齐放春满园——金山区2018年社会建设创新项目巡礼"  # datapackage.json
CAPTION = "来源：金山区2018年社会建设创新项目巡礼 · 筛选：朱泾镇"
INJECTIONS = ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"]
FORBIDDEN = set(':/\\*?"<>|')


def make_chart(key: str = "towns_tier_stack", title: str = "各镇项目数（按等级）") -> ChartExport:
    data = pd.DataFrame(
        {"镇": ["朱泾镇", "枫泾镇", "亭林镇"], "创新项目": [3, 5, 2], "优秀项目": [1, 2, 0]}
    )
    fig = go.Figure(
        [
            go.Bar(name="创新项目", x=data["镇"], y=data["创新项目"]),
            go.Bar(name="优秀项目", x=data["镇"], y=data["优秀项目"]),
        ]
    )
    fig.update_layout(barmode="stack", title="dashboard title", paper_bgcolor="#0e1117")
    return ChartExport(key=key, title=title, figure=fig, data=data, caption=CAPTION)


@pytest.fixture(scope="module")
def chart() -> ChartExport:
    return make_chart()


@pytest.fixture
def injected() -> pd.DataFrame:
    return pd.DataFrame({"名称": [*INJECTIONS, "朱泾镇"], "数值": [-5, 0, 1, 2, 3, 4, 5]})


# ---------------------------------------------------------------- file names


@pytest.mark.parametrize(
    "parts",
    [
        ("各镇项目数（按等级）",),
        ('a:b/c\\d*e?f"g<h>i|j',),
        ("  朱泾镇 \t\n 枫泾镇  ", "tab\x00\x1f\x7f"),
        ("..hidden..", "trail. "),
        ("\u202egnp.exe",),
        ("", "   ", "///"),
        ("项目" * 200,),
    ],
)
def test_safe_filename_is_valid_everywhere(parts):
    name = safe_filename(*parts, ext="png", day=DAY)
    assert name.endswith("_2018-12-01.png")
    assert not FORBIDDEN & set(name)
    assert not any(ord(ch) < 32 or ord(ch) == 127 or ch == "\u202e" for ch in name)
    assert "  " not in name
    assert not name.startswith((".", " "))
    assert len(name) <= 120
    assert len(name.encode("utf-8")) <= 200
    assert len(name) > len("_2018-12-01.png")


def test_safe_filename_keeps_chinese_and_joins_parts():
    assert safe_filename("各镇项目数", "朱泾镇", ext=".CSV", day=DAY) == (
        "各镇项目数_朱泾镇_2018-12-01.csv"
    )


def test_safe_filename_defaults_to_today():
    assert dt.date.today().isoformat() in safe_filename("x", ext="png")


@pytest.mark.parametrize("reserved", ["CON", "nul", "Com1", "LPT9", "aux"])
def test_safe_filename_avoids_windows_reserved_names(reserved):
    stem = safe_filename(reserved, ext="txt", day=DAY).split(".")[0]
    assert stem.upper() not in {"CON", "NUL", "COM1", "LPT9", "AUX"}
    assert reserved in stem


def test_safe_filename_reserved_name_before_a_dot():
    # Windows reserves "CON.anything" too: the name before the first dot is what counts.
    name = safe_filename("con.txt", ext="csv", day=DAY)
    assert name.split(".")[0].upper() != "CON"


# ---------------------------------------------------------------- tables


@pytest.mark.parametrize("text", INJECTIONS)
def test_neutralise_cell_prefixes_formula_text(text):
    assert neutralise_cell(text) == "'" + text


@pytest.mark.parametrize("value", [-5, -2.5, 0, None, "朱泾镇", "a=1", "'=1"])
def test_neutralise_cell_leaves_other_values_alone(value):
    assert neutralise_cell(value) == value
    assert type(neutralise_cell(value)) is type(value)


def test_csv_has_bom_and_round_trips_chinese(chart):
    raw = to_csv_bytes(chart.data)
    assert raw.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert list(back.columns) == ["镇", "创新项目", "优秀项目"]
    assert back["镇"].tolist() == ["朱泾镇", "枫泾镇", "亭林镇"]
    assert back["创新项目"].tolist() == [3, 5, 2]


def test_csv_neutralises_injections_and_keeps_numbers(injected):
    back = pd.read_csv(
        io.BytesIO(to_csv_bytes(injected)), encoding="utf-8-sig", keep_default_na=False
    )
    assert back["名称"].tolist() == ["'" + s for s in INJECTIONS] + ["朱泾镇"]
    assert back["数值"].tolist() == [-5, 0, 1, 2, 3, 4, 5]
    assert pd.api.types.is_integer_dtype(back["数值"])


def test_csv_neutralises_header_and_keeps_named_index():
    df = pd.DataFrame({"=HYPERLINK()": [1]}, index=pd.Index(["朱泾镇"], name="镇"))
    back = pd.read_csv(io.BytesIO(to_csv_bytes(df)), encoding="utf-8-sig")
    assert list(back.columns) == ["镇", "'=HYPERLINK()"]


def _sheet_rows(raw: bytes) -> list[tuple]:
    ws = openpyxl.load_workbook(io.BytesIO(raw)).active
    return list(ws.iter_rows(values_only=True))


def test_xlsx_holds_values_with_bold_header(chart):
    raw = to_xlsx_bytes(chart.data, sheet_name="各镇项目数")
    wb = openpyxl.load_workbook(io.BytesIO(raw))
    ws = wb.active
    assert ws.title == "各镇项目数"
    assert [c.value for c in ws[1]] == ["镇", "创新项目", "优秀项目"]
    assert all(c.font.b for c in ws[1])
    assert list(ws.iter_rows(min_row=2, values_only=True)) == [
        ("朱泾镇", 3, 1),
        ("枫泾镇", 5, 2),
        ("亭林镇", 2, 0),
    ]
    assert ws.column_dimensions["A"].width >= 8


def test_xlsx_neutralises_injections_and_keeps_numbers(injected):
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(injected))).active
    names = [ws.cell(row=r, column=1) for r in range(2, 9)]
    numbers = [ws.cell(row=r, column=2) for r in range(2, 9)]
    assert [c.value for c in names] == ["'" + s for s in INJECTIONS] + ["朱泾镇"]
    assert all(c.data_type == "s" for c in names)
    assert [c.value for c in numbers] == [-5, 0, 1, 2, 3, 4, 5]
    assert all(c.data_type == "n" for c in numbers)


def test_xlsx_handles_missing_values_and_hidden_formula():
    df = pd.DataFrame({"a": [1.5, None], "b": ["\x01=1+1", "朱泾镇"], "c": [pd.NA, 2]})
    assert _sheet_rows(to_xlsx_bytes(df))[1:] == [(1.5, "'=1+1", None), (None, "朱泾镇", 2)]


def test_xlsx_sheet_name_is_made_legal():
    raw = to_xlsx_bytes(pd.DataFrame({"a": [1]}), sheet_name="各镇/项目:数[按等级]" * 3)
    title = openpyxl.load_workbook(io.BytesIO(raw)).active.title
    assert len(title) <= 31
    assert not set("[]:*?/\\") & set(title)


# ---------------------------------------------------------------- figures


def test_print_figure_is_a_styled_copy(chart):
    original = chart.figure.to_json()
    fig = print_figure(chart, "slide")
    assert chart.figure.to_json() == original
    assert (fig.layout.width, fig.layout.height) == SIZES["slide"] == (1280, 720)
    assert fig.layout.paper_bgcolor == "white"
    assert fig.layout.plot_bgcolor == "white"
    assert "各镇项目数" in fig.layout.title.text
    assert fig.layout.font.family.startswith("Noto Sans CJK SC")
    (note,) = fig.layout.annotations
    assert note.text == CAPTION
    # The caption must sit inside the bottom margin, i.e. within the image.
    assert note.yanchor == "bottom"
    assert 0 < -note.yshift < fig.layout.margin.b


def test_print_figure_wraps_a_long_caption_and_escapes_markup():
    base = make_chart()
    caption = "筛选：" + "朱泾镇、" * 60 + "<b>"
    long = ChartExport(base.key, base.title, base.figure, base.data, caption)
    fig = print_figure(long, "a4")
    (note,) = fig.layout.annotations
    assert note.text.count("<br>") >= 1
    assert "&lt;b&gt;" in note.text
    assert fig.layout.margin.b > print_figure(make_chart(), "a4").layout.margin.b


def test_print_figure_reserves_room_for_steeper_slanted_labels():
    # The theme matrices slant their labels at -40°: they hang lower than at -30° and must not
    # run into the axis title and the caption under them.
    base = make_chart()

    def bottom(angle: int) -> int:
        fig = go.Figure(go.Bar(x=["社会组织与共建单位", "妇女"], y=[1, 2]))
        fig.update_layout(xaxis={"tickangle": angle, "title": {"text": "主题"}})
        slanted = ChartExport(base.key, base.title, fig, base.data, base.caption)
        return print_figure(slanted, "a4").layout.margin.b

    assert bottom(-40) > bottom(-30)


def test_print_figure_rejects_unknown_size(chart):
    with pytest.raises(ValueError, match="a4"):
        print_figure(chart, "letter")


def test_png_has_exact_pixel_size(chart):
    raw = to_png_bytes(chart, size="a4", scale=2)
    with Image.open(io.BytesIO(raw)) as img:
        assert img.format == "PNG"
        assert img.size == (1123 * 2, 794 * 2)
        # White paper, not the dashboard's dark background.
        assert img.convert("RGB").getpixel((5, 5)) == (255, 255, 255)


def test_png_slide_size_at_scale_one(chart):
    with Image.open(io.BytesIO(to_png_bytes(chart, size="slide", scale=1))) as img:
        assert img.size == (1280, 720)


def test_svg_parses_and_holds_chinese_text(chart):
    root = ET.fromstring(to_svg_bytes(chart))
    assert root.tag.endswith("svg")
    # itertext: bold titles put their words in a <tspan> inside the <text>.
    texts = "".join("".join(el.itertext()) for el in root.iter() if el.tag.endswith("}text"))
    assert "各镇项目数" in texts
    assert "朱泾镇" in texts
    assert "来源：金山区2018年社会建设创新项目巡礼" in texts


def test_zip_holds_one_file_per_chart_and_format():
    charts = [make_chart("a", "各镇项目数"), make_chart("b", "各镇项目数"), make_chart("c", "等级")]
    seen = []
    raw = bundle_zip(
        charts, formats=("png", "svg", "csv"), progress=lambda f, m: seen.append(f), day=DAY
    )
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        names = zf.namelist()
        assert names == export.bundle_names(charts, ("png", "svg", "csv"), day=DAY)
        assert len(set(names)) == 9
        assert names[0] == safe_filename("01", "各镇项目数", ext="png", day=DAY)
        assert zf.read(names[2]).startswith(b"\xef\xbb\xbf")
        with Image.open(io.BytesIO(zf.read(names[0]))) as img:
            assert img.size == (1123 * 2, 794 * 2)
    assert seen[0] == 0.0
    assert seen[-1] == pytest.approx(1.0)
    assert seen == sorted(seen)


def test_zip_rejects_unknown_format(chart):
    with pytest.raises(ValueError, match="pdf"):
        bundle_zip([chart], formats=("pdf",))


def test_pptx_has_one_slide_per_chart_with_picture():
    charts = [make_chart("a", "各镇项目数"), make_chart("b", "各等级项目数")]
    prs = Presentation(io.BytesIO(to_pptx_bytes(charts, heading="金山区项目对比", day=DAY)))
    assert prs.slide_width * 9 == prs.slide_height * 16
    assert len(prs.slides) == len(charts)
    for slide, chart in zip(prs.slides, charts, strict=True):
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1
        assert pictures[0].image.content_type == "image/png"
        text = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        assert chart.title in text
        assert CAPTION in text
        assert "金山区项目对比" in text


# ---------------------------------------------------------------- the shared browser


def _png_size(raw: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(raw)) as img:
        return img.size


def test_concurrent_renders_from_many_threads(chart):
    # Streamlit runs each session's script in its own thread, all sharing one Chromium.
    with ThreadPoolExecutor(max_workers=4) as pool:
        sizes = list(pool.map(lambda _: _png_size(to_png_bytes(chart, scale=1)), range(8)))
    assert sizes == [(1123, 794)] * 8


def test_render_survives_a_crashed_browser(chart):
    to_png_bytes(chart, scale=1)
    export_images._get_renderer()._kaleido.subprocess.kill()
    assert _png_size(to_png_bytes(chart, scale=1)) == (1123, 794)


def test_render_after_shutdown_starts_a_new_browser(chart):
    export.shutdown()
    assert export_images._renderer is None
    assert _png_size(to_png_bytes(chart, scale=1)) == (1123, 794)


# ---------------------------------------------------------------- availability


def test_export_available_when_browser_present():
    export_available.cache_clear()
    assert export_available() == (True, "")


def test_export_available_explains_missing_browser(monkeypatch, tmp_path):
    missing = tmp_path / "no-such-chromium"
    monkeypatch.setenv("BROWSER_PATH", str(missing))
    export_available.cache_clear()
    try:
        ok, reason = export_available()
    finally:
        export_available.cache_clear()
    assert ok is False
    assert "apt-get install chromium fonts-noto-cjk" in reason
    assert str(missing) in reason
    assert "Chromium" in reason


def test_export_available_speaks_english_on_request(monkeypatch, tmp_path):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-chromium"))
    export_available.cache_clear()
    try:
        ok, reason = export_available("en")
    finally:
        export_available.cache_clear()
    assert ok is False
    assert reason.startswith("Chart images are unavailable")
    assert "apt-get install chromium fonts-noto-cjk" in reason


def test_export_available_explains_missing_chinese_fonts(monkeypatch):
    monkeypatch.setattr(export_images, "_cjk_font_missing", lambda: True)
    export_available.cache_clear()
    try:
        ok, reason = export_available()
    finally:
        export_available.cache_clear()
    assert ok is False
    assert "字体" in reason
    assert "fonts-noto-cjk" in reason


def test_png_raises_plainly_when_browser_missing(monkeypatch, tmp_path, chart):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "gone"))
    with pytest.raises(export.ExportUnavailableError, match=re.escape("apt-get install")):
        to_png_bytes(chart)


# ---------------------------------------------------------------- briefing: numbers, ZIP, deck
# Counted by hand (see test_pages.py): all data 20 projects in 11 towns plus 区级; 名 participants
# 2000多 (JS2018-01) + 425 + 91 + 30多 = ≥2,546; funding 970,000 元 (JS2018-14, 97万元).
# 朱泾镇: JS2018-06 (no figures) and JS2018-15 (30多名), no funding figure.


@pytest.fixture(scope="module")
def dataset():
    from metrics.data.load import load_dataset

    return load_dataset(DATA)


def _brief(dataset, towns=(), lang="zh"):
    from metrics.analysis.filters import Filters

    return briefing.build(dataset, Filters(towns=tuple(towns)), lang, day=DAY)


@pytest.mark.parametrize(
    ("towns", "lang", "values"),
    [
        ((), "zh", ["20", "11", "≥2,546 名", "970,000 元"]),
        (("朱泾镇",), "zh", ["2", "1", "≥30 名", "未披露"]),
        (("朱泾镇",), "en", ["2", "1", "≥30 people", "not disclosed"]),
    ],
)
def test_briefing_headline_numbers(dataset, towns, lang, values):
    brief = _brief(dataset, towns, lang)
    assert [row.value for row in brief.headline] == values
    assert brief.article == ARTICLE
    assert brief.day == DAY


def test_briefing_lists_the_filtered_projects(dataset):
    brief = _brief(dataset, ["朱泾镇"])
    assert brief.filters_text == "朱泾镇"
    assert brief.projects == (
        briefing.ProjectRow(
            "JS2018-06", "钟楼in家园 社区一家人", "朱泾镇", "十大创新项目", "金山区2018年"
        ),
        briefing.ProjectRow(
            "JS2018-15",
            "“花漾奶奶自治团” 守望相助提升社区温度",
            "朱泾镇",
            "十大优秀项目",
            "金山区2018年",
        ),
    )
    assert len(_brief(dataset).projects) == 20


# The headline tables name the briefing's edition (#12); these hand-made charts name none.
ZHUJING_BUNDLE = [
    "README.txt",
    "00_核心数字_金山区2018年_朱泾镇_2018-12-01.csv",
    "00_核心数字_金山区2018年_朱泾镇_2018-12-01.xlsx",
    "01_各镇项目数_朱泾镇_2018-12-01.png",
    "01_各镇项目数_朱泾镇_2018-12-01.svg",
    "01_各镇项目数_朱泾镇_2018-12-01.csv",
    "01_各镇项目数_朱泾镇_2018-12-01.xlsx",
    "02_等级_朱泾镇_2018-12-01.png",
    "02_等级_朱泾镇_2018-12-01.svg",
    "02_等级_朱泾镇_2018-12-01.csv",
    "02_等级_朱泾镇_2018-12-01.xlsx",
]


def check_bundle(raw: bytes, names: list[str], filters_text: str, headline: list[str]) -> None:
    """Every member opens as what its name says; README and headline table say the edition
    (the bundled one, the only one of the library) and the filters."""
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        assert zf.namelist() == names
        members = {name: zf.read(name) for name in names}
    for name, payload in members.items():
        if name.endswith(".png"):
            with Image.open(io.BytesIO(payload)) as img:
                assert img.format == "PNG" and img.size == (1123 * 2, 794 * 2), name
        elif name.endswith(".svg"):
            assert ET.fromstring(payload).tag.endswith("svg"), name
        elif name.endswith(".csv"):
            assert payload.startswith(b"\xef\xbb\xbf"), name
            assert payload.decode("utf-8-sig").count("\n") >= 2, name
        elif name.endswith(".xlsx"):
            assert openpyxl.load_workbook(io.BytesIO(payload)).active.max_row >= 2, name
    readme = members["README.txt"]
    assert readme.startswith(b"\xef\xbb\xbf")  # Windows Notepad reads it as UTF-8
    text = readme.decode("utf-8-sig")
    assert ARTICLE in text
    assert "来源：金山区2018年社会建设创新项目巡礼" in text
    assert f"筛选：{filters_text}" in text
    assert "版本：金山区2018年\r\n" in text
    assert "≥ 表示原文为“余”或“多”，即至少该数" in text
    for value in headline:
        assert value in text
    for name in names[1:]:
        assert f"  {name}\r\n" in text
    table = pd.read_csv(io.BytesIO(members[names[1]]), encoding="utf-8-sig")
    assert list(table.columns) == ["指标", "数值", "说明", "版本", "筛选"]
    assert table["指标"].tolist() == [
        "项目数",
        "覆盖镇（街道）",
        "参与人数（已披露）",
        "已披露经费",
    ]
    assert table["数值"].astype(str).tolist() == headline
    assert set(table["筛选"]) == {filters_text}
    assert set(table["版本"]) == {"金山区2018年"}
    sheet = openpyxl.load_workbook(io.BytesIO(members[names[2]])).active
    assert [c.value for c in sheet["B"]][1:] == headline


def test_zip_with_briefing_holds_readme_headline_and_four_files_per_chart(dataset):
    charts = [make_chart("a", "各镇项目数"), make_chart("b", "等级")]
    raw = bundle_zip(charts, briefing=_brief(dataset, ["朱泾镇"]))
    check_bundle(raw, ZHUJING_BUNDLE, "朱泾镇", ["2", "1", "≥30 名", "未披露"])


def slide_texts(prs) -> list[str]:
    texts = []
    for slide in prs.slides:
        parts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        for shape in slide.shapes:
            if shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
        texts.append("\n".join(parts))
    return texts


def test_pptx_opens_with_headline_numbers_and_ends_with_the_projects(dataset):
    charts = [make_chart("a", "各镇项目数"), make_chart("b", "各等级项目数")]
    raw = to_pptx_bytes(charts, heading="金山区项目对比", briefing=_brief(dataset, ["朱泾镇"]))
    prs = Presentation(io.BytesIO(raw))
    texts = slide_texts(prs)
    assert len(texts) == len(charts) + 2
    first, last = texts[0], texts[-1]
    for value in ["金山区项目对比", "版本：金山区2018年 · 筛选：朱泾镇", "2018-12-01", ARTICLE]:
        assert value in first
    for label, value in [("项目数", "2"), ("覆盖镇（街道）", "1"), ("参与人数（已披露）", "≥30 名"),
                         ("已披露经费", "未披露")]:  # fmt: skip
        assert f"{label}\n{value}" in first
    assert "各镇项目数" in texts[1] and "各等级项目数" in texts[2]
    assert "项目清单" in last
    assert "JS2018-06\n钟楼in家园 社区一家人\n朱泾镇\n十大创新项目" in last
    assert "JS2018-15\n“花漾奶奶自治团” 守望相助提升社区温度\n朱泾镇\n十大优秀项目" in last
    assert "JS2018-01" not in last


def test_pptx_lists_many_projects_twelve_to_a_slide(dataset):
    raw = to_pptx_bytes([make_chart()], heading="百花", briefing=_brief(dataset))
    texts = slide_texts(Presentation(io.BytesIO(raw)))
    assert len(texts) == 1 + 1 + 2  # title, chart, projects 1-12 and 13-20
    for value in ["20", "11", "≥2,546 名", "970,000 元", "筛选：全部项目"]:
        assert value in texts[0]
    assert "项目清单 (1/2)" in texts[2] and "项目清单 (2/2)" in texts[3]
    assert [f"JS2018-{n:02d}" in texts[2] for n in range(1, 21)] == [True] * 12 + [False] * 8
    assert [f"JS2018-{n:02d}" in texts[3] for n in range(1, 21)] == [False] * 12 + [True] * 8


# ---------------------------------------------------------------- the dashboard's buttons


def _download(at, served, label: str) -> tuple[str, bytes]:
    """What clicking the download button labelled `label` delivers: its file name and bytes."""
    (button,) = [d for d in at.get("download_button") if d.label == label]
    return served[button.proto.url]


def test_dashboard_prepares_zip_and_deck_and_keeps_both(app, served):
    at = app("overview", town="朱泾镇")
    labels = [b.label for b in at.button]
    assert "准备 ZIP（图片+数据）" in labels and "准备汇报幻灯片（PPTX）" in labels
    assert not [d for d in at.get("download_button") if d.label.startswith("下载")]

    at.button(key="prepare_zip_overview").click().run()
    assert not at.exception, [e.value for e in at.exception]
    today = dt.date.today().isoformat()
    name, bundle = _download(at, served, "下载 ZIP")
    # Named for the page, the edition shown (#12), the filters and the day.
    assert name == f"总览_金山区2018年_朱泾镇_{today}.zip"
    assert name in [c.value for c in at.caption]
    titles = [
        "各镇（街道）项目数（按等级）",
        "治理主题出现频次（按等级）",
        "金山区示意图：项目数（个）",
        "经费披露情况（项目数）",
    ]
    stem = f"金山区2018年_朱泾镇_{today}"
    names = ["README.txt", f"00_核心数字_{stem}.csv", f"00_核心数字_{stem}.xlsx"]
    names += [
        f"{n:02d}_{title}_{stem}.{ext}"
        for n, title in enumerate(titles, 1)
        for ext in ("png", "svg", "csv", "xlsx")
    ]
    check_bundle(bundle, names, "朱泾镇", ["2", "1", "≥30 名", "未披露"])

    at.button(key="prepare_pptx_overview").click().run()
    assert not at.exception, [e.value for e in at.exception]
    # Building the deck keeps the ZIP on offer.
    assert _download(at, served, "下载 ZIP") == (name, bundle)
    name, deck = _download(at, served, "下载 PPTX")
    assert name == f"总览_金山区2018年_朱泾镇_{today}.pptx"
    texts = slide_texts(Presentation(io.BytesIO(deck)))
    assert len(texts) == len(titles) + 2
    assert "≥30 名" in texts[0] and "JS2018-15" in texts[-1]

    # Other filters: the prepared files no longer match them, so they are not offered.
    at.session_state["f_town"] = ["枫泾镇"]
    at.run()
    assert any("筛选\\: 枫泾镇" in c.value for c in at.caption), [c.value for c in at.caption]
    assert not [d for d in at.get("download_button") if d.label.startswith("下载")]


def test_dashboard_zip_follows_a_chart_click(app, served):
    # A click on 朱泾镇 (from the link's xf) filters the headline numbers; the ZIP says the same.
    at = app("overview", xf="town:朱泾镇")
    at.button(key="prepare_zip_overview").click().run()
    assert not at.exception, [e.value for e in at.exception]
    today = dt.date.today().isoformat()
    name, bundle = _download(at, served, "下载 ZIP")
    assert name == f"总览_金山区2018年_朱泾镇_{today}.zip"
    with zipfile.ZipFile(io.BytesIO(bundle)) as zf:
        table = zf.read(f"00_核心数字_金山区2018年_朱泾镇_{today}.csv").decode("utf-8-sig")
    # 朱泾镇: JS2018-06 and JS2018-15 (30多名); neither gives or mentions funding.
    values = [line.split(",")[:2] for line in table.splitlines()[1:5]]
    assert values == [
        ["项目数", "2"],
        ["覆盖镇（街道）", "1"],
        ["参与人数（已披露）", "≥30 名"],
        ["已披露经费", "未披露"],
    ]


def test_an_english_caption_wraps_between_words():
    """The exported caption of a chart highlighting Zhujing once read "Highlighted: Zhuj / ing"."""
    from metrics.export.images import _wrap

    text = "Filters: Party-building leadership  ·  Highlighted: Zhujing"
    # At 330 px the old wrap gave "… Highlighted: Z" / "hujing".
    assert _wrap(text, 330, 13) == [
        "Filters: Party-building leadership  ·  Highlighted:",
        "Zhujing",
    ]
    # Chinese still breaks between any two characters, as before.
    assert _wrap("来源：金山区2018年社会建设创新项目巡礼", 120, 13)[0].startswith("来源：金山")
