"""Editions side by side: which editions a comparison covers, and the tidy frames of /compare.

Honest by construction: what an edition does not report is NaN with the status
"not_reported", never 0 (a theme its vocabulary does not list, a unit none of its projects
uses); a count the edition does report, 0 included, is a real count. Figures are totalled only
within one (category, unit).
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from ..data.load import Dataset
from ..data.schema import CATEGORIES, TIERS
from .aggregate import town_order
from .filters import Filters

REPORTED, NOT_REPORTED = "reported", "not_reported"
# Profile figures describe a project (an average age, how many tiers of river chiefs): adding
# them up across projects means nothing, so they get no total.
TOTALLED = [c for c in CATEGORIES if c != "profile"]


def covered(full: Dataset, filters: Filters) -> tuple[str, ...]:
    """The filters' editions when two or more are chosen, else every edition (oldest first)."""
    every = tuple(full.editions["edition"])
    chosen = tuple(name for name in every if name in filters.editions)
    return chosen if len(chosen) >= 2 else every


def scope(full: Dataset, filters: Filters) -> Filters:
    """The filters with their editions replaced by the ones the comparison covers."""
    return replace(filters, editions=covered(full, filters))


def chooses_several(full: Dataset, filters: Filters) -> bool:
    """The filters themselves select two or more editions (none chosen means every one)."""
    every = list(full.editions["edition"])
    chosen = [name for name in every if name in filters.editions] if filters.editions else every
    return len(chosen) >= 2


def _edition_rank(ds: Dataset) -> dict[str, int]:
    return {name: i for i, name in enumerate(ds.editions["edition"])}


def town_projects(ds: Dataset, themes: tuple[str, ...] = ()) -> pd.DataFrame:
    """town, edition, tier, projects, titles, status: each town with a project in any edition,
    for every edition of its district and each tier. A review lists all its projects, so a
    town it has none of gets a real 0; editions of another district get no row.

    `themes` are the chosen themes (`ds` is already filtered by them): an edition whose
    vocabulary lists none of them cannot have such a project, so it is "not_reported" (NaN).
    """
    projects = ds.projects.merge(ds.towns[["town"]], on="town")
    pairs = projects[["town", "district"]].drop_duplicates()
    pairs = pairs.merge(ds.editions[["edition", "district"]], on="district")
    grid = pairs[["town", "edition"]].merge(pd.DataFrame({"tier": TIERS}), how="cross")
    counts = (
        projects.groupby(["town", "edition", "tier"])
        .agg(projects=("project_id", "size"), titles=("title_zh", "; ".join))
        .reset_index()
    )
    grid = grid.merge(counts, on=["town", "edition", "tier"], how="left")
    grid = grid.fillna({"projects": 0, "titles": ""})
    unlisted = grid["edition"].isin(themes_unlisted(ds, themes))
    grid["status"] = unlisted.map({True: NOT_REPORTED, False: REPORTED})
    grid["projects"] = grid["projects"].mask(unlisted)
    keys = {"town": town_order(ds), "edition": _edition_rank(ds),
            "tier": {tier: i for i, tier in enumerate(TIERS)}}  # fmt: skip
    return _sorted(grid, keys)


def themes_unlisted(ds: Dataset, themes: tuple[str, ...]) -> list[str]:
    """The editions whose vocabulary lists none of `themes` (none when no theme is chosen)."""
    if not themes:
        return []
    vocabulary = ds.edition_themes
    listing = set(vocabulary.loc[vocabulary["theme_id"].isin(themes), "edition"])
    return [edition for edition in ds.editions["edition"] if edition not in listing]


def _sorted(frame: pd.DataFrame, keys: dict[str, dict]) -> pd.DataFrame:
    ranks = {f"_{col}": frame[col].map(rank) for col, rank in keys.items()}
    out = frame.assign(**ranks).sort_values(list(ranks), kind="stable")
    return out.drop(columns=list(ranks)).reset_index(drop=True)


def theme_frequency(ds: Dataset) -> pd.DataFrame:
    """theme_id, edition, projects, status: projects per theme and edition; NaN and
    "not_reported" where that edition's vocabulary does not list the theme."""
    listed = ds.edition_themes[["edition", "theme_id"]].drop_duplicates()
    themes = pd.DataFrame({"theme_id": listed["theme_id"].unique()})
    grid = themes.merge(ds.editions[["edition"]], how="cross")
    grid = grid.merge(listed.assign(status=REPORTED), on=["theme_id", "edition"], how="left")
    grid["status"] = grid["status"].fillna(NOT_REPORTED)
    links = ds.project_themes.merge(ds.projects[["project_id", "edition"]], on="project_id")
    counts = links.groupby(["theme_id", "edition"]).size()
    found = pd.Series(list(zip(grid["theme_id"], grid["edition"], strict=True))).map(counts)
    grid["projects"] = found.fillna(0).where(grid["status"] == REPORTED).to_numpy()
    totals = grid.groupby("theme_id")["projects"].sum()
    order = sorted(totals.index, key=lambda theme: (-totals[theme], theme))
    return _sorted(grid, {"theme_id": {t: i for i, t in enumerate(order)},
                          "edition": _edition_rank(ds)})  # fmt: skip


def category_totals(ds: Dataset) -> pd.DataFrame:
    """category, unit, edition, value, at_least, projects, figures, status: one row per
    category, unit and edition, summed only within that unit; `projects` counts the projects
    disclosing. An edition with no figure in that unit is NaN and "not_reported"."""
    figs = ds.figures.loc[ds.figures["category"].isin(TOTALLED)]
    figs = figs.merge(ds.projects[["project_id", "edition"]], on="project_id")
    sums = (
        figs.assign(at_least=figs["qualifier"] == "at_least")
        .groupby(["category", "unit", "edition"])
        .agg(value=("value", "sum"), at_least=("at_least", "any"),
             projects=("project_id", "nunique"), figures=("figure_id", "size"))
        .reset_index()
    )  # fmt: skip
    pairs = figs[["category", "unit"]].drop_duplicates()
    grid = pairs.merge(ds.editions[["edition"]], how="cross")
    grid = grid.merge(sums, on=["category", "unit", "edition"], how="left")
    grid["status"] = grid["figures"].notna().map({True: REPORTED, False: NOT_REPORTED})
    grid = grid.fillna({"at_least": False, "projects": 0, "figures": 0})
    grid = grid.astype({"at_least": bool, "projects": "int64", "figures": "int64"})
    uses = figs["unit"].value_counts()
    units = {unit: i for i, unit in enumerate(sorted(uses.index, key=lambda u: (-uses[u], u)))}
    return _sorted(grid, {"category": {c: i for i, c in enumerate(TOTALLED)}, "unit": units,
                          "edition": _edition_rank(ds)})  # fmt: skip


def new_in_editions(ds: Dataset, editions: tuple[str, ...]) -> pd.DataFrame:
    """kind ("town" or "theme"), key, edition, projects: towns with their first project and
    themes first listed, in each of `editions`.

    `ds` holds every edition (the earlier ones decide what is new). "New" is against the
    earlier editions of the same district, so a district's first edition, where everything
    would be new, has no row.
    """
    district = dict(zip(ds.editions["edition"], ds.editions["district"], strict=True))
    rank = _edition_rank(ds)
    towns = ds.projects[["town", "edition"]].rename(columns={"town": "key"})
    themes = ds.edition_themes[["theme_id", "edition"]].rename(columns={"theme_id": "key"})
    frames = [_firsts(pairs, district, rank).assign(kind=kind)
              for kind, pairs in (("town", towns), ("theme", themes))]  # fmt: skip
    out = pd.concat(frames, ignore_index=True)
    shown = set(editions) - set(first_editions(ds))
    out = out.loc[out["edition"].isin(shown)]
    links = ds.project_themes.merge(ds.projects[["project_id", "edition"]], on="project_id")
    counts = {
        "town": ds.projects.groupby(["town", "edition"]).size(),
        "theme": links.groupby(["theme_id", "edition"]).size(),
    }
    out["projects"] = [
        int(counts[kind].get((key, edition), 0))
        for kind, key, edition in zip(out["kind"], out["key"], out["edition"], strict=True)
    ]
    keys = {**town_order(ds), **{theme: i for i, theme in enumerate(ds.themes["theme_id"])}}
    out = _sorted(out, {"edition": rank, "kind": {"town": 0, "theme": 1}, "key": keys})
    return out[["kind", "key", "edition", "projects"]]


def _firsts(pairs: pd.DataFrame, district: dict, rank: dict) -> pd.DataFrame:
    """key, edition: the first edition of each key within its district."""
    pairs = pairs.assign(district=pairs["edition"].map(district), _r=pairs["edition"].map(rank))
    first = pairs.sort_values(["_r", "key"]).drop_duplicates(["district", "key"])
    return first[["key", "edition"]]


def first_editions(ds: Dataset) -> list[str]:
    """Each district's first edition: nothing earlier to call anything in it new against."""
    return list(ds.editions.drop_duplicates("district")["edition"])
