"""Which charts each page shows with its default settings: what `baihua export` writes."""

from __future__ import annotations

from dataclasses import replace

from ..analysis import aggregate, compare
from ..analysis.filters import Filters, apply
from ..data.load import Dataset
from . import compare as charts_compare
from . import figures as charts_figures
from . import themes as charts_themes
from . import towns as charts_towns
from .chart import Chart
from .focus import build, split

PAGES = ["overview", "towns", "themes", "figures", "compare"]


def page_charts(full: Dataset, filters: Filters, lang: str) -> dict[str, list[Chart]]:
    """Each chart as its page draws it: comparisons highlight the chosen towns, the rest filter."""

    def make(builder, *args) -> Chart:
        return build(builder, full, filters, lang, *args)

    towns = [make(charts_towns.towns_tier_stack)]
    towns += [make(charts_towns.towns_tile_map, m) for m in charts_towns.TILE_MEASURES]
    every_town = apply(full, split(filters, charts_towns.towns_totals.compares)[0])
    for category in ("participants", "reach"):
        units = aggregate.town_totals(every_town, category)["unit"].unique()
        towns += [make(charts_towns.towns_totals, category, u) for u in units]
    ds = apply(full, filters)
    figures = [make(charts_figures.figures_in_unit, u) for u in aggregate.units_by_use(ds)]
    figures += [make(charts_figures.funding_amounts), make(charts_figures.funding_disclosure)]
    themes = [
        make(charts_themes.themes_by_tier),
        make(charts_themes.town_theme_heatmap),
        make(charts_themes.theme_cooccurrence),
    ]
    pages = {
        "overview": [towns[0], themes[0], towns[1], figures[-1]],
        "towns": towns,
        "themes": themes,
        "figures": figures,
    }
    if compare.chooses_several(full, filters):
        pages["compare"] = compare_charts(full, filters, lang)
    return pages


def compare_charts(full: Dataset, filters: Filters, lang: str) -> list[Chart]:
    """/compare's charts: the covered editions side by side; what is new is judged against
    every edition, earlier ones included."""
    scoped = compare.scope(full, filters)
    every = replace(filters, editions=())
    return [
        build(charts_compare.towns_by_edition, full, scoped, lang, scoped.themes),
        build(charts_compare.themes_by_edition, full, scoped, lang),
        build(charts_compare.totals_by_edition, full, scoped, lang),
        build(charts_compare.new_towns, full, every, lang, scoped.editions),
        build(charts_compare.new_themes, full, every, lang, scoped.editions),
    ]


def unique_charts(pages: dict[str, list[Chart]]) -> list[Chart]:
    """Every distinct chart once (the overview repeats charts of other pages); empty ones out.

    A key names a builder, not a chart: one builder draws a chart per unit (各镇参与合计（名）,
    （个）, …) under the same key, so the title tells them apart.
    """
    seen: dict[tuple[str, str], Chart] = {}
    for charts in pages.values():
        for chart in charts:
            if not chart.is_empty:
                seen.setdefault((chart.key, chart.title), chart)
    return list(seen.values())
