"""Aggregations behind every chart: vectorised pandas, filtered dataset in, tidy frame out."""

from __future__ import annotations

import pandas as pd

from ..data.load import Dataset
from ..data.schema import TIERS
from .filters import DISTRICT_KIND, member

PEOPLE_UNIT = "名"
STATUSES = ["amount", "mentioned", "none"]


def projects_by_town_tier(ds: Dataset) -> pd.DataFrame:
    """town, tier, projects (count), titles; towns in tile-map order, zero rows dropped."""
    merged = ds.projects.merge(ds.towns[["town"]], on="town")
    out = (
        merged.groupby(["town", "tier"], sort=False)
        .agg(projects=("project_id", "size"), titles=("title_zh", "; ".join))
        .reset_index()
    )
    order = town_order(ds)
    out["_t"] = out["town"].map(order)
    out["_r"] = out["tier"].map({tier: i for i, tier in enumerate(TIERS)})
    return out.sort_values(["_t", "_r"]).drop(columns=["_t", "_r"]).reset_index(drop=True)


def district_level(ds: Dataset) -> pd.Series:
    """Which towns.csv rows are 区级: the district's own bodies, not a place."""
    return ds.towns["kind"] == DISTRICT_KIND


def town_order(ds: Dataset) -> dict[str, int]:
    # District-level bodies are not a place: they go last, after the towns north to south.
    towns = ds.towns.assign(_district=district_level(ds))
    ordered = towns.sort_values(["_district", "grid_row", "grid_col"])["town"]
    return {town: i for i, town in enumerate(ordered)}


def with_town(ds: Dataset, frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` (rows keyed by project_id) with each row's town."""
    return frame.merge(ds.projects[["project_id", "town"]], on="project_id")


def town_totals(ds: Dataset, category: str) -> pd.DataFrame:
    """Per town and unit: the sum of figures of one category, and whether any is 'at least'."""
    figs = ds.figures.loc[ds.figures["category"] == category]
    figs = with_town(ds, figs)
    if figs.empty:
        return pd.DataFrame(columns=["town", "unit", "value", "at_least", "figures", "projects"])
    figs = figs.assign(at_least=figs["qualifier"] == "at_least")
    out = (
        figs.groupby(["town", "unit"], sort=False)
        .agg(
            value=("value", "sum"),
            at_least=("at_least", "any"),
            figures=("figure_id", "size"),
            projects=("project_id", "nunique"),
        )
        .reset_index()
    )
    out["_t"] = out["town"].map(town_order(ds))
    return out.sort_values(["_t", "unit"]).drop(columns="_t").reset_index(drop=True)


def tile_measure(ds: Dataset, measure: str) -> pd.DataFrame:
    """Every town of towns.csv with a value for the tile map; NaN where nothing is disclosed."""
    towns = ds.towns.copy()
    if measure in ("projects", "figures"):
        # Counts: a town with no projects (or no figures) really has zero of them.
        table = ds.projects if measure == "projects" else with_town(ds, ds.figures)
        towns["value"] = towns["town"].map(table.groupby("town").size()).fillna(0)
        towns["at_least"] = False
    else:
        people = with_town(
            ds,
            ds.figures.loc[
                (ds.figures["category"] == measure) & (ds.figures["unit"] == PEOPLE_UNIT)
            ],
        )
        # NaN, not 0: a town whose projects state no head-count has not disclosed one.
        towns["value"] = towns["town"].map(people.groupby("town")["value"].sum())
        # A town's sum is "at least" when any of its head-counts is (2000多名 + 425名: ≥2,425).
        over = people.assign(at_least=people["qualifier"] == "at_least")
        towns["at_least"] = towns["town"].map(over.groupby("town")["at_least"].any()).eq(True)
    return towns


def headline(ds: Dataset) -> dict:
    people = ds.figures.loc[
        (ds.figures["category"] == "participants") & (ds.figures["unit"] == PEOPLE_UNIT)
    ]
    funding = ds.figures.loc[ds.figures["category"] == "funding"]
    district = ds.projects["town"].isin(ds.towns.loc[district_level(ds), "town"])
    return {
        "projects": len(ds.projects),
        # 区级 is the district's own bodies, not a town (#21): counted apart.
        "towns": int(ds.projects.loc[~district, "town"].nunique()),
        "district_projects": int(district.sum()),
        "people": float(people["value"].sum()) if len(people) else None,
        "people_at_least": bool((people["qualifier"] == "at_least").any()),
        "people_projects": int(people["project_id"].nunique()),
        "funding": float(funding["value"].sum()) if len(funding) else None,
        "funding_at_least": bool((funding["qualifier"] == "at_least").any()),
        "funding_projects": int(funding["project_id"].nunique()),
        # filters.apply keeps only mentions of kept projects, and validation allows one each.
        "funding_mentioned": len(ds.funding_mentions),
    }


def theme_by_tier(ds: Dataset) -> pd.DataFrame:
    """theme_id, tier, projects; every theme in the filtered data, most frequent first."""
    links = ds.project_themes.merge(
        ds.projects[["project_id", "tier", "title_zh"]], on="project_id"
    )
    out = (
        links.groupby(["theme_id", "tier"])
        .agg(projects=("project_id", "size"), titles=("title_zh", "; ".join))
        .reset_index()
    )
    total = out.groupby("theme_id")["projects"].transform("sum")
    out = out.assign(_total=total).sort_values(["_total", "theme_id"], ascending=[False, True])
    return out.drop(columns="_total").reset_index(drop=True)


def town_theme_matrix(ds: Dataset) -> pd.DataFrame:
    """Projects per town (rows, tile-map order) and theme (columns)."""
    links = with_town(ds, ds.project_themes)
    matrix = pd.crosstab(links["town"], links["theme_id"])
    order = town_order(ds)
    return matrix.loc[sorted(matrix.index, key=order.get)]


def theme_cooccurrence(ds: Dataset) -> pd.DataFrame:
    """Symmetric theme × theme counts of projects sharing both themes; diagonal = projects."""
    links = ds.project_themes[["project_id", "theme_id"]]
    if links.empty:
        return pd.DataFrame()
    incidence = pd.crosstab(links["project_id"], links["theme_id"])
    return incidence.T.dot(incidence)


def figures_in_unit(ds: Dataset, unit: str, categories: list[str] | None = None) -> pd.DataFrame:
    """Figures written in one unit, with project title and town, largest first."""
    figs = ds.figures.loc[ds.figures["unit"] == unit]
    if categories:
        figs = figs.loc[figs["category"].isin(categories)]
    cols = ["project_id", "title_zh", "title_en", "town", "tier"]
    figs = figs.merge(ds.projects[cols], on="project_id")
    return figs.sort_values(["value", "figure_id"], ascending=[False, True]).reset_index(drop=True)


def units_by_use(ds: Dataset) -> list[str]:
    """Units present in the filtered figures, most used first."""
    counts = ds.figures["unit"].value_counts()
    return sorted(counts.index, key=lambda unit: (-counts[unit], unit))


def funding_disclosure(ds: Dataset) -> pd.DataFrame:
    """One row per project: status amount / mentioned / none, and the amount when given."""
    funding = ds.figures.loc[ds.figures["category"] == "funding"]
    amounts = funding.groupby("project_id")["value"].sum()
    projects = ds.projects[["project_id", "title_zh", "title_en", "town", "tier"]].copy()
    projects["amount"] = projects["project_id"].map(amounts)
    mentioned = member(projects["project_id"], ds.funding_mentions["project_id"])
    projects["status"] = "none"
    projects.loc[mentioned, "status"] = "mentioned"
    projects.loc[projects["amount"].notna(), "status"] = "amount"
    over = funding.assign(at_least=funding["qualifier"] == "at_least")
    projects["at_least"] = member(projects["project_id"], over.loc[over["at_least"], "project_id"])
    return projects.reset_index(drop=True)
