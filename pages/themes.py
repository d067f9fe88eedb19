"""/themes 治理主题: theme frequency by tier, town × theme, co-occurrence."""

import streamlit as st

from baihua_ui import chartbox, page
from metrics import charts_themes

ctx = page.setup("themes", "page_themes")
if ctx is None:
    st.stop()
lang = ctx.lang

freq = charts_themes.themes_by_tier(ctx.view("themes_by_tier"), lang, ctx.caption(True))
chartbox.show(freq, ctx.page, ctx.filters_text, select="theme")
matrix = charts_themes.town_theme_heatmap(ctx.view("town_theme_heatmap"), lang, ctx.caption(True))
chartbox.show(matrix, ctx.page, ctx.filters_text, select="town")
pairs = charts_themes.theme_cooccurrence(ctx.view("theme_cooccurrence"), lang, ctx.caption(True))
chartbox.show(pairs, ctx.page, ctx.filters_text)

chartbox.export_all([freq, matrix, pairs], ctx.page, ctx.filters_text)
