"""One chart on a page: the figure, its caption, its downloads, and click-to-filter."""

from __future__ import annotations

import datetime as dt
import os
import threading

import streamlit as st

from metrics import export
from metrics.charts.chart import Chart
from metrics.i18n import t
from metrics.safe_text import md_escape

from . import state
from .figure_spec import frozen

MIME = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


# The full check (a real tiny render, which starts Chromium) runs once in the background;
# export.export_available caches its answer, so later calls return at once.
_probe = threading.Thread(target=export.export_available, daemon=True, name="baihua-export-probe")
_probe_lock = threading.Lock()


def image_export(lang: str) -> tuple[bool, str]:
    """Whether PNG/SVG can be made, without making a page wait for Chromium to start.

    While the background check runs, buttons are enabled when the browser binary is there, and
    a click waits for the browser.
    """
    with _probe_lock:
        if _probe.ident is None:
            _probe.start()
    if _probe.is_alive() and os.path.exists(export.browser_path()):
        return True, ""
    return export.export_available(lang)


def file_name(chart: Chart, filters_text: str, ext: str) -> str:
    """<title>_<editions>_<filters>_<date>.<ext>: 各镇…（按等级）_金山区2018年_全部项目_…"""
    parts = (chart.title, chart.editions, filters_text)
    return export.safe_filename(*parts, ext=ext, day=dt.date.today())


def show(chart: Chart, page: str, filters_text: str, select: str | None = None) -> None:
    """Draw `chart`; with `select` ("town" or "theme"), a click filters the rest of the page."""
    lang = state.lang()
    if chart.is_empty:
        st.markdown(f"**{md_escape(chart.title)}**")
        st.info(t("empty_chart", lang), icon=":material/filter_alt_off:")
        return
    key = state.chart_key(page, chart.key)
    name = file_name(chart, filters_text, "png").removesuffix(".png")
    config = {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": name, "scale": 2},
    }
    callback = (lambda: _on_select(key, page, select)) if select else "ignore"
    st.plotly_chart(
        frozen(chart.figure),
        key=key,
        on_select=callback,
        selection_mode="points",
        config=config,
        theme=None,
        # The summary names the chart for screen readers; the title when there is none.
        alt=chart.summary or chart.title,
    )
    if chart.summary:
        st.markdown(md_escape(chart.summary))
    st.caption(md_escape(chart.caption))
    downloads(chart, filters_text, f"chart_{page}_{chart.key}")


def _on_select(key: str, page: str, field: str) -> None:
    event = st.session_state.get(key)
    points = (event or {}).get("selection", {}).get("points", [])
    value = clicked_value(points)
    state.set_cross_filter({"page": page, "field": field, "value": value} if value else None)


def clicked_value(points: list[dict]) -> str | None:
    """The town or theme id of the first clicked point: every clickable chart puts it first
    in its customdata (the rest, such as project titles, is for the hover text)."""
    for point in points:
        data = point.get("customdata")
        if data:
            return data[0] if isinstance(data, list) else data
    return None


def downloads(chart: Chart, filters_text: str, key: str) -> None:
    """One small "下载" menu under the chart, holding its PNG, SVG, CSV and Excel files.

    Four buttons in a row became four full-width buttons on a phone, one under another.
    """
    lang = state.lang()
    available, reason = image_export(lang)
    makers = {
        "png": lambda: export.to_png_bytes(chart),
        "svg": lambda: export.to_svg_bytes(chart),
        "csv": lambda: export.to_csv_bytes(chart.data),
        "xlsx": lambda: export.to_xlsx_bytes(chart.data),
    }
    with st.popover(t("download", lang), icon=":material/download:"):
        for fmt, make in makers.items():
            disabled = fmt in ("png", "svg") and not available
            st.download_button(
                t(f"download_{fmt}", lang),
                data=make,
                file_name=file_name(chart, filters_text, fmt),
                mime=MIME[fmt],
                key=f"{key}_{fmt}",
                disabled=disabled,
                on_click="ignore",
                icon=":material/download:",
                width="stretch",
            )
        if not available:
            st.caption(t("export_unavailable", lang, reason=reason))
