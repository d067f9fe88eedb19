"""Figure charts: every figure in one unit, disclosed funding, and the funding disclosure."""

from __future__ import annotations

import pandas as pd

from ..analysis import aggregate
from ..data.load import Dataset
from ..i18n import category_label, t, unit_label, unit_word
from ..safe_text import plot_text, plot_texts
from . import summaries
from .chart import Chart, base_figure, empty_figure, fmt_value, short_title
from .style import CATEGORY_COLORS, STATUS_COLORS, label_color

STATUS_KEYS = {"amount": "status_amount", "mentioned": "status_mentioned", "none": "status_none"}


def figures_in_unit(
    ds: Dataset, lang: str, caption: str, unit: str, categories=None, log: bool = False
) -> Chart:
    unit_text = unit_label(unit, lang)
    title = (
        f"各项目数字（单位：{unit_text}）"
        if lang != "en"
        else f"Figures per project (unit: {unit_text})"
    )
    figs = aggregate.figures_in_unit(ds, unit, categories)
    key = "figures_in_unit"
    if figs.empty:
        return Chart(key, title, empty_figure(title, lang), figs, caption)
    label_col = "label_en" if lang == "en" else "label_zh"
    names = [
        f"{short_title(z, e, lang)} · {lab}"
        for z, e, lab in zip(figs["title_zh"], figs["title_en"], figs[label_col], strict=True)
    ]
    shown = [fmt_value(v, q, lang) for v, q in zip(figs["value"], figs["qualifier"], strict=True)]
    plotted = plot_texts(names)
    fig = base_figure(title, height=max(320, 40 * len(figs) + 160))
    for category in dict.fromkeys(figs["category"]):
        rows = figs["category"] == category
        fig.add_bar(
            y=[n for n, r in zip(plotted, rows, strict=True) if r],
            x=figs.loc[rows, "value"],
            orientation="h",
            name=category_label(category, lang),
            marker_color=CATEGORY_COLORS[category],
            text=[s for s, r in zip(shown, rows, strict=True) if r],
            textposition="outside",
            customdata=figs.loc[rows, ["project_id", "figure_id"]],
            hovertemplate="%{y}<br>%{text} "
            + plot_text(unit)
            + "<br>%{customdata[1]}<extra></extra>",
        )
    axis = f"{t('value', lang)}（{unit_text}）" if lang != "en" else f"Value ({unit_text})"
    fig.update_layout(
        xaxis={"title": axis + (" · log" if log else ""), "type": "log" if log else "linear"},
        yaxis={"title": t("label", lang), "categoryorder": "array", "categoryarray": plotted[::-1]},
        barmode="overlay",
        margin={"r": 60},
    )
    # Value labels sit outside the bars; let them overhang the plot area instead of clipping.
    fig.update_traces(cliponaxis=False)
    table = pd.DataFrame(
        {
            "figure_id": figs["figure_id"],
            t("project", lang): figs["title_en" if lang == "en" else "title_zh"],
            t("label", lang): figs[label_col],
            t("value", lang): figs["value"],
            t("qualifier", lang): figs["qualifier"],
            t("unit", lang): figs["unit"],
            t("category", lang): [category_label(c, lang) for c in figs["category"]],
            t("quote", lang): figs["quote"],
        }
    )
    frame = figs[["value", "qualifier", "project_id"]].assign(name=names)
    summary = summaries.figures_in_unit(frame, lang, unit, len(ds.projects))
    return Chart(key, title, fig, table, caption, summary=summary)


def funding_amounts(ds: Dataset, lang: str, caption: str) -> Chart:
    title = "已披露经费（元）" if lang != "en" else "Disclosed funding (yuan)"
    data = aggregate.funding_disclosure(ds)
    given = data.loc[data["status"] == "amount"]
    if given.empty:
        return Chart("funding_amounts", title, empty_figure(title, lang), given, caption)
    names = [
        short_title(z, e, lang) for z, e in zip(given["title_zh"], given["title_en"], strict=True)
    ]
    fig = base_figure(title, height=max(260, 50 * len(given) + 160))
    fig.add_bar(
        y=plot_texts(names),
        x=given["amount"],
        orientation="h",
        marker_color=STATUS_COLORS["amount"],
        text=[fmt_value(v, lang=lang) for v in given["amount"]],
        textposition="auto",
        # Plotly's own pick, white, is 3.4:1 on this green.
        insidetextfont={"color": label_color(STATUS_COLORS["amount"])},
        hovertemplate=f"%{{y}}: %{{text}} {unit_word('元', lang)}<extra></extra>",
    )
    axis = "经费（元）" if lang != "en" else "Funding (yuan)"
    fig.update_layout(
        xaxis={"title": axis, "tickformat": ",d", "rangemode": "tozero"},
        yaxis_title=t("project", lang),
    )
    table = pd.DataFrame({t("project", lang): names, axis: given["amount"].to_numpy()})
    frame = summaries.amounts(names, given["amount"].to_numpy(), given["at_least"].to_numpy())
    summary = summaries.funding_amounts(frame, lang, len(ds.projects))
    return Chart("funding_amounts", title, fig, table, caption, summary=summary)


def funding_disclosure(ds: Dataset, lang: str, caption: str) -> Chart:
    title = t("funding_status", lang) + ("（项目数）" if lang != "en" else " (projects)")
    data = aggregate.funding_disclosure(ds)
    if data.empty:
        return Chart("funding_disclosure", title, empty_figure(title, lang), data, caption)
    fig = base_figure(title, height=300)
    rows = []
    for status in aggregate.STATUSES:
        part = data.loc[data["status"] == status]
        titles = [
            short_title(z, e, lang) for z, e in zip(part["title_zh"], part["title_en"], strict=True)
        ]
        label = t(STATUS_KEYS[status], lang)
        rows.append(
            {
                t("funding_status", lang): label,
                t("count_axis", lang): len(part),
                t("project", lang): "; ".join(titles),
            }
        )
        fig.add_bar(
            y=[t("funding_status", lang)],
            x=[len(part)],
            orientation="h",
            name=label,
            marker_color=STATUS_COLORS[status],
            text=[len(part)],
            insidetextfont={"color": label_color(STATUS_COLORS[status])},
            customdata=[["<br>".join(plot_texts(titles[:12]))]],
            hovertemplate=label + ": %{x}<br>%{customdata[0]}<extra></extra>",
        )
    fig.update_layout(
        barmode="stack",
        xaxis={"title": t("count_axis", lang), "dtick": 2},
        yaxis={"visible": False},
        # Below the bar: in a half-width column a legend on top would run into the title.
        # Pinned to the figure's bottom edge, not to the plot: wrapped onto three lines on a
        # phone, it grows upwards into a margin kept free for it, clear of the axis title.
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0},
        margin={"b": 150},
        height=340,
    )
    summary = summaries.funding_disclosure(data, lang)
    return Chart("funding_disclosure", title, fig, pd.DataFrame(rows), caption, summary=summary)


def units_for(ds: Dataset, lang: str) -> dict[str, str]:
    """Unit choices, most used first, labelled in the current language."""
    return {unit: unit_label(unit, lang) for unit in aggregate.units_by_use(ds)}
