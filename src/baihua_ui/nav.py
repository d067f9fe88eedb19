"""The sidebar's page links, each carrying the whole view in its URL.

Streamlit's own sidebar navigation opens a page at its bare path and the app then writes the
filters into the URL: two history entries, and Back landed on the bare one with the town gone
(#21). A page link with `query_params` opens the page with its URL complete: one entry.
"""

from __future__ import annotations

import streamlit as st

from . import state


def sidebar_links(box, pages: list) -> None:
    """One link a page in `box` (a sidebar container above the filter bar). A chart click
    belongs to the page it was made on, so no link carries it."""
    params = state.url_params(with_cross_filter=False)
    with box:
        for page in pages:
            st.page_link(page, query_params=params)
        close_sidebar_on_phone()


# Streamlit closes the sidebar on a phone when its own menu is used, not for a page link; an
# official on a phone would be left looking at the menu instead of the page. Local script, no
# fetch: the app never reaches outside its host.
_CLOSE_ON_PHONE = """<script>
if (!window.baihuaNavClose) {
  window.baihuaNavClose = true;
  document.addEventListener("click", (event) => {
    const link = event.target.closest('[data-testid="stSidebar"] a[href]');
    const close = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
    if (link && close && window.innerWidth < 768) close.click();
  }, true);
}
</script>"""


def close_sidebar_on_phone() -> None:
    st.html(_CLOSE_ON_PHONE, unsafe_allow_javascript=True)
