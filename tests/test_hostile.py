"""Hostile but valid data: markup, script, links, huge and invisible text never run or render.

A copy of data/ whose project titles and descriptions and theme names and definitions carry
HTML, Markdown links, a 10,000-character string, zero-width and right-to-left characters and
emoji. It still passes `baihua check` (the new texts are appended to the raw article, whose
checksum is updated), so the dashboard shows it: as text, never as markup.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest
from browser_support import (
    PAGES,
    ROOT,
    AppServer,
    PageOpener,
    Traffic,
    describe,
    excerpt,
    launched_browser,
    main_text,
    running_app,
    title_of,
    wait_for_app,
)

DATA = ROOT / "data" / "jinshan-2018"
RAW = "raw/jinshan-2018-social-construction-projects.txt"
EVIL = "http://evil.invalid"  # RFC 2606: never resolves; requests to it are also aborted

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
MD_LINK = "[点我](javascript:alert(1))"
A_JS = '<a href="javascript:alert(1)">点我</a>'
LONG = "很长的标题" * 2000
INVISIBLE = "隐\u200b形\u202e符号\u202c"
EMOJI = "🌸🏘️👩‍👩‍👧‍👦"
MD_IMAGE = f"![x]({EVIL}/theme.png)"
A_HTTP = f'<a href="{EVIL}/">官网</a><b>粗体</b>'
assert len(LONG) == 10_000

# project_id -> what its title and description get; theme_id -> what its name gets.
PROJECT_TEXT = {
    "JS2018-01": SCRIPT,
    "JS2018-02": IMG,
    "JS2018-03": MD_LINK,
    "JS2018-04": INVISIBLE,
    "JS2018-05": EMOJI,
    "JS2018-06": A_JS,
    "JS2018-15": LONG,  # 朱泾镇, like JS2018-06
}
THEME_TEXT = {
    "party_building": SCRIPT,
    "self_governance": IMG,
    "volunteering": MD_LINK,
    "elderly": A_JS + INVISIBLE + EMOJI,
    "women": A_HTTP,
}
THEME_DEFINITION = LONG + SCRIPT
MD_IMAGE_THEME = "party_building"  # its English name also carries a Markdown image


# --- the data folder ---------------------------------------------------------------------------


def read_table(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_table(path: Path, rows: list[dict[str, str]]) -> None:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def build_hostile(folder: Path) -> Path:
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("curation"))
    projects = read_table(folder / "projects.csv")
    added = []
    for row in projects:
        text = PROJECT_TEXT.get(row["project_id"])
        if text is None:
            continue
        row["title_zh"] = row["title_zh"] + text
        row["title_en"] = f"{text} {row['title_en']}"
        row["description_zh"] = row["description_zh"] + text
        added += [row["title_zh"], row["description_zh"]]
    write_table(folder / "projects.csv", projects)

    themes = read_table(folder / "themes.csv")
    for row in themes:
        text = THEME_TEXT.get(row["theme_id"])
        if text is None:
            continue
        row["name_zh"] = row["name_zh"] + text
        row["name_en"] = f"{text} {row['name_en']}"
        if row["theme_id"] == MD_IMAGE_THEME:
            row["name_en"] += " " + MD_IMAGE
        row["definition_zh"] = row["definition_zh"] + THEME_DEFINITION
        row["definition_en"] = row["definition_en"] + THEME_DEFINITION
    write_table(folder / "themes.csv", themes)

    # Titles and descriptions must be found word for word in the article: append them to it,
    # and give datapackage.json the article's new checksum.
    raw = folder / RAW
    old_hash = hashlib.sha256(raw.read_bytes()).hexdigest()
    with raw.open("a", encoding="utf-8", newline="\n") as handle:
        handle.write("\n" + "\n".join(added) + "\n")
    new_hash = hashlib.sha256(raw.read_bytes()).hexdigest()
    descriptor = folder / "datapackage.json"
    text = descriptor.read_text(encoding="utf-8")
    assert text.count(f"sha256:{old_hash}") == 1, "datapackage.json: article hash not found"
    descriptor.write_text(text.replace(old_hash, new_hash), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory) -> Path:
    return build_hostile(tmp_path_factory.mktemp("hostile") / "data")


def test_hostile_folder_is_valid(hostile_data):
    from metrics.data.load import check

    ds, problems = check(hostile_data)
    assert not problems, "\n".join(map(str, problems))
    titles = set(ds.projects["title_zh"])
    for pid, text in PROJECT_TEXT.items():
        assert any(title.endswith(text) for title in titles), pid
    assert SCRIPT in set(ds.themes["name_en"].str.split(" ").str[0])


# --- the dashboard on it -----------------------------------------------------------------------


@pytest.fixture
def traffic(server) -> Traffic:
    """Each test's own record, so a known bug's requests cannot fail the next test."""
    return Traffic(origins={server.origin})


@pytest.fixture(scope="module")
def browser():
    with launched_browser() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def server(hostile_data, tmp_path_factory) -> AppServer:
    with running_app(tmp_path_factory.mktemp("hostile-logs"), data=hostile_data) as app:
        yield app


@pytest.fixture
def open_page(browser, traffic, server):
    opener = PageOpener(browser, traffic)

    def guarded():
        page = opener()
        # Recorded by `traffic` first, then refused: nothing may leave even if a test fails.
        page.context.route(
            re.compile(rf"^(?!{re.escape(server.origin)}/|data:|blob:)"),
            lambda route: route.abort(),
        )
        return page

    yield guarded
    opener.close()


INJECTED = """(withLinks) => {
  const found = [];
  const show = el => el.outerHTML.slice(0, 200);
  for (const el of document.querySelectorAll('img')) {
    const src = el.getAttribute('src') || '';
    if (src === 'x' || /^(https?:)?\\/\\//i.test(src) && !src.startsWith(location.origin))
      found.push('img: ' + show(el));
  }
  for (const el of document.querySelectorAll('script'))
    if (el.textContent.includes('alert(1)')) found.push('script: ' + show(el));
  for (const el of document.querySelectorAll('a')) {
    const href = (el.getAttribute('href')
                  || el.getAttributeNS('http://www.w3.org/1999/xlink', 'href') || '')
                 .replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase();
    if (href.startsWith('javascript:')) found.push('link: ' + show(el));
    if (withLinks && /^(https?:)?\\/\\//.test(href) && !href.startsWith(location.origin))
      found.push('link to another host: ' + show(el));
  }
  for (const el of document.querySelectorAll('*'))
    for (const attr of el.attributes)
      if (/^on/i.test(attr.name) && attr.value.includes('alert'))
        found.push('handler: ' + show(el));
  return found;
}"""


def assert_nothing_injected(page, traffic: Traffic, links: bool = False) -> None:
    """No element, handler, dialog or request came from the data (with `links`: no link to
    another host either)."""
    injected = page.evaluate(INJECTED, links)
    assert not injected, f"markup from the data ran or rendered: {injected}; {describe(page)}"
    assert page.locator("img[src=x]").count() == 0
    assert page.locator('a[href^="javascript:"]').count() == 0
    scripts = page.locator('[data-testid="stApp"] script').filter(has_text="alert(1)")
    assert scripts.count() == 0
    assert not traffic.dialogs, f"dialogs opened: {traffic.dialogs}"
    foreign = traffic.foreign()
    assert not foreign, "requests outside the app's host:\n" + "\n".join(foreign)
    assert page.locator('[data-testid="stException"]').count() == 0, describe(page)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
# Reversed: the fresh server's first request is a deep link (/data), rerouted once.
@pytest.mark.parametrize(("path", "key", "plots"), PAGES[::-1], ids=[p[1][5:] for p in PAGES[::-1]])
def test_no_markup_from_the_data_runs(open_page, server, traffic, path, key, plots, lang):
    page = open_page()
    page.goto(server.url(path, **({"lang": "en"} if lang == "en" else {})))
    wait_for_app(page, plots, title_of(key, lang))
    assert_nothing_injected(page, traffic)
    # The sidebar's theme list renders each hostile name as an option's text.
    page.get_by_role("combobox", name="治理主题" if lang == "zh" else "Theme").click()
    options = page.get_by_role("option")
    options.first.wait_for()
    assert any("<script>" in text for text in options.all_inner_texts()), describe(page)
    page.keyboard.press("Escape")
    assert_nothing_injected(page, traffic)


@pytest.mark.browser
def test_hover_labels_show_hostile_titles_as_text(open_page, server, traffic):
    """The first chart on /towns lists project titles in its hover labels (Plotly markup)."""
    page = open_page()
    page.goto(server.url("/towns"))
    wait_for_app(page, 3, "各镇对比")
    bars = page.locator(".js-plotly-plot").first.locator(".trace.bars .point path")
    labels = []
    for i in range(bars.count()):
        box = bars.nth(i).bounding_box()
        if not box or box["width"] < 2 or box["height"] < 2:
            continue
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        label = page.locator(".js-plotly-plot .hoverlayer .hovertext")
        label.first.wait_for()
        labels.append(label.first.text_content())
        assert_nothing_injected(page, traffic)
    shown = "\n".join(labels)
    # Plotly drops tags it does not know, so <script> and <img> leave no element behind.
    assert "alert(1)" in shown or "点我" in shown, excerpt(shown)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_hostile_text_is_shown_as_text(open_page, server, traffic, lang):
    page = open_page()
    page.goto(server.url("/projects", **({"lang": "en"} if lang == "en" else {})))
    wait_for_app(page, 0, title_of("page_projects", lang))
    # md_escape puts an invisible word joiner (U+2060) where a bare URL would become a link.
    text = main_text(page).replace("\u2060", "")
    for literal in (SCRIPT, IMG, MD_LINK, A_JS, EMOJI, INVISIBLE):
        assert literal in text, f"{literal!r} not shown as text; {excerpt(text)}"
    assert LONG in text, "the 10,000-character title is not shown whole"
    assert_nothing_injected(page, traffic)


@pytest.mark.browser
@pytest.mark.parametrize("pid", ["JS2018-01", "JS2018-15"])
def test_project_detail_shows_hostile_text(open_page, server, traffic, pid):
    page = open_page()
    page.goto(server.url("/projects", project=pid))
    wait_for_app(page, 0, title_of("page_projects", "zh"))
    page.get_by_role("button", name="返回项目列表").wait_for()
    text = main_text(page)
    hostile = PROJECT_TEXT[pid]
    # Title and the end of the description.
    assert text.count(hostile) >= 2, f"{pid}: {excerpt(text)}"
    assert_nothing_injected(page, traffic)


@pytest.mark.browser
def test_screenshot_of_hostile_projects(open_page, server, tmp_path):
    page = open_page()
    page.goto(server.url("/projects", lang="en"))
    wait_for_app(page, 0, "Projects")
    shot = tmp_path / "hostile-projects.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes().startswith(b"\x89PNG")


# Values from the link and from data reach st.caption, st.warning and st.info (the search
# text through describe(), unknown filter values, theme names): none may become Markdown.
@pytest.mark.browser
@pytest.mark.parametrize(
    "query",
    [
        f"q={quote(f'![q]({EVIL}/q.png)')}",
        f"town={quote(f'![t]({EVIL}/t.png)')}",
        f"theme={MD_IMAGE_THEME}&lang=en",
    ],
    ids=["search", "unknown-town", "theme-name"],
)
def test_link_values_are_not_markdown(open_page, server, traffic, query):
    page = open_page()
    page.goto(f"{server.origin}/towns?{query}")
    wait_for_app(page, None)
    assert_nothing_injected(page, traffic, links=True)


@pytest.mark.browser
def test_urls_in_data_do_not_become_links(open_page, server, traffic):
    page = open_page()
    page.goto(server.url("/projects", lang="en"))
    wait_for_app(page, 0, "Projects")
    assert_nothing_injected(page, traffic, links=True)


@pytest.mark.browser
def test_chart_labels_are_plain_text(open_page, server, traffic):
    page = open_page()
    page.goto(server.url("/themes", lang="en"))
    wait_for_app(page, 3, "Themes")
    assert_nothing_injected(page, traffic, links=True)
    bold = page.locator(".js-plotly-plot text b, .js-plotly-plot tspan[style*=bold]")
    assert bold.count() == 0, "<b> from a theme name was rendered as bold"


# --- without a browser -------------------------------------------------------------------------

RAW_HTML_SINKS = re.compile(r"unsafe_allow_html\s*=\s*True|\bst\.html\(|components\.v1\.html")


# The one allowed sink: a fixed script, with no text from data, URL or user in it, that closes
# the sidebar on a phone after a page link (baihua_ui/nav.py; Streamlit's own menu does that).
ALLOWED_SINKS = {"src/baihua_ui/nav.py": "st.html(_CLOSE_ON_PHONE, unsafe_allow_javascript=True)"}


def test_no_source_file_renders_raw_html():
    offenders = []
    for path in sorted(
        [ROOT / "dashboard.py", *ROOT.glob("pages/*.py"), *ROOT.glob("src/**/*.py")]
    ):
        where = str(path.relative_to(ROOT))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if RAW_HTML_SINKS.search(line) and line.strip() != ALLOWED_SINKS.get(where):
                offenders.append(f"{where}:{n}: {line.strip()}")
    assert not offenders, "raw HTML rendering:\n" + "\n".join(offenders)


def test_the_allowed_script_is_a_constant_that_reaches_nothing():
    from baihua_ui import nav

    script = nav._CLOSE_ON_PHONE
    # A plain string, never formatted: no placeholder a value could be put into.
    assert isinstance(script, str) and not re.search(r"\{\w*\}|%s|\$\{", script)
    for outside in ("http", "fetch", "XMLHttpRequest", "import(", "src=", "innerHTML"):
        assert outside not in script, outside


def test_exports_keep_hostile_text_as_text():
    import pandas as pd
    from openpyxl import load_workbook

    from metrics import export

    values = [SCRIPT, IMG, MD_LINK, A_JS, LONG, INVISIBLE, EMOJI]
    frame = pd.DataFrame({"标题": values, "数值": range(len(values))})
    data = export.to_csv_bytes(frame)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [row[0] for row in rows[1:]] == values
    for value in (SCRIPT, IMG, MD_LINK, INVISIBLE, EMOJI):
        assert value.encode("utf-8") in data, value
    sheet = load_workbook(io.BytesIO(export.to_xlsx_bytes(frame))).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2, max_col=1, values_only=True)]
    assert cells == values
