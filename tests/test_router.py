"""dashboard.py with AppTest: the shared filter bar drives the page and writes the URL."""

from __future__ import annotations

from conftest import ROOT
from streamlit.testing.v1 import AppTest


def metrics_of(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_filter_bar_language_and_reset(monkeypatch):
    monkeypatch.delenv("BAIHUA_DATA", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assert metrics_of(at)["项目数"] == "20"

    at.multiselect(key="f_town").select("朱泾镇").run()
    assert metrics_of(at)["项目数"] == "2"
    assert at.query_params["town"] == "朱泾镇"

    at.radio(key="lang").set_value("en").run()
    assert at.title[0].value == "Overview"
    assert metrics_of(at)["Disclosed funding"] == "not disclosed"
    assert at.query_params["lang"] == "en"

    at.button(key="reset").click().run()
    assert metrics_of(at)["Projects"] == "20"
    assert "town" not in at.query_params


def test_unknown_link_values_are_reported(monkeypatch):
    monkeypatch.delenv("BAIHUA_DATA", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["town"] = ["朱泾镇", "火星镇"]
    at.run()
    assert metrics_of(at)["项目数"] == "2"
    # At the top of the main area now, where an official looks (#21), not below the sidebar.
    assert any("火星镇" in w.value for w in at.main.warning)
