"""/data 数据说明: what the data is, where it comes from, how the tiers were read, what is
missing, readable tables; file and column names only in the part for data stewards."""

import streamlit as st

from baihua_ui import data, page
from metrics.analysis import about, editions
from metrics.i18n import colon, join_names, pick, t
from metrics.safe_text import md_escape

ctx = page.setup("data", "page_data")
if ctx is None:
    st.stop()
lang = ctx.lang
full = ctx.full
# The explanation describes the editions shown, whole: the other filters narrow the tables only.
shown = about.shown(full, ctx.filters.editions)
c = about.coverage(shown)
n_themes = len(full.themes)
# One project a line, under the point that counts them.
no_figures = "".join(
    f"\n    - {md_escape(title)}" for title in about.project_titles(shown, c["no_figures"], lang)
)
reviews = about.review_titles(shown, lang)
sources = about.sources(shown)
moved = join_names(c["moved"], lang)
innovation, excellent = c["printed"]["innovation"], c["printed"]["excellent"]
others = c["projects"] - c["reviewed"]


def projects_en(n: int) -> str:
    return f"{n} project" if n == 1 else f"{n} projects"


def source_en(title: str) -> str:
    # The bundled article's English title is ours, not the data's: it is added where known.
    if title == about.ARTICLE_ZH:
        return f"*{md_escape(about.ARTICLE_EN)}* ({md_escape(title)})"
    return f"*{md_escape(title)}*"


def origin_en() -> str:
    if len(sources) == 1:
        kind, title = sources[0]
        return f"one published {kind}, {source_en(title)}"
    each = "; ".join(f"the {kind} {source_en(title)}" for kind, title in sources)
    return f"{len(sources)} published sources: {each}"


if lang == "en":
    titles = "; ".join(f"*{md_escape(title)}*" for title in reviews)
    st.markdown(
        f"**What this is**: the {c['projects']} projects presented in {titles} — for each "
        "project its title, implementing unit, town, tier, the article's description and the "
        f"expert review where there is one — with the {c['figures']} figures the article gives "
        f"and {n_themes} governance themes assigned to the projects.\n\n"
        f"**Where it comes from**: {origin_en()}. Its text is kept unchanged, and every figure "
        "carries the sentence it comes from, so each can be checked on the project's page."
    )
else:
    kinds = {"article": "一文", "spreadsheet": "表格"}
    origin = "、".join(f"《{md_escape(title)}》{kinds.get(kind, '')}" for kind, title in sources)
    # Chinese paragraphs are single lines: Markdown would turn a line break into a space.
    st.markdown(
        f"**这是什么**：{md_escape('、'.join(reviews))}介绍的 {c['projects']} 个项目，"
        "包括每个项目的名称、实施单位、所在镇（街道）、等级、原文介绍和专家点评（如有），"
        f"原文给出的 {c['figures']} 个数字，以及归纳出的 {n_themes} 个治理主题。\n\n"
        f"**来源**：{origin}。原文全文保存、不作改动；"
        "每个数字都附有它所在的原文句子，可在“项目”页逐条核对。"
    )

st.subheader("版本" if lang != "en" else "Editions", anchor=False)
items = about.edition_items(full, ctx.filters.editions, lang)
chosen = md_escape(editions.describe(full, ctx.filters.editions, lang))
if lang == "en":
    held = "1 edition" if len(items) == 1 else f"{len(items)} editions, oldest first"
    intro = f"This page shows **{chosen}**. The library holds {held}:"
else:
    intro = f"本页显示：**{chosen}**。资料库共有 {len(items)} 期" + (
        "，从早到晚：" if len(items) > 1 else "："
    )
sep = colon(lang)
st.markdown(
    intro + "".join(f"\n- **{md_escape(label)}**{sep}{md_escape(text)}" for label, text in items)
)

st.subheader("等级怎么读" if lang != "en" else "How the tiers were read", anchor=False)
if lang == "en":
    st.markdown(
        f'Both headings promise "ten", but only {innovation} projects are printed under the '
        f"innovation heading and {excellent} under the excellent one. Exactly {c['reviewed']} "
        "projects carry an expert review, and reviewed and unreviewed projects alternate in "
        "pairs, as if a two-column layout had been flattened into text. "
        f"So **the {c['reviewed']} reviewed projects are recorded as innovation and the other "
        f"{others} as excellent**; where each project was printed is kept too. The alternative "
        f"reading takes the printed position ({innovation} innovation, {excellent} excellent); "
        f"the two readings differ for {projects_en(len(c['moved']))}: {moved}. If you hold the "
        "official list, please pass it to the data stewards (see the end of this page)."
    )
else:
    st.markdown(
        f"原文两个标题各称“十大”，但“十大创新项目”标题下只印了 {innovation} 个项目，"
        f"“十大优秀项目”下印了 {excellent} 个。恰有 {c['reviewed']} 个项目带专家点评，"
        "且有点评与无点评的项目两两交替出现，像是双栏版面被压成了单栏文字。"
        f"因此本数据把**有专家点评的 {c['reviewed']} 个项目记为“创新项目”，"
        f"其余 {others} 个记为“优秀项目”**，同时保留每个项目在原文中的印刷位置。"
        f"另一种解读是以印刷位置为准（{innovation} 个创新、{excellent} 个优秀）；"
        f"两种读法下等级不同的项目有 {len(c['moved'])} 个：{moved}。"
        "如您掌握正式名单，请交给数据维护人员更正（见本页末尾）。"
    )

st.subheader("缺了什么" if lang != "en" else "What is missing", anchor=False)
funding = c["funding"]
if lang == "en":
    st.markdown(
        f"- **Projects without figures**: the article gives no number for "
        f"{len(c['no_figures'])} of the {c['projects']} projects; charts show them as "
        f'"not disclosed", never as zero:{no_figures}\n'
        f"- **Funding**: an amount is given by {projects_en(funding['amount'])}; funding is "
        f"mentioned without an amount by {projects_en(funding['mentioned'])}, and not at all "
        f"by {projects_en(funding['none'])}.\n"
        '- **"More than"**: where the article says "more than" a number, the figure is recorded '
        "as *at least* that number (≥ in the charts). Amounts given in ten thousands of yuan "
        "are stored in yuan."
    )
else:
    st.markdown(
        f"- **没有数字的项目**：{c['projects']} 个项目中有 {len(c['no_figures'])} 个"
        f"原文未给出任何数字，图表中显示为“未披露”，不计为零：{no_figures}\n"
        f"- **经费**：{funding['amount']} 个项目给出金额，{funding['mentioned']} 个提到经费"
        f"但未给金额，{funding['none']} 个未提及经费。\n"
        "- **“余”“多”**：原文写“余”或“多”的数字记为“至少”该数（图中显示 ≥）。"
        "以“万元”计的金额换算为元。"
    )

st.subheader("治理主题定义" if lang != "en" else "Theme definitions", anchor=False)
st.dataframe(about.theme_table(full, lang), hide_index=True, width="stretch")

st.subheader("表格" if lang != "en" else "Tables", anchor=False)
TABLES = {
    "projects": (("项目一览", "Projects"), about.project_table),
    "figures": (("数字及原文", "Figures and their quotes"), about.figure_table),
}
chosen = st.segmented_control(
    "表格" if lang != "en" else "Table",
    list(TABLES),
    default="projects",
    key="data_view",
    format_func=lambda key: pick(TABLES[key][0], lang),
    label_visibility="collapsed",
)
_, build = TABLES[chosen or "projects"]
st.dataframe(build(ctx.ds, lang), hide_index=True, width="stretch")
st.caption(md_escape(ctx.caption()))

with st.expander("给数据维护人员" if lang != "en" else "For data stewards"):
    if lang == "en":
        st.markdown(
            """
The data is a library (`data/`) with one folder of CSV files per edition
(`data/jinshan-2018/`), each checked against its article in `raw/` on every run of the tests.
The tier reading above is the column `tier` of `data/jinshan-2018/curation/projects.csv`
(`printed_section` keeps the printed position); to apply an official list, change that column
and rebuild:

```
baihua extract data/jinshan-2018/raw/jinshan-2018-social-construction-projects.txt \
    --out data/jinshan-2018 --curation data/jinshan-2018/curation
baihua check data
```

A new edition is a new sub-folder of `data/` (its name is the links' `edition=`) whose
`datapackage.json` declares, under `edition`, its district, year, title, source and publication
date; run `baihua check data` after adding it. `data/README.md` describes every rule of the
extraction, and how to add an edition step by step.
"""
        )
    else:
        st.markdown(
            """
数据是一个资料库（`data/` 目录），每一期一个 CSV 文件夹（如 `data/jinshan-2018/`），\
每次运行测试都会与该期 `raw/` 中的原文核对。\
上文的等级解读即 `data/jinshan-2018/curation/projects.csv` 的 `tier` 列（`printed_section` 列保留印刷位置）；\
如需按正式名单更正，修改该列后重新生成：

```
baihua extract data/jinshan-2018/raw/jinshan-2018-social-construction-projects.txt \
    --out data/jinshan-2018 --curation data/jinshan-2018/curation
baihua check data
```

新增一期即在 `data/` 下新建一个子文件夹（文件夹名即链接中的 `edition=`），\
在其 `datapackage.json` 的 `edition` 中写明区、年份、标题、来源和发布日期，然后运行 `baihua check data`。\
提取的全部规则及添加新一期的步骤，见 `data/README.md`。
"""
        )
    st.download_button(
        t("template_download", lang),
        data=data.template_bytes,  # built on click only: a workbook takes ~0.1 s to write
        file_name=t("template_file", lang),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="template_download",
        # A rerun on click would register a new deferred id and could drop the one the
        # browser is asking for, so the download sometimes never came (CI, stop 19).
        on_click="ignore",
        icon=":material/table_view:",
    )
    st.dataframe(about.steward_table(lang), hide_index=True, width="stretch")
    tables = {
        "projects.csv": ctx.ds.projects,
        "figures.csv": ctx.ds.figures,
        "project_themes.csv": ctx.ds.project_themes,
        "themes.csv": full.themes,
        "towns.csv": full.towns,
        "funding_mentions.csv": ctx.ds.funding_mentions,
    }
    name = st.selectbox(
        "文件（按当前筛选）" if lang != "en" else "File (with the current filters)",
        list(tables),
        key="data_table",
    )
    st.dataframe(tables[name], hide_index=True, width="stretch")
