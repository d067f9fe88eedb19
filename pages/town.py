"""/town 本镇概况: one town (or 区级) on one page — its projects and tiers against the district,
the figures it disclosed, its themes, the themes it lacks with projects to learn from, similar
projects elsewhere, and its projects per edition. ?town=朱泾镇 chooses the town."""

from dataclasses import replace
from urllib.parse import urlencode

import streamlit as st

from baihua_ui import chartbox, exportbar, page
from baihua_ui import town as town_ui
from metrics.analysis import editions
from metrics.analysis.filters import Filters, describe, town_names
from metrics.charts import town as charts_town
from metrics.charts.chart import Chart
from metrics.export import town_sections as words
from metrics.i18n import t, tier_label
from metrics.safe_text import md_escape

ctx = page.setup("town", "page_town")
if ctx is None:
    st.stop()
lang = ctx.lang
towns = list(ctx.full.towns["town"])
names = town_names(ctx.full, lang)
town = town_ui.chosen_town(towns)
st.columns([1, 2])[0].selectbox(
    t("town_pick", lang),
    towns,
    key=town_ui.PICK_KEY,
    index=None if town is None else 0,  # 0 is the default: the session state's town is shown
    placeholder=t("town_pick_placeholder", lang),
    format_func=lambda name: names.get(name, name),
    on_change=town_ui.follow_pick,
)
if town is None:
    st.info(t("town_choose", lang), icon=":material/home_pin:")
    st.stop()

profile = town_ui.profile(ctx.full, ctx.version, ctx.filters.editions, town)
# The profile compares the town with the whole district: only the edition choice applies.
focus = Filters(editions=ctx.filters.editions, towns=(town,))
scoped = replace(ctx, filters=focus, filters_text=describe(focus, ctx.full, lang), xf=None)
st.caption(md_escape(t("town_scope", lang) + " · " + ctx.editions_line))


def link(project_id: str) -> str:
    """The project's detail on /projects, relative so that a base URL path still works."""
    params = {"project": project_id} | ({"lang": "en"} if lang == "en" else {})
    return "projects?" + urlencode(params)


def project_line(row, town: str = "") -> str:
    """[title](link) · town · tier · `id`, then the one line beneath."""
    title, pid = md_escape(words.list_title(row, lang)), row["project_id"]
    where = f" · {md_escape(profile.town_label(town, lang))}" if town else ""
    line = words.one_line(row, lang)
    below = f"  \n  {md_escape(line)}" if line else ""
    return f"[{title}]({link(pid)}){where} · {tier_label(row['tier'], lang)} · `{pid}`{below}"


def headline() -> None:
    n, figures = len(profile.projects), len(profile.figures)
    cells = st.columns(2 + len(profile.tiers) + 1)
    cells[0].metric(t("town_kpi_projects", lang), n)
    cells[1].metric(
        t("town_kpi_share", lang),
        words.share_text(profile),
        help=t("town_kpi_share_help", lang, n=n, total=profile.district_projects),
    )
    for cell, row in zip(cells[2:], profile.tiers.itertuples(index=False), strict=False):
        cell.metric(
            tier_label(row.tier, lang),
            f"{row.town} / {row.district}",
            help=words.say(profile, "town_kpi_tier_help", lang),
        )
    cells[-1].metric(t("town_kpi_figures", lang), figures if figures else t("missing", lang))
    st.markdown(md_escape(words.headline_sentence(profile, lang)))


def projects() -> None:
    st.subheader(words.say(profile, "town_projects", lang), anchor=False)
    if profile.projects.empty:
        st.info(words.say(profile, "town_no_projects", lang), icon=":material/info:")
        return
    for _, row in profile.projects.iterrows():
        themes = words.theme_list(profile, row["themes"], lang)
        st.markdown(f"- {project_line(row)}  \n  {md_escape(themes)}")


def figures() -> None:
    section = words.figures_section(profile, lang)
    st.subheader(section.heading, anchor=False)
    if section.table is None:
        st.info(section.paragraphs[0], icon=":material/info:")
        return
    st.dataframe(section.table, hide_index=True, width="stretch")
    st.caption(section.paragraphs[0] + " " + t("at_least_note", lang))


def themes() -> Chart:
    st.subheader(words.say(profile, "town_themes", lang), anchor=False)
    chart = scoped.chart(charts_town.town_themes, "town_themes", town)
    chartbox.show(chart, ctx.page, scoped.filters_text)
    return chart


def gaps() -> None:
    """The top gaps with their projects to learn from; every other gap in one expander."""
    st.subheader(words.say(profile, "town_gaps", lang), anchor=False)
    if profile.gaps.empty:
        st.info(words.say(profile, "town_gaps_none", lang), icon=":material/info:")
        return
    st.caption(words.gaps_intro(profile, lang))
    gap_list(profile.top_gaps)
    rest = profile.more_gaps
    if not rest.empty:
        with st.expander(t("town_gaps_more", lang, n=len(rest))):
            gap_list(rest)


def gap_list(gaps) -> None:
    for gap in gaps.itertuples(index=False):
        st.markdown(f"**{md_escape(words.gap_heading(profile, gap.theme_id, gap.others, lang))}**")
        rows = profile.learn_from_theme(gap.theme_id)
        if rows.empty:
            st.markdown(md_escape(words.listed_text(profile, gap.theme_id, lang)))
            continue
        st.markdown("\n".join(f"- {project_line(r, r['town'])}" for _, r in rows.iterrows()))


def similar() -> None:
    st.subheader(t("town_similar", lang), anchor=False)
    st.caption(words.similar_note(lang))
    for _, row in profile.projects.iterrows():
        title = words.project_title(row, lang)
        st.markdown(f"**{md_escape(t('town_similar_of', lang, title=title))}**")
        found = profile.similar_to(row["project_id"])
        if found.empty:
            st.caption(t("town_similar_none", lang))
            continue
        lines = [
            f"- [{md_escape(words.project_title(r, lang))}]({link(r['other_id'])}) · "
            f"{md_escape(profile.town_label(r['town'], lang))} · "
            f"{t('town_score', lang)} {r['score']:.2f}  \n"
            f"  {md_escape(words.reason(profile, r, lang))}"
            for _, r in found.iterrows()
        ]
        st.markdown("\n".join(lines))


def per_edition() -> None:
    """Only with two or more editions: one edition's count is already the headline."""
    if len(profile.editions) < 2:
        return
    st.subheader(t("town_editions", lang), anchor=False)
    labels = editions.labels(ctx.full, lang)
    table = profile.editions.assign(edition=[labels.get(e, e) for e in profile.editions["edition"]])
    table.columns = [
        t("edition", lang),
        profile.town_label(town, lang),
        t("town_series_district", lang),
    ]
    st.dataframe(table, hide_index=True, width="stretch")


headline()
projects()
figures()
chart = themes()
gaps()
similar()
per_edition()
# The Word briefing of this town: its chart, its projects, then the profile's sections.
exportbar.export_bar(scoped, [chart], lambda: words.town_sections(profile, lang))
