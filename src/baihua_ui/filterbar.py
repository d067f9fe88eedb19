"""The shared filter bar in the sidebar: language, edition, town, tier, theme, unit level,
reset."""

from __future__ import annotations

import streamlit as st

from metrics.analysis import editions
from metrics.analysis.filters import theme_names, town_names
from metrics.analysis.unknown_values import unknown_value_sentence
from metrics.data.load import Dataset
from metrics.data.schema import TIERS, UNIT_LEVELS
from metrics.i18n import level_label, t, tier_label

from . import state


def known_values(ds: Dataset) -> dict[str, list[str]]:
    return {
        "edition": list(ds.editions["edition"]),  # oldest first: the last is the default
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
        state.relabel_on_language_change()
        towns, themes = town_names(ds, lang), theme_names(ds, lang)
        labels = {
            "town": lambda town: towns.get(town, town),
            "tier": lambda tier: tier_label(tier, lang),
            "theme": lambda theme: themes.get(theme, theme),
            "level": lambda level: level_label(level, lang),
        }
        known = known_values(ds)
        edition_picker(ds, known.pop("edition"), lang)
        for param, options in known.items():
            st.multiselect(
                t(f"filter_{param}", lang),
                options,
                key=state.LIST_PARAMS[param],
                placeholder=t("all", lang),
                format_func=labels[param],
                # Streamlit's bulk "Select all" row is English only; choosing every option
                # is the same as choosing none ("全部"), so the row is left out.
                select_all=False,
            )
        st.button(
            t("reset", lang), key="reset", on_click=state.reset, icon=":material/restart_alt:"
        )


def edition_picker(ds, options: list[str], lang: str) -> None:
    """The editions to show, first in the bar; only when the library holds more than one.

    Never empty: state.keep_editions brings back the latest when every edition is removed.
    """
    if len(options) < 2:
        return
    names = editions.labels(ds, lang)
    st.multiselect(
        t("filter_edition", lang),
        options,
        key=state.EDITION_KEY,
        format_func=lambda name: names.get(name, name),
        help=t("filter_edition_help", lang, latest=names[options[-1]]),
        select_all=False,
    )


def link_warnings(ds: Dataset, known: dict[str, list[str]]) -> None:
    """At the top of the main area, where an official looks: each value of the link that
    names nothing, what is shown instead, and the nearest value as a link (#21: a mistyped
    town showed the whole district with only a note below the sidebar's fold)."""
    dropped_values = state.dropped_params()
    if not dropped_values:
        return
    lang = state.lang()
    labels = {"town": town_names(ds, lang), "theme": theme_names(ds, lang)}
    params = state.url_params()
    for dropped in dropped_values:
        param, _, value = dropped.partition("=")
        text = unknown_value_sentence(param, value, known, labels.get(param, {}), params, lang)
        st.warning(text, icon=":material/warning:")
