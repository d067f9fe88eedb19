"""/themes 治理主题: theme frequency by tier, town × theme, co-occurrence."""

import streamlit as st

from baihua_ui import chartbox, exportbar, page
from metrics.charts import themes as charts_themes

ctx = page.setup("themes", "page_themes")
if ctx is None:
    st.stop()
lang = ctx.lang

freq = ctx.chart(charts_themes.themes_by_tier, "themes_by_tier")
chartbox.show(freq, ctx.page, ctx.filters_text, select="theme")
matrix = ctx.chart(charts_themes.town_theme_heatmap, "town_theme_heatmap")
chartbox.show(matrix, ctx.page, ctx.filters_text, select="town")
pairs = ctx.chart(charts_themes.theme_cooccurrence, "theme_cooccurrence")
chartbox.show(pairs, ctx.page, ctx.filters_text)

exportbar.export_bar(ctx, [freq, matrix, pairs])
