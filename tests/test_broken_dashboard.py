"""The dashboard on every broken data folder: the same messages as `baihua check`, no trace.

The browser suite (test_browser.py) opens a handful of these in Chromium; here every case of
the corpus runs through a page file with AppTest, which is fast enough for all of them.
"""

from __future__ import annotations

import pytest
from broken_data import CASES, snapshot
from conftest import ROOT
from streamlit.testing.v1 import AppTest

from metrics.data.load import check


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_dashboard_shows_the_check_messages(case, tmp_path, monkeypatch):
    folder = case.build(tmp_path)
    before = snapshot(tmp_path)
    expected = [str(p) for p in check(folder)[1]]
    assert expected, f"{case.name}: the corpus case is not broken"
    monkeypatch.setenv("BAIHUA_DATA", str(folder))
    at = AppTest.from_file(str(ROOT / "pages" / "overview.py"), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.error and "数据文件有问题" in at.error[0].value
    shown = "\n".join(block.value for block in at.code)
    assert shown.splitlines() == expected[:200]
    assert "Traceback" not in shown
    assert not at.metric, "numbers were shown from broken data"
    assert snapshot(tmp_path) == before, "the data folder was modified"
