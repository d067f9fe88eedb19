"""/compare 历年对比: the editions side by side — projects per town, themes, figure totals within
one unit, and what is new in an edition. With one edition, one sentence on adding another."""

from dataclasses import replace

import streamlit as st

from baihua_ui import chartbox, exportbar, page
from metrics.analysis import compare, editions
from metrics.charts import compare as charts_compare
from metrics.i18n import t
from metrics.safe_text import md_escape

ctx = page.setup("compare", "page_compare")
if ctx is None:
    st.stop()
lang = ctx.lang

covered = compare.covered(ctx.full, ctx.filters)
if len(covered) < 2:
    only = editions.describe(ctx.full, covered, lang)
    st.info(md_escape(t("compare_one_edition", lang, edition=only)), icon=":material/info:")
    st.stop()

st.markdown(md_escape(t("compare_covers", lang, names=editions.describe(ctx.full, covered, lang))))
# The editions compared; what is new is judged against every edition, earlier ones included.
side_by_side = replace(ctx, filters=compare.scope(ctx.full, ctx.filters))
every = replace(ctx, filters=replace(ctx.filters, editions=()))

# The chosen themes (a click included): an edition not listing them is "not reported".
towns = side_by_side.chart(charts_compare.towns_by_edition, "compare_towns", ctx.filters.themes)
chartbox.show(towns, ctx.page, ctx.filters_text, select="town")
themes = side_by_side.chart(charts_compare.themes_by_edition, "compare_themes")
chartbox.show(themes, ctx.page, ctx.filters_text, select="theme")
totals = side_by_side.chart(charts_compare.totals_by_edition, "compare_totals")
chartbox.show(totals, ctx.page, ctx.filters_text)

firsts = [e for e in covered if e in compare.first_editions(ctx.full)]
new_charts = []
for builder, field, what in (
    (charts_compare.new_towns, "town", t("filter_town", lang)),
    (charts_compare.new_themes, "theme", t("theme", lang)),
):
    chart = every.chart(builder, f"compare_new_{field}s", covered)
    if chart.is_empty:
        st.markdown(f"**{md_escape(chart.title)}**")
        nothing = t("compare_nothing_new", lang, what=what.lower())
        st.info(md_escape(nothing), icon=":material/info:")
    else:
        chartbox.show(chart, ctx.page, ctx.filters_text, select=field)
        new_charts.append(chart)
if firsts:
    names = editions.describe(ctx.full, tuple(firsts), lang)
    st.caption(md_escape(t("compare_new_note", lang, names=names)))

exportbar.export_bar(side_by_side, [towns, themes, totals, *new_charts])
