"""Baihua's entry point: the router (st.navigation) and the shared filter bar.

Run with `make run`, or `streamlit run dashboard.py`.
"""

from pathlib import Path

import streamlit as st

from baihua_ui import auth, data, filterbar, nav, state
from metrics.i18n import t

ICON = Path(__file__).parent / "assets" / "baihua.png"

# A local icon: a Material or emoji icon would make the browser fetch it from the internet.
st.set_page_config(page_title="百花 Baihua", page_icon=str(ICON), layout="wide")

full, _problems, _version = data.dataset()
known = filterbar.known_values(full) if full is not None else None
state.init(known)
state.follow_history(known)
lang = state.lang()

PAGES = [
    ("pages/overview.py", "page_overview", "", ":material/dashboard:"),
    ("pages/towns.py", "page_towns", "towns", ":material/location_city:"),
    ("pages/town.py", "page_town", "town", ":material/home_pin:"),
    ("pages/themes.py", "page_themes", "themes", ":material/category:"),
    # The sidebar names /figures shortly: its English title does not fit there.
    ("pages/figures.py", "nav_figures", "figures", ":material/bar_chart:"),
    ("pages/compare.py", "page_compare", "compare", ":material/compare_arrows:"),
    ("pages/projects.py", "page_projects", "projects", ":material/list_alt:"),
    ("pages/data.py", "page_data", "data", ":material/description:"),
]
# /import exists wherever sign-in is set up, so that a viewer who opens it reads a plain
# refusal rather than landing on the overview; the sidebar lists it for editors only.
IMPORT = ("pages/import_edition.py", "page_import", "import", ":material/upload_file:")
pages = [
    st.Page(path, title=t(key, lang), url_path=url or None, icon=icon, default=not url)
    for path, key, url, icon in PAGES + ([IMPORT] if auth.configured() else [])
]
# Streamlit's own menu is hidden: its links drop the filters (see baihua_ui.nav).
navigation = st.navigation(pages, position="hidden")
links = st.sidebar.container()
if full is not None:
    filterbar.render(full)
    filterbar.link_warnings(full, known)
# After the filter bar, whose widgets may change the state the links carry.
nav.sidebar_links(links, pages if auth.is_editor() else pages[: len(PAGES)])
auth.sign_in_box(lang)
# Before the page too: a page that stops early (/town with no town, /compare with one edition)
# never reaches the line after it, and its URL would keep a dropped value or lose the town.
state.sync_url()
navigation.run()
state.sync_url()
