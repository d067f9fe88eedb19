"""/figures 覆盖·参与·经费: figures per project within one unit, funding and its disclosure."""

import streamlit as st

from baihua_ui import chartbox, exportbar, page
from metrics.charts import figures as charts_figures
from metrics.data.schema import CATEGORIES
from metrics.i18n import category_label, t

ctx = page.setup("figures", "page_figures")
if ctx is None:
    st.stop()
lang = ctx.lang

units = charts_figures.units_for(ctx.ds, lang)
left, mid, right = st.columns([2, 3, 1])
unit = left.selectbox(
    t("choose_unit", lang), list(units), key="figures_unit", format_func=lambda u: units[u]
)
shown = [c for c in CATEGORIES if c != "funding"]
categories = mid.multiselect(
    t("choose_category", lang),
    shown,
    default=shown,
    key="figures_categories",
    format_func=lambda c: category_label(c, lang),
)
log = right.toggle(t("log_scale", lang), key="figures_log")
per_unit = ctx.chart(
    charts_figures.figures_in_unit, "figures_in_unit", unit or "", tuple(categories), log
)
chartbox.show(per_unit, ctx.page, ctx.filters_text)
st.caption(t("at_least_note", lang))

left, right = st.columns(2)
with left:
    amounts = ctx.chart(charts_figures.funding_amounts, "funding_amounts")
    chartbox.show(amounts, ctx.page, ctx.filters_text)
with right:
    disclosure = ctx.chart(charts_figures.funding_disclosure, "funding_disclosure")
    chartbox.show(disclosure, ctx.page, ctx.filters_text)

exportbar.export_bar(ctx, [per_unit, amounts, disclosure])
