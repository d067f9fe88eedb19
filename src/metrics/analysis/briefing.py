"""What a report says besides its charts: the editions, the filters, the headline numbers, the
projects.

One frozen record feeds the ZIP's README and headline table, the deck's first and last slides
and `baihua export`, so they all say the same thing. Never imports streamlit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from ..charts.chart import fmt_value
from ..data.load import Dataset
from ..i18n import colon, t, tier_label, unit_word
from . import aggregate, editions
from .filters import Filters, apply, describe, town_name


@dataclass(frozen=True)
class HeadlineRow:
    label: str
    value: str  # as shown: "≥2,546 名", "未披露"; never 0 for a number not disclosed
    note: str


@dataclass(frozen=True)
class ProjectRow:
    project_id: str
    title: str
    town: str
    tier: str
    edition: str = ""  # "金山区2018年": the edition the project comes from, in words


@dataclass(frozen=True)
class Briefing:
    lang: str
    title: str
    source: str  # t("source"): the short source line of every caption
    article: str  # the shown editions' source titles, from their datapackage.json
    filters_text: str
    day: dt.date
    headline: tuple[HeadlineRow, ...]
    projects: tuple[ProjectRow, ...]
    editions_text: str = ""  # "金山区2018年": the editions shown, in words
    editions_line: str = ""  # "版本：金山区2018年", as every caption says it

    @property
    def filters_line(self) -> str:
        return labelled("filters", self.filters_text, self.lang)


def labelled(key: str, value: str, lang: str) -> str:
    """ "筛选：朱泾镇" / "Filters: Zhujing": a label and its value, punctuated per language."""
    return f"{t(key, lang)}{colon(lang)}{value}"


def build(full: Dataset, filters: Filters, lang: str, day: dt.date | None = None) -> Briefing:
    ds = apply(full, filters)
    edition_names = editions.labels(full, lang)
    return Briefing(
        lang=lang,
        title=t("app_title", lang),
        source=editions.source(full, filters.editions, lang),
        # The sources of the editions shown (apply keeps only the chosen editions' rows).
        article=article_title(ds),
        filters_text=describe(filters, full, lang),
        day=day or dt.date.today(),
        headline=headline_rows(aggregate.headline(ds), lang),
        projects=tuple(
            ProjectRow(
                row.project_id,
                row.title_en if lang == "en" else row.title_zh,
                town_name(full, row.town, lang),
                tier_label(row.tier, lang),
                edition_names.get(row.edition, ""),
            )
            for row in ds.projects.itertuples(index=False)
        ),
        editions_text=editions.describe(full, filters.editions, lang),
        editions_line=editions.line(full, filters.editions, lang),
    )


def district_note(head: dict, lang: str) -> str:
    """What the town count leaves out: the projects of 区级 bodies, when there are any."""
    n = head["district_projects"]
    return t("kpi_towns_help", lang, n=n) if n else ""


def headline_rows(head: dict, lang: str) -> tuple[HeadlineRow, ...]:
    """The overview's four numbers, worded as pages/overview.py shows them."""

    def amount(key: str, unit: str) -> str:
        text = fmt_value(head[key], "at_least" if head[f"{key}_at_least"] else "exact", lang)
        return f"{text} {unit_word(unit, lang, head[key])}" if head[key] is not None else text

    return (
        HeadlineRow(t("kpi_projects", lang), str(head["projects"]), ""),
        HeadlineRow(t("kpi_towns", lang), str(head["towns"]), district_note(head, lang)),
        HeadlineRow(
            t("kpi_people", lang),
            amount("people", aggregate.PEOPLE_UNIT),
            t("kpi_people_help", lang, n=head["people_projects"]),
        ),
        HeadlineRow(
            t("kpi_funding", lang),
            amount("funding", "元"),
            t("kpi_funding_help", lang, n=head["funding_projects"], m=head["funding_mentioned"]),
        ),
    )


def article_title(ds: Dataset) -> str:
    """The source titles of the dataset's editions, as their datapackage.json name them (a
    title shared by several editions once)."""
    titles = ds.editions["source_title"].loc[lambda s: s.str.strip() != ""]
    return "；".join(dict.fromkeys(titles))


def headline_frame(briefing: Briefing) -> pd.DataFrame:
    lang = briefing.lang
    rows = briefing.headline
    return pd.DataFrame(
        {
            t("label", lang): [r.label for r in rows],
            t("value", lang): [r.value for r in rows],
            t("note", lang): [r.note for r in rows],
            t("edition", lang): briefing.editions_text,
            t("filters", lang): briefing.filters_text,
        }
    )


def readme_text(briefing: Briefing, files: Sequence[str]) -> str:
    """README.txt of a ZIP: what it is, where the numbers come from, under which filters."""
    lang = briefing.lang
    sep = colon(lang)
    lines = [
        briefing.title,
        "",
        briefing.source,
        labelled("article", briefing.article, lang),
        briefing.editions_line,
        briefing.filters_line,
        labelled("date", briefing.day.isoformat(), lang),
        "",
        t("headline", lang) + sep,
        *(f"  {row.label}{sep}{row.value}" for row in briefing.headline),
        "",
        t("at_least_note", lang),
        t("missing_note", lang),
        "",
        t("files", lang) + sep,
        *(f"  {name}" for name in files),
        "",
    ]
    return "\r\n".join(lines)


def readme_bytes(briefing: Briefing, files: Sequence[str]) -> bytes:
    # The BOM makes Windows Notepad read UTF-8 (and so the Chinese) on every version.
    return readme_text(briefing, files).encode("utf-8-sig")
