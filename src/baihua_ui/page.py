"""What every page does first: state from the URL, the dataset, filters and the cross-filter."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from metrics.analysis import editions
from metrics.analysis.filters import Filters, describe, theme_name, town_name
from metrics.charts import focus
from metrics.charts.chart import Chart, caption
from metrics.data.load import Dataset
from metrics.i18n import t
from metrics.safe_text import md_escape

from . import data, filterbar, state
from .data import cache_key


@dataclass(frozen=True)
class Context:
    """A page's inputs. `filters` are the filter bar's plus the cross-filter (a chart click)."""

    page: str
    lang: str
    full: Dataset
    ds: Dataset
    filters: Filters
    filters_text: str
    xf: dict | None
    version: str
    editions_line: str = ""  # "来源：… · 版本：金山区2018年", on every caption of the page

    def caption(self) -> str:
        return caption(self.lang, self.filters_text, editions=self.editions_line)

    def xf_label(self) -> str:
        if not self.xf:
            return ""
        if self.xf["field"] == "town":
            return town_name(self.full, self.xf["value"], self.lang)
        return theme_name(self.full, self.xf["value"], self.lang)

    def summary(self, fn, *args, compares: tuple[str, ...] = ()):
        """`fn(filtered dataset, *args)`, e.g. the headline numbers, cached like the charts.

        With `compares`, filters on those dimensions are left out, as for a chart comparing
        them (focus.py). The result is shared between sessions: read it, never change it.
        """
        name = f"{fn.__module__}.{fn.__name__}"
        filters = focus.split(self.filters, compares)[0]
        key = cache_key(name, self.version, filters, args)
        return _cached_summary(fn, self.full, self.version, filters, args, key)

    def chart(self, builder, chart_key: str, *args) -> Chart:
        """`builder(dataset, lang, caption, *args)`, cached per data version, filters and args.

        A chart comparing towns (tiers, themes) highlights the chosen ones instead of filtering.
        """
        data, highlight, text = focus.chart_inputs(builder, self.filters, self.full, self.lang)
        shown = focus.editions_shown(self.filters, self.full, self.lang)
        name = f"{builder.__module__}.{builder.__name__}"
        inputs = (data, highlight, self.lang, text, shown)
        key = cache_key(name, self.version, inputs, args)
        return _cached_chart(builder, self.full, self.version, inputs, args, key)


# The cached functions below take everything but `key` unhashed (a leading "_"): `key`, one
# string made by data.cache_key, names the builder, data version, filters and arguments:
# making and hashing it takes 0.01 ms, Streamlit's hashing of the parts 0.2 ms, several times
# a rerun.
@st.cache_resource(show_spinner=False, max_entries=256)
def _cached_summary(_fn, _full, _version, _filters, _args, key):
    return _fn(data.filtered(_full, _version, _filters), *_args)


@st.cache_resource(show_spinner=False, max_entries=512)
def _cached_chart(_builder, _full, _version, _inputs, _args, key):
    # Building a Plotly figure costs tens of milliseconds; a rerun with the same inputs
    # (a click elsewhere, a page switch) reuses it.
    filters, highlight, lang, caption, shown = _inputs
    ds = data.filtered(_full, _version, filters)
    return focus.draw(_builder, ds, lang, caption, highlight, *_args, editions=shown)


def _ensure_router() -> None:
    """Hand a deep link (/towns) to dashboard.py's router on a fresh server.

    Streamlit treats an app with a `pages/` folder as an old-style multipage app until
    st.navigation has run once in the process; until then a first visit to /towns would run
    pages/towns.py alone, without the filter bar. Clearing that flag and rerunning sends the
    request through dashboard.py, which resolves /towns to the same page.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def setup(page: str, title_key: str) -> Context | None:
    """Prepare a page; None (after explaining why) when the data cannot be loaded."""
    _ensure_router()
    full, problems, version = data.dataset()
    state.init(filterbar.known_values(full) if full is not None else None)
    lang = state.lang()
    st.title(t(title_key, lang))
    if full is None:
        data.show_problems(problems)
        return None
    data.show_broken_editions(lang)
    xf = state.cross_filter(page)
    filters = state.filters()  # a chart click is in them: it moves the filter bar's choice
    ds = data.filtered(full, version, filters)
    text = describe(filters, full, lang)
    line = editions.caption_line(full, filters.editions, lang)
    ctx = Context(page, lang, full, ds, filters, text, xf, version, line)
    _banner(ctx)
    return ctx


def _banner(ctx: Context) -> None:
    if ctx.ds.projects.empty:
        st.warning(t("empty", ctx.lang), icon=":material/filter_alt_off:")
    if ctx.xf:
        left, right = st.columns([4, 1])
        field = t(f"filter_{ctx.xf['field']}", ctx.lang)
        left.info(
            md_escape(t("cross_from", ctx.lang, field=field, value=ctx.xf_label())),
            icon=":material/ads_click:",
        )
        right.button(
            t("clear_cross", ctx.lang),
            key=f"clear_xf_{ctx.page}",
            on_click=state.set_cross_filter,
            args=(None,),
        )
