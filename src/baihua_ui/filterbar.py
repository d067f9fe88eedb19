"""The shared filter bar in the sidebar: language, town, tier, theme, unit level, reset."""

from __future__ import annotations

import streamlit as st

from metrics.filters import theme_name, town_name
from metrics.i18n import level_label, t, tier_label
from metrics.load import Dataset
from metrics.schema import TIERS, UNIT_LEVELS

from . import state


def known_values(ds: Dataset) -> dict[str, list[str]]:
    return {
        "town": list(ds.towns["town"]),
        "tier": list(TIERS),
        "theme": list(ds.themes["theme_id"]),
        "level": list(UNIT_LEVELS),
    }


def render(ds: Dataset) -> None:
    lang = state.lang()
    with st.sidebar:
        st.radio(
            t("language", lang),
            ["zh", "en"],
            key=state.LANG_KEY,
            horizontal=True,
            format_func=lambda code: "中文" if code == "zh" else "English",
        )
        lang = state.lang()
        st.subheader(t("filters", lang))
        ph = t("all", lang)
        st.multiselect(
            t("filter_town", lang),
            list(ds.towns["town"]),
            key="f_town",
            placeholder=ph,
            format_func=lambda town: town_name(ds, town, lang),
        )
        st.multiselect(
            t("filter_tier", lang),
            list(TIERS),
            key="f_tier",
            placeholder=ph,
            format_func=lambda tier: tier_label(tier, lang),
        )
        st.multiselect(
            t("filter_theme", lang),
            list(ds.themes["theme_id"]),
            key="f_theme",
            placeholder=ph,
            format_func=lambda theme: theme_name(ds, theme, lang),
        )
        st.multiselect(
            t("filter_level", lang),
            list(UNIT_LEVELS),
            key="f_level",
            placeholder=ph,
            format_func=lambda level: level_label(level, lang),
        )
        st.button(
            t("reset", lang), key="reset", on_click=state.reset, icon=":material/restart_alt:"
        )
        dropped = st.session_state.get("_dropped_params")
        if dropped:
            st.warning(
                (
                    "链接中有无法识别的筛选值，已忽略："
                    if lang != "en"
                    else "Unknown filter values in the link were ignored: "
                )
                + ", ".join(dropped)
            )
