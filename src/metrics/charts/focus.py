"""Which filters a chart highlights instead of applying, so it keeps the comparison it is for.

A chart that compares towns shows every town: the chosen ones highlighted, the others muted at
their real values (a report must never show 枫泾镇 as 0 because 朱泾镇 was chosen). A chart
about projects (figures, funding, the project list) still filters to the chosen towns. The
same holds for tiers and themes on charts that compare exactly those.
"""

from __future__ import annotations

from dataclasses import replace

from ..analysis import editions as edition_words
from ..analysis.filters import Filters, apply, describe
from ..i18n import t
from .chart import caption

MUTED_OPACITY = 0.28
NO_HIGHLIGHT = Filters()
# Filter dimension → the column that holds it in the charts' tidy frames.
DIMENSIONS = {"towns": "town", "tiers": "tier", "themes": "theme_id"}


def compares(*dims: str):
    """Mark a chart builder with the dimensions it compares; it then takes `highlight=`."""
    unknown = set(dims) - set(DIMENSIONS)
    if unknown:
        raise ValueError(f"unknown dimensions: {sorted(unknown)}")

    def mark(builder):
        builder.compares = dims
        return builder

    return mark


def dims_of(builder) -> tuple[str, ...]:
    return getattr(builder, "compares", ())


def split(filters: Filters, dims: tuple[str, ...]) -> tuple[Filters, Filters]:
    """(the filters that select the chart's data, the ones the chart highlights instead)."""
    if not dims:
        return filters, Filters()
    data = replace(filters, **{dim: () for dim in dims})
    return data, Filters(**{dim: getattr(filters, dim) for dim in dims})


def is_chosen(highlight: Filters, **values: str) -> bool:
    """True when every given value (town=…, tier=…, theme_id=…) is chosen or unfiltered."""
    for dim, column in DIMENSIONS.items():
        chosen = getattr(highlight, dim)
        if column in values and chosen and values[column] not in chosen:
            return False
    return True


def opacities(highlight: Filters, rows) -> list[float]:
    """Marker opacity per row of a frame with some of the columns town, tier, theme_id."""
    columns = [c for c in DIMENSIONS.values() if c in rows]
    return [
        1.0 if is_chosen(highlight, **dict(zip(columns, values, strict=True))) else MUTED_OPACITY
        for values in zip(*(rows[c] for c in columns), strict=True)
    ]


def unshown_towns(highlight: Filters, shown) -> list[str]:
    """The highlighted towns a chart has no mark for (亭林镇 on a chart of disclosed
    head-counts): the chart must say so, or a report reads it as if the town were there."""
    present = set(shown)
    return [town for town in highlight.towns if town not in present]


def chosen_rows(highlight: Filters, rows) -> list[bool]:
    """Which rows are highlighted, for a chart's summary; none when nothing is highlighted."""
    if highlight.is_empty():
        return []
    return [o == 1.0 for o in opacities(highlight, rows)]


def highlight_label(highlight: Filters, ds, lang: str) -> str:
    """The highlighted towns (tiers, themes) in words; "" when nothing is highlighted."""
    return "" if highlight.is_empty() else describe(highlight, ds, lang)


def marked(highlight: Filters, table, rows, lang: str):
    """`table` with a 突出显示 / Highlighted column when something is highlighted."""
    active = [col for dim, col in DIMENSIONS.items() if getattr(highlight, dim)]
    # A flag per row only says something when the rows are what is highlighted.
    if not any(col in rows for col in active):
        return table
    flags = [t("yes" if o == 1.0 else "no", lang) for o in opacities(highlight, rows)]
    return table.assign(**{t("highlighted", lang): flags})


def chart_inputs(builder, filters: Filters, full, lang: str) -> tuple[Filters, Filters, str]:
    """(the filters for the data, the highlight, the caption) of `builder` under `filters`."""
    data, highlight = split(filters, dims_of(builder))
    shown = "" if highlight.is_empty() else describe(highlight, full, lang)
    editions = edition_words.caption_line(full, data.editions, lang)
    return data, highlight, caption(lang, describe(data, full, lang), shown, editions)


def editions_shown(filters: Filters, full, lang: str) -> str:
    """The editions a chart under `filters` shows, in words: its file names and table say so."""
    return edition_words.describe(full, filters.editions, lang)


def build(builder, full, filters: Filters, lang: str, *args):
    """`builder`'s chart of the full dataset under `filters`, with the highlight rule applied."""
    data, highlight, text = chart_inputs(builder, filters, full, lang)
    editions = editions_shown(filters, full, lang)
    return draw(builder, apply(full, data), lang, text, highlight, *args, editions=editions)


def draw(builder, ds, lang: str, text: str, highlight: Filters, *args, editions: str = ""):
    """`builder(ds, lang, caption, *args)`, given `highlight=` when it compares something;
    with `editions`, the chart names them (Chart.with_editions)."""
    extra = {"highlight": highlight} if dims_of(builder) else {}
    chart = builder(ds, lang, text, *args, **extra)
    return chart.with_editions(editions, t("edition", lang)) if editions else chart
