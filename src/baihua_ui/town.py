"""The town profile's cached parts (/town): the similarity index once per data version, each
profile once per version, editions and town; and the town picker kept in step with the URL."""

from __future__ import annotations

import streamlit as st

from metrics.analysis import similarity, town_profile
from metrics.analysis.filters import Filters
from metrics.data.load import Dataset

from . import data, state

PICK_KEY = state.TOWN_PICK_KEY  # relabelled on a language change, as the filter bar's widgets
TOWN_KEY = state.LIST_PARAMS["town"]  # the filter bar's towns, which the URL's town= fills


@st.cache_resource(show_spinner=False, max_entries=4)
def similarity_index(_full: Dataset, version: str) -> similarity.Index:
    # One jieba pass over every project's text (~1–3 s on first use): once per data version.
    return similarity.build(_full)


@st.cache_resource(show_spinner=False, max_entries=64)
def profile(
    _full: Dataset, version: str, editions: tuple[str, ...], town: str
) -> town_profile.TownProfile:
    """`town`'s profile over the chosen editions. Shared between sessions: read it only."""
    shown = data.filtered(_full, version, Filters(editions=editions))
    index = similarity_index(_full, version)
    return town_profile.profile(shown, town, every_edition=_full, index=index)


def chosen_town(towns: list[str]) -> str | None:
    """The page's town: the first town of the filter bar (so of the URL's town=), or None.

    The picker is set to it before it is drawn, so a link or the filter bar moves it too.
    With none, the picker's value is dropped: drawn with index=None it then shows its
    placeholder (a None in session state would show the first town instead)."""
    chosen = [town for town in st.session_state.get(TOWN_KEY) or [] if town in towns]
    town = chosen[0] if chosen else None
    if town is None:
        st.session_state.pop(PICK_KEY, None)
    elif st.session_state.get(PICK_KEY) != town:
        st.session_state[PICK_KEY] = town
    return town


def follow_pick() -> None:
    """on_change of the picker: the picked town becomes the filter bar's (and the URL's)."""
    town = st.session_state.get(PICK_KEY)
    st.session_state[TOWN_KEY] = [town] if town else []
