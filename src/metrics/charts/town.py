"""The town profile's chart (/town): a town's themes beside the district's."""

from __future__ import annotations

import pandas as pd

from ..analysis import town_profile
from ..analysis.filters import Filters, theme_names, town_name
from ..data.load import Dataset
from ..i18n import t
from ..safe_text import plot_text, plot_texts
from .chart import Chart, base_figure, empty_figure
from .focus import NO_HIGHLIGHT, compares

TOWN_COLOR = "#0072B2"  # the palette's first colour: the town in focus
DISTRICT_COLOR = "#9CA3AF"  # grey: the whole district it is measured against


@compares("towns")
def town_themes(
    ds: Dataset, lang: str, caption: str, town: str, highlight: Filters = NO_HIGHLIGHT
) -> Chart:
    """Projects per theme: the town's and the whole district's, themes in themes.csv order.

    It compares the town with every town, so the town filter highlights rather than filters
    (`highlight` names the town; `town` is the one drawn)."""
    name = town_name(ds, town, lang)
    title = t("town_chart_title", lang, town=name)
    counts = town_profile.profile(ds, town).themes
    if counts.empty:
        return Chart("town_themes", title, empty_figure(title, lang), counts, caption)
    labels = [theme_names(ds, lang).get(th, th) for th in counts["theme_id"]]
    plotted = plot_texts(labels)
    fig = base_figure(title, height=max(360, 40 * len(counts) + 160))
    series = (
        (name, "town", TOWN_COLOR),
        (t("town_series_district", lang), "district", DISTRICT_COLOR),
    )
    for label, column, color in series:
        fig.add_bar(
            y=plotted,
            x=counts[column],
            orientation="h",
            name=plot_text(label),
            marker={"color": color},
            hovertemplate="%{y}: %{x} "
            + t("projects", lang)
            + "<extra>"
            + plot_text(label)
            + "</extra>",
        )
    fig.update_layout(
        barmode="group",
        xaxis={
            "title": t("count_axis", lang),
            "dtick": 1 if counts["district"].max() <= 15 else None,
        },
        yaxis={"title": t("theme", lang), "categoryorder": "array", "categoryarray": plotted[::-1]},
    )
    table = pd.DataFrame(
        {
            t("theme", lang): labels,
            name: counts["town"],
            t("town_series_district", lang): counts["district"],
        }
    )
    return Chart("town_themes", title, fig, table, caption)
