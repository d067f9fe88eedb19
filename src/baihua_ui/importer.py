"""/import on the server side: uploads kept in a private temporary folder, a dry run for the
report and the diff, and publishing, which re-checks the editor on the server every time."""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from metrics.data.library import fingerprint, is_package
from metrics.data.load import Dataset, check, data_folder
from metrics.steward.publish import PublishResult, prepare, publish

from . import auth

UPLOADS = "_import_uploads"  # session key: the folder holding this session's uploads
CHECKED = "_import_checked"  # session key: (upload and library version, report, preview)


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


def checked(workbook: Path, article: Path | None) -> tuple[PublishResult, Dataset | None]:
    """The dry run (report, diff) and the candidate edition for the preview, worked out once
    per upload and library version: every click on the page reruns it, and validating a
    workbook twice per rerun cost a second or more."""
    library = library_folder()
    key = (str(workbook), str(article), fingerprint(library))
    kept = st.session_state.get(CHECKED)
    if kept is None or kept[0] != key:
        report = publish(
            workbook, library, auth.user_id(), article, dry_run=True, editors=auth.editors()
        )
        kept = st.session_state[CHECKED] = (key, report, _preview(report, workbook, article))
    return kept[1], kept[2]


def _preview(report: PublishResult, workbook: Path, article: Path | None) -> Dataset | None:
    if report.problems:
        return None
    with tempfile.TemporaryDirectory(prefix="baihua-preview-") as work:
        prepared = prepare(workbook, library_folder(), Path(work), article, None)
        return check(prepared.folder)[0] if prepared.folder else None


def publish_now(workbook: Path, article: Path | None) -> None:
    """The publish button's callback. The page is shown to editors only, but the check is made
    here again, on the server, whatever the browser sent."""
    if not auth.is_editor():
        st.session_state["_import_result"] = "refused"
        return
    result = publish(workbook, library_folder(), auth.user_id(), article, editors=auth.editors())
    st.session_state["_import_result"] = result
