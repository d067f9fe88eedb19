"""/import 导入: an editor uploads a workbook (and its article), reads the report, the diff
against the edition it replaces and a preview, then publishes. Listed for editors only."""

import streamlit as st

from baihua_ui import auth, importer, state
from metrics.charts.themes import themes_by_tier
from metrics.charts.towns import towns_tier_stack
from metrics.i18n import t
from metrics.safe_text import md_escape
from metrics.steward import problems as steward_problems
from metrics.steward.diff import lines as diff_lines

state.init()
lang = state.lang()
st.title(t("page_import", lang))
if not auth.is_editor():
    st.error(t("import_refused", lang))
    st.stop()
library = importer.library_folder()
if library is None:
    st.error(t("import_no_library", lang))
    st.stop()

st.markdown(t("import_intro", lang))
workbook = importer.saved(
    st.file_uploader(t("import_workbook", lang), type=["xlsx"], key="import_workbook")
)
article = importer.saved(
    st.file_uploader(t("import_article", lang), type=["txt", "docx"], key="import_article")
)
result = st.session_state.get("_import_result")
pick = 0 if lang != "en" else 1  # a problem's lines are (zh, en)
if result == "refused":
    st.error(t("import_refused", lang))
elif result is not None:
    if result.published:
        st.success(t("import_done", lang, edition=md_escape(result.edition or "")))
    else:  # the write failed: the problem says what changed, truthfully
        st.error(t("import_failed", lang))
    for problem, show in [(p, st.error) for p in result.problems] + [
        (p, st.warning) for p in result.warnings
    ]:
        show(md_escape(steward_problems.lines(problem)[pick]))
if workbook is None:
    st.stop()

report, preview = importer.checked(workbook, article)
if report.problems:
    st.error(t("import_problems", lang, n=len(report.problems)))
    lines = [steward_problems.lines(p)[pick] for p in report.problems]
    st.code("\n".join(lines), language=None, wrap_lines=True)
    st.stop()

st.success(t("import_valid", lang, edition=md_escape(report.edition or ""), **report.counts))
st.subheader(t("import_diff", lang))
st.code("\n".join(diff_lines(report.diff)), language=None, wrap_lines=True)

st.subheader(t("import_preview", lang))
for builder in (towns_tier_stack, themes_by_tier) if preview is not None else ():
    chart = builder(preview, lang, t("import_preview_caption", lang))
    st.plotly_chart(chart.figure, key=f"import_{builder.__name__}", width="stretch")

st.button(
    t("import_publish", lang, edition=report.edition or ""),
    type="primary",
    key="import_publish",
    on_click=importer.publish_now,
    args=(workbook, article),
)
