"""A town profile (analysis/town_profile.py) as written report sections (DocSection), in zh or
en: the headline, the themes against the district, the gaps with the projects to learn from,
and the similar projects elsewhere. The page /town words its headline with the same functions.
"""

from __future__ import annotations

import pandas as pd

from ..analysis.town_profile import TownProfile
from ..charts.chart import fmt_value
from ..i18n import category_label, join_names, t, tier_label, unit_word
from .sections import DocSection


def town_sections(profile: TownProfile, lang: str) -> list[DocSection]:
    return [
        headline_section(profile, lang),
        themes_section(profile, lang),
        gaps_section(profile, lang),
        similar_section(profile, lang),
    ]


def heading(profile: TownProfile, lang: str) -> str:
    sep = ": " if lang == "en" else "："
    return f"{t('page_town', lang)}{sep}{profile.town_label(profile.town, lang)}"


def headline_sentence(profile: TownProfile, lang: str) -> str:
    """ "2 个项目，占全区 20 个的 10%；十大创新项目 1 个（全区 10 个）……" in words."""
    n, total = len(profile.projects), profile.district_projects
    share = share_text(profile)
    tiers = [
        (f"{tier_label(r.tier, lang)} {r.town}/{r.district}")
        for r in profile.tiers.itertuples(index=False)
    ]
    if lang == "en":
        return f"{n} of the district's {total} projects ({share}); " + "; ".join(tiers) + "."
    return f"全区 {total} 个项目中有 {n} 个（{share}）；" + "；".join(tiers) + "。"


def share_text(profile: TownProfile) -> str:
    share = profile.share
    return "–" if share is None else f"{share:.0%}"


def figure_text(row, lang: str) -> str:
    """ "≥30 名" / "≥30 people": the value as given, with its unit; missing is 未披露."""
    value = None if pd.isna(row["value"]) else float(row["value"])
    unit = unit_word(row["unit"], lang, value)
    return f"{fmt_value(value, row['qualifier'], lang)} {unit}".strip()


def project_title(row, lang: str) -> str:
    return row["title_en"] if lang == "en" else row["title_zh"]


def list_title(row, lang: str) -> str:
    """The title above a project's one line: in English its part before the colon, as the
    part after it is the one line."""
    if lang == "en" and row["one_line_en"]:
        return str(row["title_en"]).partition(":")[0].strip()
    return project_title(row, lang)


def one_line(row, lang: str) -> str:
    """The description's first sentence; in English (descriptions are Chinese only) the
    English title's second half, after its colon."""
    return row["one_line_en"] if lang == "en" else row["one_line"]


def headline_section(profile: TownProfile, lang: str) -> DocSection:
    projects = pd.DataFrame(
        {
            t("project_id", lang): profile.projects["project_id"],
            t("project", lang): [project_title(r, lang) for _, r in profile.projects.iterrows()],
            t("tier", lang): [tier_label(x, lang) for x in profile.projects["tier"]],
            t("theme", lang): [
                theme_list(profile, ths, lang) for ths in profile.projects["themes"]
            ],
        }
    )
    return DocSection(
        heading(profile, lang),
        (headline_sentence(profile, lang),),
        projects,
        (figures_section(profile, lang),),
    )


def figures_section(profile: TownProfile, lang: str) -> DocSection:
    title = t("town_figures", lang)
    figures = profile.figures
    if figures.empty:
        return DocSection(title, (t("town_no_figures", lang),))
    label = "label_en" if lang == "en" else "label_zh"
    table = pd.DataFrame(
        {
            t("project_id", lang): figures["project_id"],
            t("label", lang): figures[label],
            t("value", lang): [figure_text(r, lang) for _, r in figures.iterrows()],
            t("category", lang): [category_label(c, lang) for c in figures["category"]],
        }
    )
    return DocSection(title, (t("town_figures_note", lang),), table)


def themes_section(profile: TownProfile, lang: str) -> DocSection:
    themes = profile.themes
    table = pd.DataFrame(
        {
            t("theme", lang): [profile.theme_label(th, lang) for th in themes["theme_id"]],
            profile.town_label(profile.town, lang): themes["town"],
            t("town_series_district", lang): themes["district"],
        }
    )
    return DocSection(t("town_themes", lang), (), table)


def gaps_section(profile: TownProfile, lang: str) -> DocSection:
    title = t("town_gaps", lang)
    if profile.gaps.empty:
        return DocSection(title, (t("town_gaps_none", lang),))
    children = tuple(
        DocSection(
            gap_heading(profile, r.theme_id, r.others, lang),
            (),
            learn_table(profile, r.theme_id, lang),
        )
        for r in profile.gaps.itertuples(index=False)
    )
    intro = gaps_intro(profile, lang)
    return DocSection(title, (intro,), None, children)


def gap_heading(profile: TownProfile, theme_id: str, others: int, lang: str) -> str:
    key = "town_gap_heading_one" if others == 1 else "town_gap_heading"
    return t(key, lang, theme=profile.theme_label(theme_id, lang), n=others)


def gaps_intro(profile: TownProfile, lang: str) -> str:
    n = len(profile.gaps)
    return t("town_gaps_intro_one" if n == 1 else "town_gaps_intro", lang, n=n)


def learn_table(profile: TownProfile, theme_id: str, lang: str) -> pd.DataFrame:
    rows = profile.learn_from_theme(theme_id)
    return _project_frame(profile, rows, rows["project_id"], lang, {
        t("tier", lang): [tier_label(x, lang) for x in rows["tier"]],
        t("town_one_line", lang): [one_line(r, lang) for _, r in rows.iterrows()],
    })  # fmt: skip


def _project_frame(profile: TownProfile, rows, ids, lang: str, more: dict) -> pd.DataFrame:
    """Projects listed by id, title and town, then the `more` columns of the listing."""
    return pd.DataFrame(
        {
            t("project_id", lang): ids,
            t("project", lang): [project_title(r, lang) for _, r in rows.iterrows()],
            t("town", lang): [profile.town_label(x, lang) for x in rows["town"]],
            **more,
        }
    )


def similar_section(profile: TownProfile, lang: str) -> DocSection:
    note = t("town_similar_note", lang, k=similar_k(profile))
    children = tuple(
        DocSection(
            t("town_similar_of", lang, title=project_title(r, lang)),
            (),
            similar_table(profile, r.project_id, lang),
        )
        for _, r in profile.projects.iterrows()
    )
    return DocSection(t("town_similar", lang), (note,), None, children)


def similar_table(profile: TownProfile, project_id: str, lang: str) -> pd.DataFrame:
    rows = profile.similar_to(project_id)
    return _project_frame(profile, rows, rows["other_id"], lang, {
        t("town_score", lang): [f"{s:.2f}" for s in rows["score"]],
        t("town_reason", lang): [reason(profile, r, lang) for _, r in rows.iterrows()],
    })  # fmt: skip


def reason(profile: TownProfile, row, lang: str) -> str:
    """共同主题：党建引领、居村自治 — or, with no shared theme, the words in common."""
    if row["shared_themes"]:
        return t(
            "town_similar_reason", lang, themes=theme_list(profile, row["shared_themes"], lang)
        )
    return t("town_similar_words", lang, words=join_names(row["shared_words"], lang))


def theme_list(profile: TownProfile, theme_ids, lang: str) -> str:
    return join_names((profile.theme_label(th, lang) for th in theme_ids), lang)


def similar_k(profile: TownProfile) -> int:
    counts = profile.similar.groupby("project_id").size()
    return int(counts.max()) if len(counts) else 0
