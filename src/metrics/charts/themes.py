"""Theme charts: frequency by tier, town × theme matrix, themes that travel together."""

from __future__ import annotations

import pandas as pd

from ..analysis import aggregate
from ..analysis.filters import Filters, theme_name, town_name
from ..data.load import Dataset
from ..data.schema import TIERS
from ..i18n import t, tier_label
from ..safe_text import plot_texts
from . import summaries
from .chart import Chart, base_figure, count_colorbar, empty_figure
from .focus import NO_HIGHLIGHT, chosen_rows, compares, highlight_label, marked, opacities
from .style import SEQUENTIAL, TIER_COLORS, scale_labels


@compares("themes", "tiers")
def themes_by_tier(
    ds: Dataset, lang: str, caption: str, highlight: Filters = NO_HIGHLIGHT
) -> Chart:
    title = (
        "治理主题出现频次（按等级）" if lang != "en" else "How often each theme appears, by tier"
    )
    data = aggregate.theme_by_tier(ds)
    if data.empty:
        return Chart("themes_by_tier", title, empty_figure(title, lang), data, caption)
    data["theme_label"] = [theme_name(ds, theme, lang) for theme in data["theme_id"]]
    data["theme_plot"] = plot_texts(data["theme_label"])
    data["titles_plot"] = plot_texts(data["titles"])
    order = list(dict.fromkeys(data["theme_plot"]))
    fig = base_figure(title, height=max(360, 34 * len(order) + 140))
    for tier in TIERS:
        part = data.loc[data["tier"] == tier]
        fig.add_bar(
            y=part["theme_plot"],
            x=part["projects"],
            orientation="h",
            name=tier_label(tier, lang),
            marker={"color": TIER_COLORS[tier], "opacity": opacities(highlight, part)},
            customdata=part[["theme_id", "titles_plot"]],
            hovertemplate="%{y}: %{x} "
            + t("projects", lang)
            + "<br>%{customdata[1]}<extra>"
            + tier_label(tier, lang)
            + "</extra>",
        )
    fig.update_layout(
        barmode="stack",
        # The key even when one tier is left (Plotly hides a one-trace legend, #21).
        showlegend=True,
        xaxis={"title": t("count_axis", lang), "dtick": 1 if len(ds.projects) <= 15 else None},
        yaxis={"title": t("theme", lang), "categoryorder": "array", "categoryarray": order[::-1]},
    )
    table = pd.DataFrame(
        {
            t("theme", lang): data["theme_label"],
            t("tier", lang): [tier_label(tier, lang) for tier in data["tier"]],
            t("count_axis", lang): data["projects"],
        }
    )
    table = marked(highlight, table, data, lang)
    listed = ds.edition_themes["theme_id"].nunique() or len(ds.themes)
    summary = summaries.themes_by_tier(data, lang, len(ds.projects), listed,
                                       chosen_rows(highlight, data))  # fmt: skip
    return Chart("themes_by_tier", title, fig, table, caption, summary=summary)


@compares("towns", "themes")
def town_theme_heatmap(
    ds: Dataset, lang: str, caption: str, highlight: Filters = NO_HIGHLIGHT
) -> Chart:
    """Drawn as square markers, not go.Heatmap, so that a click selects a cell."""
    title = "各镇 × 治理主题（项目数）" if lang != "en" else "Towns × themes (projects)"
    matrix = aggregate.town_theme_matrix(ds)
    if matrix.empty:
        return Chart("town_theme_heatmap", title, empty_figure(title, lang), matrix, caption)
    cells = matrix.stack().rename("projects").reset_index()
    cells = cells.loc[cells["projects"] > 0]
    towns = [town_name(ds, town, lang) for town in matrix.index]
    themes = [theme_name(ds, theme, lang) for theme in matrix.columns]
    cells["town_label"] = [town_name(ds, town, lang) for town in cells["town"]]
    cells["theme_label"] = [theme_name(ds, theme, lang) for theme in cells["theme_id"]]
    fig = base_figure(title, height=max(380, 34 * len(towns) + 200))
    alpha = opacities(highlight, cells)
    fig.add_scatter(
        x=plot_texts(cells["theme_label"]),
        y=plot_texts(cells["town_label"]),
        mode="markers+text",
        text=cells["projects"],
        customdata=cells[["town", "theme_id"]],
        marker={
            "symbol": "square",
            "size": 30,
            "color": cells["projects"],
            "opacity": alpha,
            "cmin": 0,
            "colorscale": SEQUENTIAL,
            "showscale": True,
            "colorbar": count_colorbar(cells["projects"].max(), t("count_axis", lang)),
        },
        # Per cell: a dark label on the darkest cell was 1.4:1.
        textfont={
            "color": scale_labels(cells["projects"], cells["projects"].max(), alpha),
            "size": 11,
        },  # fmt: skip
        hovertemplate="%{y} × %{x}: %{text} " + t("projects", lang) + "<extra></extra>",
    )
    fig.update_layout(
        xaxis={
            "title": t("theme", lang),
            "categoryorder": "array",
            "categoryarray": plot_texts(themes),
            "tickangle": -40,
        },
        yaxis={
            "title": t("town", lang),
            "categoryorder": "array",
            "categoryarray": plot_texts(towns[::-1]),
        },
    )
    table = matrix.copy()
    table.index = towns
    table.columns = themes
    table = table.rename_axis(t("town", lang)).reset_index()
    table = marked(highlight, table, pd.DataFrame({"town": matrix.index}), lang)
    summary = summaries.town_theme_cells(cells, lang, highlight_label(highlight, ds, lang),
                                         chosen_rows(highlight, cells))  # fmt: skip
    return Chart("town_theme_heatmap", title, fig, table, caption, summary=summary)


@compares("themes")
def theme_cooccurrence(
    ds: Dataset, lang: str, caption: str, highlight: Filters = NO_HIGHLIGHT
) -> Chart:
    title = (
        "同时出现的治理主题（项目数）" if lang != "en" else "Themes that travel together (projects)"
    )
    matrix = aggregate.theme_cooccurrence(ds)
    if matrix.empty:
        return Chart("theme_cooccurrence", title, empty_figure(title, lang), matrix, caption)
    names = [theme_name(ds, theme, lang) for theme in matrix.columns]
    fig = base_figure(title, height=max(420, 30 * len(names) + 220))
    fig.add_heatmap(
        z=matrix.to_numpy(),
        x=plot_texts(names),
        y=plot_texts(names),
        colorscale=SEQUENTIAL,
        zmin=0,
        colorbar=count_colorbar(matrix.to_numpy().max(), t("count_axis", lang)),
        hovertemplate="%{y} + %{x}: %{z} " + t("projects", lang) + "<extra></extra>",
    )
    _cell_values(fig, matrix, plot_texts(names))
    fig.update_layout(
        xaxis={"title": t("theme", lang), "tickangle": -40},
        yaxis={"title": t("theme", lang), "autorange": "reversed"},
        shapes=_frames(list(matrix.columns), highlight),
    )
    table = matrix.copy()
    table.index, table.columns = names, names
    table = table.rename_axis(t("theme", lang)).reset_index()
    table = marked(highlight, table, pd.DataFrame({"theme_id": matrix.columns}), lang)
    labelled = matrix.set_axis(names, axis=0).set_axis(names, axis=1)
    chosen = [theme_name(ds, th, lang) for th in highlight.themes if th in matrix.columns]
    summary = summaries.theme_pairs(labelled, lang, chosen)
    return Chart("theme_cooccurrence", title, fig, table, caption, summary=summary)


def _cell_values(fig, matrix: pd.DataFrame, names: list[str]) -> None:
    """Each cell's count, written over the heat map in a colour chosen for its cell: a heat
    map's own text has one colour, and Plotly's automatic one fell to 3:1 on mid blues."""
    cells = matrix.stack()
    x = [names[matrix.columns.get_loc(col)] for _, col in cells.index]
    y = [names[matrix.index.get_loc(row)] for row, _ in cells.index]
    fig.add_scatter(
        x=x, y=y, mode="text", text=cells.to_numpy(),
        textfont={"color": scale_labels(cells, cells.max(), [1.0] * len(cells)), "size": 12},
        hoverinfo="skip", showlegend=False,
    )  # fmt: skip


def _frames(theme_ids: list[str], highlight: Filters) -> list[dict]:
    """A frame around each chosen theme's row and column: a heat map cell has no opacity."""
    n, line = len(theme_ids), {"color": "#D55E00", "width": 3}
    frames = []
    for i, theme in enumerate(theme_ids):
        if theme in highlight.themes:
            frames.append(
                {
                    "type": "rect",
                    "x0": -0.5,
                    "x1": n - 0.5,
                    "y0": i - 0.5,
                    "y1": i + 0.5,
                    "line": line,
                }
            )
            frames.append(
                {
                    "type": "rect",
                    "x0": i - 0.5,
                    "x1": i + 0.5,
                    "y0": -0.5,
                    "y1": n - 0.5,
                    "line": line,
                }
            )
    return frames
