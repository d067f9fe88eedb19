"""/projects 项目: searchable cards, and a detail view for ?project=JS2018-01."""

import streamlit as st

from baihua_ui import page
from metrics.analysis import editions
from metrics.analysis.filters import theme_name, theme_names, town_name
from metrics.analysis.highlight import figure_spans
from metrics.charts.chart import fmt_value
from metrics.i18n import (
    category_label,
    colon,
    join_names,
    level_label,
    t,
    tier_label,
    unit_word,
)
from metrics.safe_text import md_escape

ctx = page.setup("projects", "page_projects")
if ctx is None:
    st.stop()
lang = ctx.lang
SEP = colon(lang)


def mark(fid: str) -> str:
    """A figure's short mark, 〔F01〕 in Chinese, [F01] in English."""
    return f"[{fid[-3:]}]" if lang == "en" else f"〔{fid[-3:]}〕"


def open_project(pid: str) -> None:
    st.session_state["project"] = pid


def themes_of(pids) -> dict[str, list[str]]:
    """Theme names of several projects at once (one groupby, not one scan per card)."""
    links = ctx.full.project_themes
    links = links.loc[links["project_id"].isin(pids)]
    grouped = links.groupby("project_id", sort=False)["theme_id"].agg(list)
    names = theme_names(ctx.full, lang)
    return {pid: [names.get(th, th) for th in ids] for pid, ids in grouped.items()}


def marked(text: str, figures) -> str:
    out, pos = [], 0
    for start, end, fid in figure_spans(text, figures):
        out.append(md_escape(text[pos:start]))
        out.append(f":blue-background[**{md_escape(text[start:end])}**]{md_escape(mark(fid))}")
        pos = end
    out.append(md_escape(text[pos:]))
    return "".join(out)


def edition_label(edition: str) -> str:
    return editions.labels(ctx.full, lang).get(edition, edition)


def detail(pid: str) -> None:
    rows = ctx.full.projects.loc[ctx.full.projects["project_id"] == pid]
    st.button(
        t("detail_back", lang),
        key="back",
        on_click=open_project,
        args=("",),
        icon=":material/arrow_back:",
    )
    if rows.empty:
        st.warning(("未找到项目 " if lang != "en" else "No project with id ") + md_escape(pid))
        return
    p = rows.iloc[0]
    st.header(md_escape(p["title_en"] if lang == "en" else p["title_zh"]), anchor=False)
    if lang == "en":
        st.markdown(md_escape(p["title_zh"]))
    basis = "有专家点评（按“十大各十个”的解读）" if p["has_review"] else "无专家点评"
    if lang == "en":
        basis = "has an expert review" if p["has_review"] else "no expert review"
    st.markdown(
        f"**{t('detail_unit', lang)}**{SEP}{md_escape(p['implementing_unit'])}  \n"
        f"**{t('town', lang)}**{SEP}{md_escape(town_name(ctx.full, p['town'], lang))} · "
        f"{level_label(p['unit_level'], lang)}  \n"
        f"**{t('tier', lang)}**{SEP}{tier_label(p['tier'], lang)} · "
        f"**{t('detail_tier_basis', lang)}**{SEP}{basis}  \n"
        f"**{t('edition', lang)}**{SEP}{md_escape(edition_label(p['edition']))}"
    )
    figures = ctx.full.figures.loc[ctx.full.figures["project_id"] == pid]
    st.subheader(t("detail_description", lang), anchor=False)
    st.markdown(marked(p["description_zh"], figures))
    st.subheader(t("detail_review", lang), anchor=False)
    st.markdown(marked(p["review_zh"], figures) if p["review_zh"] else t("no_review", lang))
    st.subheader(t("detail_figures", lang), anchor=False)
    label = "label_en" if lang == "en" else "label_zh"
    for f in figures.itertuples(index=False):
        unit = md_escape(unit_word(f.unit, lang, f.value))
        st.markdown(
            f"{md_escape(mark(f.figure_id))} **{md_escape(getattr(f, label))}**{SEP}"
            f"{fmt_value(f.value, f.qualifier, lang)} {unit} · "
            f"{category_label(f.category, lang)} · `{f.figure_id}`  \n"
            f"“{md_escape(f.quote)}”"
        )
    if figures.empty:
        st.caption("（原文未给出数字）" if lang != "en" else "(the article gives no figures)")
    st.subheader(t("detail_themes", lang), anchor=False)
    links = ctx.full.project_themes.loc[ctx.full.project_themes["project_id"] == pid]
    for link in links.itertuples(index=False):
        name = md_escape(theme_name(ctx.full, link.theme_id, lang))
        st.markdown(f"**{name}** — “{md_escape(link.evidence)}”")


PAGE_SIZE = 30


def cards() -> None:
    st.text_input(t("search", lang), key="f_q", placeholder=t("search_placeholder", lang))
    projects = ctx.ds.projects
    st.caption(md_escape(t("n_results", lang, n=len(projects)) + " · " + ctx.caption()))
    pages = max(1, -(-len(projects) // PAGE_SIZE))
    # Thousands of cards would take seconds to send; show them a page at a time. The key
    # carries the page count so that a narrower search starts again at page 1.
    number = st.pagination(pages, key=f"cards_page_{pages}") if pages > 1 else 1
    shown = projects.iloc[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
    names = themes_of(shown["project_id"])
    for p in shown.itertuples(index=False):
        card(p, names.get(p.project_id, []))


def card(p, themes: list[str]) -> None:
    with st.container(border=True):
        title = p.title_en if lang == "en" else p.title_zh
        st.markdown(f"**{md_escape(title)}**")
        st.markdown(
            f"{md_escape(p.implementing_unit)} · {md_escape(town_name(ctx.full, p.town, lang))}"
            f" · {tier_label(p.tier, lang)} · `{p.project_id}`  \n"
            + join_names((md_escape(name) for name in themes), lang)
        )
        st.button(
            t("open_detail", lang),
            key=f"open_{p.project_id}",
            on_click=open_project,
            args=(p.project_id,),
        )


if st.session_state.get("project"):
    detail(st.session_state["project"])
else:
    cards()
