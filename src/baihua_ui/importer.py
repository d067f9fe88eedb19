"""/import on the server side: uploads kept in a private temporary folder, a dry run for the
report and the diff, and publishing, which re-checks the editor on the server every time."""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from metrics.data.library import is_package
from metrics.data.load import data_folder
from metrics.steward.publish import PublishResult, publish

from . import auth

UPLOADS = "_import_uploads"  # session key: the folder holding this session's uploads


def library_folder() -> Path | None:
    """The library BAIHUA_DATA names; None when it is a single package (nothing to add to)."""
    folder = data_folder()
    return None if is_package(folder) else folder


def saved(upload) -> Path | None:
    """The uploaded file's bytes, written into this session's own temporary folder."""
    if upload is None:
        return None
    if UPLOADS not in st.session_state:
        st.session_state[UPLOADS] = tempfile.mkdtemp(prefix="baihua-import-")
    # Only the suffix of the browser's file name is kept: the name itself is not trusted.
    path = Path(st.session_state[UPLOADS]) / f"{upload.file_id}{Path(upload.name).suffix.lower()}"
    if not path.exists():
        path.write_bytes(upload.getvalue())
    return path


def dry_run(workbook: Path, article: Path | None) -> PublishResult:
    return publish(
        workbook, library_folder(), auth.user_id(), article, dry_run=True, editors=auth.editors()
    )


def publish_now(workbook: Path, article: Path | None) -> None:
    """The publish button's callback. The page is shown to editors only, but the check is made
    here again, on the server, whatever the browser sent."""
    if not auth.is_editor():
        st.session_state["_import_result"] = "refused"
        return
    result = publish(workbook, library_folder(), auth.user_id(), article, editors=auth.editors())
    st.session_state["_import_result"] = result
