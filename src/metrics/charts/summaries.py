"""A chart's summary: one to three sentences in zh or en, counted from the frame it draws.

Not written by a language model: every number is read off the chart's own tidy frame, so the
words and the bars cannot disagree. The summary is the chart's accessible name, the line under
it, its slide notes and its line in a ZIP's README. Figures in different units are never added;
"at least" stays ≥; what is not disclosed is said to be missing, never 0.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..data.schema import TIERS
from ..i18n import category_label, join_names, t, tier_label, unit_label, unit_word
from .chart import fmt_value

LIST_LIMIT = 6  # names listed in a sentence before "等N个" / "and N more"


# --- words shared by every summary --------------------------------------------------------------


def count(n: int, noun: str, lang: str) -> str:
    """ "20个项目" / "20 projects", "1 project"; noun is project, town, theme, figure or pair."""
    key = f"summary_n_{noun}" + ("" if n == 1 else "s")
    return t(key, lang, n=f"{int(n):,}")


def places(labels, district: frozenset[str], lang: str) -> str:
    """ "11个镇（街道）", "11个镇（街道）和区级部门" or "区级部门": 区级 is the district's own
    bodies, not a town, and is never counted as one (#21). `district`: 区级's labels."""
    labels = list(labels)
    towns = [n for n in labels if n not in district]
    if len(towns) == len(labels):
        return count(len(towns), "town", lang)
    if not towns:
        return t("summary_district_only", lang)
    return t("summary_towns_and_district", lang, towns=count(len(towns), "town", lang))


def _rest(key: str, towns_all, labels, district: frozenset[str], lang: str) -> str:
    """The sentence for the places of `towns_all` (labels) that `labels` leave out; "" when
    none is left."""
    present = set(labels)
    left = [n for n in towns_all if n not in present]
    return t(key, lang, towns=places(left, district, lang)) if left else ""


def sentences(parts: Sequence[str], lang: str) -> str:
    return (" " if lang == "en" else "").join(p for p in parts if p)


def names(items: Sequence[str], lang: str) -> str:
    items = list(items)
    if len(items) <= LIST_LIMIT:
        return join_names(items, lang)
    shown = join_names(items[:LIST_LIMIT], lang)
    if lang == "en":
        return f"{shown} and {len(items) - LIST_LIMIT} more"
    return f"{shown}等{len(items)}个"


def named(items: Sequence[str], value: str, lang: str) -> str:
    """ "区级（4个项目）", or "张堰镇、亭林镇（各1个项目）" for a tie."""
    key = "summary_named" if len(items) == 1 else "summary_named_each"
    return t(key, lang, names=names(items, lang), value=value)


def amount(value: float, at_least: bool, unit: str, lang: str) -> str:
    """ "≥2,546名" / "≥2,546 people": a value with its qualifier and unit, for running text;
    未披露 / not disclosed when there is none."""
    if pd.isna(value):
        return t("missing", lang)
    text = fmt_value(value, "at_least" if at_least else "exact", lang)
    return f"{text} {unit_word(unit, lang, value)}" if lang == "en" else f"{text}{unit}"


def amounts(names: Sequence[str], values, at_least) -> pd.DataFrame:
    """name, value, at_least: the frame the amount summaries read, one row per bar or tile."""
    return pd.DataFrame({"name": names, "value": values, "at_least": at_least})


def worded(frame: pd.DataFrame, unit: str, lang: str) -> pd.DataFrame:
    """`frame` (value, at_least) with a text column: each value in words with its unit."""
    pairs = zip(frame["value"], frame["at_least"], strict=True)
    return frame.assign(text=[amount(v, a, unit, lang) for v, a in pairs])


def extremes(frame: pd.DataFrame, lang: str, key: str = "summary_most") -> str:
    """Largest and smallest of a frame of name, value, text (the value in words); every tied
    name is listed. Rows without a value (not disclosed) are left out."""
    frame = frame.dropna(subset=["value"])
    if frame.empty:
        return ""
    top, low = frame["value"].max(), frame["value"].min()
    most, least = frame.loc[frame["value"] == top], frame.loc[frame["value"] == low]
    if len(frame) == 1:
        return t("summary_only", lang, named=named(most["name"], most["text"].iloc[0], lang))
    if top == low:
        return t("summary_same", lang, names=names(most["name"], lang), value=most["text"].iloc[0])
    return t(
        key,
        lang,
        most=named(most["name"], most["text"].iloc[0], lang),
        least=named(least["name"], least["text"].iloc[0], lang),
    )


def counted(values: pd.Series, noun: str, lang: str) -> pd.DataFrame:
    """name, value, text of counts indexed by name."""
    return pd.DataFrame(
        {
            "name": values.index,
            "value": values.to_numpy(),
            "text": [count(v, noun, lang) for v in values],
        }
    )


def highlight_share(label: str, part: int, total: int, noun: str, lang: str) -> str:
    """ "突出显示的朱泾镇：2个项目（共20个项目）。" """
    if not label:
        return ""
    return t("summary_highlight_share", lang, names=label, part=count(part, noun, lang),
             total=count(total, noun, lang))  # fmt: skip


def highlight_items(frame: pd.DataFrame, lang: str) -> str:
    """ "突出显示：朱泾镇（≥30名）。" from a frame of name and text of the chosen rows."""
    if frame.empty:
        return ""
    pairs = zip(frame["name"], frame["text"], strict=True)
    items = [t("summary_named", lang, names=n, value=v) for n, v in pairs]
    return t("summary_highlight", lang, items=names(items, lang))


# --- towns --------------------------------------------------------------------------------------


def tier_counts(data: pd.DataFrame, lang: str) -> str:
    per_tier = data.groupby("tier")["projects"].sum()
    parts = [
        t("summary_tier_count", lang, tier=tier_label(tier, lang), n=f"{int(per_tier[tier]):,}")
        for tier in TIERS
        if tier in per_tier
    ]
    return join_names(parts, lang)


def towns_tier_stack(
    data: pd.DataFrame, lang: str, towns_all, label: str = "", chosen=(),
    district: frozenset[str] = frozenset(),
) -> str:  # fmt: skip
    """`data`: town_label, tier, projects; `towns_all` the labels of towns.csv's rows, of
    which `district` are 区级; `label` names the highlighted towns (tiers), `chosen` flags
    their rows."""
    per_town = data.groupby("town_label", sort=False)["projects"].sum()
    total = int(per_town.sum())
    where = places(per_town.index, district, lang)
    spread = t("summary_spread", lang, projects=count(total, "project", lang), towns=where,
               tiers=tier_counts(data, lang))  # fmt: skip
    part = int(data.loc[list(chosen), "projects"].sum()) if label else 0
    return sentences(
        [
            spread,
            extremes(counted(per_town, "project", lang), lang),
            _rest(
                "summary_no_project_towns", towns_all, per_town.index, district, lang
            ),  # fmt: skip
            highlight_share(label, part, total, "project", lang),
        ],
        lang,
    )


def _none(n: int, key: str, lang: str, noun: str = "town") -> str:
    return t(key, lang, **{f"{noun}s": count(n, noun, lang)}) if n > 0 else ""


def tile_counts(
    tiles: pd.DataFrame, measure: str, lang: str, label: str = "", chosen=(),
    district: frozenset[str] = frozenset(),
) -> str:  # fmt: skip
    """The tile map of projects or figures: `tiles` has name and value (a count, 0 a real 0);
    `district` names the 区级 tile."""
    noun = "project" if measure == "projects" else "figure"
    values = tiles.set_index("name")["value"].astype(int)
    some = values.loc[values > 0]
    none_key = "summary_no_project_towns" if noun == "project" else "summary_no_figure_towns"
    part = int(values.loc[list(chosen)].sum()) if label else 0
    return sentences(
        [
            t(
                "summary_in_towns",
                lang,
                what=count(int(some.sum()), noun, lang),
                towns=places(some.index, district, lang),
            ),  # fmt: skip
            extremes(counted(some, noun, lang), lang),
            _rest(none_key, values.index, some.index, district, lang),  # fmt: skip
            highlight_share(label, part, int(values.sum()), noun, lang),
        ],
        lang,
    )


def town_amounts(
    frame: pd.DataFrame, lang: str, category: str, unit: str, towns_all, chosen=(),
    missing=(), district: frozenset[str] = frozenset(),
) -> str:  # fmt: skip
    """Totals per town in one unit: `frame` has name, value (NaN: not disclosed), at_least;
    a town of the `towns_all` missing from it has not disclosed one either. `chosen` flags
    highlighted rows; `missing` names highlighted towns absent from `frame`."""
    frame = worded(frame, unit, lang)
    given = frame.dropna(subset=["value"])
    shown_unit = unit if lang != "en" else unit_label(unit, lang)
    if given.empty:
        words = category_label(category, lang)  # mid-sentence in English: lower case
        return t("summary_none_disclosed", lang, towns=places(towns_all, district, lang),
                 unit=shown_unit, category=words.lower() if lang == "en" else words)  # fmt: skip
    total = amount(given["value"].sum(), bool(given["at_least"].any()), unit, lang)
    return sentences(
        [
            t(
                "summary_town_total",
                lang,
                unit=shown_unit,
                category=category_label(category, lang),
                total=total,
                towns=places(given["name"], district, lang),
            ),  # fmt: skip
            extremes(given, lang, "summary_largest"),
            _rest(
                "summary_not_disclosed_towns", towns_all, given["name"], district, lang
            ),  # fmt: skip
            highlight_items(_with_missing(frame, chosen, missing, lang), lang),
        ],
        lang,
    )


def _with_missing(frame: pd.DataFrame, chosen, missing, lang: str) -> pd.DataFrame:
    """The highlighted rows, then one "未披露" row a highlighted town without a value."""
    rows = frame.loc[list(chosen)] if len(chosen) else frame.iloc[:0]
    absent = pd.DataFrame({"name": list(missing), "text": t("missing", lang)})
    return pd.concat([rows[["name", "text"]], absent], ignore_index=True) if missing else rows


# --- figures ------------------------------------------------------------------------------------


def figures_in_unit(frame: pd.DataFrame, lang: str, unit: str, projects_all: int) -> str:
    """`frame`: name, value, qualifier, project_id, one row per figure in `unit`."""
    frame = worded(frame.assign(at_least=frame["qualifier"] == "at_least"), unit, lang)
    projects = frame["project_id"].nunique()
    shown_unit = unit if lang != "en" else unit_label(unit, lang)
    return sentences(
        [
            t(
                "summary_unit_figures",
                lang,
                figures=count(len(frame), "figure", lang),
                unit=shown_unit,
                projects=count(projects, "project", lang),
            ),  # fmt: skip
            extremes(frame, lang, "summary_largest"),
            _none(projects_all - projects, "summary_unit_none", lang, "project"),
        ],
        lang,
    )


def funding_amounts(frame: pd.DataFrame, lang: str, projects_all: int) -> str:
    """`frame`: name, value, at_least, one row per project giving an amount (元)."""
    frame = worded(frame, "元", lang)
    total = amount(frame["value"].sum(), bool(frame["at_least"].any()), "元", lang)
    return sentences(
        [
            t("summary_amounts", lang, projects=count(len(frame), "project", lang), total=total),
            extremes(frame, lang, "summary_largest"),
            _none(projects_all - len(frame), "summary_amounts_none", lang, "project"),
        ],
        lang,
    )


def funding_disclosure(data: pd.DataFrame, lang: str) -> str:
    """`data`: one row per project with its status amount / mentioned / none."""
    n = data["status"].value_counts()
    return t("summary_funding", lang, total=count(len(data), "project", lang),
             amount=int(n.get("amount", 0)), mentioned=int(n.get("mentioned", 0)),
             none=int(n.get("none", 0)))  # fmt: skip


# --- themes -------------------------------------------------------------------------------------


def themes_by_tier(
    data: pd.DataFrame, lang: str, projects_all: int, themes_all: int, chosen=()
) -> str:
    """`data`: theme_label, tier, projects; `themes_all` themes the editions list; `chosen`
    flags highlighted rows (a project with two themes counts under each)."""
    per_theme = data.groupby("theme_label", sort=False)["projects"].sum()
    picked = data.loc[list(chosen)] if len(chosen) else data.iloc[:0]
    picked = picked.groupby("theme_label", sort=False)["projects"].sum()
    return sentences(
        [
            t(
                "summary_themes",
                lang,
                projects=count(projects_all, "project", lang),
                themes=count(len(per_theme), "theme", lang),
            ),  # fmt: skip
            extremes(counted(per_theme, "project", lang), lang),
            _none(themes_all - len(per_theme), "summary_no_project_themes", lang, "theme"),
            highlight_items(counted(picked, "project", lang), lang),
        ],
        lang,
    )


def town_theme_cells(cells: pd.DataFrame, lang: str, label: str = "", chosen=()) -> str:
    """`cells`: town_label, theme_label, projects, one row per town and theme with a project."""
    top = cells.loc[cells["projects"] == cells["projects"].max()]
    pairs = [f"{a} × {b}" for a, b in zip(top["town_label"], top["theme_label"], strict=True)]
    most = named(pairs, count(int(top["projects"].iloc[0]), "project", lang), lang)
    part = int(sum(chosen)) if label else 0
    return sentences(
        [
            t("summary_cells", lang, cells=count(len(cells), "pair", lang), most=most),
            highlight_share(label, part, len(cells), "pair", lang),
        ],
        lang,
    )


def theme_pairs(matrix: pd.DataFrame, lang: str, chosen: Sequence[str] = ()) -> str:
    """`matrix`: theme × theme projects (labelled), its diagonal each theme's own count;
    `chosen` the highlighted themes' labels."""
    pairs = [(a, b, int(matrix.loc[a, b])) for i, a in enumerate(matrix.index)
             for b in matrix.columns[i + 1 :] if matrix.loc[a, b] > 0]  # fmt: skip
    if not pairs:
        return t("summary_no_pairs", lang)
    top = max(n for _, _, n in pairs)
    most = named([f"{a} + {b}" for a, b, n in pairs if n == top], count(top, "project", lang), lang)
    partners = [(theme, int((matrix.loc[theme] > 0).sum()) - 1) for theme in chosen]
    picked = pd.DataFrame(
        {
            "name": [theme for theme, _ in partners],
            "text": [t("summary_with_themes", lang, themes=count(n, "theme", lang))
                     for _, n in partners],
        }
    )  # fmt: skip
    return sentences(
        [
            t("summary_pairs", lang, pairs=count(len(pairs), "pair", lang), most=most),
            highlight_items(picked, lang),
        ],
        lang,
    )


# --- editions side by side ----------------------------------------------------------------------


def end(parts: Sequence[str], lang: str) -> str:
    """Clauses joined into one sentence: "a；b。" / "a; b." """
    return ("; ".join(parts) + ".") if lang == "en" else ("；".join(parts) + "。")


def towns_by_edition(
    data: pd.DataFrame, lang: str, labels: dict[str, str], district: frozenset[str] = frozenset()
) -> str:
    """`data`: edition, town_label, projects (NaN where not reported); `district`: 区级's
    labels."""
    spread, tops = [], []
    for edition, part in data.dropna(subset=["projects"]).groupby("edition", sort=False):
        per_town = part.groupby("town_label", sort=False)["projects"].sum()
        per_town = per_town.loc[per_town > 0]
        spread.append(t("summary_edition_projects", lang, edition=labels[edition],
                        projects=count(int(per_town.sum()), "project", lang),
                        towns=places(per_town.index, district, lang)))  # fmt: skip
        top = per_town.loc[per_town == per_town.max()]
        if len(top):
            tops.append(t("summary_edition_top", lang, edition=labels[edition],
                          most=named(list(top.index), count(int(top.iloc[0]), "project", lang),
                                     lang)))  # fmt: skip
    return sentences([end(spread, lang) if spread else "", end(tops, lang) if tops else ""], lang)


def themes_by_edition(data: pd.DataFrame, lang: str, labels: dict[str, str]) -> str:
    """`data`: edition, name, projects (NaN where the edition does not list the theme)."""
    tops = []
    for edition, part in data.dropna(subset=["projects"]).groupby("edition", sort=False):
        top = part.loc[part["projects"] == part["projects"].max()]
        if len(top) and top["projects"].iloc[0] > 0:
            value = count(int(top["projects"].iloc[0]), "project", lang)
            tops.append(t("summary_edition_top", lang, edition=labels[edition],
                          most=named(list(top["name"]), value, lang)))  # fmt: skip
    missing = int(data["projects"].isna().sum())
    return sentences(
        [end(tops, lang) if tops else "", t("summary_not_reported", lang, n=missing) if missing
         else ""], lang)  # fmt: skip


def totals_by_edition(data: pd.DataFrame, lang: str, labels: dict[str, str]) -> str:
    """`data`: category, unit, edition, value, at_least (NaN where not reported). One row is
    worded edition by edition: head-counts (参与, 名) when the grid has them, else its first."""
    people = (data["category"] == "participants") & (data["unit"] == "名")
    first = (data["category"] == data["category"].iloc[0]) & (data["unit"] == data["unit"].iloc[0])
    row = data.loc[people if people.any() else first]
    category, unit = row["category"].iloc[0], row["unit"].iloc[0]
    cells = zip(row["edition"], row["value"], row["at_least"], strict=True)
    values = [_edition_value(labels[e], v, a, unit, lang) for e, v, a in cells]
    name = f"{category_label(category, lang)}（{unit_label(unit, lang)}）"
    if lang == "en":
        name = f"{category_label(category, lang)}, {unit_label(unit, lang)}"
    missing = int(data["value"].isna().sum())
    return sentences(
        [t("summary_row", lang, row=name, values=join_names(values, lang)),
         t("summary_not_reported", lang, n=missing) if missing else ""], lang)  # fmt: skip


def _edition_value(edition: str, value, at_least: bool, unit: str, lang: str) -> str:
    """ "金山区2018年为≥2,546名" / "Jinshan 2018 ≥2,546 people"; 未报告 / not reported."""
    if pd.isna(value):
        return f"{edition} {t('not_reported', lang)}" if lang == "en" else f"{edition}未报告"
    text = amount(value, at_least, unit, lang)
    return f"{edition} {text}" if lang == "en" else f"{edition}为{text}"


def new_items(data: pd.DataFrame, lang: str, labels: dict[str, str]) -> str:
    """`data`: name, edition, projects: each town (theme) new in an edition."""
    items = [
        t("summary_new_item", lang, name=n, edition=labels[e], projects=count(p, "project", lang))
        for n, e, p in zip(data["name"], data["edition"], data["projects"], strict=True)
    ]
    return t("summary_new", lang, items=names(items, lang))
