"""Town charts: projects per town by tier, the schematic tile map, per-town totals."""

from __future__ import annotations

import pandas as pd
from plotly.colors import sample_colorscale

from ..analysis import aggregate
from ..analysis.filters import Filters, district_names, town_name, town_names
from ..data.load import Dataset
from ..data.schema import TIERS
from ..i18n import category_label, join_names, t, tier_label, unit_label
from ..safe_text import plot_text, plot_texts
from . import summaries
from .chart import Chart, base_figure, count_colorbar, empty_figure, fmt_value
from .focus import (
    NO_HIGHLIGHT,
    chosen_rows,
    compares,
    highlight_label,
    marked,
    opacities,
    unshown_towns,
)
from .style import MISSING_COLOR, SEQUENTIAL, TIER_COLORS, scale_labels

TILE_MEASURES = ["projects", "participants", "figures"]


@compares("towns", "tiers")
def towns_tier_stack(
    ds: Dataset, lang: str, caption: str, highlight: Filters = NO_HIGHLIGHT
) -> Chart:
    title = "各镇（街道）项目数（按等级）" if lang != "en" else "Projects per town, by tier"
    data = aggregate.projects_by_town_tier(ds)
    if data.empty:
        return Chart("towns_tier_stack", title, empty_figure(title, lang), data, caption)
    data["town_label"] = [town_name(ds, town, lang) for town in data["town"]]
    fig = base_figure(title)
    data["town_plot"] = plot_texts(data["town_label"])
    data["titles_plot"] = plot_texts(data["titles"])
    order = list(dict.fromkeys(data["town_plot"]))
    for tier in TIERS:
        part = data.loc[data["tier"] == tier]
        fig.add_bar(
            x=part["town_plot"],
            y=part["projects"],
            name=tier_label(tier, lang),
            marker={"color": TIER_COLORS[tier], "opacity": opacities(highlight, part)},
            customdata=part[["town", "titles_plot"]],
            hovertemplate="%{x}<br>%{y} " + t("projects", lang) + "<br>%{customdata[1]}"
            "<extra>" + tier_label(tier, lang) + "</extra>",
        )
    fig.update_layout(
        barmode="stack",
        # The key even when one tier is left (Plotly hides a one-trace legend, #21).
        showlegend=True,
        # Slanted always: Plotly would slant them only when crowded, after a first drawing.
        xaxis={
            "title": t("town", lang),
            "categoryorder": "array",
            "categoryarray": order,
            "tickangle": -30,
        },
        yaxis={"title": t("count_axis", lang), "dtick": 1},
    )
    table = marked(highlight, _export_frame(data, lang), data, lang)
    summary = summaries.towns_tier_stack(data, lang, list(town_names(ds, lang).values()),
                                         highlight_label(highlight, ds, lang),
                                         chosen_rows(highlight, data),
                                         district_names(ds, lang))  # fmt: skip
    return Chart("towns_tier_stack", title, fig, table, caption, summary=summary)


def _export_frame(data: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("town", lang): data["town_label"],
            t("tier", lang): [tier_label(tier, lang) for tier in data["tier"]],
            t("count_axis", lang): data["projects"],
        }
    )


def measure_label(measure: str, lang: str) -> str:
    if measure == "projects":
        return t("count_axis", lang)
    if measure == "figures":
        return "已披露数字（个）" if lang != "en" else "Figures disclosed (count)"
    unit = unit_label(aggregate.PEOPLE_UNIT, lang)
    return (
        f"{category_label(measure, lang)}（{unit}）"
        if lang != "en"
        else (f"{category_label(measure, lang)} ({unit})")
    )


HALF_TILE = 0.48  # half a tile's side, in grid steps: tiles as large as a phone allows


def tile_name(name: str, lang: str) -> str:
    """A town's name on its tile, a line per word; a Chinese name of five or more characters
    (金山工业区) in two lines, so that it fits a tile on a phone."""
    if lang == "en":
        parts = name.split()
    elif len(name) > 4:
        parts = [name[:2], name[2:]]
    else:
        parts = [name]
    return "<br>".join(plot_texts(parts))


@compares("towns")
def towns_tile_map(
    ds: Dataset,
    lang: str,
    caption: str,
    measure: str = "projects",
    highlight: Filters = NO_HIGHLIGHT,
) -> Chart:
    """Tiles are shapes in data coordinates, so they keep their size at any width; a marker
    at each centre carries hover text and click selection."""
    label = measure_label(measure, lang)
    title = f"金山区示意图：{label}" if lang != "en" else f"Schematic map of Jinshan: {label}"
    tiles = aggregate.tile_measure(ds, measure)
    names = [town_name(ds, town, lang) for town in tiles["town"]]
    shown_names = plot_texts(names)
    shown = [
        fmt_value(v, "at_least" if a else "exact", lang)
        for v, a in zip(tiles["value"], tiles["at_least"], strict=True)
    ]
    top = tiles["value"].max()
    top = top if pd.notna(top) and top > 0 else 1
    fig = base_figure(title, height=540)
    alpha = opacities(highlight, tiles)
    # One layout update with plain dicts: twelve add_shape calls validate twelve times.
    fig.update_layout(
        shapes=[
            _tile(row, top, a, highlight)
            for row, a in zip(tiles.itertuples(index=False), alpha, strict=True)
        ]
    )
    fig.add_scatter(
        x=tiles["grid_col"],
        y=tiles["grid_row"],
        mode="markers+text",
        text=[
            tile_name(n, lang) + "".join(f"<br><b>{word}</b>" for word in plot_texts(v.split()))
            for n, v in zip(names, shown, strict=True)
        ],
        # On a phone a tile is 55 px wide: "Jinshanwei" at 10 px and "金山卫镇" at 11 px fit.
        textfont={
            "size": 10 if lang == "en" else 11,
            "color": scale_labels(tiles["value"], top, alpha),
        },
        marker={
            "size": 60,
            "opacity": 0,
            "color": tiles["value"].fillna(0),
            "cmin": 0,
            "cmax": top,
            "colorscale": SEQUENTIAL,
            "showscale": True,
            # Laid flat under the map: standing at its right it took a third of a phone's width.
            "colorbar": {
                **count_colorbar(top, label),
                "title": {"text": label, "side": "top"},
                "orientation": "h",
                "len": 0.6,
                "thickness": 12,
                "y": -0.02,
                "yanchor": "top",
            },
        },
        customdata=tiles[["town"]],
        hovertext=[f"{n}: {v}" for n, v in zip(shown_names, shown, strict=True)],
        hovertemplate="%{hovertext}<extra></extra>",
        showlegend=False,
    )
    fig.update_xaxes(visible=False, range=[-0.5, 5.5])
    # Tiles a quarter taller than wide: five lines of text ("Jinshan / Industrial / Zone /
    # not / disclosed") fit a tile of a phone's width.
    fig.update_yaxes(visible=False, range=[3.5, -0.5], scaleanchor="x", scaleratio=1.25)
    data = marked(
        highlight, pd.DataFrame({t("town", lang): names, label: tiles["value"]}), tiles, lang
    )
    summary = _tile_summary(tiles, names, measure, lang, highlight, ds)
    return Chart(f"towns_tile_map_{measure}", title, fig, data, caption, summary=summary)


def _tile_summary(tiles, names, measure: str, lang: str, highlight: Filters, ds) -> str:
    frame = summaries.amounts(names, tiles["value"].to_numpy(), tiles["at_least"].to_numpy())
    picked, district = chosen_rows(highlight, tiles), district_names(ds, lang)
    if measure in ("projects", "figures"):
        label = highlight_label(highlight, ds, lang)
        return summaries.tile_counts(frame, measure, lang, label, picked, district)
    return summaries.town_amounts(frame, lang, measure, aggregate.PEOPLE_UNIT, frame["name"],
                                  picked, district=district)  # fmt: skip


def _tile(row, top: float, alpha: float, highlight: Filters) -> dict:
    """One town's square: coloured by its value, grey when undisclosed, framed when chosen."""
    chosen = alpha == 1 and not highlight.is_empty()
    value = row.value
    return {
        "type": "rect",
        "x0": row.grid_col - HALF_TILE,
        "x1": row.grid_col + HALF_TILE,
        "y0": row.grid_row - HALF_TILE,
        "y1": row.grid_row + HALF_TILE,
        "fillcolor": MISSING_COLOR
        if pd.isna(value)
        else sample_colorscale(SEQUENTIAL, value / top)[0],
        "opacity": alpha,
        "line": {"color": "#D55E00" if chosen else "white", "width": 4 if chosen else 2},
        "layer": "below",
    }


def note_missing(fig, names: list[str], lang: str) -> None:
    """ "亭林镇：未披露" above the plot, for highlighted towns without a bar."""
    if names:
        text = t("chart_missing_towns", lang, names=join_names(names, lang))
        fig.add_annotation(text=plot_text(text), xref="paper", yref="paper", x=1, y=1.02,
                           xanchor="right", yanchor="bottom", showarrow=False,
                           font={"color": "#D55E00"})  # fmt: skip


@compares("towns")
def towns_totals(
    ds: Dataset,
    lang: str,
    caption: str,
    category: str,
    unit: str,
    highlight: Filters = NO_HIGHLIGHT,
) -> Chart:
    cat, unit_text = category_label(category, lang), unit_label(unit, lang)
    axis = f"{cat}（{unit_text}）" if lang != "en" else f"{cat} ({unit_text})"
    title = (
        f"各镇{cat}合计（{unit_text}）" if lang != "en" else f"{cat} per town, total ({unit_text})"
    )
    totals = aggregate.town_totals(ds, category)
    totals = totals.loc[totals["unit"] == unit]
    if totals.empty:
        return Chart(f"towns_totals_{category}", title, empty_figure(title, lang), totals, caption)
    names = [town_name(ds, town, lang) for town in totals["town"]]
    shown = [
        fmt_value(v, "at_least" if a else "exact", lang)
        for v, a in zip(totals["value"], totals["at_least"], strict=True)
    ]
    fig = base_figure(title)
    fig.add_bar(
        x=plot_texts(names),
        y=totals["value"],
        text=shown,
        textposition="outside",
        marker={
            "color": "#009E73" if category == "participants" else "#0072B2",
            "opacity": opacities(highlight, totals),
        },
        customdata=totals[["town", "figures"]],
        # Plotly styles a click's selection of a bar with per-bar opacity and value labels
        # through these; left unset, it throws and the click never reaches Streamlit.
        selected={"textfont": {"color": "#1d2733"}},
        unselected={"textfont": {"color": "#6B7280"}},
        hovertemplate="%{x}: %{text} " + unit + "<extra></extra>",
    )
    fig.update_layout(xaxis={"title": t("town", lang), "tickangle": -30}, yaxis_title=axis)
    fig.update_traces(cliponaxis=False)
    data = pd.DataFrame(
        {
            t("town", lang): names,
            axis: totals["value"].to_numpy(),
            t("qualifier", lang): ["≥" if a else "=" for a in totals["at_least"]],
        }
    )
    data = marked(highlight, data, totals, lang)
    frame = summaries.amounts(names, totals["value"].to_numpy(), totals["at_least"].to_numpy())
    missing = [town_name(ds, town, lang) for town in unshown_towns(highlight, totals["town"])]
    note_missing(fig, missing, lang)
    everywhere = list(town_names(ds, lang).values())
    summary = summaries.town_amounts(frame, lang, category, unit, everywhere,
                                     chosen_rows(highlight, totals), missing,
                                     district_names(ds, lang))  # fmt: skip
    return Chart(f"towns_totals_{category}", title, fig, data, caption, summary=summary)


def totals_table(ds: Dataset, lang: str) -> pd.DataFrame:
    """Reach and participant totals per town in every unit, for the table under the chart."""
    frames = []
    for category in ("reach", "participants"):
        totals = aggregate.town_totals(ds, category)
        frames.append(totals.assign(category=category_label(category, lang)))
    both = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if both.empty:
        return both
    return pd.DataFrame(
        {
            t("town", lang): [town_name(ds, town, lang) for town in both["town"]],
            t("category", lang): both["category"],
            t("value", lang): [
                fmt_value(v, "at_least" if a else "exact", lang)
                for v, a in zip(both["value"], both["at_least"], strict=True)
            ],
            t("unit", lang): [unit_label(u, lang) for u in both["unit"]],
        }
    )
