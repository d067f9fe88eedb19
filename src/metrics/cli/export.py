"""`baihua export`: the dashboard's charts written to files, for scheduled reports."""

from __future__ import annotations

import sys
from pathlib import Path

FORMATS = ("png", "svg", "csv", "xlsx", "pptx", "docx")


def add_export_parser(sub) -> None:
    export = sub.add_parser(
        "export",
        help="write every chart as image and data files, a briefing deck and a Word briefing",
        description="Write each distinct chart of the dashboard's pages once per format, named "
        "<chart>_<editions>_<filters>_<date>. With csv or xlsx, the headline numbers (projects, "
        "towns, disclosed participants and funding) too; pptx is one deck: a slide of headline "
        "numbers, one slide per chart, then the projects under the filters; docx is one A4 Word "
        "briefing: the headline numbers, each chart as a picture with its caption and summary, "
        "the projects and their source, and, with one --town, that town's profile (its gaps, "
        "the projects to learn from, similar projects; as on /town). A library's "
        "latest edition is exported unless --edition says otherwise; with two or more "
        "editions the year-on-year (/compare) charts are written too.",
    )
    export.add_argument("--out", required=True, help="folder to write into (created if missing)")
    export.add_argument("--data", help="data folder (default: $BAIHUA_DATA or data/)")
    export.add_argument("--town", action="append", default=[], help="filter by town (repeat)")
    export.add_argument("--tier", action="append", default=[], choices=["innovation", "excellent"])
    export.add_argument("--theme", action="append", default=[], help="filter by theme id (repeat)")
    export.add_argument("--level", action="append", default=[], help="filter by unit level")
    export.add_argument(
        "--edition",
        action="append",
        default=[],
        help="edition (folder name in the library) to export (repeat; default: the latest); "
        "with two or more, the year-on-year charts too",
    )
    export.add_argument("--lang", choices=["zh", "en"], default="zh")
    export.add_argument(
        "--format",
        default=",".join(FORMATS),
        help="comma-separated subset of png,svg,csv,xlsx,pptx,docx (default: all)",
    )


def _fail(message: str) -> int:
    print(f"baihua export: {message}", file=sys.stderr)
    return 1


def _unknown(values: list[str], known: list[str], what: str) -> str:
    bad = [v for v in values if v not in known]
    return f"unknown {what}: {', '.join(bad)} (known: {', '.join(known)})" if bad else ""


def run_export(args) -> int:
    from .. import export
    from ..analysis import briefing
    from ..analysis.filters import Filters
    from ..charts.pages import page_charts, unique_charts
    from ..data import load
    from ..data.library import check_library, is_package
    from ..data.schema import UNIT_LEVELS
    from ..i18n import t

    formats = [f.strip().lower() for f in args.format.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        return _fail(
            f"unknown format {', '.join(bad) or '(none)'}; choose from {','.join(FORMATS)}"
        )
    folder = Path(args.data) if args.data else load.data_folder()
    library = check_library(folder)
    for name, problems in library.broken.items():
        print(f"{folder / name}: {len(problems)} problem(s) found", file=sys.stderr)
        for item in problems:
            print(str(item), file=sys.stderr)
    if library.dataset is None or (library.broken and is_package(folder)):
        return 1
    dataset = library.dataset
    for values, known, what in (
        (args.edition, library.editions, "edition"),
        (args.town, list(dataset.towns["town"]), "town"),
        (args.theme, list(dataset.themes["theme_id"]), "theme"),
        (args.level, UNIT_LEVELS, "unit level"),
    ):
        message = _unknown(values, known, what)
        if message:
            return _fail(message)
    # Library order, each once, whatever the order and repeats on the command line.
    editions = tuple(e for e in library.editions if e in args.edition) or (library.latest,)
    filters = Filters(
        tuple(args.town), tuple(args.tier), tuple(args.theme), tuple(args.level),
        editions=editions,
    )  # fmt: skip
    charts = unique_charts(page_charts(dataset, filters, args.lang))
    if not charts:
        return _fail(t("empty", args.lang))
    if any(f in ("png", "svg", "pptx", "docx") for f in formats):
        ok, reason = export.export_available()
        if not ok:
            return _fail(reason)
    summary = briefing.build(dataset, filters, args.lang)
    sections = _town_sections(dataset, filters, args.lang) if "docx" in formats else []
    return _write(charts, formats, Path(args.out), summary, sections)


def _town_sections(dataset, filters, lang: str) -> list:
    """One town's profile for the Word briefing, as /town makes it: over the chosen editions,
    whatever the other filters; nothing unless exactly one town is chosen."""
    from ..analysis import similarity, town_profile
    from ..analysis.filters import Filters, apply
    from ..export import town_sections

    if len(filters.towns) != 1:
        return []
    shown = apply(dataset, Filters(editions=filters.editions))
    profile = town_profile.profile(
        shown, filters.towns[0], every_edition=dataset, index=similarity.build(dataset)
    )
    return town_sections.town_sections(profile, lang)


def _write(charts, formats, out: Path, summary, sections=()) -> int:
    from .. import export
    from ..analysis.briefing import headline_frame
    from ..i18n import t

    # Every file names the editions it shows, as the dashboard's downloads do.
    filters_text, lang, editions = summary.filters_text, summary.lang, summary.editions_text
    out.mkdir(parents=True, exist_ok=True)
    makers = {
        "png": lambda c: export.to_png_bytes(c),
        "svg": lambda c: export.to_svg_bytes(c),
        "csv": lambda c: export.to_csv_bytes(c.data),
        "xlsx": lambda c: export.to_xlsx_bytes(c.data),
    }
    written = 0
    for chart in charts:
        for fmt in (f for f in formats if f in makers):
            path = out / export.safe_filename(chart.title, chart.editions, filters_text, ext=fmt)
            path.write_bytes(makers[fmt](chart))
            print(f"wrote {path}")
            written += 1
    # The headline numbers, as the overview and the deck's first slide show them.
    for fmt in (f for f in formats if f in ("csv", "xlsx")):
        path = out / export.safe_filename(t("headline", lang), editions, filters_text, ext=fmt)
        table = headline_frame(summary)
        raw = export.to_csv_bytes(table) if fmt == "csv" else export.to_xlsx_bytes(table)
        path.write_bytes(raw)
        print(f"wrote {path}")
        written += 1
    briefs = {
        "pptx": lambda: export.to_pptx_bytes(charts, t("app_title", lang), briefing=summary),
        "docx": lambda: export.to_docx_bytes(
            charts, summary, heading=t("app_title", lang), sections=sections
        ),
    }
    for fmt in (f for f in formats if f in briefs):
        path = out / export.safe_filename(t("app_title", lang), editions, filters_text, ext=fmt)
        path.write_bytes(briefs[fmt]())
        print(f"wrote {path}")
        written += 1
    print(f"{written} file(s), {len(charts)} chart(s)")
    return 0
