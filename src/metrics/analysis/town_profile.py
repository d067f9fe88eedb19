"""One town on one page (本镇概况): its projects and tiers against the district, the figures it
disclosed, its themes against the district's, its gaps (themes other towns have and it does
not, with the projects to learn from) and its projects per edition.

The gaps are ranked by how many other towns' projects have the theme; the first TOP_GAPS are
the short version (the page's top, the Word briefing). Each gap names at most EXAMPLES
projects to learn from, the most like the town's own first (`example_order`), and no project
is named under two gaps: one project with three of the themes was listed three times.

区级 (district agencies) has a profile like any town; "other towns" are every other row of
towns.csv, 区级 included. Figures are listed as the figures table gives them, never summed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..data.load import Dataset
from ..data.schema import TIERS
from . import similarity
from .aggregate import with_town

DISTRICT = "区级"

PROJECT_COLUMNS = ["project_id", "title_zh", "title_en", "town", "unit_level", "tier", "edition"]
TOP_GAPS = 3
EXAMPLES = 2
SIMILAR_K = 3  # close matches listed per project, at most
# A description's first sentence is its one line.
CLAUSE_END = re.compile(r"[。；;！？]")
ONE_LINE_MAX = 50


@dataclass(frozen=True)
class TownProfile:
    """`projects`: the town's projects (PROJECT_COLUMNS, themes: a tuple of ids, one_line: the
    description's first sentence, one_line_en: the English title's part after its colon).
    `tiers`: tier, town, district (project counts). `figures`: its figures' rows as in
    figures.csv. `themes`: theme_id, town, district (projects with the theme; themes of
    neither left out). `gaps`: theme_id, others (projects elsewhere with it), most first.
    `learn_from`: gap theme_id + up to EXAMPLES other towns' projects with it (+ figures, their
    number), each project under one gap only. `editions`: edition, town, district (project
    counts), every edition of the library."""

    town: str
    projects: pd.DataFrame
    district_projects: int
    tiers: pd.DataFrame
    figures: pd.DataFrame
    themes: pd.DataFrame
    gaps: pd.DataFrame
    learn_from: pd.DataFrame
    editions: pd.DataFrame
    similar: pd.DataFrame  # similarity.SIMILAR_COLUMNS + the other project's PROJECT_COLUMNS
    town_names: dict[str, tuple[str, str]]  # town → (zh, en)
    theme_names: dict[str, tuple[str, str]]  # theme_id → (zh, en)

    @property
    def share(self) -> float | None:
        """The town's share of the district's projects; None when the district has none."""
        if not self.district_projects:
            return None
        return len(self.projects) / self.district_projects

    @property
    def top_gaps(self) -> pd.DataFrame:
        return self.gaps.head(TOP_GAPS)

    @property
    def more_gaps(self) -> pd.DataFrame:
        return self.gaps.iloc[TOP_GAPS:]

    @property
    def is_district(self) -> bool:
        """区级: district agencies, worded as such rather than as 本镇."""
        return self.town == DISTRICT

    def learn_from_theme(self, theme_id: str) -> pd.DataFrame:
        return self.learn_from.loc[self.learn_from["theme_id"] == theme_id]

    def listed_under(self, theme_id: str) -> pd.DataFrame:
        """The projects with `theme_id` named under another gap (theme_id: that gap's)."""
        other = self.learn_from["theme_id"] != theme_id
        has = self.learn_from["themes"].map(lambda themes: theme_id in themes)
        return self.learn_from.loc[other & has]

    def similar_to(self, project_id: str) -> pd.DataFrame:
        return self.similar.loc[self.similar["project_id"] == project_id]

    def town_label(self, town: str, lang: str) -> str:
        return self.town_names.get(town, (town, town))[lang == "en"]

    def theme_label(self, theme_id: str, lang: str) -> str:
        return self.theme_names.get(theme_id, (theme_id, theme_id))[lang == "en"]


def profile(
    ds: Dataset,
    town: str,
    every_edition: Dataset | None = None,
    index: similarity.Index | None = None,
    k: int = SIMILAR_K,
) -> TownProfile:
    """`town`'s profile in `ds` (the editions shown); per-edition counts over `every_edition`
    (default `ds`); with `index` (similarity.build), the `k` most similar projects of other
    towns for each of its projects (from any edition the index holds)."""
    projects = project_table(ds)
    mine = projects.loc[projects["town"] == town].reset_index(drop=True)
    others = projects.loc[projects["town"] != town]
    themes = theme_counts(ds, mine, projects)
    gaps = gap_themes(ds, mine, others)
    return TownProfile(
        town=town,
        projects=mine,
        district_projects=len(projects),
        tiers=tier_counts(mine, projects),
        figures=town_figures(ds, town),
        themes=themes,
        gaps=gaps,
        learn_from=learn_from(others, gaps["theme_id"], mine, _figure_counts(ds)),
        editions=edition_counts(every_edition or ds, town),
        similar=similar_projects(index, mine["project_id"], every_edition or ds, k),
        town_names=_pairs(ds.towns, "town", "town", "name_en"),
        theme_names=_pairs(ds.themes, "theme_id", "name_zh", "name_en"),
    )


def _pairs(table: pd.DataFrame, key: str, zh: str, en: str) -> dict[str, tuple[str, str]]:
    return dict(zip(table[key], zip(table[zh], table[en], strict=True), strict=True))


def similar_projects(index, project_ids, ds: Dataset, k: int) -> pd.DataFrame:
    """similarity.similar for each project, with the other project's title, tier, one line."""
    extra = ["title_zh", "title_en", "tier", "edition", "one_line", "one_line_en"]
    columns = similarity.SIMILAR_COLUMNS + extra
    if index is None or len(project_ids) == 0:
        return pd.DataFrame(columns=columns)
    found = pd.concat([similarity.similar(index, pid, k) for pid in project_ids])
    if found.empty:
        return pd.DataFrame(columns=columns)
    details = project_table(ds).drop(columns=["town", "themes"])
    details = details.rename(columns={"project_id": "other_id"})
    return found.merge(details, on="other_id", how="left")[columns].reset_index(drop=True)


def project_table(ds: Dataset) -> pd.DataFrame:
    """Every project with its one line and its theme ids, innovation tier first, then by id."""
    projects = ds.projects[PROJECT_COLUMNS + ["description_zh"]].copy()
    links = ds.project_themes.groupby("project_id", sort=False)["theme_id"].agg(tuple)
    order = {th: i for i, th in enumerate(ds.themes["theme_id"])}
    projects["themes"] = [
        tuple(sorted(links.get(pid, ()), key=lambda th: order.get(th, len(order))))
        for pid in projects["project_id"]
    ]
    projects["one_line"] = [one_line(text) for text in projects["description_zh"]]
    projects["one_line_en"] = [_after_colon(title) for title in projects["title_en"]]
    projects["_tier"] = projects["tier"].map({tier: i for i, tier in enumerate(TIERS)})
    projects = projects.sort_values(["_tier", "project_id"]).drop(columns=["_tier"])
    return projects.drop(columns=["description_zh"]).reset_index(drop=True)


def one_line(description: str) -> str:
    """A description's first sentence (to 。；！？), cut at ONE_LINE_MAX characters with …."""
    first = CLAUSE_END.split(str(description or "").strip(), maxsplit=1)[0].strip()
    return first if len(first) <= ONE_LINE_MAX else first[: ONE_LINE_MAX - 1] + "…"


def _after_colon(title: str) -> str:
    """ "Party-led grid governance: small grids, big results" → "Small grids, big results"."""
    rest = str(title or "").partition(":")[2].strip()
    return rest[:1].upper() + rest[1:]


def tier_counts(mine: pd.DataFrame, every: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "tier": list(TIERS),
            "town": [int((mine["tier"] == tier).sum()) for tier in TIERS],
            "district": [int((every["tier"] == tier).sum()) for tier in TIERS],
        }
    )


def town_figures(ds: Dataset, town: str) -> pd.DataFrame:
    """The figures of the town's projects as figures.csv gives them (value, unit, qualifier)."""
    figures = with_town(ds, ds.figures)
    return figures.loc[figures["town"] == town].drop(columns="town").reset_index(drop=True)


def _theme_projects(frame: pd.DataFrame) -> pd.Series:
    """theme_id → number of the frame's projects with it."""
    exploded = frame[["project_id", "themes"]].explode("themes").dropna()
    return exploded.groupby("themes")["project_id"].nunique()


def theme_counts(ds: Dataset, mine: pd.DataFrame, every: pd.DataFrame) -> pd.DataFrame:
    """theme_id, town, district: projects with each theme, themes.csv order, zeros of both
    left out (a theme no project has is not part of the comparison)."""
    town, district = _theme_projects(mine), _theme_projects(every)
    table = pd.DataFrame({"theme_id": list(ds.themes["theme_id"])})
    table["town"] = table["theme_id"].map(town).fillna(0).astype(int)
    table["district"] = table["theme_id"].map(district).fillna(0).astype(int)
    return table.loc[table["district"] > 0].reset_index(drop=True)


def town_theme_counts(ds: Dataset, town: str) -> pd.DataFrame:
    """theme_counts of `town` against every project of `ds`, without the rest of a profile."""
    projects = project_table(ds)
    return theme_counts(ds, projects.loc[projects["town"] == town], projects)


def gap_themes(ds: Dataset, mine: pd.DataFrame, others: pd.DataFrame) -> pd.DataFrame:
    """theme_id, others: themes of other towns' projects that none of the town's has, the
    most common elsewhere first, then in themes.csv order."""
    have = set(mine["themes"].explode().dropna())
    elsewhere = _theme_projects(others)
    table = pd.DataFrame({"theme_id": list(ds.themes["theme_id"])})
    table["others"] = table["theme_id"].map(elsewhere).fillna(0).astype(int)
    table = table.loc[(table["others"] > 0) & ~table["theme_id"].isin(have)]
    table = table.assign(_order=range(len(table)))
    table = table.sort_values(["others", "_order"], ascending=[False, True])
    return table.drop(columns="_order").reset_index(drop=True)


def _figure_counts(ds: Dataset) -> pd.Series:
    return ds.figures.groupby("project_id").size()


def learn_from(
    others: pd.DataFrame, gap_ids, mine: pd.DataFrame, figures: pd.Series
) -> pd.DataFrame:
    """Per gap theme (in gap order) up to EXAMPLES of the other towns' projects with it, in
    example_order, skipping any already named under an earlier gap."""
    candidates = others.assign(figures=others["project_id"].map(figures).fillna(0).astype(int))
    candidates = example_order(candidates, mine)
    named: set[str] = set()
    rows = []
    for theme_id in gap_ids:
        fresh = [
            p
            for p in candidates.to_dict("records")
            if theme_id in p["themes"] and p["project_id"] not in named
        ]
        for project in fresh[:EXAMPLES]:
            named.add(project["project_id"])
            rows.append({"theme_id": theme_id, **project})
    return pd.DataFrame(rows, columns=["theme_id", *candidates.columns])


def example_order(candidates: pd.DataFrame, mine: pd.DataFrame) -> pd.DataFrame:
    """The projects most like the town's own first: the same tier as one of its projects,
    then the same unit level (居民区, 村, 镇街道机构, 区级部门), then those that disclosed a
    figure; otherwise in the table's order (innovation first, then by id). A neighbourhood
    learns most from a neighbourhood, and from a project whose results are on record."""
    tiers, levels = set(mine["tier"]), set(mine["unit_level"])
    keys = pd.DataFrame(
        {
            "tier": ~candidates["tier"].isin(tiers),
            "level": ~candidates["unit_level"].isin(levels),
            "figures": candidates["figures"] == 0,
            "row": range(len(candidates)),
        },
        index=candidates.index,
    )
    order = keys.sort_values(["tier", "level", "figures", "row"]).index
    return candidates.loc[order].reset_index(drop=True)


def edition_counts(ds: Dataset, town: str) -> pd.DataFrame:
    """edition, town, district: projects per edition, oldest first."""
    editions = list(ds.editions["edition"])
    district = ds.projects["edition"].value_counts()
    town_counts = ds.projects.loc[ds.projects["town"] == town, "edition"].value_counts()
    return pd.DataFrame(
        {
            "edition": editions,
            "town": [int(town_counts.get(e, 0)) for e in editions],
            "district": [int(district.get(e, 0)) for e in editions],
        }
    )
