"""Export-all at the foot of a page: a ZIP (images + data), a briefing deck (PPTX) and a Word
briefing (DOCX).

Each is one labelled step: "准备 …" builds the file with a progress bar, and a labelled download
button with the file's name then stays until the filters, the language or the charts change.
All can be ready at once. The bytes live in the session, one file of each kind at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import streamlit as st

from metrics import export
from metrics.analysis import briefing
from metrics.charts.chart import Chart
from metrics.export.sections import DocSection
from metrics.i18n import t

from .chartbox import image_export
from .page import Context

Sections = Callable[[], Sequence[DocSection]]


@dataclass(frozen=True)
class Kind:
    ext: str
    mime: str
    icon: str


KINDS = (
    Kind("zip", "application/zip", ":material/folder_zip:"),
    Kind(
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ":material/slideshow:",
    ),
    Kind(
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ":material/description:",
    ),
)


def slot(kind: str) -> str:
    """The session_state key holding the prepared file of `kind`."""
    return f"_export_{kind}"


def export_bar(ctx: Context, charts: Sequence[Chart], sections: Sections | None = None) -> None:
    """ZIP, PPTX and DOCX of `charts`; the Word briefing adds what `sections()` returns (a
    town's gaps and projects to learn from), made only when the briefing is (~40 ms)."""
    charts = [c for c in charts if not c.is_empty]
    if not charts and sections is None:
        return
    available, reason = image_export(ctx.lang)
    # What the file shows: a bundle made for other filters, language or data is not offered.
    charts_id = tuple((c.key, c.title, c.caption) for c in charts)
    ident = (ctx.page, ctx.lang, ctx.editions_line, ctx.filters_text, ctx.version, charts_id)
    st.divider()
    st.markdown(f"**{t('export_all', ctx.lang)}**")
    columns = st.columns(len(KINDS))
    for column, kind in zip(columns, KINDS, strict=True):
        with column:
            _one(kind, charts, ctx, ident, available, sections)
    if not available:
        st.caption(t("export_unavailable", ctx.lang, reason=reason))


def _one(kind: Kind, charts, ctx: Context, ident, available: bool, sections) -> None:
    page, lang = ctx.page, ctx.lang
    if st.button(
        t(f"prepare_{kind.ext}", lang),
        key=f"prepare_{kind.ext}_{page}",
        disabled=not available,
        icon=kind.icon,
        width="stretch",
    ):
        # The page's filters, a chart click included: the numbers match the charts'.
        summary = briefing.build(ctx.full, ctx.filters, lang)
        parts = (t(f"page_{page}", lang), summary.editions_text, summary.filters_text)
        name = export.safe_filename(*parts, ext=kind.ext, day=summary.day)
        bar = st.progress(0.0, text=t(f"prepare_{kind.ext}", lang))
        try:
            payload = _build(kind.ext, charts, summary, sections, _reporter(bar))
        except export.ExportUnavailableError as err:
            st.warning(t("export_unavailable", lang, reason=str(err)))
            return
        finally:
            bar.empty()
        st.session_state[slot(kind.ext)] = {"ident": ident, "data": payload, "name": name}
    ready = st.session_state.get(slot(kind.ext))
    if ready and ready["ident"] == ident:
        st.download_button(
            t(f"download_{kind.ext}", lang),
            data=ready["data"],
            file_name=ready["name"],
            mime=kind.mime,
            key=f"download_{kind.ext}_{page}",
            on_click="ignore",
            type="primary",
            icon=":material/download:",
            width="stretch",
        )
        st.caption(ready["name"])


def _reporter(bar) -> Callable[[float, str], None]:
    return lambda share, label: bar.progress(min(share, 1.0), text=label or None)


def _build(
    ext: str, charts, summary: briefing.Briefing, sections: Sections | None, progress
) -> bytes:
    lang = summary.lang
    if ext == "zip":
        return export.bundle_zip(charts, progress=progress, briefing=summary)
    if ext == "docx":
        heading = t("app_title", lang)
        return export.to_docx_bytes(
            charts,
            summary,
            heading=heading,
            sections=sections() if sections else (),
            progress=progress,
        )
    return export.to_pptx_bytes(
        charts, heading=t("app_title", lang), progress=progress, briefing=summary
    )
