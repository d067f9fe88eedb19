"""A town profile (analysis/town_profile.py) as written report sections (DocSection), in zh or
en: the headline and figures, its top gaps with the projects to learn from, and the close
matches elsewhere. The short version: a town of one or two projects
fits two A4 pages with the briefing's chart (tests/test_docx.py renders it with LibreOffice);
every gap and its projects are on the page. /town words its parts with the same functions.
"""

from __future__ import annotations

import pandas as pd

from ..analysis import similarity
from ..analysis.town_profile import EXAMPLES, SIMILAR_K, TOP_GAPS, TownProfile
from ..charts.chart import fmt_value
from ..i18n import TEXT, category_label, join_names, t, tier_label, unit_word
from .sections import DocSection


def town_sections(profile: TownProfile, lang: str) -> list[DocSection]:
    return [
        headline_section(profile, lang),
        gaps_section(profile, lang),
        similar_section(profile, lang),
    ]


def say(profile: TownProfile, key: str, lang: str, **values) -> str:
    """t(key), in 区级's own words where the catalogue has them (key_district): its profile
    is of the district agencies, not of a 本镇."""
    district = f"{key}_district"
    return t(district if profile.is_district and district in TEXT else key, lang, **values)


def heading(profile: TownProfile, lang: str) -> str:
    sep = ": " if lang == "en" else "："
    return f"{say(profile, 'page_town', lang)}{sep}{profile.town_label(profile.town, lang)}"


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
    """The sentence and the figures. The briefing's project list above names the projects,
    its chart and the chart's summary the themes against the district's (a 16-row table of
    them cost half a page)."""
    return DocSection(
        heading(profile, lang),
        (headline_sentence(profile, lang),),
        None,
        (figures_section(profile, lang),),
    )


def figures_section(profile: TownProfile, lang: str) -> DocSection:
    title = t("town_figures", lang)
    figures = profile.figures
    if figures.empty:
        return DocSection(title, (say(profile, "town_no_figures", lang),))
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


def _brackets(n: object, lang: str) -> str:
    return f" ({n})" if lang == "en" else f"（{n}）"


def gaps_section(profile: TownProfile, lang: str) -> DocSection:
    """The TOP_GAPS gaps with their projects to learn from in one table; the rest named in
    one sentence."""
    title = say(profile, "town_gaps", lang)
    if profile.gaps.empty:
        return DocSection(title, (say(profile, "town_gaps_none", lang),))
    rest = profile.more_gaps
    children = ()
    if not rest.empty:
        named = [f"{profile.theme_label(r.theme_id, lang)}{_brackets(r.others, lang)}"
                 for r in rest.itertuples(index=False)]  # fmt: skip
        more = t("town_gaps_rest", lang, n=len(rest), themes=join_names(named, lang))
        children = (DocSection("", (more,)),)  # under the table, no heading of its own
    table = gaps_table(profile, profile.top_gaps, lang)
    return DocSection(title, (gaps_intro(profile, lang),), table, children)


def gaps_table(profile: TownProfile, gaps: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A row per project to learn from: the gap (on its first row only), id, title, and town
    · tier. One table of four columns, no one line: a table and heading per gap, with the
    one line, ran a one-project town's briefing past two pages (the page keeps the one
    line)."""
    rows = []
    for gap in gaps.itertuples(index=False):
        key = "town_gap_cell_one" if gap.others == 1 else "town_gap_cell"
        theme = t(key, lang, theme=profile.theme_label(gap.theme_id, lang), n=gap.others)
        projects = profile.learn_from_theme(gap.theme_id)
        if projects.empty:
            rows.append([theme, "", listed_text(profile, gap.theme_id, lang), ""])
        for n, (_, r) in enumerate(projects.iterrows()):
            where = f"{profile.town_label(r['town'], lang)} · {tier_label(r['tier'], lang)}"
            rows.append([theme if n == 0 else "", r["project_id"], list_title(r, lang), where])
    keys = ("theme", "project_id", "project", "town_where")
    return pd.DataFrame(rows, columns=[t(key, lang) for key in keys])


def listed_text(profile: TownProfile, theme_id: str, lang: str) -> str:
    """A gap whose projects are all named under earlier gaps says where, instead of naming
    them twice."""
    rows = profile.listed_under(theme_id)
    items = [f"{r.project_id}{_brackets(profile.theme_label(r.theme_id, lang), lang)}"
             for r in rows.itertuples(index=False)]  # fmt: skip
    return t("town_gap_listed", lang, items=join_names(items, lang))


def gap_heading(profile: TownProfile, theme_id: str, others: int, lang: str) -> str:
    key = "town_gap_heading_one" if others == 1 else "town_gap_heading"
    return t(key, lang, theme=profile.theme_label(theme_id, lang), n=others)


def gaps_intro(profile: TownProfile, lang: str) -> str:
    n = len(profile.gaps)
    key = "town_gaps_intro_one" if n == 1 else "town_gaps_intro"
    return say(profile, key, lang, n=n, top=min(n, TOP_GAPS), k=EXAMPLES)


def similar_note(lang: str) -> str:
    score = f"{similarity.MIN_SCORE:.2f}"
    return t("town_similar_note", lang, k=SIMILAR_K, score=score, words=similarity.MIN_WORDS)


def similar_section(profile: TownProfile, lang: str) -> DocSection:
    """One table of every project's close matches (a heading and table per project cost a
    briefing page); a project with none says so in its row."""
    rows = []
    for _, mine in profile.projects.iterrows():
        found = profile.similar_to(mine["project_id"])
        if found.empty:
            rows.append([mine["project_id"], t("town_similar_none", lang), "", ""])
        for n, (_, r) in enumerate(found.iterrows()):
            rows.append([
                mine["project_id"] if n == 0 else "",
                f"{r['other_id']} {list_title(r, lang)} · {profile.town_label(r['town'], lang)}",
                f"{r['score']:.2f}",
                short_reason(profile, r, lang),
            ])  # fmt: skip
    keys = ("town_similar_mine", "town_similar_other", "town_score", "town_reason_short")
    table = pd.DataFrame(rows, columns=[t(key, lang) for key in keys])
    return DocSection(t("town_similar", lang), (similar_note(lang),), table)


def reason(profile: TownProfile, row, lang: str) -> str:
    """共同主题：党建引领、居村自治 — or, with no shared theme, the words in common."""
    if row["shared_themes"]:
        return t(
            "town_similar_reason", lang, themes=theme_list(profile, row["shared_themes"], lang)
        )
    return t("town_similar_words", lang, words=join_names(row["shared_words"], lang))


def short_reason(profile: TownProfile, row, lang: str) -> str:
    """reason() under a column headed 共同主题（或理由）: the shared themes without their label."""
    if row["shared_themes"]:
        return theme_list(profile, row["shared_themes"], lang)
    return reason(profile, row, lang)


def theme_list(profile: TownProfile, theme_ids, lang: str) -> str:
    return join_names((profile.theme_label(th, lang) for th in theme_ids), lang)
