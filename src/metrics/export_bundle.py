"""Many charts at once: a ZIP of files, or a 16:9 PowerPoint deck with one slide per chart."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Sequence
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from .export_images import (
    ChartExport,
    _collect,
    _image_opts,
    _size,
    _styled_figure,
    _submit,
    print_figure,
)
from .export_tables import safe_filename, to_csv_bytes, to_xlsx_bytes

Progress = Callable[[float, str], None]
IMAGE_FORMATS = ("png", "svg")
TABLE_FORMATS = ("csv", "xlsx")
_BUNDLE_SIZE = "a4"
_PNG_SCALE = 2

# Slide geometry on a 13.333 x 7.5 inch (16:9) page.
_SLIDE_W, _SLIDE_H = Emu(12192000), Emu(6858000)  # PowerPoint's own 16:9 size
_SIDE = Inches(0.5)
_IMAGE_TOP, _IMAGE_H = Inches(1.3), Inches(5.3)
_SLIDE_FONT = "Microsoft YaHei"


def _bundle_name(index: int, chart: ChartExport, fmt: str, day: dt.date | None) -> str:
    # The number keeps the dashboard's order in a file browser and makes equal titles unique.
    return safe_filename(f"{index:02d}", chart.title, ext=fmt, day=day)


def bundle_names(
    charts: Sequence[ChartExport], formats: Sequence[str], day: dt.date | None = None
) -> list[str]:
    """The member names bundle_zip will write, in order."""
    return [_bundle_name(i, c, f, day) for i, c in enumerate(charts, 1) for f in formats]


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


def bundle_zip(
    charts: Sequence[ChartExport],
    formats: Sequence[str] = ("png", "svg", "csv"),
    progress: Progress | None = None,
    day: dt.date | None = None,
) -> bytes:
    """ZIP with one file per chart per format; progress(fraction, label) after each file."""
    unknown = set(formats) - set(IMAGE_FORMATS) - set(TABLE_FORMATS)
    if unknown:
        raise ValueError(f"unsupported formats: {sorted(unknown)}")
    report = progress or (lambda _f, _m: None)
    report(0.0, "")
    jobs = _start_images(charts, formats)
    total = max(len(charts) * len(formats), 1)
    done = 0
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, chart in enumerate(charts):
            for fmt in formats:
                payload = _collect(*jobs[i, fmt]) if (i, fmt) in jobs else _table_bytes(chart, fmt)
                # PNG is already compressed; deflating it again only costs time.
                method = zipfile.ZIP_STORED if fmt == "png" else zipfile.ZIP_DEFLATED
                zf.writestr(_bundle_name(i + 1, chart, fmt, day), payload, compress_type=method)
                done += 1
                report(done / total, f"{chart.title} · {fmt.upper()}")
    return buf.getvalue()


# ---------------------------------------------------------------- PowerPoint


def _slide_body_png_jobs(charts: Sequence[ChartExport]) -> list[Any]:
    """Slide pictures carry no title or caption: those go in editable text boxes."""
    width = 1280
    height = round(width * _IMAGE_H / (_SLIDE_W - 2 * _SIDE))
    jobs = []
    for chart in charts:
        fig = _styled_figure(chart, width, height, title=False, caption=False)
        opts = _image_opts("png", width, height, _PNG_SCALE)
        jobs.append((_submit(fig, opts), fig, opts))
    return jobs


def _set_east_asian_font(run: Any, name: str) -> None:
    # python-pptx only sets the Latin typeface; Chinese glyphs follow the <a:ea> entry.
    rpr = run._r.get_or_add_rPr()
    ea = rpr.find(qn("a:ea"))
    if ea is None:
        ea = rpr.makeelement(qn("a:ea"), {})
        rpr.append(ea)
    ea.set("typeface", name)


def _add_text(slide: Any, box: tuple[Emu, Emu, Emu, Emu], text: str, size: int, **style) -> None:
    frame = slide.shapes.add_textbox(*box).text_frame
    frame.word_wrap = True
    run = frame.paragraphs[0].add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.name = _SLIDE_FONT
    run.font.bold = style.get("bold", False)
    run.font.color.rgb = RGBColor.from_string(style.get("color", "1F2328"))
    _set_east_asian_font(run, _SLIDE_FONT)


def _fill_slide(slide: Any, chart: ChartExport, png: bytes, heading: str, day: dt.date) -> None:
    inner_w = _SLIDE_W - 2 * _SIDE
    _add_text(slide, (_SIDE, Inches(0.2), inner_w, Inches(0.35)), heading, 11, color="6B7280")
    _add_text(slide, (_SIDE, Inches(0.5), inner_w, Inches(0.75)), chart.title, 26, bold=True)
    slide.shapes.add_picture(io.BytesIO(png), _SIDE, _IMAGE_TOP, inner_w, _IMAGE_H)
    caption_top = _IMAGE_TOP + _IMAGE_H + Inches(0.08)
    caption = f"{chart.caption} · {day.isoformat()}"
    _add_text(slide, (_SIDE, caption_top, inner_w, Inches(0.5)), caption, 11, color="555555")


def to_pptx_bytes(
    charts: Sequence[ChartExport],
    heading: str,
    day: dt.date | None = None,
    progress: Progress | None = None,
) -> bytes:
    """A 16:9 deck with exactly one slide per chart: heading, title, picture, source line."""
    day = day or dt.date.today()
    report = progress or (lambda _f, _m: None)
    report(0.0, "")
    prs = Presentation()
    prs.slide_width, prs.slide_height = _SLIDE_W, _SLIDE_H
    prs.core_properties.title = heading
    blank = prs.slide_layouts[6]
    jobs = _slide_body_png_jobs(charts)
    for n, (chart, job) in enumerate(zip(charts, jobs, strict=True), 1):
        _fill_slide(prs.slides.add_slide(blank), chart, _collect(*job), heading, day)
        report(n / len(charts), chart.title)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
