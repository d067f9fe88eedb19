"""Replicas behind nginx (#15): deploy/cluster.py on a temporary library, the faults it survives.

One cluster per module (nginx + 2 replicas on free loopback ports, its state in a temporary
folder), in this order: a killed replica's session comes back on another one with its view; a
rolling restart loses no request; a hung replica is restarted by the supervisor; an edition
published into the shared library is served by every replica; with every replica down, nginx
answers with the restarting page, which turns into the dashboard once they are back.

Counts by hand from data/jinshan-2018/projects.csv: 朱泾镇 (English "Zhujing") has 2 projects,
JS2018-06 and JS2018-15; the made-up jinshan-2020 keeps JS2018-01…05, so 5 projects.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import re
import shutil
import signal
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from browser_support import ROOT, describe, free_port, metrics, wait_for_app
from editions import bundled_into, derive_edition, keep_projects

pytestmark = pytest.mark.cluster


def _load_cluster():
    spec = importlib.util.spec_from_file_location("baihua_cluster", ROOT / "deploy/cluster.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


cluster = _load_cluster()
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
needs_nginx = pytest.mark.skipif(
    NGINX is None and os.geteuid() != 0,
    reason="nginx is not installed and we are not root: `sudo apt-get install nginx` "
    "(make test installs it when run as root)",
)


def _get(url: str, cookie: str | None = None, timeout: float = 10) -> tuple[int, str, dict]:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8"), dict(response.headers)
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8"), dict(err.headers)


# --- without a running cluster ---------------------------------------------------------------


@needs_nginx
def test_nginx_accepts_the_configuration_for_several_hosts(tmp_path):
    text = cluster.config_for_hosts(
        ["10.0.0.11:8501", "10.0.0.12:8501", "10.0.0.13:8501"], "8080", str(tmp_path), "/srv"
    )
    # Each replica alone first and the two others as backups, plus the group for new browsers.
    assert text.count("upstream baihua_") == 4
    assert "server 10.0.0.12:8501 backup;" in text
    assert '"~(^|, )10\\.0\\.0\\.13:8501$" r2;' in text
    (tmp_path / "nginx-temp").mkdir()
    (tmp_path / "nginx.conf").write_text(text)
    run = cluster.subprocess.run(
        [NGINX or "/usr/sbin/nginx", "-t", "-c", str(tmp_path / "nginx.conf"), "-p",
         str(tmp_path), "-e", str(tmp_path / "error.log")],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr


def test_the_compose_nginx_configuration_is_the_generated_one():
    """deploy/nginx-compose.conf is what `cluster.py config` prints for compose.yaml's two
    replicas: regenerate it when deploy/nginx.conf changes (command in its first line)."""
    committed = (ROOT / "deploy/nginx-compose.conf").read_text(encoding="utf-8")
    command = committed.splitlines()[0]
    assert command.startswith("# python deploy/cluster.py config "), command
    generated = cluster.config_for_hosts(
        ["172.28.0.11:8501", "172.28.0.12:8501"], "80", "/var/cache/nginx",
        "/usr/share/nginx/baihua", user="nginx",
    )  # fmt: skip
    assert committed.split("\n", 1)[1] == generated


def test_the_restarting_page_speaks_both_languages_and_loads_nothing():
    html = (ROOT / "deploy/restarting.html").read_text(encoding="utf-8")
    assert "服务正在重启" in html and "The service is restarting" in html
    assert '<meta http-equiv="refresh" content="5">' in html
    assert not re.search(r"(src|href)=|url\(|@import", html), "the page must load nothing else"


# --- the cluster -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cluster") / "library"
    folder.mkdir()
    bundled_into(folder)
    return folder


@pytest.fixture(scope="module")
def running(tmp_path_factory, library) -> dict:
    if NGINX is None:
        pytest.fail("nginx is missing: make test installs it (apt-get) when run as root")
    state = tmp_path_factory.mktemp("cluster-state")
    # The supervisor (started with this environment) restarts a hung replica after 4 s, not 30.
    before = os.environ.get("BAIHUA_UNHEALTHY_AFTER")
    os.environ["BAIHUA_UNHEALTHY_AFTER"] = "4"
    try:
        info = cluster.start(2, free_port(), library, state, first_replica_port=0)
        yield info
    finally:
        cluster.stop(state)
        if before is None:
            os.environ.pop("BAIHUA_UNHEALTHY_AFTER", None)
        else:
            os.environ["BAIHUA_UNHEALTHY_AFTER"] = before


def _replica_of(name: str, info: dict) -> dict:
    return next(r for r in info["replicas"] if r["name"] == name)


def _sidebar_tags(page, label: str) -> list[str]:
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has=page.get_by_role("combobox", name=label)
    )
    return [tag.inner_text().strip() for tag in box.locator("[data-tag]").all()]


@needs_nginx
@pytest.mark.browser
def test_a_killed_replicas_session_comes_back_on_another_with_its_view(open_page, running):
    page = open_page()
    url = f"{running['url']}/towns?town={quote('朱泾镇')}&lang=en"
    response = page.goto(url)
    wait_for_app(page, 3, "Towns")
    serving = response.headers["x-baihua-replica"]
    assert _sidebar_tags(page, "Town") == ["Zhujing"], describe(page)
    before = metrics(page)
    victim = _replica_of(serving, cluster.status(running["state_dir"]))

    os.kill(victim["pid"], signal.SIGKILL)
    # The frontend notices the lost WebSocket, reconnects through nginx and runs the page again.
    page.wait_for_function(
        """() => document.querySelector('[data-testid="stApp"]')
                   .getAttribute('data-test-connection-state') !== 'CONNECTED'""",
        timeout=30_000,
    )
    wait_for_app(page, 3, "Towns", timeout=90)
    assert _sidebar_tags(page, "Town") == ["Zhujing"], describe(page)
    assert metrics(page) == before, describe(page)
    query = parse_qs(urlsplit(page.url).query)
    assert urlsplit(page.url).path == "/towns" and query == {"town": ["朱泾镇"], "lang": ["en"]}

    # The session that was cut had its WebSocket on the killed replica (nginx logs a WebSocket
    # when it closes, with the upstream's address); the browser is now routed elsewhere.
    log = (Path(running["state_dir"]) / "nginx-access.log").read_text(encoding="utf-8")
    cut = [line for line in log.splitlines() if "GET /_stcore/stream" in line and " 101 " in line]
    assert any(f"upstream={victim['origin'][7:]}" in line for line in cut), cut
    now = page.evaluate("fetch('/_stcore/health').then(r => r.headers.get('x-baihua-replica'))")
    assert now != serving, (now, serving)
    # …and nginx's cookie follows it: the session's downloads and uploads reach the replica
    # that holds it, even once the killed one is back.
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert cookies["baihua_replica"] == now, cookies


@needs_nginx
def test_every_replica_signs_cookies_with_the_same_secret(running):
    # An XSRF cookie made by one replica must be good on another after a failover.
    secrets = set()
    for replica in cluster.status(running["state_dir"])["replicas"]:
        environ = Path(f"/proc/{replica['pid']}/environ").read_bytes().split(b"\0")
        secrets |= {e for e in environ if e.startswith(b"STREAMLIT_SERVER_COOKIE_SECRET=")}
    assert len(secrets) == 1 and len(secrets.pop()) == len("STREAMLIT_SERVER_COOKIE_SECRET=") + 64


def _pids(state_dir) -> dict[str, int | None]:
    return {r["name"]: r["pid"] for r in cluster.status(state_dir)["replicas"]}


@needs_nginx
def test_a_rolling_restart_loses_no_request(running):
    """Clients ask without a pause while each replica is stopped and started again: every
    answer is a 200, and each replica's restart was underway while answers kept coming."""
    before = _pids(running["state_dir"])
    outcomes: list[tuple[str, int | str, float]] = []  # path, status, when it was answered
    replaced: dict[str, float] = {}  # replica, when its new pid was first seen
    done = threading.Event()

    def client(path: str) -> None:
        while not done.is_set():
            try:
                status, _, _ = _get(running["url"] + path)
            except OSError as err:
                status = repr(err)
            outcomes.append((path, status, time.monotonic()))
            time.sleep(0.02)

    def watch() -> None:
        while not done.is_set():
            for name, pid in _pids(running["state_dir"]).items():
                if pid != before[name]:
                    replaced.setdefault(name, time.monotonic())
            time.sleep(0.1)

    threads = [threading.Thread(target=client, args=(p,)) for p in ("/", "/_stcore/health") * 2]
    threads.append(threading.Thread(target=watch))
    for thread in threads:
        thread.start()
    try:
        cluster.restart_rolling(running["state_dir"])
        ended = time.monotonic()
    finally:
        done.set()
        for thread in threads:
            thread.join(timeout=30)
    after = _pids(running["state_dir"])
    assert all(after[name] != pid for name, pid in before.items()), (before, after)
    # Not a count (that would measure speed): for each replica, some request was answered
    # between its new process's start (its old one was drained and stopped) and the end of
    # the rolling restart, so requests did go on while it was being replaced.
    assert set(replaced) == set(before), replaced
    for name, seen in replaced.items():
        assert any(seen < when < ended for _, _, when in outcomes), (name, len(outcomes))
    failed = [o for o in outcomes if o[1] != 200]
    assert not failed, (len(outcomes), failed[:20])


@needs_nginx
def test_a_hung_replica_is_restarted_by_the_supervisor(running):
    """nginx cannot tell a hung replica (it still accepts connections): the supervisor's health
    checks can."""
    hung = _replica_of("r1", cluster.status(running["state_dir"]))
    os.kill(hung["pid"], signal.SIGSTOP)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            now = _replica_of("r1", cluster.status(running["state_dir"]))
            if now["pid"] != hung["pid"] and now["healthy"]:
                break
            time.sleep(0.5)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(hung["pid"], signal.SIGCONT)
    assert now["pid"] != hung["pid"] and now["healthy"], now
    log = (Path(running["state_dir"]) / "logs/supervisor.log").read_text(encoding="utf-8")
    assert "replica r1 failed its health checks: restarting it" in log
    status, body, headers = _get(running["url"] + "/_stcore/health", cookie="baihua_replica=r1")
    assert (status, body, headers["X-Baihua-Replica"]) == (200, "ok", "r1")


# Label and value read at once: a rerun may replace the metrics between two reads.
FIRST_METRIC_IS = """([label, value]) => {
  const first = document.querySelector('[data-testid="stMetric"]');
  if (!first) return false;
  const shown = (id) => (first.querySelector(`[data-testid="${id}"]`) || {}).innerText || '';
  return shown('stMetricLabel').trim() === label && shown('stMetricValue').trim() === value;
}"""


@needs_nginx
@pytest.mark.browser
def test_an_edition_published_into_the_library_is_served_by_every_replica(
    open_page, running, library
):
    # Published as `baihua publish` does it: built beside the library, then renamed into it.
    staged = derive_edition(
        library / ".incoming-jinshan-2020", 2020, keep_projects([1, 2, 3, 4, 5])
    )
    staged.rename(library / "jinshan-2020")
    # The next page load on each replica shows it, with no restart: the picker names 2020 and
    # the overview opens on it. Both replicas at once: each validates the edition on its own.
    pages = []
    for replica in running["replicas"]:
        page = open_page()
        page.goto(replica["origin"] + "/")
        pages.append(page)
    for page in pages:
        page.get_by_text("金山区2020年").first.wait_for(timeout=90_000)
        page.wait_for_function(FIRST_METRIC_IS, arg=["项目数", "5"], timeout=60_000)


@needs_nginx
@pytest.mark.browser
def test_with_every_replica_down_nginx_says_the_service_is_restarting(open_page, running, tmp_path):
    cluster.stop(running["state_dir"], keep_nginx=True)
    status, body, headers = _get(running["url"] + "/towns?lang=en")
    assert status == 503 and headers["Retry-After"] == "5"
    assert "服务正在重启" in body and "The service is restarting" in body
    page = open_page()
    page.goto(running["url"] + "/")
    text = page.locator("body").inner_text()
    assert "服务正在重启" in text and "The service is restarting" in text, text
    page.screenshot(path=str(tmp_path / "restarting.png"), full_page=True)

    # The page refreshes itself every 5 s: once a replica is back it is the dashboard, at the
    # same address.
    page.goto(running["url"] + "/data?lang=en")
    assert "The service is restarting" in page.locator("body").inner_text()
    cluster.start_replicas(running["state_dir"])
    wait_for_app(page, 0, "About the data", timeout=90)
    assert urlsplit(page.url).path == "/data", page.url
