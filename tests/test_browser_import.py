"""/import in a real browser, signed in through a local OpenID Connect provider.

oidc-provider-mock (PyPI) plays the intranet's Keycloak/ADFS: it knows two users, an editor and
a viewer; only the editor is listed in the app's secrets. The editor uploads a workbook made by
`baihua template --from` a made-up 2020 edition (tests/editions.py) and publishes it; the
viewer never sees the page, and the library is unchanged by anything they do.
"""

from __future__ import annotations

import json
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from broken_data import snapshot
from browser_support import PageOpener, Traffic, describe, free_port, start_app, wait_for_app
from conftest import DATA
from editions import bundled_into, derive_edition, keep_projects
from test_check_cli import run_cli

pytestmark = pytest.mark.browser

EDITOR = {
    "sub": "editor1",
    "email": "editor@jinshan.example",
    "email_verified": True,
    "name": "编辑",
}
VIEWER = {
    "sub": "viewer1",
    "email": "viewer@jinshan.example",
    "email_verified": True,
    "name": "干部",
}
# The editor's address, typed in by someone else: the provider has not verified it (#22).
IMPOSTOR = {"sub": "impostor1", "email": "editor@jinshan.example", "email_verified": False}
COOKIE_SECRET = "test-only-cookie-secret-0123456789"
REFUSAL = "只有编辑人员可以导入和发布数据。请用编辑账号登录。"


def _wait(url: str, timeout: float = 30) -> None:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with opener.open(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout}s")


@pytest.fixture(scope="module")
def identity_provider(tmp_path_factory):
    port = free_port()
    log = (tmp_path_factory.mktemp("oidc") / "oidc.log").open("wb")
    command = [
        str(Path(__import__("sys").executable).parent / "oidc-provider-mock"),
        "-p",
        str(port),
    ]
    for user in (EDITOR, VIEWER, IMPOSTOR):
        command += ["--user-claims", json.dumps(user)]
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    origin = f"http://127.0.0.1:{port}"
    try:
        _wait(origin + "/.well-known/openid-configuration")
        yield origin
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    root = tmp_path_factory.mktemp("import-library")
    bundled_into(root / "library")
    return root / "library"


@pytest.fixture(scope="module")
def server(tmp_path_factory, identity_provider, library):
    port = free_port()
    secrets = tmp_path_factory.mktemp("secrets") / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{COOKIE_SECRET}"\n'
        'client_id = "baihua"\nclient_secret = "test-only"\n'
        f'server_metadata_url = "{identity_provider}/.well-known/openid-configuration"\n'
        "[baihua]\n"
        f'editors = ["{EDITOR["email"]}"]\n',
        encoding="utf-8",
    )
    app = start_app(
        tmp_path_factory.mktemp("import-logs"), library, port=port,
        args=("--secrets.files", str(secrets)),
    )  # fmt: skip
    try:
        yield app
    finally:
        app.stop()


@pytest.fixture
def open_page(browser, server, identity_provider):
    traffic = Traffic()
    traffic.origins |= {server.origin, identity_provider}
    opener = PageOpener(browser, traffic)
    yield opener
    # The mock provider's own sign-in page loads a stylesheet from a CDN; that is the test
    # double's doing. The app's pages must reach nothing but the app and the provider.
    ours = [line for line in traffic.foreign() if f"(from page {server.origin}" in line]
    assert ours == [], "the app's pages made requests outside the app and the provider"
    opener.close()


def sign_in(page, server, user: dict, shown: str | None = None) -> None:
    page.goto(server.url("/"))
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/oauth2/authorize**", timeout=30_000)
    page.get_by_role("button", name=user["sub"]).click()
    page.wait_for_url(server.origin + "/**", timeout=30_000)
    # The address is shown as plain text: a word joiner before @ stops Markdown's auto-link.
    shown = shown or user["email"].split("@")[0]
    page.get_by_text(f"已登录：{shown}").wait_for(timeout=30_000)


def assert_refused(page, server, library, before) -> None:
    """/import says plainly that only editors may publish, and offers nothing to publish with."""
    page.goto(server.url("/import"))
    wait_for_app(page, title="导入新一期")
    alert = page.locator('[data-testid="stMain"] [data-testid="stAlert"]')
    assert alert.inner_text().strip() == REFUSAL, describe(page)
    assert page.locator('[data-testid="stFileUploader"]').count() == 0, describe(page)
    assert page.locator('[data-testid="stMain"] button').count() == 0, describe(page)
    assert snapshot(library) == before


@pytest.fixture(scope="module")
def workbook_2020(tmp_path_factory):
    """A steward's workbook for a made-up 2020 edition (projects 01–05 of 2018, renumbered)."""
    root = tmp_path_factory.mktemp("workbook")
    package = derive_edition(root / "jinshan-2020", 2020, keep_projects([1, 2, 3, 4, 5]))
    out = root / "jinshan-2020.xlsx"
    run = run_cli("template", "--from", str(package), "--out", str(out))
    assert run.returncode == 0, run.explain()
    return out


def test_an_editor_publishes_an_edition(open_page, server, library, workbook_2020):
    page = open_page()
    sign_in(page, server, EDITOR)
    page.get_by_role("link", name="导入新一期").click()
    page.wait_for_url("**/import", timeout=30_000)
    page.locator('[data-testid="stFileUploader"]').nth(0).locator(
        "input[type=file]"
    ).set_input_files(str(workbook_2020))
    article = DATA / "raw" / "jinshan-2018-social-construction-projects.txt"
    page.locator('[data-testid="stFileUploader"]').nth(1).locator(
        "input[type=file]"
    ).set_input_files(str(article))
    # Counted by hand: projects 01–05 of data/jinshan-2018 hold 11 figures.
    page.get_by_text("校验通过：jinshan-2020，5 个项目、11 个数字").wait_for(timeout=60_000)
    page.get_by_role("button", name="发布 jinshan-2020").click()
    page.get_by_text("已发布 jinshan-2020").wait_for(timeout=60_000)
    assert (library / "jinshan-2020" / "projects.csv").is_file()
    log = [json.loads(line) for line in (library / "_publish.log").read_text("utf-8").splitlines()]
    assert log[-1]["user"] == EDITOR["email"] and log[-1]["edition"] == "jinshan-2020"
    run = run_cli("check", str(library))
    assert run.returncode == 0, run.explain()
    # The running server serves the new edition from the next page load, with no restart:
    # the edition picker appears (two editions) and opens on the latest, 5 projects.
    page.goto(server.url("/"))
    page.get_by_text("金山区2020年").first.wait_for(timeout=60_000)
    assert page.get_by_test_id("stMetricValue").first.inner_text() == "5"


def test_a_viewer_is_refused_plainly_at_import(open_page, server, library):
    before = snapshot(library)
    page = open_page()
    sign_in(page, server, VIEWER)
    assert page.get_by_role("link", name="导入新一期").count() == 0
    assert_refused(page, server, library, before)
    assert urlsplit(page.url).path == "/import"  # no silent redirect to the overview


def test_an_unverified_editor_address_is_not_an_editor(open_page, server, library):
    before = snapshot(library)
    page = open_page()
    # Not the address: without email_verified the provider's subject is the identity.
    sign_in(page, server, IMPOSTOR, shown="impostor1")
    assert page.get_by_role("link", name="导入新一期").count() == 0
    assert_refused(page, server, library, before)


def _session_cookie(page) -> dict:
    cookies = page.context.cookies()
    return next(c for c in cookies if c["name"] == "_streamlit_user")


def _with_cookie(browser, cookie: dict):
    context = browser.new_context(service_workers="block")
    context.add_cookies([{k: cookie[k] for k in ("name", "value", "domain", "path")}])
    return context


def _resigned_long_ago(value: str) -> str:
    """The editor's own cookie, signed again with the server's secret 60 days ago: past
    Streamlit's 30-day sign-in and its day of grace."""
    import itsdangerous
    from itsdangerous import URLSafeTimedSerializer

    payload = URLSafeTimedSerializer(COOKIE_SECRET, salt="_streamlit_user").loads(value)
    old = int(time.time()) - 60 * 86400
    original = itsdangerous.TimestampSigner.get_timestamp
    itsdangerous.TimestampSigner.get_timestamp = lambda self: old
    try:
        return URLSafeTimedSerializer(COOKIE_SECRET, salt="_streamlit_user").dumps(payload)
    finally:
        itsdangerous.TimestampSigner.get_timestamp = original


@pytest.mark.parametrize("spoil", ["tampered", "expired"])
def test_a_tampered_or_expired_session_cookie_is_signed_out(
    open_page, browser, server, library, spoil
):
    before = snapshot(library)
    page = open_page()
    sign_in(page, server, EDITOR)
    cookie = _session_cookie(page)
    if spoil == "tampered":  # one character of the signed payload changed
        at = len(cookie["value"]) // 3
        swap = "A" if cookie["value"][at] != "A" else "B"
        cookie = {**cookie, "value": cookie["value"][:at] + swap + cookie["value"][at + 1 :]}
    else:
        cookie = {**cookie, "value": _resigned_long_ago(cookie["value"])}
    context = _with_cookie(browser, cookie)
    try:
        other = context.new_page()
        assert_refused(other, server, library, before)
        assert other.get_by_role("button", name="登录").count() == 1, describe(other)
    finally:
        context.close()


def test_data_page_offers_the_template(open_page, server, tmp_path):
    """Anyone may download the blank template; its lists come from the latest edition."""
    from openpyxl import load_workbook

    page = open_page()
    page.goto(server.url("/data"))
    # A click that lands while the first run is still going can be lost with its rerun.
    wait_for_app(page, title="数据说明")
    page.get_by_test_id("stExpander").get_by_text("给数据维护人员").click()
    wait_for_app(page, title="数据说明")
    try:
        with page.expect_download(timeout=60_000) as download:
            page.get_by_role("button", name="下载数据填报模板（Excel）").click()
    except Exception as err:  # name what the button said, if it said anything
        said = page.get_by_test_id("stDownloadButtonError").all_inner_texts()
        raise AssertionError(f"no download; button error {said}; {describe(page)}") from err
    path = tmp_path / "template.xlsx"
    download.value.save_as(path)
    assert download.value.suggested_filename == "百花数据填报模板.xlsx"
    book = load_workbook(path)
    tables = ["projects", "figures", "themes", "project_themes", "towns", "funding_mentions"]
    assert set(tables) <= set(book.sheetnames)
    # data/jinshan-2018/towns.csv lists 12 towns, 枫泾镇 first; rows 1–2 are header and help.
    towns = [row[0] for row in book["towns"].iter_rows(min_row=3, values_only=True) if row[0]]
    assert len(towns) == 12 and towns[0] == "枫泾镇"
