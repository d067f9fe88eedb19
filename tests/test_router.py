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


def clicked(monkeypatch) -> AppTest:
    """亭林镇 chosen in the link, then 朱泾镇 clicked on a chart (the link's xf)."""
    monkeypatch.delenv("BAIHUA_DATA", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["town"] = "亭林镇"
    at.query_params["xf"] = "town:朱泾镇"
    return at.run()


def test_a_chart_click_moves_the_filter_bars_town_and_clearing_puts_it_back(monkeypatch):
    # #21 defect 6: the chip read 亭林镇 while the numbers and the exports were 朱泾镇's.
    at = clicked(monkeypatch)
    assert not at.exception, [e.value for e in at.exception]
    assert at.multiselect(key="f_town").value == ["朱泾镇"]
    assert metrics_of(at)["项目数"] == "2"  # JS2018-06 and -15
    # The link keeps the town from before the click: opened, it can be undone too.
    assert at.query_params["town"] == "亭林镇" and at.query_params["xf"] == "town:朱泾镇"
    at.button(key="clear_xf_overview").click().run()
    assert at.multiselect(key="f_town").value == ["亭林镇"]
    assert metrics_of(at)["项目数"] == "1"  # JS2018-07
    assert at.query_params["town"] == "亭林镇" and "xf" not in at.query_params


def test_a_town_chosen_in_the_filter_bar_after_a_click_is_kept(monkeypatch):
    at = clicked(monkeypatch)
    at.multiselect(key="f_town").set_value(["枫泾镇"]).run()
    assert at.session_state["xf"] is None
    assert at.multiselect(key="f_town").value == ["枫泾镇"]
    assert metrics_of(at)["项目数"] == "2"  # JS2018-08 and -17
    assert at.query_params["town"] == "枫泾镇" and "xf" not in at.query_params
