"""The browser fixtures every browser-test module shares (registered in conftest.py).

Each is module-scoped where it was before: one Chromium, one record of requests and, unless a
module defines its own `server` (another library), one app on the bundled data per module.
"""

from __future__ import annotations

import pytest
from browser_support import AppServer, PageOpener, Traffic, launched_browser, running_app


@pytest.fixture(scope="module")
def traffic() -> Traffic:
    return Traffic()


@pytest.fixture(scope="module")
def browser():
    with launched_browser() as chromium:
        yield chromium


@pytest.fixture
def open_page(browser, traffic):
    opener = PageOpener(browser, traffic)
    yield opener
    opener.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory, traffic) -> AppServer:
    """The app on the bundled data, exactly as `make run` starts it."""
    with running_app(tmp_path_factory.mktemp("app-logs")) as app:
        traffic.origins.add(app.origin)
        yield app
