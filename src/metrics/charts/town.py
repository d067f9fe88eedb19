"""The town profile's chart (/town): a town's themes beside the district's."""

from __future__ import annotations

from math import ceil

import pandas as pd

from ..analysis import town_profile
from ..analysis.filters import Filters, theme_names, town_name
from ..data.load import Dataset
from ..i18n import t
from ..safe_text import plot_text, plot_texts
from . import summaries
from .chart import Chart, base_figure, empty_figure
from .compare import wrapped
from .focus import NO_HIGHLIGHT, compares
from .margins import TICK_GAP, text_width

TOWN_COLOR = "#0072B2"  # the palette's first colour: the town in focus
DISTRICT_COLOR = "#9CA3AF"  # grey: the whole district it is measured against


def widest(labels: list[str]) -> float:
    """The widest line of labels that may hold a <br>."""
    return max((text_width(line) for label in labels for line in label.split("<br>")), default=0)


@compares("towns")
def town_themes(
    ds: Dataset, lang: str, caption: str, town: str, highlight: Filters = NO_HIGHLIGHT
) -> Chart:
    """Projects per theme: the town's and the whole district's, themes in themes.csv order.

    It compares the town with every town, so the town filter highlights rather than filters
    (`highlight` names the town; `town` is the one drawn)."""
    name = town_name(ds, town, lang)
    title = t("town_chart_title", lang, town=name)
    counts = town_profile.town_theme_counts(ds, town)
    if counts.empty:
        return Chart("town_themes", title, empty_figure(title, lang), counts, caption)
    labels = [theme_names(ds, lang).get(th, th) for th in counts["theme_id"]]
    # Two lines for a long English name: on a phone one line left the bars no room.
    plotted = [wrapped(text) for text in plot_texts(labels)]
    fig = base_figure(title, height=max(360, 44 * len(counts) + 180))
    # Rows run top down (a reversed range), so the first series is the upper bar of a pair.
    series = (
        (name, "town", TOWN_COLOR),
        (t("town_series_district", lang), "district", DISTRICT_COLOR),
    )
    for label, column, color in series:
        fig.add_bar(
            y=list(range(len(plotted))),
            x=counts[column],
            orientation="h",
            name=plot_text(label),
            marker={"color": color},
            customdata=plot_texts(labels),  # the theme for the hover: y is only its row
            hovertemplate="%{customdata}: %{x} "
            + t("projects", lang)
            + "<extra>"
            + plot_text(label)
            + "</extra>",
        )
    fig.update_layout(
        barmode="group",
        xaxis={
            "title": t("count_axis", lang),
            "dtick": 1 if counts["district"].max() <= 6 else None,
        },
        # Numbered rows named by their ticks, with room for the longer line of each name:
        # fit_margins measures a two-line name as one line, which left a phone no room for
        # the bars. No axis title: the theme names say what they are.
        yaxis={
            "tickvals": list(range(len(plotted))),
            "ticktext": plotted,
            "range": [len(plotted) - 0.5, -0.5],
            "showgrid": False,
            # Rows are numbered from 0: a zero line would run through the first theme's bars.
            "zeroline": False,
            "fixedrange": True,
        },
        # The title pinned to the top, the legend under it (as compare.py's panels do).
        title={"yref": "container", "y": 1, "yanchor": "top", "pad": {"t": 14}},
        margin={"t": 110, "l": ceil(widest(plotted)) + TICK_GAP + 8},
    )
    table = pd.DataFrame(
        {
            t("theme", lang): labels,
            name: counts["town"],
            t("town_series_district", lang): counts["district"],
        }
    )
    summary = themes_summary(counts, labels, name, lang)
    return Chart("town_themes", title, fig, table, caption, summary=summary)


def themes_summary(counts: pd.DataFrame, labels: list[str], town: str, lang: str) -> str:
    """ "朱泾镇的项目涉及7个主题（全区共16个主题）。最多的是…。没有的9个主题：…。" """
    has = counts["town"] > 0
    label = pd.Series(labels, index=counts.index)
    parts = [
        t("town_summary_themes", lang, town=town, n=summaries.count(int(has.sum()), "theme", lang),
          total=summaries.count(len(counts), "theme", lang))
    ]  # fmt: skip
    if has.any():
        top = counts["town"].max()
        most = label[counts["town"] == top].tolist()
        value = summaries.count(int(top), "project", lang)
        parts.append(t("town_summary_most", lang, most=summaries.named(most, value, lang)))
    if not has.all():
        missing = label[~has].tolist()
        n = summaries.count(len(missing), "theme", lang)
        parts.append(t("town_summary_gaps", lang, n=n, names=summaries.names(missing, lang)))
    return summaries.sentences(parts, lang)
