"""Shared fixtures: the repository root, the bundled data, and a fresh AppTest per page."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

pytest_plugins = ["browser_fixtures"]  # traffic, browser, open_page, server

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "jinshan-2018"
PAGES = ["overview", "towns", "town", "themes", "figures", "compare", "projects", "data"]
_CACHE_ENV: dict[str, str | None] = {}


def pytest_configure(config):
    """The whole session, and every app server or CLI a test starts (they inherit the
    environment), keeps validated editions in a fresh temporary BAIHUA_CACHE, never ~/.cache."""
    _CACHE_ENV["before"] = os.environ.get("BAIHUA_CACHE")
    _CACHE_ENV["path"] = tempfile.mkdtemp(prefix="baihua-test-cache-")
    os.environ["BAIHUA_CACHE"] = _CACHE_ENV["path"]


def pytest_unconfigure(config):
    if "path" not in _CACHE_ENV:
        return
    shutil.rmtree(_CACHE_ENV.pop("path"), ignore_errors=True)
    before = _CACHE_ENV.pop("before")
    if before is None:
        os.environ.pop("BAIHUA_CACHE", None)
    else:
        os.environ["BAIHUA_CACHE"] = before


@pytest.fixture
def app(monkeypatch):
    """A factory of AppTests for one page file, with query parameters, on the bundled data."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.delenv("BAIHUA_DATA", raising=False)

    def make(page: str, **params) -> AppTest:
        at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        return at.run()

    return make


@pytest.fixture
def served(monkeypatch) -> dict[str, tuple[str, bytes]]:
    """url -> (file name, bytes) of every file the app hands to the browser during AppTest."""
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    files: dict[str, tuple[str, bytes]] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):
        file_id = original(self, path_or_data, mimetype, kind, filename)
        files[self.get_url(file_id)] = (filename, path_or_data)
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    return files
