"""Which charts each page shows with its default settings: what `baihua export` writes."""

from __future__ import annotations

from ..analysis import aggregate
from ..analysis.filters import Filters, apply
from ..data.load import Dataset
from . import figures as charts_figures
from . import themes as charts_themes
from . import towns as charts_towns
from .chart import Chart
from .focus import build, split

PAGES = ["overview", "towns", "themes", "figures"]


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
    return {
        "overview": [towns[0], themes[0], towns[1], figures[-1]],
        "towns": towns,
        "themes": themes,
        "figures": figures,
    }


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
