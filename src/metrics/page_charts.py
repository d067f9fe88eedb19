"""Which charts each page shows with its default settings: what `baihua export` writes."""

from __future__ import annotations

from . import aggregate, charts_figures, charts_themes, charts_towns
from .chart import Chart, caption
from .filters import Filters, apply, describe
from .load import Dataset

PAGES = ["overview", "towns", "themes", "figures"]


def page_charts(full: Dataset, filters: Filters, lang: str) -> dict[str, list[Chart]]:
    ds = apply(full, filters)
    cap = caption(lang, describe(filters, full, lang))
    towns = [charts_towns.towns_tier_stack(ds, lang, cap)]
    towns += [charts_towns.towns_tile_map(ds, lang, cap, m) for m in charts_towns.TILE_MEASURES]
    for category in ("participants", "reach"):
        units = aggregate.town_totals(ds, category)["unit"].unique()
        towns += [charts_towns.towns_totals(ds, lang, cap, category, u) for u in units]
    figures = [charts_figures.figures_in_unit(ds, lang, cap, u) for u in aggregate.units_by_use(ds)]
    figures += [charts_figures.funding_amounts(ds, lang, cap)]
    figures += [charts_figures.funding_disclosure(ds, lang, cap)]
    return {
        "overview": [
            towns[0],
            charts_themes.themes_by_tier(ds, lang, cap),
            towns[1],
            charts_figures.funding_disclosure(ds, lang, cap),
        ],
        "towns": towns,
        "themes": [
            charts_themes.themes_by_tier(ds, lang, cap),
            charts_themes.town_theme_heatmap(ds, lang, cap),
            charts_themes.theme_cooccurrence(ds, lang, cap),
        ],
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
