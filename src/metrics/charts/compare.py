"""Year-on-year charts: projects per town, themes, figure totals and what is new, by edition.

The theme, figure and "new" charts are grids (a row per theme, unit, town; a column per
edition), drawn as shapes so that a cell an edition does not report can be grey and hatched
with 未报告 / not reported written in it: never a zero, never a bar.
"""

from __future__ import annotations

import re
from math import ceil

import pandas as pd
from plotly.colors import sample_colorscale
from plotly.subplots import make_subplots

from ..analysis import compare
from ..analysis.editions import labels
from ..analysis.filters import Filters, district_names, theme_names, town_name, town_names
from ..data.load import Dataset
from ..data.schema import TIERS
from ..i18n import category_label, t, tier_label, unit_label
from ..safe_text import plot_text, plot_texts
from . import summaries
from .chart import Chart, base_figure, empty_figure, fmt_value
from .focus import NO_HIGHLIGHT, compares, marked, opacities
from .margins import TICK_GAP, text_width
from .style import (
    CATEGORY_COLORS,
    MISSING_COLOR,
    SEQUENTIAL,
    TEMPLATE,
    TIER_COLORS,
    scale_labels,
)

HALF = 0.46  # half a cell's side, in category steps: a thin white gap between cells
ROW_PX = 40  # pixels per grid row
PANEL_PX = 230  # pixels per edition's panel of the town chart
HATCH = "#9CA3AF"
CHOSEN_LINE = "#D55E00"


def _tinted(color: str, share: float = 0.3) -> str:
    """`color` mixed with white: a category's colour light enough for black text on it."""
    rgb = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(255 - (255 - c) * share) for c in rgb]
    return "#" + "".join(f"{c:02x}" for c in mixed)


# --- a. projects per town, one panel per edition -------------------------------------------------


@compares("towns", "tiers")
def towns_by_edition(
    ds: Dataset,
    lang: str,
    caption: str,
    themes: tuple[str, ...] = (),
    highlight: Filters = NO_HIGHLIGHT,
) -> Chart:
    """One panel per edition, oldest on top, on one town axis and one count scale. `themes`
    are the chosen themes: an edition that does not list them shows "not reported"."""
    title = (
        "各镇（街道）项目数（按期、等级）"
        if lang != "en"
        else "Projects per town, by edition and tier"
    )
    data = compare.town_projects(ds, themes)
    if data.empty:
        return Chart("compare_towns", title, empty_figure(title, lang), data, caption)
    names = labels(ds, lang)
    editions = list(dict.fromkeys(data["edition"]))
    data["town_label"] = [town_name(ds, town, lang) for town in data["town"]]
    data["town_plot"] = plot_texts(data["town_label"])
    fig = _panels(title, len(editions))
    for n, edition in enumerate(editions):
        row = len(editions) - n  # rows count from the bottom: the oldest edition on top
        part = data.loc[data["edition"] == edition]
        for tier in TIERS:
            bars = _tier_bar(part.loc[part["tier"] == tier], tier, lang, highlight,
                             names[edition], first=n == 0)  # fmt: skip
            fig.add_trace(bars, row=row, col=1)
        _panel_label(fig, row, names[edition])
        if (part["status"] == compare.NOT_REPORTED).all():
            _panel_not_reported(fig, row, lang)
    top = max(data.groupby(["town", "edition"])["projects"].sum().max(), 1)
    fig.update_xaxes(categoryorder="array", categoryarray=list(dict.fromkeys(data["town_plot"])),
                     tickangle=-30)  # fmt: skip
    fig.update_xaxes(title_text=t("town", lang), row=1, col=1)
    fig.update_yaxes(title_text=t("count_axis", lang), range=[0, top * 1.3],
                     dtick=1 if top <= 8 else None)  # fmt: skip
    table = _towns_table(data, names, lang, highlight)
    summary = summaries.towns_by_edition(data, lang, names, district_names(ds, lang))
    return Chart("compare_towns", title, fig, table, caption, summary=summary)


def _panels(title: str, count: int):
    fig = make_subplots(rows=count, cols=1, shared_xaxes=True, vertical_spacing=0.08,
                        start_cell="bottom-left")  # fmt: skip
    # The title pinned to the top and a tall top margin: on a phone the tier legend wraps onto
    # two lines and grows upwards, and ran into a title placed in the margin's middle.
    fig.update_layout(template=TEMPLATE, barmode="stack", height=PANEL_PX * count + 200,
                      title={"text": title, "yref": "container", "y": 1, "yanchor": "top",
                             "pad": {"t": 14}},
                      margin={"t": 120})  # fmt: skip
    return fig


def _tier_bar(part, tier: str, lang: str, highlight: Filters, edition: str, first: bool):
    from plotly.graph_objects import Bar

    return Bar(
        x=part["town_plot"],
        y=part["projects"],
        name=tier_label(tier, lang),
        legendgroup=tier,
        showlegend=first,
        marker={"color": TIER_COLORS[tier], "opacity": opacities(highlight, part)},
        customdata=list(zip(part["town"], plot_texts(part["titles"]), strict=True)),
        hovertemplate=plot_text(edition) + " · %{x}<br>%{y} " + t("projects", lang)
        + "<br>%{customdata[1]}<extra>" + tier_label(tier, lang) + "</extra>",
    )  # fmt: skip


def _panel_label(fig, row: int, text: str) -> None:
    """The edition's name at the top left inside its panel (the y range leaves room for it)."""
    suffix = "" if row == 1 else str(row)
    fig.add_annotation(text=f"<b>{plot_text(text)}</b>", xref=f"x{suffix} domain",
                       yref=f"y{suffix} domain", x=0.005, y=1, xanchor="left", yanchor="top",
                       showarrow=False, bgcolor="rgba(255,255,255,0.85)")  # fmt: skip


def _panel_not_reported(fig, row: int, lang: str) -> None:
    """A panel hatched grey, saying the edition's theme list has none of the chosen themes:
    its empty panel is "not reported", not a row of zeros."""
    suffix = "" if row == 1 else str(row)
    refs = {"xref": f"x{suffix} domain", "yref": f"y{suffix} domain"}
    fig.add_shape(type="rect", x0=0, x1=1, y0=0, y1=0.8, fillcolor=MISSING_COLOR, layer="below",
                  line={"width": 0}, **refs)  # fmt: skip
    fig.add_shape(type="path", path=_hatch_path(0, 1, 0, 0.8, 40), layer="below",
                  line={"color": HATCH, "width": 1}, **refs)  # fmt: skip
    fig.add_annotation(text=t("compare_theme_not_listed", lang), x=0.5, y=0.4, showarrow=False,
                       bgcolor=MISSING_COLOR, font={"color": "#374151"}, **refs)  # fmt: skip


def _towns_table(data, names, lang: str, highlight: Filters) -> pd.DataFrame:
    table = pd.DataFrame(
        {
            t("edition", lang): [names[e] for e in data["edition"]],
            t("town", lang): data["town_label"],
            t("tier", lang): [tier_label(tier, lang) for tier in data["tier"]],
            t("count_axis", lang): data["projects"].astype("Int64"),
            t("status", lang): [_status(s, lang) for s in data["status"]],
        }
    )
    return marked(highlight, table, data, lang)


# --- the grid shared by b, c and d -------------------------------------------------------------


def wrapped(text: str, limit: int = 18) -> str:
    """A long label in two lines, split at the space that makes the longer line shortest: on a
    phone a row name of 40 characters would leave the grid no room."""
    words = text.split(" ")
    if len(text) <= limit or len(words) < 2:
        return text
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    first, second = min(splits, key=lambda pair: max(len(pair[0]), len(pair[1])))
    return f"{first}<br>{second}"


def _grid_figure(title: str, rows: list[str], columns: list[str], row_px: int = ROW_PX):
    """Rows top to bottom, editions left to right, on numeric axes (cell i sits at i) whose
    ticks carry the names; `rows` and `columns` are plot-safe text, rows maybe in two lines.
    No axis titles: the row and column names say what they are, and a title beside two-line
    names ran into them."""
    # The template's bottom margin is the least fit_margins leaves, even with no axis below.
    top, bottom = 120, 60
    fig = base_figure(title, height=row_px * len(rows) + top + bottom)
    widest = max((text_width(line) for row in rows for line in row.split("<br>")), default=0)
    fig.update_layout(
        xaxis={"tickvals": list(range(len(columns))), "tickangle": 0,
               "ticktext": [_two_lines(c) for c in columns],
               "range": [-0.5, len(columns) - 0.5], "side": "top", "showgrid": False,
               "zeroline": False, "fixedrange": True},
        yaxis={"tickvals": list(range(len(rows))), "ticktext": rows,
               "range": [len(rows) - 0.5, -0.5], "showgrid": False, "zeroline": False,
               "fixedrange": True},
        # Room for the row names: fit_margins sees no text categories on numeric axes.
        margin={"l": ceil(widest) + TICK_GAP + 8, "t": top, "b": bottom},
    )  # fmt: skip
    return fig


def _two_lines(edition: str) -> str:
    """金山区<br>2018年, Jinshan<br>2018: an edition's name over a phone's narrow column."""
    return re.sub(r"\s*(\d{4})", r"<br>\1", edition, count=1)


def _cell(x: int, y: int, fill: str, alpha: float = 1.0, chosen: bool = False) -> dict:
    return {
        "type": "rect",
        "x0": x - HALF, "x1": x + HALF, "y0": y - HALF, "y1": y + HALF,
        "fillcolor": fill,
        "opacity": alpha,
        "line": {"color": CHOSEN_LINE if chosen else "white", "width": 3 if chosen else 1},
        "layer": "below",
    }  # fmt: skip


def _hatch(x: int, y: int, alpha: float = 1.0) -> dict:
    """Slanted strokes across a cell: the mark of "not reported", in print as on screen."""
    path = _hatch_path(x - HALF, x + HALF, y - HALF, y + HALF)
    return {"type": "path", "path": path, "line": {"color": HATCH, "width": 1},
            "opacity": alpha, "layer": "below"}  # fmt: skip


def _hatch_path(x0: float, x1: float, y0: float, y1: float, strokes: int = 14) -> str:
    """Strokes across the box, each leaning right by 1.5 gaps from the y0 side to the y1 side."""
    step = (x1 - x0) / strokes
    slant = 1.5 * step
    path = []
    for k in range(-2, strokes + 1):
        start = x0 + k * step
        lo, hi = max(0.0, (x0 - start) / slant), min(1.0, (x1 - start) / slant)
        if lo < hi:
            ax, ay = start + lo * slant, y0 + lo * (y1 - y0)
            bx, by = start + hi * slant, y0 + hi * (y1 - y0)
            path.append(f"M{ax:.4f},{ay:.4f} L{bx:.4f},{by:.4f}")
    return " ".join(path)


def _missing(x: int, y: int, alpha: float = 1.0, chosen: bool = False) -> list[dict]:
    return [_cell(x, y, MISSING_COLOR, alpha, chosen), _hatch(x, y, alpha)]


def _missing_labels(fig, cells: pd.DataFrame, lang: str, alpha=None) -> None:
    """未报告 / not reported on a plain patch in the middle of each hatched cell, so that the
    strokes never run through the words."""
    alpha = alpha if alpha is not None else [1.0] * len(cells)
    for x, y, a in zip(cells["x"], cells["y"], alpha, strict=True):
        fig.add_annotation(x=x, y=y, text=t("not_reported", lang), showarrow=False,
                           bgcolor=MISSING_COLOR, opacity=a, borderpad=2,
                           font={"size": 11, "color": "#374151"})  # fmt: skip


def _points(fig, cells: pd.DataFrame, text: list[str], hover: list[str], key: str | None):
    """The cells' text, and an invisible marker at each centre (columns x, y) for hover and
    click; the first customdata is the town or theme a click filters by."""
    fig.add_scatter(
        x=cells["x"], y=cells["y"], mode="markers+text", text=text,
        textfont={"size": 12, "color": "#111827"},
        marker={"size": 30, "opacity": 0, "color": "#000000"},
        customdata=cells[[key]] if key else None,
        hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
        selected={"textfont": {"color": "#111827"}},
        unselected={"textfont": {"color": "#4B5563"}},
        showlegend=False,
    )  # fmt: skip


def _place(data: pd.DataFrame, row_col: str, col_col: str) -> tuple[list[str], list[str]]:
    """Set each cell's x and y from its row and column names; returns (rows, columns)."""
    rows, columns = list(dict.fromkeys(data[row_col])), list(dict.fromkeys(data[col_col]))
    data["y"] = data[row_col].map({r: i for i, r in enumerate(rows)})
    data["x"] = data[col_col].map({c: i for i, c in enumerate(columns)})
    return rows, columns


def projects_word(n: int, lang: str) -> str:
    """ "3 个项目" / "3 projects", "1 project"."""
    if lang != "en":
        return f"{n} 个项目"
    return f"{n} project" if n == 1 else f"{n} projects"


# --- b. theme frequency by edition --------------------------------------------------------------


@compares("themes")
def themes_by_edition(
    ds: Dataset, lang: str, caption: str, highlight: Filters = NO_HIGHLIGHT
) -> Chart:
    """A cell per theme and edition: its projects, shaded by count (written in the cell, so
    no colour bar), or hatched grey where the edition's vocabulary has no such theme."""
    title = "治理主题按期出现频次（项目数）" if lang != "en" else "Themes by edition (projects)"
    data = compare.theme_frequency(ds)
    if data.empty:
        return Chart("compare_themes", title, empty_figure(title, lang), data, caption)
    names, themes = labels(ds, lang), theme_names(ds, lang)
    data["name"] = [themes.get(theme, theme) for theme in data["theme_id"]]
    data["row"] = [wrapped(plot_text(name)) for name in data["name"]]
    data["col"] = plot_texts(names[e] for e in data["edition"])
    rows, columns = _place(data, "row", "col")
    fig = _grid_figure(title, rows, columns)
    alpha = opacities(highlight, data)
    _count_cells(fig, data, alpha, not highlight.is_empty(), lang)
    table = pd.DataFrame(
        {
            t("theme", lang): data["name"],
            t("edition", lang): [names[e] for e in data["edition"]],
            t("count_axis", lang): data["projects"].astype("Int64"),
            t("status", lang): [_status(s, lang) for s in data["status"]],
        }
    )
    summary = summaries.themes_by_edition(data, lang, names)
    table = marked(highlight, table, data, lang)
    return Chart("compare_themes", title, fig, table, caption, summary=summary)


def _count_cells(fig, data: pd.DataFrame, alpha: list[float], chosen: bool, lang: str) -> None:
    """Shaded cells with their count written in, hatched ones where nothing is reported."""
    top = max(data["projects"].max(), 1)
    missing = (data["status"] == compare.NOT_REPORTED).tolist()
    shapes = []
    for cell, a, gap in zip(data.itertuples(index=False), alpha, missing, strict=True):
        if gap:
            shapes += _missing(cell.x, cell.y, a, chosen and a == 1)
        else:
            fill = sample_colorscale(SEQUENTIAL, cell.projects / top)[0]
            shapes.append(_cell(cell.x, cell.y, fill, a, chosen and a == 1))
    fig.update_layout(shapes=shapes)
    _missing_labels(
        fig, data.loc[missing], lang, [a for a, m in zip(alpha, missing, strict=True) if m]
    )
    shown = [_count_text(v, lang) for v in data["projects"]]
    hover = [f"{plot_text(n)} · {e}: {s}" for n, e, s in zip(data["name"], data["col"], shown,
                                                              strict=True)]  # fmt: skip
    _points(fig, data, ["" if m else v for v, m in zip(shown, missing, strict=True)], hover,
            "theme_id")  # fmt: skip
    # Per cell, as on the tile map (a hatched cell has no count written in).
    fig.update_traces(textfont={"color": scale_labels(data["projects"], top, alpha)})


def _count_text(value, lang: str) -> str:
    return t("not_reported", lang) if pd.isna(value) else f"{int(value)}"


def _status(status: str, lang: str) -> str:
    return t("not_reported" if status == compare.NOT_REPORTED else "reported", lang)


# --- c. each category's total by edition, within one unit -------------------------------------


def totals_by_edition(ds: Dataset, lang: str, caption: str) -> Chart:
    """A row per category and unit, a cell per edition: the total and how many projects
    disclose it; hatched grey where the edition has no figure in that unit."""
    title = "各类数字按期合计（同一单位）" if lang != "en" else "Totals by edition, unit by unit"
    data = compare.category_totals(ds)
    if data.empty:
        return Chart("compare_totals", title, empty_figure(title, lang), data, caption)
    names = labels(ds, lang)
    data["row"] = [_row_label(c, u, lang) for c, u in zip(data["category"], data["unit"],
                                                          strict=True)]  # fmt: skip
    data["col"] = plot_texts(names[e] for e in data["edition"])
    rows, columns = _place(data, "row", "col")
    fig = _grid_figure(title, rows, columns, row_px=48)
    shapes = []
    for cell in data.itertuples(index=False):
        if cell.status == compare.NOT_REPORTED:
            shapes += _missing(cell.x, cell.y)
        else:
            shapes.append(_cell(cell.x, cell.y, _tinted(CATEGORY_COLORS[cell.category])))
    fig.update_layout(shapes=shapes)
    _missing_labels(fig, data.loc[data["status"] == compare.NOT_REPORTED], lang)
    cells = [_total_lines(c, lang) for c in data.itertuples(index=False)]
    hover = [f"{r.replace('<br>', ' ')} · {c}: {' · '.join(v)}"
             for r, c, v in zip(data["row"], data["col"], cells, strict=True)]  # fmt: skip
    _points(fig, data, ["" if len(v) == 1 else "<br>".join(v) for v in cells], hover, None)
    fig.update_traces(textfont={"size": 11})
    summary = summaries.totals_by_edition(data, lang, names)
    return Chart("compare_totals", title, fig, _totals_table(data, names, lang), caption,
                 summary=summary)  # fmt: skip


def _row_label(category: str, unit: str, lang: str) -> str:
    cat, unit_text = category_label(category, lang), unit_label(unit, lang)
    if lang == "en":
        return f"{plot_text(cat)}:<br>{plot_text(unit_text)}"
    return plot_text(f"{cat}（{unit_text}）")


def _total_lines(cell, lang: str) -> list[str]:
    """The total (its unit is the row's) and the projects disclosing it, or 未报告."""
    if cell.status == compare.NOT_REPORTED:
        return [t("not_reported", lang)]
    value = fmt_value(cell.value, "at_least" if cell.at_least else "exact", lang)
    return [value, projects_word(cell.projects, lang)]


def _totals_table(data, names, lang: str) -> pd.DataFrame:
    reported = data["status"] == compare.REPORTED
    return pd.DataFrame(
        {
            t("category", lang): [category_label(c, lang) for c in data["category"]],
            t("unit", lang): [unit_label(u, lang) for u in data["unit"]],
            t("edition", lang): [names[e] for e in data["edition"]],
            t("value", lang): data["value"].to_numpy(),
            t("qualifier", lang): [("≥" if a else "=") if r else ""
                                   for a, r in zip(data["at_least"], reported, strict=True)],
            t("compare_projects_disclosing", lang): data["projects"].to_numpy(),
            t("status", lang): [_status(s, lang) for s in data["status"]],
        }
    )  # fmt: skip


# --- d. what is new in an edition ---------------------------------------------------------------

NEW_KINDS = {"town": ("town", "compare_new_towns"), "theme": ("theme_id", "compare_new_themes")}


def _new_chart(ds: Dataset, lang: str, caption: str, kind: str, editions, highlight) -> Chart:
    """A row per town (theme) new in one of `editions`, marked in the edition it is new in;
    a district's first edition, where everything is new, has no column."""
    column, title_key = NEW_KINDS[kind]
    key, title = f"compare_new_{kind}s", t(title_key, lang)
    found = compare.new_in_editions(ds, tuple(editions))
    data = found.loc[found["kind"] == kind].rename(columns={"key": column}).reset_index(drop=True)
    if data.empty:
        return Chart(key, title, empty_figure(title, lang), data, caption)
    names = labels(ds, lang)
    lookup = town_names(ds, lang) if kind == "town" else theme_names(ds, lang)
    data["name"] = [lookup.get(k, k) for k in data[column]]
    data["row"] = [wrapped(plot_text(name)) for name in data["name"]]
    rows = list(dict.fromkeys(data["row"]))
    shown = [e for e in editions if e not in compare.first_editions(ds)]
    data["y"] = data["row"].map({r: i for i, r in enumerate(rows)})
    data["x"] = data["edition"].map({e: i for i, e in enumerate(shown)})
    fig = _grid_figure(title, rows, plot_texts(names[e] for e in shown))
    _new_cells(fig, data, kind, names, highlight, lang)
    table = pd.DataFrame(
        {
            t("town" if kind == "town" else "theme", lang): data["name"],
            t("compare_first_in", lang): [names[e] for e in data["edition"]],
            t("count_axis", lang): data["projects"].to_numpy(),
        }
    )
    summary = summaries.new_items(data, lang, names)
    return Chart(key, title, fig, marked(highlight, table, data, lang), caption, summary=summary)


def _new_cells(fig, data: pd.DataFrame, kind: str, names: dict, highlight, lang: str) -> None:
    """A tinted cell saying 首次 / first and how many projects, clickable by its town (theme)."""
    alpha = opacities(highlight, data)
    fill = _tinted("#0072B2" if kind == "town" else "#009E73", 0.35)
    chosen = [a == 1 and not highlight.is_empty() for a in alpha]
    cells = zip(data["x"], data["y"], alpha, chosen, strict=True)
    fig.update_layout(shapes=[_cell(x, y, fill, a, c) for x, y, a, c in cells])
    lines = [[t("compare_first", lang), projects_word(n, lang)] for n in data["projects"]]
    hover = [f"{plot_text(n)} · {plot_text(names[e])}: {' · '.join(v)}"
             for n, e, v in zip(data["name"], data["edition"], lines, strict=True)]  # fmt: skip
    _points(fig, data, ["<br>".join(v) for v in lines], hover, NEW_KINDS[kind][0])


@compares("towns")
def new_towns(
    ds: Dataset, lang: str, caption: str, editions: tuple[str, ...],
    highlight: Filters = NO_HIGHLIGHT,
) -> Chart:  # fmt: skip
    """Towns with their first project in one of `editions` (`ds` holds every edition)."""
    return _new_chart(ds, lang, caption, "town", editions, highlight)


@compares("themes")
def new_themes(
    ds: Dataset, lang: str, caption: str, editions: tuple[str, ...],
    highlight: Filters = NO_HIGHLIGHT,
) -> Chart:  # fmt: skip
    """Themes first listed in one of `editions` (`ds` holds every edition)."""
    return _new_chart(ds, lang, caption, "theme", editions, highlight)
