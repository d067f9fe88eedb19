"""What every chart builder returns, and the small pieces they share."""

from __future__ import annotations

import copy
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from ..i18n import t
from .margins import fit_margins
from .style import TEMPLATE


@dataclass(frozen=True)
class Chart:
    """A figure plus the exact table it draws; `caption` is the source, edition and filter
    line; `editions` names the editions it shows, for file names (see `with_editions`);
    `summary` says in one to three sentences what it shows (charts/summaries.py): the chart's
    accessible name, the line under it and its slide notes."""

    key: str
    title: str
    figure: go.Figure
    data: pd.DataFrame
    caption: str
    editions: str = ""
    summary: str = ""

    def __post_init__(self) -> None:
        # Every builder's figure, however made, gets margins that already fit its labels.
        fit_margins(self.figure)

    @property
    def is_empty(self) -> bool:
        return self.data.empty

    def with_editions(self, editions: str, column: str) -> Chart:
        """This chart naming the editions it shows, which its table also carries as a first
        `column` (版本 / Edition), so a CSV or Excel file says where its rows come from.

        A table that already has the column (a chart comparing editions) keeps its own.
        """
        data = self.data
        if column not in data.columns:
            data = data.copy(deep=False)
            data.insert(0, column, editions)
        # A shallow copy, not dataclasses.replace: that would run __post_init__ and fit the
        # figure's margins a second time (~3.5 ms a chart) for the same figure.
        chart = copy.copy(self)
        object.__setattr__(chart, "data", data)
        object.__setattr__(chart, "editions", editions)
        return chart


def caption(lang: str, filters_text: str, highlight_text: str = "", editions: str = "") -> str:
    """Source · edition(s) (`editions`, as analysis.editions.caption_line words it) · filters.
    Without `editions` the bundled review is named (a chart built outside any library)."""
    source = editions or t("source", lang)
    text = f"{source} · {t('filters', lang)}: {filters_text}"
    return f"{text} · {t('highlighted', lang)}: {highlight_text}" if highlight_text else text


def base_figure(title: str, height: int = 420) -> go.Figure:
    # One constructor call: go.Figure() then update_layout validates the layout twice.
    return go.Figure(layout={"template": TEMPLATE, "title": {"text": title}, "height": height})


def empty_figure(title: str, lang: str) -> go.Figure:
    """A titled figure saying there is nothing to draw: never bare axes."""
    fig = base_figure(title, height=260)
    fig.add_annotation(text=t("empty_chart", lang), showarrow=False, font={"size": 16},
                       xref="paper", yref="paper", x=0.5, y=0.5)  # fmt: skip
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def fmt_value(value: float | None, qualifier: str = "exact", lang: str = "zh") -> str:
    if value is None or pd.isna(value):
        return t("missing", lang)
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return ("≥" if qualifier == "at_least" else "") + text


def short_title(title_zh: str, title_en: str, lang: str) -> str:
    """The first half of a two-part title (the article separates them with a space)."""
    if lang == "en":
        return title_en.split(":")[0].strip()
    return title_zh.split(" ")[0].strip()


def count_colorbar(top: float, title: str) -> dict:
    """A colour bar for whole numbers: no 0.5 ticks on a small scale."""
    return {"title": {"text": title}, "dtick": 1 if top <= 10 else None}
