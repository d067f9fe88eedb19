"""/import off the browser: the publish rule refuses anyone but an editor, whatever the page
showed, and the page itself refuses when nobody (or a viewer) is signed in.

Counts are by hand from data/jinshan-2018 (20 projects); the browser flow, with a real
OpenID Connect sign-in, is in test_browser_import.py.
"""

from __future__ import annotations

from broken_data import snapshot
from conftest import ROOT
from editions import bundled_into, derive_edition, keep_projects
from streamlit.testing.v1 import AppTest

from metrics.steward.publish import publish

EDITORS = frozenset({"editor@jinshan.example"})


def test_only_an_editor_may_publish(tmp_path):
    library = tmp_path / "library"
    bundled_into(library)
    package = derive_edition(tmp_path / "jinshan-2020", 2020, keep_projects([1, 2, 3]))
    before = snapshot(library)
    for user in ("viewer@jinshan.example", None, ""):
        refused = publish(package, library, user, editors=EDITORS)
        assert not refused.published
        assert [p.slug for p in refused.problems] == ["not-an-editor"]
        assert snapshot(library) == before
    done = publish(package, library, "Editor@Jinshan.example", editors=EDITORS)
    assert done.published and done.counts["projects"] == 3
    assert (library / "jinshan-2020" / "projects.csv").is_file()


def test_the_page_refuses_without_an_editor(tmp_path, monkeypatch):
    library = tmp_path / "library"
    bundled_into(library)
    monkeypatch.setenv("BAIHUA_DATA", str(library))
    at = AppTest.from_file(str(ROOT / "pages" / "import_edition.py"), default_timeout=60)
    at.secrets["auth"] = {
        "redirect_uri": "http://127.0.0.1:1/oauth2callback",
        "cookie_secret": "test-only",
        "client_id": "baihua",
        "client_secret": "test-only",
        "server_metadata_url": "http://127.0.0.1:1/.well-known/openid-configuration",
    }
    at.secrets["baihua"] = {"editors": sorted(EDITORS)}
    at.run()
    assert not at.exception
    assert at.error[0].value == "只有编辑人员可以导入和发布数据。请用编辑账号登录。"
    assert not at.get("file_uploader")


def _page_with_result(tmp_path, monkeypatch, result) -> AppTest:
    """/import for an editor (the sign-in itself is test_browser_import's) after a publication
    that returned `result`."""
    from baihua_ui import auth

    library = tmp_path / "library"
    bundled_into(library)
    monkeypatch.setenv("BAIHUA_DATA", str(library))
    monkeypatch.setattr(auth, "is_editor", lambda: True)
    at = AppTest.from_file(str(ROOT / "pages" / "import_edition.py"), default_timeout=60)
    at.session_state["_import_result"] = result
    return at.run()


def test_a_failed_write_is_said_on_the_page_as_it_happened(tmp_path, monkeypatch):
    from metrics.steward.problems import steward_problem
    from metrics.steward.publish import PublishResult

    failed = PublishResult(tmp_path / "x.xlsx", tmp_path / "library", "jinshan-2020")
    failed.problems = [steward_problem("write-failed", "library/jinshan-2020", reason="磁盘已满")]
    at = _page_with_result(tmp_path, monkeypatch, failed)
    assert not at.exception
    said = [e.value for e in at.error]
    assert said[0].startswith("发布没有完成"), said
    assert any("磁盘已满" in s and "数据库保持原样" in s for s in said), said
    assert not at.success


def test_a_publication_with_an_unfinished_step_says_both(tmp_path, monkeypatch):
    from metrics.steward.problems import steward_problem
    from metrics.steward.publish import PublishResult

    done = PublishResult(tmp_path / "x.xlsx", tmp_path / "library", "jinshan-2020", True)
    done.warnings = [
        steward_problem(
            "published-unfinished",
            "library/jinshan-2020",
            step="writing its line in _publish.log",
            step_zh="写入 _publish.log 发布记录",
            reason="权限不足",
        )  # fmt: skip
    ]
    at = _page_with_result(tmp_path, monkeypatch, done)
    assert at.success[0].value.startswith("已发布 jinshan\\-2020")  # Markdown-escaped
    assert at.warning[0].value == (  # Markdown-escaped: shown as typed
        "library/jinshan\\-2020：版本已发布，但写入 \\_publish\\.log 发布记录失败（权限不足）；"
        "下次发布时将补做"
    )


def test_the_publish_action_refuses_a_signed_in_viewer_on_the_server(tmp_path, monkeypatch):
    # The button's callback itself, as a viewer's forged widget event would reach it (#22):
    # it answers "refused" before publish() runs, and nothing is written.
    import streamlit as st

    from baihua_ui import auth, importer

    library = tmp_path / "library"
    bundled_into(library)
    package = derive_edition(tmp_path / "jinshan-2020", 2020, keep_projects([1, 2, 3]))
    monkeypatch.setenv("BAIHUA_DATA", str(library))
    monkeypatch.setattr(auth, "user_id", lambda: "viewer@jinshan.example")
    monkeypatch.setattr(auth, "editors", lambda: EDITORS)
    before = snapshot(library)
    importer.publish_now(package, None)
    assert st.session_state["_import_result"] == "refused"
    assert snapshot(library) == before
    # The same call by an editor publishes: the refusal is the identity's, not the call's.
    monkeypatch.setattr(auth, "user_id", lambda: "editor@jinshan.example")
    importer.publish_now(package, None)
    assert st.session_state["_import_result"].published
    assert (library / "jinshan-2020" / "projects.csv").is_file()
