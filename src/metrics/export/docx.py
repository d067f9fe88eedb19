"""A Word briefing (DOCX): the headline numbers, a summary, the charts as pictures with their
captions, the projects with their source, then any extra sections (a town's gaps, …).

Built with python-docx on its own template, so it opens in Word and in WPS. Chinese text needs
an East Asian font named on every style: Word and WPS otherwise fall back to a Latin font's
missing glyphs, and LibreOffice to whatever fontconfig offers.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ..analysis.briefing import Briefing, labelled
from ..charts.chart import fmt_value
from ..i18n import colon, t
from .images import ChartExport, _collect, body_png_job
from .sections import DocSection

Progress = Callable[[float, str], None]

# A4 portrait, 2 cm margins: 17 cm of text width; pictures a little narrower.
_PAGE_W, _PAGE_H = Cm(21.0), Cm(29.7)
_MARGIN = Cm(2.0)
_TEXT_W_CM = 17.0
_IMAGE_W = Cm(16.0)
# Picture width in pixels for 16 cm: the charts' 14 px labels print at about 8 pt (1040 px
# made them 6 pt, too small on paper); twice the scale keeps them sharp.
_IMAGE_PX_W = 820
# The height is the chart's own on screen (a one-bar chart short, a 16-row heat map tall),
# kept between a readable minimum and what fits a page under its heading and caption.
_IMAGE_PX_H = (320, 760)
# A briefing of one chart (/town's) keeps it on the first page, under the headline numbers:
# 480 px print 9.4 cm, what is left there (a 760 px picture moved to page 2 and left page 1
# half empty; a town's briefing then ran to 4 pages). English theme names take two lines
# each, which overlapped below 680 px: that picture moves to page 2 (the briefing to 3).
_ONLY_PX_H = {"zh": 480, "en": 620}
_DEFAULT_PX_H = 512
_PNG_SCALE = 2
# Word and WPS on Chinese Windows have both; LibreOffice on Linux substitutes Noto CJK.
_LATIN_FONT = "Microsoft YaHei"
_EAST_ASIAN_FONT = "Microsoft YaHei"
_GREY = RGBColor(0x55, 0x55, 0x55)
_STYLES = ("Normal", "Title", "Subtitle", "Caption", "List Bullet", "Table Grid") + tuple(
    f"Heading {n}" for n in range(1, 4)
)
# Column widths (cm) of the project list: ID, project, town, tier, edition.
_PROJECT_WIDTHS = (2.2, 7.0, 2.6, 2.6, 2.6)
_HEADLINE_WIDTHS = (4.2, 3.8, 9.0)
# In a 9 pt table cell a Chinese character prints 0.32 cm wide, a Latin letter or digit about
# 0.19 cm (LibreOffice's Noto Sans; "JS2018-11" broke after 8 at 0.16); a cell's margins 0.4.
_WIDE_CM, _NARROW_CM, _PAD_CM = 0.32, 0.19, 0.4


# ---------------------------------------------------------------- fonts and page


def _name_fonts(rpr: Any) -> None:
    """Latin and East Asian typefaces on a style's run properties; theme fonts would win."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), _LATIN_FONT)
    fonts.set(qn("w:eastAsia"), _EAST_ASIAN_FONT)


def _set_defaults(doc: Any, lang: str) -> None:
    """Fonts and proofing language for text no style names: Word's spell checker and line
    breaking follow the language."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _name_fonts(rpr)
    tag = rpr.find(qn("w:lang"))
    if tag is None:
        tag = OxmlElement("w:lang")
        rpr.append(tag)
    tag.set(qn("w:val"), "en-US" if lang == "en" else "zh-CN")
    tag.set(qn("w:eastAsia"), "zh-CN")


def _prepare(doc: Any, briefing: Briefing, heading: str) -> None:
    for name in _STYLES:
        _name_fonts(doc.styles[name].element.get_or_add_rPr())
    doc.styles["Normal"].font.size = Pt(10.5)  # 五号, the usual size of a Chinese report
    _spacing(doc)
    caption = doc.styles["Caption"].font
    caption.bold, caption.size, caption.color.rgb = False, Pt(9), _GREY
    _set_defaults(doc, briefing.lang)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = _PAGE_W, _PAGE_H
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, _MARGIN)
    _footer(section, briefing)
    props = doc.core_properties
    props.title = heading
    props.subject = " · ".join(p for p in (briefing.editions_line, briefing.filters_line) if p)
    props.author = briefing.title
    props.language = "en-US" if briefing.lang == "en" else "zh-CN"
    props.created = props.modified = dt.datetime.combine(briefing.day, dt.time())


# (before, after) in points. The template's 10 pt after every paragraph and 24 pt above every
# Heading 1 pushed a one-project town's briefing onto a third page.
_SPACING = {"Normal": (0, 3), "Heading 1": (10, 3), "Heading 2": (6, 2), "Heading 3": (6, 2)}


def _spacing(doc: Any) -> None:
    for name, (before, after) in _SPACING.items():
        paragraph = doc.styles[name].paragraph_format
        paragraph.space_before, paragraph.space_after = Pt(before), Pt(after)


def _footer(section: Any, briefing: Briefing) -> None:
    """Every page says what it shows, and its number: a loose page still has its context."""
    paragraph = section.footer.paragraphs[0]
    _grey(paragraph.add_run(f"{_context_line(briefing)} · "), 8)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _context_line(briefing: Briefing) -> str:
    parts = (briefing.editions_line, briefing.filters_line, briefing.day.isoformat())
    return " · ".join(p for p in parts if p)


def _grey(run: Any, size: float) -> Any:
    run.font.size = Pt(size)
    run.font.color.rgb = _GREY
    return run


# ---------------------------------------------------------------- tables


def _table(doc: Any, rows: Sequence[Sequence[str]], widths: Sequence[float]) -> Any:
    """A grid table with a bold header row, fixed column widths that add up to the page's."""
    table = doc.add_table(rows=len(rows), cols=len(widths), style="Table Grid")
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for col, width in zip(table.columns, widths, strict=True):
        col.width = Cm(width)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.width = Cm(widths[c])  # Word reads the cell's width, LibreOffice the grid's
            paragraph = cell.paragraphs[0]
            # Single-spaced, nothing after: the grid lines part the rows.
            paragraph.paragraph_format.space_after = Pt(0)
            paragraph.paragraph_format.line_spacing = 1.0
            run = paragraph.add_run(value)
            run.font.size = Pt(9)
            run.bold = r == 0
    for r, row in enumerate(table.rows):
        _row_flags(row, header=r == 0)
    for cell in table.rows[0].cells:
        _shade(cell, "F3F4F6")
    return table


def _row_flags(row: Any, header: bool) -> None:
    # A row never breaks across pages; the header row repeats on every page the table spans.
    tr_pr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader") if header else ("w:cantSplit",):
        flag = OxmlElement(tag)
        flag.set(qn("w:val"), "true")
        tr_pr.append(flag)


def _shade(cell: Any, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _cell_text(value: Any, lang: str) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return t("missing", lang)  # a gap in the table is shown as one, never as 0
    if isinstance(value, int | float) and not isinstance(value, bool):
        return fmt_value(value, "exact", lang)  # 2, not the "2.0" of a column with gaps
    return str(value)


def _frame_rows(frame: pd.DataFrame, lang: str) -> list[list[str]]:
    body = [[_cell_text(v, lang) for v in row] for row in frame.itertuples(index=False)]
    return [[str(c) for c in frame.columns], *body]


def _fitted_widths(rows: Sequence[Sequence[str]]) -> list[float]:
    """Column widths that add up to the text width: each column as wide as its longest text
    needs, and when they do not all fit, the long columns share what the short ones leave,
    equally. (Widths by the square root of the length left an ID column 3 cm wide and every
    title three lines tall; even widths left a one-line description 12 lines tall.)"""
    need = [max(_print_cm(row[c]) for row in rows) + _PAD_CM for c in range(len(rows[0]))]
    if sum(need) <= _TEXT_W_CM:
        return [_TEXT_W_CM * n / sum(need) for n in need]
    cap = _TEXT_W_CM / len(need)
    for n in sorted(need):  # the short columns keep their need; the rest share the remainder
        short = [m for m in need if m <= n]
        rest = len(need) - len(short)
        if rest and (_TEXT_W_CM - sum(short)) / rest >= n:
            cap = (_TEXT_W_CM - sum(short)) / rest
    return [min(n, cap) for n in need]


def _print_cm(text: str) -> float:
    """The printed width of `text`'s longest line: a Chinese character about twice a Latin one."""
    lines = str(text).split("\n")
    return max(sum(_WIDE_CM if ord(ch) > 0x2E7F else _NARROW_CM for ch in line) for line in lines)


# ---------------------------------------------------------------- parts of the document


def _title(doc: Any, briefing: Briefing, heading: str) -> None:
    doc.add_heading(heading, level=0)
    lines = (_context_line(briefing), f"{briefing.source} · {_article(briefing)}")
    for line in lines:
        _grey(doc.add_paragraph().add_run(line), 10)


def _article(briefing: Briefing) -> str:
    return labelled("article", briefing.article, briefing.lang)


def _headline(doc: Any, briefing: Briefing) -> None:
    lang = briefing.lang
    doc.add_heading(t("headline", lang), level=1)
    rows = [[t("label", lang), t("value", lang), t("note", lang)]]
    rows += [[r.label, r.value, r.note] for r in briefing.headline]
    _table(doc, rows, _HEADLINE_WIDTHS)
    for key in ("at_least_note", "missing_note"):
        _note(doc, t(key, lang))


def _note(doc: Any, text: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(4)
    _grey(paragraph.add_run(text), 9)


def _summary(doc: Any, charts: Sequence[ChartExport], lang: str) -> None:
    """The charts' summaries at the top; not for one chart, whose summary is under it."""
    said = [(c.title, c.summary) for c in charts if c.summary]
    if not said or len(charts) == 1:
        return
    doc.add_heading(t("doc_summary", lang), level=1)
    for title, text in said:
        paragraph = doc.add_paragraph(style="List Bullet")
        paragraph.add_run(f"{title}{colon(lang)}").bold = True
        paragraph.add_run(text)


def _chart(doc: Any, n: int, chart: ChartExport, png: bytes, lang: str) -> None:
    doc.add_heading(chart.title, level=2)
    doc.add_picture(io.BytesIO(png), width=_IMAGE_W)
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.paragraphs[-1].paragraph_format.keep_with_next = True
    caption = doc.add_paragraph(style="Caption")
    caption.add_run(f"{t('doc_figure', lang, n=n)}  {chart.caption}")
    if chart.summary:
        # Seen in LibreOffice: the sentence alone at the top of the next page otherwise.
        caption.paragraph_format.keep_with_next = True
        doc.add_paragraph(chart.summary)


def _projects(doc: Any, briefing: Briefing) -> None:
    lang = briefing.lang
    doc.add_heading(t("project_list", lang), level=1)
    # The source once, above the list; each row names its edition, which says which source
    # it comes from when several editions are shown (a full title per row filled the page).
    _note(doc, f"{briefing.source} · {_article(briefing)}")
    if not briefing.projects:
        doc.add_paragraph(t("empty", lang))
        return
    header = [t(k, lang) for k in ("project_id", "project", "town", "tier", "edition")]
    rows = [[p.project_id, p.title, p.town, p.tier, p.edition] for p in briefing.projects]
    _table(doc, [header, *rows], _PROJECT_WIDTHS)


def add_section(doc: Any, section: DocSection, lang: str, level: int = 1) -> None:
    """A heading, its sentences, its table, then its children one heading level down. A
    section without a heading goes on under its parent's (a sentence after a table)."""
    if section.heading:
        doc.add_heading(section.heading, level=min(level, 9))
    for text in section.paragraphs:
        paragraph = doc.add_paragraph(text)
        if not section.heading:  # clear of the table above it
            paragraph.paragraph_format.space_before = Pt(4)
    if section.table is not None and not section.table.empty:
        rows = _frame_rows(section.table, lang)
        _table(doc, rows, _fitted_widths(rows))
    for child in section.children:
        add_section(doc, child, lang, level + 1)


# ---------------------------------------------------------------- the whole document


def _picture_height(chart: ChartExport, lang: str, only: bool = False) -> int:
    low, high = _IMAGE_PX_H
    high = _ONLY_PX_H["en" if lang == "en" else "zh"] if only else high
    return min(max(int(chart.figure.layout.height or _DEFAULT_PX_H), low), high)


def to_docx_bytes(
    charts: Sequence[ChartExport],
    briefing: Briefing,
    heading: str | None = None,
    sections: Sequence[DocSection] = (),
    progress: Progress | None = None,
) -> bytes:
    """A4 Word briefing: title, editions, filters and date; headline numbers; summary; one
    picture per non-empty chart with its caption; the projects; then `sections`.

    progress(fraction, label) after each chart picture, as to_pptx_bytes reports.
    """
    report = progress or (lambda _f, _m: None)
    report(0.0, "")
    charts = [c for c in charts if not c.is_empty]
    heading = heading or briefing.title
    lang = briefing.lang
    only = len(charts) == 1
    jobs = [
        body_png_job(c, _IMAGE_PX_W, _picture_height(c, lang, only), _PNG_SCALE) for c in charts
    ]
    doc = Document()
    _prepare(doc, briefing, heading)
    _title(doc, briefing, heading)
    _headline(doc, briefing)
    _summary(doc, charts, lang)
    if charts:
        doc.add_heading(t("doc_charts", lang), level=1)
    for n, (chart, job) in enumerate(zip(charts, jobs, strict=True), 1):
        _chart(doc, n, chart, _collect(*job), lang)
        report(n / len(charts), chart.title)
    if not charts:
        report(1.0, "")
    _projects(doc, briefing)
    for section in sections:
        add_section(doc, section, lang)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
