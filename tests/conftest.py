"""Shared fixtures: the repository root, the bundled data, and a fresh AppTest per page."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "jinshan-2018"
PAGES = ["overview", "towns", "themes", "figures", "compare", "projects", "data"]


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
