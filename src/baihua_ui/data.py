"""Loading the data folder once per data version, and saying plainly when it is broken."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from metrics.analysis.filters import apply
from metrics.data.library import Library, check_library, fingerprint
from metrics.data.load import Dataset, data_folder
from metrics.data.problems import Problem
from metrics.i18n import t
from metrics.safe_text import md_escape


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(folder: str, version: str) -> Library:
    # `version` is only part of the cache key: an edited file is a new data version.
    return check_library(Path(folder))


def library() -> tuple[Library, str]:
    """The library (or single package) BAIHUA_DATA names, and its version: a fingerprint of
    the files, the cache key of everything built from them."""
    folder = data_folder()
    version = fingerprint(folder)
    return _load(str(folder), version), version


def dataset() -> tuple[Dataset | None, list[Problem], str]:
    """(every served edition, [], version) or (None, every problem found, version)."""
    lib, version = library()
    return lib.dataset, ([] if lib.dataset is not None else lib.problems()), version


def show_problems(problems: list[Problem]) -> None:
    from .state import lang

    st.error(t("data_error", lang()))
    # st.code shows the lines as plain text: nothing in a data file is ever rendered as markup.
    st.code("\n".join(str(p) for p in problems[:200]), language=None)
    if len(problems) > 200:
        st.caption(f"… {len(problems) - 200} more")


def show_broken_editions(lang: str) -> None:
    """The editions left out because they are broken, named, with every problem on demand."""
    lib, _ = library()
    if not lib.broken:
        return
    names = ("、" if lang != "en" else ", ").join(md_escape(name) for name in lib.broken)
    st.warning(t("editions_broken", lang, n=len(lib.broken), names=names), icon=":material/error:")
    with st.expander(t("editions_broken_list", lang)):
        st.code("\n".join(str(p) for p in lib.problems()[:200]), language=None)


def template_bytes() -> bytes:
    """The blank Excel template, its town and theme lists from the latest edition."""
    return _template(*library())


@st.cache_resource(show_spinner=False, max_entries=2)
def _template(_lib: Library, version: str) -> bytes:
    from metrics.steward.package import vocabulary
    from metrics.steward.template import template_bytes as build

    return build(None, vocabulary(data_folder())[0])


def cache_key(*parts) -> str:
    """One string naming everything a cached result depends on, for st.cache_resource.

    The parts are strings, None and (frozen dataclasses or tuples of) strings, whose repr is
    exact: two keys are equal only when every part is.
    """
    return repr(parts)


def filtered(ds: Dataset, version: str, filters) -> Dataset:
    """`ds` under `filters`, shared between sessions and reruns of the same data version."""
    return _filtered(ds, filters, cache_key(version, filters))


@st.cache_resource(show_spinner=False, max_entries=64)
def _filtered(_ds: Dataset, _filters, key: str) -> Dataset:
    return apply(_ds, _filters)
