"""/data 数据说明: what the data is, its source, the tier note, themes, and the tables."""

import streamlit as st

from baihua_ui import page
from metrics.safe_text import md_escape

ctx = page.setup("data", "page_data")
if ctx is None:
    st.stop()
lang = ctx.lang

ABOUT = {
    "zh": """
**来源**：《一枝独秀不是春 百花齐放春满园——金山区2018年社会建设创新项目巡礼》。原文逐字保存在
`data/raw/`，每个数字都在 `figures.csv` 中附有原文句子，可逐条核对。

**数字**：共 {figures} 个数字，来自 {with_figures} 个项目；其余项目原文未给出数字（显示为“未披露”，不计为零）。
“余”“多”记为“至少”（图中显示 ≥）。97万元记为 970000 元。

**等级说明**：原文两个标题各称“十大”，但“十大创新项目”标题下只印了 4 个项目，“十大优秀项目”下印了 16 个。
恰有 10 个项目带专家点评，且有点评与无点评的项目两两交替出现，像是双栏版面被压成了单栏文字。
因此本数据把 **有专家点评的 10 个项目记为“创新项目”，其余 10 个记为“优秀项目”**（`tier` 列），
同时在 `printed_section` 列保留原文印刷位置。另一种解读是以印刷位置为准（4 个创新、16 个优秀）。
如您掌握正式名单，只需修改 `data/curation/projects.csv` 的 `tier` 一列后重新生成。
""",
    "en": """
**Source**: "一枝独秀不是春 百花齐放春满园 — Jinshan District 2018 social-construction innovation
projects review". The article is kept byte for byte in `data/raw/`; every number in
`figures.csv` carries its sentence from the article, so each can be checked.

**Figures**: {figures} figures from {with_figures} projects; the other projects give no numbers
(shown as "not disclosed", never as zero). 余/多 ("more than") is recorded as *at least* (≥ in
charts). 97万元 is stored as 970,000 yuan.

**The tier question**: both headings promise "ten", but only 4 projects are printed under the
innovation heading and 16 under the excellent one. Exactly 10 projects carry an expert review,
and reviewed and unreviewed projects alternate in pairs, as if a two-column layout had been
flattened into text. So **the 10 reviewed projects are recorded as innovation and the other 10
as excellent** (column `tier`), while `printed_section` keeps where each was printed. The
alternative reading takes the printed position (4 innovation, 16 excellent). If you hold the
official list, change the one column `tier` in `data/curation/projects.csv` and rebuild.
""",
}

figs = ctx.full.figures
st.markdown(ABOUT[lang].format(figures=len(figs), with_figures=figs["project_id"].nunique()))

st.subheader("治理主题定义" if lang != "en" else "Theme definitions", anchor=False)
themes = ctx.full.themes
cols = (
    ["theme_id", "name_en", "definition_en"]
    if lang == "en"
    else ["theme_id", "name_zh", "definition_zh"]
)
st.dataframe(themes[cols], hide_index=True, width="stretch")

st.subheader("表格" if lang != "en" else "Tables", anchor=False)
tables = {
    "projects.csv": ctx.ds.projects,
    "figures.csv": ctx.ds.figures,
    "project_themes.csv": ctx.ds.project_themes,
    "towns.csv": ctx.full.towns,
    "funding_mentions.csv": ctx.ds.funding_mentions,
}
name = st.selectbox("表格" if lang != "en" else "Table", list(tables), key="data_table")
st.dataframe(tables[name], hide_index=True, width="stretch")
st.caption(md_escape(ctx.caption()))
