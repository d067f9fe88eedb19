"""Session state, initialised in one place from the URL, and written back to it.

Filters live under stable widget keys so they survive page switches; the URL mirrors them so a
link reproduces the view (repeated keys edition, town, tier, theme, level, plus q, lang, project,
and xf=town:朱泾镇 or xf=theme:<id> for a chart click on the page the link opens).

The edition choice is never empty: it starts as, falls back to and resets to the latest edition
(the default, which the URL leaves out, as it leaves out every other default).
"""

from __future__ import annotations

import streamlit as st

from metrics.analysis.filters import Filters
from metrics.i18n import norm_lang

LIST_PARAMS = {
    "edition": "f_edition",
    "town": "f_town",
    "tier": "f_tier",
    "theme": "f_theme",
    "level": "f_level",
}
EDITION_KEY = LIST_PARAMS["edition"]
TEXT_PARAMS = {"q": "f_q", "project": "project"}
LANG_KEY = "lang"
XF_FIELDS = {"town": "town", "theme": "theme"}  # cross-filter field → its filter-bar param


def init(known: dict[str, list[str]] | None = None) -> None:
    """Read the URL once per session; unknown values are dropped and reported. Every run
    then holds the edition choice to the served editions (keep_editions)."""
    first = not st.session_state.get("_initialised")
    if first:
        st.session_state["_dropped_params"] = _read_url(known)
        st.session_state["_initialised"] = True
    keep_editions(known)
    if first:
        st.session_state["_link_filters"] = filters()


def dropped_params() -> list[str]:
    """The link's unknown values ("town=亭林"), while the filters are still the link's: once
    the official changes one, "已显示全部项目" would no longer be true."""
    if filters() != st.session_state.get("_link_filters"):
        st.session_state["_dropped_params"] = []
    return st.session_state.get("_dropped_params") or []


def default_editions(known: dict[str, list[str]] | None) -> list[str]:
    """[the latest edition] (`known` lists editions oldest first); [] before data is loaded."""
    editions = (known or {}).get("edition") or []
    return editions[-1:]


def keep_editions(known: dict[str, list[str]] | None) -> None:
    """Hold the edition choice to served editions, never none: the latest when nothing valid
    is left (the user removed every edition, or an edition left the library). Call it before
    the filter bar's widgets; it writes only when the choice changes."""
    st.session_state["_edition_default"] = default_editions(known)
    editions = (known or {}).get("edition")
    if editions is None:
        return
    chosen = [e for e in st.session_state.get(EDITION_KEY) or [] if e in editions]
    chosen = chosen or default_editions(known)
    if st.session_state.get(EDITION_KEY) != chosen:
        st.session_state[EDITION_KEY] = chosen


def _read_url(known: dict[str, list[str]] | None) -> list[str]:
    """Filters, search, project, language and chart click from the URL; the unknown values
    are left out and returned as "param=value"."""
    params = st.query_params
    dropped = []
    for param, key in LIST_PARAMS.items():
        values = params.get_all(param)
        allowed = (known or {}).get(param)
        if allowed is not None:
            dropped += [f"{param}={v}" for v in values if v not in allowed]
            values = [v for v in values if v in allowed]
        st.session_state[key] = list(dict.fromkeys(values))
    st.session_state[EDITION_KEY] = st.session_state[EDITION_KEY] or default_editions(known)
    for param, key in TEXT_PARAMS.items():
        st.session_state[key] = params.get(param, "")
    st.session_state[LANG_KEY] = norm_lang(params.get("lang"))
    xf, bad = _xf_from_url(params.get("xf"), known)
    st.session_state["xf"] = None  # the URL's town is the one from before any click
    set_cross_filter(xf)
    return dropped + bad


def _xf_from_url(text: str | None, known) -> tuple[dict | None, list[str]]:
    """xf=town:朱泾镇 → a cross-filter for whichever page the link opens (page None)."""
    if not text:
        return None, []
    field, _, value = text.partition(":")
    allowed = (known or {}).get(XF_FIELDS.get(field, ""))
    if field not in XF_FIELDS or (known is not None and value not in (allowed or [])):
        return None, [f"xf={text}"]
    return {"page": None, "field": field, "value": value}, []


def lang() -> str:
    return norm_lang(st.session_state.get(LANG_KEY))


def filters() -> Filters:
    s = st.session_state
    return Filters(
        editions=tuple(s.get(EDITION_KEY) or ()),
        towns=tuple(s.get("f_town") or ()),
        tiers=tuple(s.get("f_tier") or ()),
        themes=tuple(s.get("f_theme") or ()),
        levels=tuple(s.get("f_level") or ()),
        query=s.get("f_q") or "",
    )


def sync_url() -> None:
    """Write the current state into the URL, leaving it untouched when nothing changed."""
    wanted = url_params()
    current = {
        k: (st.query_params.get_all(k) if k in LIST_PARAMS else st.query_params.get(k))
        for k in st.query_params
    }
    if current != wanted:
        st.query_params.from_dict(wanted)


def url_params(with_cross_filter: bool = True) -> dict[str, list[str] | str]:
    """The URL's parameters for the current state (defaults left out)."""
    xf = st.session_state.get("xf")
    xf = xf if with_cross_filter and xf and xf["page"] == st.session_state.get("_page") else None
    wanted: dict[str, list[str] | str] = {}
    for param, key in LIST_PARAMS.items():
        # With a click, the link keeps the choice from before it: opened, it clicks again.
        values = xf["before"] if xf and key == _xf_key(xf) else st.session_state.get(key)
        if values:
            wanted[param] = list(values)
    if wanted.get("edition") == st.session_state.get("_edition_default"):
        del wanted["edition"]  # the latest edition is the default: a plain link shows it
    for param, key in TEXT_PARAMS.items():
        if st.session_state.get(key):
            wanted[param] = st.session_state[key]
    if lang() != "zh":
        wanted["lang"] = lang()
    if xf:
        wanted["xf"] = f"{xf['field']}:{xf['value']}"
    return wanted


def reset() -> None:
    for key in LIST_PARAMS.values():
        st.session_state[key] = []
    st.session_state[EDITION_KEY] = list(st.session_state.get("_edition_default") or [])
    st.session_state["f_q"] = ""
    set_cross_filter(None)


def cross_filter(page: str) -> dict | None:
    """The cross-filter of `page`; one from a link belongs to the page the link opened.
    On another page, or once the filter bar no longer shows the click, the click is simply
    the filter bar's choice: nothing is left to undo."""
    st.session_state["_page"] = page
    xf = st.session_state.get("xf")
    if xf and xf["page"] is None:
        xf = st.session_state["xf"] = {**xf, "page": page}
    if xf and (xf["page"] != page or st.session_state.get(_xf_key(xf)) != [xf["value"]]):
        xf = st.session_state["xf"] = None
    return xf


def set_cross_filter(xf: dict | None) -> None:
    """Set or clear the chart click's filter; charts then start afresh, with no selection
    left drawn on them (a Plotly selection cannot be cleared from Python).

    A click moves the filter bar's own choice (its town or theme), and clearing it puts back
    the one from before: the chip, the URL and every export then name the same town (#21;
    a click that overrode the filter bar unseen left the chip reading 亭林镇 while exports
    said 朱泾镇).
    """
    _restore(st.session_state.get("xf"))
    if xf:
        key = _xf_key(xf)
        xf = {**xf, "before": list(st.session_state.get(key) or [])}
        st.session_state[key] = [xf["value"]]
    st.session_state["xf"] = xf
    st.session_state["xf_n"] = st.session_state.get("xf_n", 0) + 1


def _xf_key(xf: dict) -> str:
    return LIST_PARAMS[XF_FIELDS[xf["field"]]]


def _restore(xf: dict | None) -> None:
    """Put back the filter bar's choice from before the click, unless it was changed since."""
    if xf and st.session_state.get(_xf_key(xf)) == [xf["value"]]:
        st.session_state[_xf_key(xf)] = list(xf.get("before") or [])


def chart_key(page: str, chart_key: str) -> str:
    return f"chart_{page}_{chart_key}_{st.session_state.get('xf_n', 0)}"


# --- browser history and the language switch ---------------------------------------------------


def _is_history_navigation() -> bool:
    """True when this run answers the browser's Back or Forward button.

    Streamlit's frontend reruns the page with the history entry's URL on `popstate` and flags
    the run (`is_history_navigation`, Streamlit ≥ 1.50); there is no public API for it.
    """
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return bool(getattr(ctx, "is_history_navigation", False))


def follow_history(known: dict[str, list[str]] | None = None) -> None:
    """On Back/Forward, take the view from the URL again.

    `init` reads the URL once per session, so without this Back from a project's detail
    (/projects?project=JS2018-14 → /projects) kept the detail on screen, and `sync_url` then
    wrote the project back into the URL. Each change this app makes to the URL is a history
    entry (Streamlit pushes it), so Back and Forward step through projects and filters alike.
    """
    if _is_history_navigation():
        _read_url(known)


# Widgets on pages that show their chosen value through a language-dependent format_func:
# /figures' unit and categories, /towns' unit per category.
TOWN_PICK_KEY = "town_pick"  # /town's own town picker
PAGE_LABELLED_KEYS = (
    TOWN_PICK_KEY,
    "figures_unit",
    "figures_categories",
    "totals_unit_participants",
    "totals_unit_reach",
)


def relabel_on_language_change() -> None:
    """Make chosen values show in the current language.

    A multiselect or selectbox keyed in session state keeps its identity when its
    `format_func` changes, and the browser keeps showing the chips or the value it already
    has (朱泾镇 after switching to English) until the value is set from Python. Setting each
    value again, once per language change and before the widgets are drawn, sends them with
    their new labels. Call it before the filter bar's widgets.
    """
    shown = lang()
    if st.session_state.get("_labels_lang") == shown:
        return
    for key in LIST_PARAMS.values():
        st.session_state[key] = list(st.session_state.get(key) or [])
    for key in PAGE_LABELLED_KEYS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
    st.session_state["_labels_lang"] = shown
