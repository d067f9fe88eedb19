"""The Word briefing (#14): real DOCX bytes, opened again with python-docx as Word would read them.

Expected values are counted by hand from data/jinshan-2018/*.csv:
- projects.csv has 20 rows (JS2018-01 … JS2018-20) in 11 towns plus 区级 (the headline
  counts 11 since #21); the town column reads 朱泾镇 on two rows only: JS2018-06
  (innovation) and JS2018-15 (excellent).
- figures.csv: JS2018-15 is the only 朱泾镇 project with a participant figure, 30 名 at_least
  ("30多名") → "≥30 名"; neither has a 元 figure → funding "未披露". The whole district's numbers
  (≥2,546 名, 970,000 元) are the ones test_export.py checks against the same CSVs.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import shutil
import subprocess
import sys

import pandas as pd
import pytest
from conftest import DATA
from docx import Document
from docx.oxml.ns import qn

from metrics.analysis import briefing
from metrics.analysis.filters import Filters
from metrics.charts.pages import page_charts
from metrics.export import DocSection, to_docx_bytes

DAY = dt.date(2018, 12, 1)
ARTICLE = "一枝独秀不是春 百花齐放春满园——金山区2018年社会建设创新项目巡礼"  # datapackage.json
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
ALL_IDS = [f"JS2018-{n:02d}" for n in range(1, 21)]
ZHUJING_IDS = ["JS2018-06", "JS2018-15"]

CASES = {
    ("zh", ()): {
        "title": "百花 · 金山区社会建设创新项目",
        "figure": "图",
        "edition": "版本：金山区2018年",
        "filters": "筛选：全部项目",
        "headline": [("项目数", "20"), ("覆盖镇（街道）", "11"),
                     ("参与人数（已披露）", "≥2,546 名"), ("已披露经费", "970,000 元")],
        "ids": ALL_IDS,
    },
    ("zh", ("朱泾镇",)): {
        "title": "百花 · 金山区社会建设创新项目",
        "figure": "图",
        "edition": "版本：金山区2018年",
        "filters": "筛选：朱泾镇",
        "headline": [("项目数", "2"), ("覆盖镇（街道）", "1"),
                     ("参与人数（已披露）", "≥30 名"), ("已披露经费", "未披露")],
        "ids": ZHUJING_IDS,
    },
    ("en", ()): {
        "title": "Baihua · Jinshan social-construction projects",
        "figure": "Figure",
        "edition": "Edition: Jinshan 2018",
        "filters": "Filters: all projects",
        "headline": [("Projects", "20"), ("Towns covered", "11"),
                     ("People taking part (disclosed)", "≥2,546 people"),
                     ("Disclosed funding", "970,000 yuan")],
        "ids": ALL_IDS,
    },
    ("en", ("朱泾镇",)): {
        "title": "Baihua · Jinshan social-construction projects",
        "figure": "Figure",
        "edition": "Edition: Jinshan 2018",
        "filters": "Filters: Zhujing",
        "headline": [("Projects", "2"), ("Towns covered", "1"),
                     ("People taking part (disclosed)", "≥30 people"),
                     ("Disclosed funding", "not disclosed")],
        "ids": ZHUJING_IDS,
    },
}  # fmt: skip


@pytest.fixture(scope="module")
def dataset():
    from metrics.data.load import load_dataset

    return load_dataset(DATA)


def _overview(dataset, towns, lang):
    """The overview page's charts (four, none empty) and the briefing for the same filters."""
    filters = Filters(towns=tuple(towns))
    charts = page_charts(dataset, filters, lang)["overview"]
    return charts, briefing.build(dataset, filters, lang, day=DAY)


def _texts(doc) -> list[str]:
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return [p.text for p in doc.paragraphs] + cells


def _rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def _pictures(doc) -> list[bytes]:
    blips = doc.element.body.iter(qn("a:blip"))
    return [doc.part.related_parts[b.get(qn("r:embed"))].blob for b in blips]


def _with_summary(chart, text: str):
    # A chart with other words (or none), set the way a frozen dataclass allows.
    chart = copy.copy(chart)
    object.__setattr__(chart, "summary", text)
    return chart


@pytest.fixture(scope="module", params=list(CASES), ids=lambda case: f"{case[0]}-{case[1]}")
def built(request, dataset):
    lang, towns = request.param
    charts, brief = _overview(dataset, towns, lang)
    raw = to_docx_bytes(charts, brief, heading=brief.title)
    return CASES[request.param], charts, Document(io.BytesIO(raw))


def test_title_date_edition_and_filters(built):
    want, _, doc = built
    assert doc.paragraphs[0].text == want["title"]
    assert doc.paragraphs[0].style.name == "Title"
    assert doc.paragraphs[1].text == f"{want['edition']} · {want['filters']} · 2018-12-01"
    assert ARTICLE in doc.paragraphs[2].text
    assert doc.core_properties.title == want["title"]


def test_headline_numbers_table(built):
    want, _, doc = built
    rows = _rows(doc.tables[0])
    assert [(label, value) for label, value, _note in rows[1:]] == want["headline"]


def test_one_real_png_per_chart_with_its_caption(built):
    want, charts, doc = built
    pictures = _pictures(doc)
    assert len(pictures) == len(charts) == 4
    assert all(p.startswith(PNG_MAGIC) for p in pictures)
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert len(captions) == 4
    for n, (chart, caption) in enumerate(zip(charts, captions, strict=True), 1):
        assert caption.endswith(chart.caption)
        assert caption.startswith(f"{want['figure']} {n}  ")  # i18n doc_figure, two spaces
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert headings == [c.title for c in charts]


def test_project_list_rows_with_edition_and_source(built):
    want, _, doc = built
    rows = _rows(doc.tables[-1])
    assert [r[0] for r in rows[1:]] == want["ids"]
    assert {r[-1] for r in rows[1:]} == {want["edition"].split("：")[-1].split(": ")[-1]}
    source = [p.text for p in doc.paragraphs if ARTICLE in p.text]
    assert len(source) == 2  # under the title and above the project list


def test_zhujing_projects_by_name(dataset):
    charts, brief = _overview(dataset, ["朱泾镇"], "zh")
    doc = Document(io.BytesIO(to_docx_bytes(charts[:1], brief)))
    assert _rows(doc.tables[-1]) == [
        ["编号", "项目", "镇（街道）", "等级", "版本"],
        ["JS2018-06", "钟楼in家园 社区一家人", "朱泾镇", "十大创新项目", "金山区2018年"],
        ["JS2018-15", "“花漾奶奶自治团” 守望相助提升社区温度", "朱泾镇", "十大优秀项目",
         "金山区2018年"],
    ]  # fmt: skip


def test_empty_chart_is_left_out_and_progress_reported(dataset):
    charts, brief = _overview(dataset, ["朱泾镇"], "zh")
    empty = copy.copy(charts[0])
    object.__setattr__(empty, "data", charts[0].data.iloc[0:0])
    seen = []
    raw = to_docx_bytes([empty, charts[1]], brief, progress=lambda f, m: seen.append((f, m)))
    doc = Document(io.BytesIO(raw))
    assert len(_pictures(doc)) == 1
    assert seen == [(0.0, ""), (1.0, charts[1].title)]


def test_summaries_at_the_top_and_under_each_chart(dataset):
    charts, brief = _overview(dataset, ["朱泾镇"], "zh")
    said = [_with_summary(charts[0], "朱泾镇有 2 个项目。"), _with_summary(charts[1], "")]
    doc = Document(io.BytesIO(to_docx_bytes(said, brief)))
    texts = [p.text for p in doc.paragraphs]
    top = texts.index("摘要")
    assert texts[top + 1] == f"{charts[0].title}：朱泾镇有 2 个项目。"
    assert texts.index("图表") > top
    assert texts.count("朱泾镇有 2 个项目。") == 1  # the paragraph under the chart's picture
    assert charts[1].title + "：" not in "".join(texts)  # no summary, no bullet


def test_every_chart_brings_its_own_summary(dataset):
    # 朱泾镇: JS2018-06 and JS2018-15 are its only rows in projects.csv, of 20.
    charts, brief = _overview(dataset, ["朱泾镇"], "zh")
    doc = Document(io.BytesIO(to_docx_bytes(charts, brief)))
    texts = [p.text for p in doc.paragraphs]
    top = texts.index("摘要")
    assert texts[top + 1 : top + 1 + len(charts)] == [f"{c.title}：{c.summary}" for c in charts]
    assert "突出显示的朱泾镇：2个项目（共20个项目）。" in charts[0].summary


def test_no_summary_heading_without_summaries(dataset):
    charts, brief = _overview(dataset, [], "zh")
    quiet = [_with_summary(c, "") for c in charts]
    doc = Document(io.BytesIO(to_docx_bytes(quiet, brief)))
    texts = [p.text for p in doc.paragraphs]
    assert not {"摘要", "Summary"} & set(texts)
    # The charts stay: the overview's four (charts/pages.py), none empty for all 20 projects.
    assert texts.count("图表") == 1
    assert len(_pictures(doc)) == 4


def test_doc_sections_render_as_headings_paragraphs_tables_and_children(dataset):
    charts, brief = _overview(dataset, ["朱泾镇"], "zh")
    table = pd.DataFrame({"主题": ["党建引领", "居村自治"], "项目数": [2, None]})
    child = DocSection("可借鉴的项目", ("枫泾镇的做法。",))
    section = DocSection("朱泾镇的空白", ("有两个主题没有项目。", "第二句。"), table, (child,))
    doc = Document(io.BytesIO(to_docx_bytes(charts[:1], brief, sections=[section])))
    styled = [(p.style.name, p.text) for p in doc.paragraphs]
    start = styled.index(("Heading 1", "朱泾镇的空白"))
    assert styled[start + 1 : start + 5] == [
        ("Normal", "有两个主题没有项目。"),
        ("Normal", "第二句。"),
        ("Heading 2", "可借鉴的项目"),
        ("Normal", "枫泾镇的做法。"),
    ]
    # The gap in the table says so, never 0; a count in a column with a gap stays "2".
    assert _rows(doc.tables[-1]) == [["主题", "项目数"], ["党建引领", "2"], ["居村自治", "未披露"]]


def test_sections_without_charts_need_no_pictures(dataset):
    # A town profile may hand sections and no chart: no picture, no "图表" heading.
    _, brief = _overview(dataset, ["朱泾镇"], "zh")
    seen = []
    section = DocSection("朱泾镇的空白", ("一句话。",))
    raw = to_docx_bytes([], brief, sections=[section], progress=lambda f, m: seen.append(f))
    doc = Document(io.BytesIO(raw))
    texts = [p.text for p in doc.paragraphs]
    assert _pictures(doc) == [] and "图表" not in texts
    assert texts[-2:] == ["朱泾镇的空白", "一句话。"]
    assert seen == [0.0, 1.0]


def test_chinese_font_and_language_for_word_and_wps(built):
    _, _, doc = built
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    assert defaults.find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    props = [defaults.find(qn("w:rPr"))]
    names = ("Normal", "Title", "Heading 1", "Heading 2", "Caption")
    props += [doc.styles[name].element.rPr for name in names]
    for name, rpr in zip(("defaults", *names), props, strict=True):
        fonts = rpr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == "Microsoft YaHei", name
        assert fonts.get(qn("w:eastAsiaTheme")) is None, name  # a theme font would win
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    widths = [shape.width.cm for shape in doc.inline_shapes]
    assert widths and max(widths) <= 17.0  # inside the 2 cm margins


def _export_docx(tmp_path, *towns: str):
    """`baihua export --format docx` for these towns: its stdout and the one file it wrote."""
    cli = [sys.executable, "-c", "from metrics.cli.main import main; raise SystemExit(main())"]
    args = ["export", "--out", str(tmp_path), "--data", str(DATA), "--format", "docx"]
    args += [arg for town in towns for arg in ("--town", town)]
    result = subprocess.run([*cli, *args], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    (path,) = tmp_path.iterdir()
    return result.stdout, path


def test_cli_writes_one_docx(tmp_path):
    stdout, path = _export_docx(tmp_path, "朱泾镇")
    assert path.name.startswith("百花 · 金山区社会建设创新项目_金山区2018年_朱泾镇_")
    assert path.suffix == ".docx"
    doc = Document(str(path))
    # The distinct non-empty charts of the pages (charts/pages.py) for 朱泾镇, counted by hand:
    # /towns 14 = the tier stack, 3 tile maps (TILE_MEASURES) and one total per unit over every
    # town (figures.csv: participants in 名 方 家 个 支, reach in 公里 条 人次 个 户);
    # /themes 3; /figures 3 = one per unit of 朱泾镇's figures (JS2018-15: 名, 岁) and the
    # funding disclosure (funding amounts is empty: no 元 figure for 朱泾镇, so left out);
    # the overview's four repeat charts above; no /compare with one edition. 14 + 3 + 3 = 20.
    assert stdout.strip().splitlines()[-1] == "1 file(s), 20 chart(s)"
    assert len(_pictures(doc)) == 20
    assert "筛选：朱泾镇" in doc.paragraphs[1].text
    # One town: its profile follows the project list, as /town words it (test_town_profile).
    heads = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    start = heads.index("本镇概况：朱泾镇")
    assert heads[start:] == [
        "本镇概况：朱泾镇", "披露的数字", "其他镇有、本镇还没有的主题", "各项目在其他镇的相似项目",
    ]  # fmt: skip
    texts = _texts(doc)
    assert "全区 20 个项目中有 2 个（10%）；十大创新项目 1/10；十大优秀项目 1/10。" in texts
    # 为老服务's 2 projects to learn from: JS2018-11 石化街道, -13 吕巷镇 (test_town_profile)
    assert {"为老服务\n其他镇 3 个项目", "JS2018-11", "JS2018-13"} <= set(texts)
    assert "JS2018-19" not in texts


def test_cli_docx_of_several_towns_has_no_profile(tmp_path):
    _, path = _export_docx(tmp_path, "朱泾镇", "区级")
    doc = Document(str(path))
    heads = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert not [h for h in heads if h.startswith("本镇概况")]
    # projects.csv, column town: 区级 on JS2018-01, -02, -05, -10; 朱泾镇 on -06, -15.
    (listing,) = [table for table in doc.tables if table.cell(0, 0).text == "编号"]
    assert [r[0] for r in _rows(listing)[1:]] == [
        "JS2018-01", "JS2018-02", "JS2018-05", "JS2018-06", "JS2018-10", "JS2018-15",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("lang", "prepare", "download"),
    [("zh", "准备 Word 简报（DOCX）", "下载 DOCX"), ("en", "Prepare Word briefing (DOCX)",
                                                   "Download DOCX")],
)  # fmt: skip
def test_dashboard_prepares_the_word_briefing(app, served, lang, prepare, download):
    at = app("overview", town="朱泾镇", lang=lang)
    (button,) = [b for b in at.button if b.key == "prepare_docx_overview"]
    assert button.label == prepare
    button.click().run()
    assert not at.exception, [e.value for e in at.exception]
    (link,) = [d for d in at.get("download_button") if d.label == download]
    name, raw = served[link.proto.url]
    assert name.endswith(f"_{dt.date.today().isoformat()}.docx")
    assert name.startswith("总览_金山区2018年_朱泾镇_" if lang == "zh" else "Overview_Jinshan")
    doc = Document(io.BytesIO(raw))
    assert len(_pictures(doc)) == 4  # the overview's four charts
    assert [r[0] for r in _rows(doc.tables[-1])[1:]] == ZHUJING_IDS


def _town_briefing(app, served, town: str, lang: str) -> tuple[str, bytes]:
    """/town's Word briefing as its button makes it: (file name, bytes)."""
    at = app("town", town=town, lang=lang)
    (button,) = [b for b in at.button if b.key == "prepare_docx_town"]
    button.click().run()
    assert not at.exception, [e.value for e in at.exception]
    (link,) = [d for d in at.get("download_button") if d.key == "download_docx_town"]
    return served[link.proto.url]


@pytest.mark.parametrize(
    ("lang", "profile", "gaps", "gap"),
    [("zh", "区级部门概况：区级", "各镇有、区级部门还没有的主题", "党建引领\n其他镇 11 个项目"),
     ("en", "District agencies' profile: District level",
      "Themes the towns have and the district agencies do not",
      "Party-building leadership\n11 projects elsewhere")],
)  # fmt: skip
def test_town_page_prepares_the_town_briefing(app, served, lang, profile, gaps, gap):
    """/town's Word briefing: the town's projects and its profile. 区级's rows in projects.csv
    are JS2018-01, -02, -05, -10; 党建引领 is on 11 projects of other towns
    (project_themes.csv), the largest of 区级's gaps (test_town_profile)."""
    name, raw = _town_briefing(app, served, "区级", lang)
    assert name.startswith("本镇概况_金山区2018年_区级_" if lang == "zh" else "Town profile_")
    doc = Document(io.BytesIO(raw))
    assert len(_pictures(doc)) == 1  # the town's themes against the district
    heads = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert profile in heads and gaps in heads
    assert gap in _texts(doc)
    # The project list comes first of the tables with project ids; the profile's follow.
    ids = [[r[0] for r in _rows(t)[1:]] for t in doc.tables if _rows(t)[-1][0].startswith("JS")]
    assert ids[0] == ["JS2018-01", "JS2018-02", "JS2018-05", "JS2018-10"]


SOFFICE = shutil.which("soffice")


def _pdf_pages(docx: bytes, tmp_path) -> int:
    """The pages of `docx` as LibreOffice lays it out (its own profile in tmp_path, so that a
    running LibreOffice does not take the job)."""
    path = tmp_path / "briefing.docx"
    path.write_bytes(docx)
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo'}"
    command = [SOFFICE, profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path)]
    subprocess.run([*command, str(path)], capture_output=True, timeout=240, check=True)
    pdf = (tmp_path / "briefing.pdf").read_bytes()
    return len(re.findall(rb"/Type\s*/Page(?![a-z])", pdf))


@pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice is not installed (soffice): `make sysdeps` installs libreoffice-writer",
)
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("town", ["亭林镇", "朱泾镇"])
def test_a_town_briefing_is_two_pages_at_most(app, served, tmp_path, town, lang):
    """#21: 亭林镇's briefing (one project, JS2018-07) ran to 7 A4 pages in LibreOffice, its
    gaps 14 themes and ~40 projects; 朱泾镇 has two (JS2018-06, -15). The short version: the
    chart on page 1 under the headline numbers, the top 3 gaps with 2 projects each."""
    _, raw = _town_briefing(app, served, town, lang)
    pages = _pdf_pages(raw, tmp_path)
    assert pages <= 2, f"{town} ({lang}): {pages} pages"
