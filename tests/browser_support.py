"""Real-browser test support: start the dashboard as `make run` does, drive Debian's Chromium.

Used by test_browser.py and test_hostile.py, whose module-scoped fixtures start one app
server (`running_app`) and one Chromium (`launched_browser`) each, and open fresh pages with a
`PageOpener` that records every request and dialog in a `Traffic`.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # Never send the app's traffic through a proxy from the environment.
    "--no-proxy-server",
]
VIEWPORT = {"width": 1400, "height": 1000}

# Every page: URL path, title key, number of Plotly charts on the bundled data (no filters).
PAGES = [
    ("/", "page_overview", 4),
    ("/towns", "page_towns", 3),
    # No town chosen: /town asks for one, and draws nothing (test_browser_town.py has towns).
    ("/town", "page_town", 0),
    ("/themes", "page_themes", 3),
    ("/figures", "page_figures", 3),
    # One edition: /compare says how to add another, and draws nothing.
    ("/compare", "page_compare", 0),
    ("/projects", "page_projects", 0),
    ("/data", "page_data", 0),
]
TITLES = {
    "page_overview": ("总览", "Overview"),
    "page_towns": ("各镇对比", "Towns"),
    "page_town": ("本镇概况", "Town profile"),
    "page_themes": ("治理主题", "Themes"),
    "page_figures": ("覆盖·参与·经费", "Reach · participants · funding"),
    "page_compare": ("历年对比", "Year-on-year"),
    "page_projects": ("项目", "Projects"),
    "page_data": ("数据说明", "About the data"),
}


def title_of(key: str, lang: str) -> str:
    zh, en = TITLES[key]
    return en if lang == "en" else zh


# --- the app server ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def streamlit_command() -> list[str]:
    """The venv's `streamlit` script, as `make run` calls it (falls back to `-m streamlit`)."""
    for candidate in (Path(sys.executable).parent / "streamlit", ROOT / ".venv/bin/streamlit"):
        if candidate.exists():
            return [str(candidate)]
    return [sys.executable, "-m", "streamlit"]


@dataclass
class AppServer:
    port: int
    process: subprocess.Popen
    log_path: Path
    data: Path | None

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "/", **params: str | list[str]) -> str:
        from urllib.parse import urlencode

        query = urlencode(params, doseq=True)
        return self.origin + path + (f"?{query}" if query else "")

    def log(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no server log)"

    def stop(self) -> None:
        """Terminate the server (SIGTERM to its process group), then kill it if it lingers."""
        if self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


def _health(origin: str) -> str | None:
    # No proxy: an http_proxy in the environment must not intercept 127.0.0.1.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(origin + "/_stcore/health", timeout=2) as response:
            return response.read().decode("utf-8", "replace").strip()
    except OSError:
        return None


def start_app(
    log_dir: Path,
    data: Path | None = None,
    timeout: float = 90,
    port: int | None = None,
    args: tuple[str, ...] = (),
) -> AppServer:
    """`streamlit run dashboard.py [args]` on a free port (or `port`); returns once
    /_stcore/health says ok."""
    port = port or free_port()
    env = dict(os.environ)
    env.update(STREAMLIT_SERVER_PORT=str(port), STREAMLIT_SERVER_HEADLESS="true")
    if data is None:
        env.pop("BAIHUA_DATA", None)
    else:
        env["BAIHUA_DATA"] = str(data)
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"streamlit-{port}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [*streamlit_command(), "run", "dashboard.py", *args],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stop() reaches its children
        )
    server = AppServer(port, process, log_path, data)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"the app exited with code {process.returncode} before answering "
                f"{server.origin}/_stcore/health; server log:\n{server.log()}"
            )
        if _health(server.origin) == "ok":
            return server
        time.sleep(0.25)
    server.stop()
    raise RuntimeError(
        f"the app did not answer {server.origin}/_stcore/health with 'ok' within {timeout:.0f}s;"
        f" server log:\n{server.log()}"
    )


@contextlib.contextmanager
def running_app(log_dir: Path, data: Path | None = None) -> Iterator[AppServer]:
    server = start_app(log_dir, data)
    try:
        yield server
    finally:
        server.stop()


# --- the browser -------------------------------------------------------------------------------


@dataclass
class Traffic:
    """What the pages of one module asked for: (page URL, request URL), and dialogs opened."""

    requests: list[tuple[str, str]] = field(default_factory=list)
    dialogs: list[tuple[str, str, str]] = field(default_factory=list)
    origins: set[str] = field(default_factory=set)  # the app servers the pages talk to
    visited: set[tuple[str, str]] = field(default_factory=set)  # (path, lang) fully loaded

    def foreign(self) -> list[str]:
        """Requests to anything but the app servers (data: and blob: stay inside the page)."""
        hosts = {urlsplit(origin).netloc for origin in self.origins}
        out = set()
        for page_url, url in self.requests:
            if url.startswith(("data:", "blob:")):
                continue
            parts = urlsplit(url)
            if parts.scheme in ("http", "ws") and parts.netloc in hosts:
                continue
            out.add(f"{url}  (from page {page_url})")
        return sorted(out)


@contextlib.contextmanager
def launched_browser() -> Iterator:
    """Headless Debian Chromium through Playwright (never `playwright install`)."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make test does, as root)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


class PageOpener:
    """opener() -> a new page in a fresh context (so a fresh Streamlit session), whose
    requests, WebSocket URLs and dialogs go to `traffic`; close() closes them all."""

    def __init__(self, browser, traffic: Traffic):
        self.browser, self.traffic, self.contexts = browser, traffic, []

    def __call__(self):
        context = self.browser.new_context(
            viewport=VIEWPORT, accept_downloads=True, locale="zh-CN", service_workers="block"
        )
        self.contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30_000)
        requests = self.traffic.requests
        page.on("request", lambda request: requests.append((page.url, request.url)))
        page.on("websocket", lambda ws: requests.append((page.url, ws.url)))

        def on_dialog(dialog) -> None:
            self.traffic.dialogs.append((page.url, dialog.type, dialog.message))
            with contextlib.suppress(Exception):
                dialog.dismiss()

        page.on("dialog", on_dialog)
        return page

    def close(self) -> None:
        for context in self.contexts:
            with contextlib.suppress(Exception):
                context.close()
        self.contexts.clear()


# --- waiting for Streamlit ---------------------------------------------------------------------

_SETTLED = """
([plots, title]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  // Not "no stStatusWidget": it also shows "File change. Rerun" when a source file is edited.
  if (document.querySelector('[data-testid^="stStatusWidgetRunning"]')) return false;
  if (document.querySelector('[data-stale="true"]')) return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  const h1 = document.querySelector('[data-testid="stMain"] h1');
  if (!h1) return false;
  if (title !== null && h1.innerText.trim() !== title) return false;
  const charts = document.querySelectorAll('.js-plotly-plot');
  if (plots !== null && charts.length !== plots) return false;
  for (const chart of charts) if (!chart.querySelector('svg.main-svg')) return false;
  return true;
}
"""


def wait_for_app(
    page, plots: int | None = None, title: str | None = None, timeout: float = 60
) -> None:
    """Wait until the script run is over and the page shows `plots` drawn charts.

    The condition must hold twice, 0.3 s apart: a fresh server's first deep link runs once
    through pages/x.py, reruns through dashboard.py, and may look finished in between.
    """
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        try:
            page.wait_for_function(_SETTLED, arg=[plots, title], timeout=max(left, 0.1) * 1000)
        except Exception as err:
            raise AssertionError(
                f"{page.url}: the page did not settle within {timeout:.0f}s "
                f"(wanted {plots} charts, title {title!r}); {describe(page)}"
            ) from err
        time.sleep(0.3)
        if page.evaluate(_SETTLED, [plots, title]):
            return


def main_text(page) -> str:
    """The visible text of the app (sidebar and main area)."""
    app = page.locator('[data-testid="stApp"]')
    return app.inner_text() if app.count() else page.locator("body").inner_text()


def excerpt(text: str, limit: int = 800) -> str:
    text = re.sub(r"\n\s*\n+", "\n", text).strip()
    return text if len(text) <= limit else text[:limit] + " …"


def describe(page) -> str:
    """URL, run state, chart count and a text excerpt: context for a failed assertion."""
    try:
        state = page.evaluate(
            """() => {
              const app = document.querySelector('[data-testid="stApp"]');
              return {
                script: app && app.getAttribute('data-test-script-state'),
                connection: app && app.getAttribute('data-test-connection-state'),
                charts: document.querySelectorAll('.js-plotly-plot').length,
                drawn: document.querySelectorAll('.js-plotly-plot svg.main-svg').length,
              };
            }"""
        )
        text = excerpt(main_text(page))
    except Exception as err:  # the page itself may be gone
        return f"url={page.url} (page unreadable: {err})"
    return f"url={page.url} state={state}\nvisible text:\n{text}"


def metrics(page) -> dict[str, str]:
    """st.metric label -> value."""
    out = {}
    for box in page.locator('[data-testid="stMetric"]').all():
        label = box.locator('[data-testid="stMetricLabel"]').inner_text().strip()
        out[label] = box.locator('[data-testid="stMetricValue"]').inner_text().strip()
    return out
