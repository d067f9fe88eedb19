"""Loading the data folder once per data version, and saying plainly when it is broken."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from metrics.analysis.filters import apply
from metrics.data.load import Dataset, check, data_folder, fingerprint
from metrics.data.problems import Problem
from metrics.i18n import t


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(folder: str, version: str) -> tuple[Dataset | None, list[Problem]]:
    # `version` is only part of the cache key: an edited file is a new data version.
    return check(Path(folder))


def dataset() -> tuple[Dataset | None, list[Problem], str]:
    """(validated dataset, [], version) or (None, every problem found, version).

    The version (a fingerprint of the files) is the cache key of everything built from them.
    """
    folder = data_folder()
    version = fingerprint(folder)
    return (*_load(str(folder), version), version)


def show_problems(problems: list[Problem]) -> None:
    from .state import lang

    st.error(t("data_error", lang()))
    # st.code shows the lines as plain text: nothing in a data file is ever rendered as markup.
    st.code("\n".join(str(p) for p in problems[:200]), language=None)
    if len(problems) > 200:
        st.caption(f"… {len(problems) - 200} more")


@st.cache_resource(show_spinner=False, max_entries=64)
def filtered(_ds: Dataset, version: str, filters) -> Dataset:
    return apply(_ds, filters)
