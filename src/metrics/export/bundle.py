"""Many charts at once: a ZIP of files, or a 16:9 PowerPoint deck with one slide per chart.

With a Briefing (metrics.briefing), the ZIP also holds README.txt and the headline numbers, and
the deck opens with the headline numbers and ends with the projects under the filters.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Sequence
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from ..analysis.briefing import Briefing, headline_frame, labelled, readme_bytes
from ..i18n import t
from .images import (
    ChartExport,
    _collect,
    _image_opts,
    _size,
    _submit,
    body_png_job,
    print_figure,
)
from .tables import safe_filename, to_csv_bytes, to_xlsx_bytes

Progress = Callable[[float, str], None]
IMAGE_FORMATS = ("png", "svg")
TABLE_FORMATS = ("csv", "xlsx")
BUNDLE_FORMATS = (*IMAGE_FORMATS, *TABLE_FORMATS)
README = "README.txt"
_BUNDLE_SIZE = "a4"
_PNG_SCALE = 2

# Slide geometry on a 13.333 x 7.5 inch (16:9) page.
_SLIDE_W, _SLIDE_H = Emu(12192000), Emu(6858000)  # PowerPoint's own 16:9 size
_SIDE = Inches(0.5)
_IMAGE_TOP, _IMAGE_H = Inches(1.3), Inches(5.3)
_SLIDE_FONT = "Microsoft YaHei"
PROJECTS_PER_SLIDE = 12


def _bundle_name(
    index: int, chart: ChartExport, fmt: str, day: dt.date | None, filters_text: str = ""
) -> str:
    # The number keeps the dashboard's order in a file browser and makes equal titles unique;
    # the editions and filters keep files from different bundles apart once unpacked together.
    parts = (f"{index:02d}", chart.title, chart.editions, filters_text)
    return safe_filename(*parts, ext=fmt, day=day)


def bundle_names(
    charts: Sequence[ChartExport],
    formats: Sequence[str],
    day: dt.date | None = None,
    filters_text: str = "",
) -> list[str]:
    """The chart member names bundle_zip will write, in order."""
    return [
        _bundle_name(i, c, f, day, filters_text) for i, c in enumerate(charts, 1) for f in formats
    ]


def headline_names(briefing: Briefing) -> list[str]:
    """The headline-number tables of a bundle: "00_核心数字_<editions>_<filters>_<date>.csv"
    and .xlsx."""
    parts = ("00", t("headline", briefing.lang), briefing.editions_text, briefing.filters_text)
    return [safe_filename(*parts, ext=fmt, day=briefing.day) for fmt in TABLE_FORMATS]


def _start_images(charts: Sequence[ChartExport], formats: Sequence[str]) -> dict:
    """Queue every image render up front so Chromium's tabs work in parallel."""
    jobs = {}
    width, height = _size(_BUNDLE_SIZE)
    for i, chart in enumerate(charts):
        for fmt in formats:
            if fmt in IMAGE_FORMATS:
                fig = print_figure(chart, _BUNDLE_SIZE)
                scale = _PNG_SCALE if fmt == "png" else 1
                opts = _image_opts(fmt, width, height, scale)
                jobs[i, fmt] = (_submit(fig, opts), fig, opts)
    return jobs


def _table_bytes(chart: ChartExport, fmt: str) -> bytes:
    if fmt == "csv":
        return to_csv_bytes(chart.data)
    return to_xlsx_bytes(chart.data, sheet_name=chart.title)


def _briefing_members(
    briefing: Briefing, charts: Sequence[ChartExport], formats: Sequence[str], day
) -> dict[str, bytes]:
    table = headline_frame(briefing)
    csv_name, xlsx_name = headline_names(briefing)
    tables = {
        csv_name: to_csv_bytes(table),
        xlsx_name: to_xlsx_bytes(table, sheet_name=t("headline", briefing.lang)),
    }
    filters_text = briefing.filters_text
    # Each chart's files, then its summary: the README says what each chart shows.
    files = [*tables]
    for i, chart in enumerate(charts, 1):
        files += [_bundle_name(i, chart, f, day, filters_text) for f in formats]
        files += [f"  {chart.summary}"] if chart.summary else []
    return {README: readme_bytes(briefing, files), **tables}


def _member(name: str, method: int) -> zipfile.ZipInfo:
    # writestr(name) would leave the file unreadable to others (0600) once unpacked.
    info = zipfile.ZipInfo(name, date_time=dt.datetime.now().timetuple()[:6])
    info.compress_type = method
    info.external_attr = 0o644 << 16
    return info


def bundle_zip(
    charts: Sequence[ChartExport],
    formats: Sequence[str] = BUNDLE_FORMATS,
    progress: Progress | None = None,
    day: dt.date | None = None,
    briefing: Briefing | None = None,
) -> bytes:
    """ZIP with one file per chart per format; progress(fraction, label) after each file.

    With `briefing`, member names carry its filters and date, and README.txt and the headline
    numbers (CSV and XLSX) come first.
    """
    unknown = set(formats) - set(BUNDLE_FORMATS)
    if unknown:
        raise ValueError(f"unsupported formats: {sorted(unknown)}")
    report = progress or (lambda _f, _m: None)
    report(0.0, "")
    day = day or (briefing.day if briefing else None)
    filters_text = briefing.filters_text if briefing else ""
    jobs = _start_images(charts, formats)
    total = max(len(charts) * len(formats), 1)
    done = 0
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        if briefing:
            for name, payload in _briefing_members(briefing, charts, formats, day).items():
                zf.writestr(_member(name, zipfile.ZIP_DEFLATED), payload)
        for i, chart in enumerate(charts):
            for fmt in formats:
                payload = _collect(*jobs[i, fmt]) if (i, fmt) in jobs else _table_bytes(chart, fmt)
                # PNG is already compressed; deflating it again only costs time.
                method = zipfile.ZIP_STORED if fmt == "png" else zipfile.ZIP_DEFLATED
                name = _bundle_name(i + 1, chart, fmt, day, filters_text)
                zf.writestr(_member(name, method), payload)
                done += 1
                report(done / total, f"{chart.title} · {fmt.upper()}")
    return buf.getvalue()


# ---------------------------------------------------------------- PowerPoint


def _slide_body_png_jobs(charts: Sequence[ChartExport]) -> list[Any]:
    """Slide pictures carry no title or caption: those go in editable text boxes."""
    width = 1280
    height = round(width * _IMAGE_H / (_SLIDE_W - 2 * _SIDE))
    return [body_png_job(chart, width, height, _PNG_SCALE) for chart in charts]


def _set_east_asian_font(run: Any, name: str) -> None:
    # python-pptx only sets the Latin typeface; Chinese glyphs follow the <a:ea> entry.
    rpr = run._r.get_or_add_rPr()
    ea = rpr.find(qn("a:ea"))
    if ea is None:
        ea = rpr.makeelement(qn("a:ea"), {})
        rpr.append(ea)
    ea.set("typeface", name)


def _style_run(run: Any, text: str, size: int, **style) -> None:
    run.text = text
    run.font.size = Pt(size)
    run.font.name = _SLIDE_FONT
    run.font.bold = style.get("bold", False)
    run.font.color.rgb = RGBColor.from_string(style.get("color", "1F2328"))
    _set_east_asian_font(run, _SLIDE_FONT)


def _add_text(slide: Any, box: tuple[Emu, Emu, Emu, Emu], text: str, size: int, **style) -> None:
    frame = slide.shapes.add_textbox(*box).text_frame
    frame.word_wrap = True
    _style_run(frame.paragraphs[0].add_run(), text, size, **style)


def _fill_slide(slide: Any, chart: ChartExport, png: bytes, heading: str, day: dt.date) -> None:
    inner_w = _SLIDE_W - 2 * _SIDE
    _add_text(slide, (_SIDE, Inches(0.2), inner_w, Inches(0.35)), heading, 11, color="6B7280")
    _add_text(slide, (_SIDE, Inches(0.5), inner_w, Inches(0.75)), chart.title, 26, bold=True)
    slide.shapes.add_picture(io.BytesIO(png), _SIDE, _IMAGE_TOP, inner_w, _IMAGE_H)
    caption_top = _IMAGE_TOP + _IMAGE_H + Inches(0.08)
    caption = f"{chart.caption} · {day.isoformat()}"
    _add_text(slide, (_SIDE, caption_top, inner_w, Inches(0.5)), caption, 11, color="555555")
    if chart.summary:
        # The speaker's words for the slide: what the chart shows, counted from its data.
        slide.notes_slide.notes_text_frame.text = chart.summary


def _title_slide(slide: Any, briefing: Briefing, heading: str, day: dt.date) -> None:
    """The headline numbers first, under the heading, the editions, the filters and the date."""
    inner_w = _SLIDE_W - 2 * _SIDE
    _add_text(slide, (_SIDE, Inches(0.8), inner_w, Inches(0.9)), heading, 34, bold=True)
    line = " · ".join(p for p in (briefing.editions_line, briefing.filters_line) if p)
    line = f"{line} · {day.isoformat()}"
    _add_text(slide, (_SIDE, Inches(1.75), inner_w, Inches(0.5)), line, 18, color="374151")
    gap = Inches(0.25)
    count = len(briefing.headline)
    card_w = int((inner_w - gap * (count - 1)) / count)
    for n, row in enumerate(briefing.headline):
        left = _SIDE + n * (card_w + gap)
        card = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, Inches(2.7), card_w, Inches(1.9))
        card.fill.solid()
        card.fill.fore_color.rgb = RGBColor.from_string("F3F4F6")
        card.line.fill.background()
        card.shadow.inherit = False
        frame = card.text_frame
        frame.word_wrap = True
        _style_run(frame.paragraphs[0].add_run(), row.label, 14, color="4B5563")
        _style_run(frame.add_paragraph().add_run(), row.value, 30, bold=True)
        for paragraph in frame.paragraphs:
            paragraph.alignment = PP_ALIGN.CENTER
    for n, key in enumerate(("at_least_note", "missing_note")):
        box = (_SIDE, Inches(4.85 + 0.4 * n), inner_w, Inches(0.4))
        _add_text(slide, box, t(key, briefing.lang), 12, color="555555")
    source = f"{briefing.source} · {labelled('article', briefing.article, briefing.lang)}"
    _add_text(slide, (_SIDE, Inches(6.4), inner_w, Inches(0.6)), source, 11, color="555555")


def _project_slide(slide: Any, briefing: Briefing, rows: Sequence, heading: str, page: str):
    lang = briefing.lang
    inner_w = _SLIDE_W - 2 * _SIDE
    _add_text(slide, (_SIDE, Inches(0.2), inner_w, Inches(0.35)), heading, 11, color="6B7280")
    title = f"{t('project_list', lang)} {page}".strip()
    _add_text(slide, (_SIDE, Inches(0.5), inner_w, Inches(0.75)), title, 26, bold=True)
    header = [t("project_id", lang), t("project", lang), t("town", lang), t("tier", lang)]
    widths = [Inches(1.3), Inches(7.13), Inches(1.8), Inches(2.1)]
    shape = slide.shapes.add_table(
        len(rows) + 1, len(header), _SIDE, _IMAGE_TOP, inner_w, Inches(0.36) * (len(rows) + 1)
    )
    table = shape.table
    for col, width in zip(table.columns, widths, strict=True):
        col.width = width
    cells = [header] + [[r.project_id, r.title, r.town, r.tier] for r in rows]
    for r, values in enumerate(cells):
        for c, value in enumerate(values):
            frame = table.cell(r, c).text_frame
            frame.word_wrap = True
            color = "FFFFFF" if r == 0 else "1F2328"
            _style_run(frame.paragraphs[0].add_run(), value, 12, bold=r == 0, color=color)
    if not rows:
        _add_text(slide, (_SIDE, Inches(2), inner_w, Inches(0.5)), t("empty", lang), 14)
    lines = (briefing.source, briefing.editions_line, briefing.filters_line)
    foot = " · ".join(p for p in lines if p) + f" · {briefing.day.isoformat()}"
    _add_text(slide, (_SIDE, Inches(6.7), inner_w, Inches(0.5)), foot, 11, color="555555")


def project_pages(briefing: Briefing) -> list[tuple]:
    """The projects split into slides of PROJECTS_PER_SLIDE; one (empty) page when none."""
    rows = briefing.projects
    pages = [rows[i : i + PROJECTS_PER_SLIDE] for i in range(0, len(rows), PROJECTS_PER_SLIDE)]
    return pages or [()]


def to_pptx_bytes(
    charts: Sequence[ChartExport],
    heading: str,
    day: dt.date | None = None,
    progress: Progress | None = None,
    briefing: Briefing | None = None,
) -> bytes:
    """A 16:9 deck with exactly one slide per chart: heading, title, picture, source line.

    With `briefing`, a title slide with the headline numbers comes first and slides listing
    the projects under the filters (PROJECTS_PER_SLIDE each) come last.
    """
    day = day or (briefing.day if briefing else dt.date.today())
    report = progress or (lambda _f, _m: None)
    report(0.0, "")
    prs = Presentation()
    prs.slide_width, prs.slide_height = _SLIDE_W, _SLIDE_H
    prs.core_properties.title = heading
    blank = prs.slide_layouts[6]
    jobs = _slide_body_png_jobs(charts)
    if briefing:
        _title_slide(prs.slides.add_slide(blank), briefing, heading, day)
    for n, (chart, job) in enumerate(zip(charts, jobs, strict=True), 1):
        _fill_slide(prs.slides.add_slide(blank), chart, _collect(*job), heading, day)
        report(n / len(charts), chart.title)
    if briefing:
        pages = project_pages(briefing)
        for n, rows in enumerate(pages, 1):
            page = f"({n}/{len(pages)})" if len(pages) > 1 else ""
            _project_slide(prs.slides.add_slide(blank), briefing, rows, heading, page)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
