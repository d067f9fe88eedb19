"""/towns 各镇对比: projects per town by tier, the tile map, per-town totals."""

import streamlit as st

from baihua_ui import chartbox, exportbar, page
from metrics.analysis import aggregate
from metrics.charts import towns as charts_towns
from metrics.i18n import category_label, t, unit_label

ctx = page.setup("towns", "page_towns")
if ctx is None:
    st.stop()
lang = ctx.lang

stack = ctx.chart(charts_towns.towns_tier_stack, "towns_tier_stack")
chartbox.show(stack, ctx.page, ctx.filters_text, select="town")

measure = (
    st.segmented_control(
        t("choose_measure", lang),
        charts_towns.TILE_MEASURES,
        key="tile_measure",
        default="projects",
        format_func=lambda m: charts_towns.measure_label(m, lang),
    )
    or "projects"
)
tiles = ctx.chart(charts_towns.towns_tile_map, f"towns_tile_map_{measure}", measure)
chartbox.show(tiles, ctx.page, ctx.filters_text, select="town")

left, right = st.columns(2)
category = (
    left.segmented_control(
        t("choose_category", lang),
        ["participants", "reach"],
        key="totals_category",
        default="participants",
        format_func=lambda c: category_label(c, lang),
    )
    or "participants"
)
totals_key = f"towns_totals_{category}"
totals_all = ctx.summary(aggregate.town_totals, category, compares=("towns",))
# Head-counts (名) first: the measure officials ask for; then the other units by use.
units = sorted(
    totals_all["unit"].unique(), key=lambda u: (u != "名", -(totals_all["unit"] == u).sum())
)
unit = right.selectbox(
    t("choose_unit", lang),
    units,
    key=f"totals_unit_{category}",
    format_func=lambda u: unit_label(u, lang),
)
totals = ctx.chart(charts_towns.towns_totals, totals_key, category, unit or "名")
chartbox.show(totals, ctx.page, ctx.filters_text, select="town")
table = ctx.summary(charts_towns.totals_table, lang, compares=("towns",))
st.dataframe(table, hide_index=True, width="stretch")

exportbar.export_bar(ctx, [stack, tiles, totals])
