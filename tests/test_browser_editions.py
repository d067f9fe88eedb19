"""The edition picker in a real browser: headless Chromium against `streamlit run dashboard.py`
on a library of the bundled jinshan-2018 and a made-up jinshan-2020 (projects 01-05 only).

Counts as in test_edition_picker.py, by hand from data/jinshan-2018/projects.csv: 2018 has 20
projects, 2020 has 5 (three 区级 innovation, 金山工业区 and 张堰镇 excellent), both 25.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_support import (
    AppServer,
    describe,
    metrics,
    running_app,
    wait_for_app,
)
from editions import bundled_into, derive_edition, keep_projects

pytestmark = pytest.mark.browser

WORDS = {
    "zh": {"picker": "版本", "projects": "项目数", "overview": "总览", "towns": "各镇对比",
           "2018": "金山区2018年", "2020": "金山区2020年", "line": "版本：金山区2020年",
           "both": "版本：金山区2018年、金山区2020年"},
    "en": {"picker": "Edition", "projects": "Projects", "overview": "Overview", "towns": "Towns",
           "2018": "Jinshan 2018", "2020": "Jinshan 2020", "line": "Edition: Jinshan 2020",
           "both": "Editions: Jinshan 2018, Jinshan 2020"},
}  # fmt: skip


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("editions") / "library"
    folder.mkdir()
    bundled_into(folder)
    derive_edition(folder / "jinshan-2020", 2020, keep_projects([1, 2, 3, 4, 5]))
    return folder


@pytest.fixture(scope="module")
def server(tmp_path_factory, library, traffic) -> AppServer:
    with running_app(tmp_path_factory.mktemp("app-logs"), library) as app:
        traffic.origins.add(app.origin)
        yield app


@pytest.fixture(scope="module")
def bundled_server(tmp_path_factory, traffic) -> AppServer:
    with running_app(tmp_path_factory.mktemp("app-logs")) as app:
        traffic.origins.add(app.origin)
        yield app


def open_app(open_page, server, path: str, plots: int, title: str, lang: str, **params):
    page = open_page()
    page.goto(server.url(path, **params, **({"lang": "en"} if lang == "en" else {})))
    wait_for_app(page, plots, title)
    return page


def picker(page, lang: str):
    return page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has=page.get_by_role("combobox", name=WORDS[lang]["picker"], exact=True)
    )


def chips(page, lang: str) -> list[str]:
    tags = picker(page, lang).locator("[data-tag]")
    return [tags.nth(i).get_attribute("aria-label") for i in range(tags.count())]


def url_editions(page) -> list[str]:
    return sorted(parse_qs(urlsplit(page.url).query).get("edition", []))


def captions(page) -> list[str]:
    return page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()


def wait_for_projects(page, lang: str, value: str) -> None:
    page.wait_for_function(
        """([label, value]) => Array.from(document.querySelectorAll('[data-testid="stMetric"]'))
             .some(box => box.innerText.includes(label) && box.innerText.includes(value)
                          && box.querySelector('[data-testid="stMetricValue"]')
                                .innerText.trim() === value)""",
        arg=[WORDS[lang]["projects"], value],
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_picker_with_one_edition(open_page, bundled_server, lang):
    page = open_app(open_page, bundled_server, "/", 4, WORDS[lang]["overview"], lang)
    assert picker(page, lang).count() == 0, describe(page)
    assert url_editions(page) == []
    line = "版本：金山区2018年" if lang == "zh" else "Edition: Jinshan 2018"
    assert any(line in text for text in captions(page)), captions(page)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_picker_chooses_editions_and_the_link_keeps_them(open_page, server, lang):
    words = WORDS[lang]
    page = open_app(open_page, server, "/", 4, words["overview"], lang)
    assert metrics(page)[words["projects"]] == "5", describe(page)
    assert chips(page, lang) == [words["2020"]]
    assert url_editions(page) == []
    assert any(words["line"] in text for text in captions(page)), captions(page)

    page.get_by_role("combobox", name=words["picker"], exact=True).click()
    page.get_by_role("option", name=words["2018"], exact=True).click()
    page.keyboard.press("Escape")
    wait_for_projects(page, lang, "25")
    wait_for_app(page, 4, words["overview"])
    page.wait_for_url(re.compile(r"[?&]edition="))
    assert url_editions(page) == ["jinshan-2018", "jinshan-2020"], page.url
    assert any(words["both"] in text for text in captions(page)), captions(page)

    fresh = open_page()  # a new session with nothing but the link
    fresh.goto(page.url)
    wait_for_app(fresh, 4, words["overview"])
    assert metrics(fresh)[words["projects"]] == "25", describe(fresh)
    assert sorted(chips(fresh, lang)) == sorted([words["2018"], words["2020"]])

    page.go_back()  # to the latest alone, as before the choice
    wait_for_projects(page, lang, "5")
    wait_for_app(page, 4, words["overview"])
    assert chips(page, lang) == [words["2020"]], describe(page)
    assert url_editions(page) == []
    page.go_forward()
    wait_for_projects(page, lang, "25")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_link_to_2018_opens_it(open_page, server, lang):
    words = WORDS[lang]
    page = open_app(open_page, server, "/", 4, words["overview"], lang, edition="jinshan-2018")
    assert metrics(page)[words["projects"]] == "20", describe(page)
    assert chips(page, lang) == [words["2018"]]
    assert url_editions(page) == ["jinshan-2018"]


def download(page, label: str, nth: int = 0) -> tuple[str, bytes]:
    """Open the download menu of the `nth` chart, then click its `label` button."""
    page.locator('[data-testid="stPopover"]').nth(nth).locator("button").click()
    body = page.locator('[data-testid="stPopoverBody"]')
    button = body.locator('[data-testid="stDownloadButton"]').filter(has_text=label)
    with page.expect_download(timeout=90_000) as info:
        button.locator("button").click()
    item = info.value
    assert item.failure() is None, item.failure()
    return item.suggested_filename, Path(item.path()).read_bytes()


@pytest.mark.parametrize(
    ("lang", "stem", "lines"),
    [
        ("zh", "各镇（街道）项目数（按等级）_金山区2020年_全部项目_", [
            "版本,镇（街道）,等级,项目数（个）",
            "金山区2020年,张堰镇,十大优秀项目,1",
            "金山区2020年,金山工业区,十大优秀项目,1",
            "金山区2020年,区级,十大创新项目,3",
        ]),
        ("en", "Projects per town, by tier_Jinshan 2020_all projects_", [
            "Edition,Town,Tier,Projects (count)",
            "Jinshan 2020,Zhangyan,Top-10 excellent,1",
            "Jinshan 2020,Jinshan Industrial Zone,Top-10 excellent,1",
            "Jinshan 2020,District level,Top-10 innovation,3",
        ]),
    ],
)  # fmt: skip
def test_chart_csv_has_the_edition_column(open_page, server, lang, stem, lines):
    page = open_app(open_page, server, "/towns", 3, WORDS[lang]["towns"], lang)
    name, data = download(page, "CSV")
    assert name.startswith(stem) and name.endswith(".csv"), name
    assert data.decode("utf-8-sig").splitlines() == lines


def export_download(page, label: str) -> tuple[str, bytes]:
    button = page.locator('[data-testid="stDownloadButton"]').filter(has_text=label).first
    button.wait_for(timeout=120_000)
    with page.expect_download(timeout=90_000) as info:
        button.locator("button").click()
    item = info.value
    assert item.failure() is None, item.failure()
    return item.suggested_filename, Path(item.path()).read_bytes()


def test_zip_readme_names_the_edition(open_page, server):
    page = open_app(open_page, server, "/", 4, "总览", "zh")
    page.get_by_role("button", name="准备 ZIP（图片+数据）").click()
    name, bundle = export_download(page, "下载 ZIP")
    assert re.fullmatch(r"总览_金山区2020年_全部项目_\d{4}-\d\d-\d\d\.zip", name), name
    with zipfile.ZipFile(io.BytesIO(bundle)) as zf:
        readme = zf.read("README.txt").decode("utf-8-sig")
        names = zf.namelist()
    assert "版本：金山区2020年\r\n" in readme and "  项目数：5\r\n" in readme, readme
    assert all(n == "README.txt" or "_金山区2020年_全部项目_" in n for n in names), names


def test_language_switch_relabels_the_chosen_editions(open_page, server):
    page = open_app(open_page, server, "/", 4, "总览", "zh", edition="jinshan-2018")
    assert chips(page, "zh") == ["金山区2018年"]
    page.get_by_text("English", exact=True).click()
    wait_for_app(page, 4, "Overview")
    page.wait_for_function(
        """() => Array.from(document.querySelectorAll('[data-testid="stSidebar"] [data-tag]'))
                 .some(tag => tag.getAttribute('aria-label') === 'Jinshan 2018')"""
    )
    assert chips(page, "en") == ["Jinshan 2018"], describe(page)
    assert metrics(page)["Projects"] == "20"
