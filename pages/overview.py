"""/ 总览: headline numbers and the charts that tell the story."""

import streamlit as st

from baihua_ui import chartbox, exportbar, page
from metrics.analysis import aggregate, briefing
from metrics.charts import figures as charts_figures
from metrics.charts import themes as charts_themes
from metrics.charts import towns as charts_towns
from metrics.i18n import t
from metrics.safe_text import md_escape

ctx = page.setup("overview", "page_overview")
if ctx is None:
    st.stop()

lang = ctx.lang
head = ctx.summary(aggregate.headline)
# A row that wraps rather than four fixed columns: "not disclosed" or "≥2,546 people" is wider
# than a quarter of the page, and a column would cut it short ("not disclos…").
row = st.container(horizontal=True, gap="large", horizontal_alignment="distribute")
for item in briefing.headline_rows(head, lang):  # the same words as the ZIP and the deck
    row.metric(item.label, item.value, help=item.note or None, width="content")
st.caption(md_escape(t("at_least_note", lang) + " · " + ctx.caption()))

# Town counts and the funding disclosure read well at half width; the theme list and the
# tile map need the full width for their labels, in English above all.
left, right = st.columns(2)
with left:
    towns = ctx.chart(charts_towns.towns_tier_stack, "towns_tier_stack")
    chartbox.show(towns, ctx.page, ctx.filters_text, select="town")
with right:
    disclosure = ctx.chart(charts_figures.funding_disclosure, "funding_disclosure")
    chartbox.show(disclosure, ctx.page, ctx.filters_text)
themes = ctx.chart(charts_themes.themes_by_tier, "themes_by_tier")
chartbox.show(themes, ctx.page, ctx.filters_text, select="theme")
tiles = ctx.chart(charts_towns.towns_tile_map, "towns_tile_map_projects")
chartbox.show(tiles, ctx.page, ctx.filters_text, select="town")

exportbar.export_bar(ctx, [towns, themes, tiles, disclosure])
