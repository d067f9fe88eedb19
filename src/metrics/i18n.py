"""Chinese-first interface text with English beside it; one table, one lookup."""

from __future__ import annotations

import re

LANGS = ("zh", "en")

TEXT: dict[str, tuple[str, str]] = {
    "app_title": ("百花 · 金山区社会建设创新项目", "Baihua · Jinshan social-construction projects"),
    "page_overview": ("总览", "Overview"),
    "page_towns": ("各镇对比", "Towns"),
    "page_themes": ("治理主题", "Themes"),
    "page_figures": ("覆盖·参与·经费", "Reach · participants · funding"),
    "page_projects": ("项目", "Projects"),
    "page_data": ("数据说明", "About the data"),
    # The sidebar's name for /figures: its title does not fit the sidebar in English.
    "nav_figures": ("覆盖·参与·经费", "Figures"),
    "source_label": ("来源", "Source"),
    "source": (
        "来源：金山区2018年社会建设创新项目巡礼",
        "Source: Jinshan District 2018 Social-Construction Innovation Projects Review",
    ),
    "filters": ("筛选", "Filters"),
    "filters_none": ("全部项目", "all projects"),
    "filter_town": ("镇（街道）", "Town"),
    "filter_tier": ("等级", "Tier"),
    "filter_theme": ("治理主题", "Theme"),
    "filter_level": ("实施单位层级", "Unit level"),
    # Editions (#12): the picker, the caption segment, the export column.
    "edition": ("版本", "Edition"),
    "editions": ("版本", "Editions"),
    "filter_edition": ("版本", "Edition"),
    "filter_edition_help": (
        "资料库中的各期数据，默认显示最新一期（{latest}）。可选多期；全部移除时恢复为最新一期。",
        "The library's editions; the latest ({latest}) is shown unless you choose others. "
        "Several can be chosen; removing them all brings back the latest.",
    ),
    "search": ("搜索（标题、单位、内容）", "Search (title, unit, text)"),
    # English examples that match English titles (the search also reads the Chinese texts).
    "search_placeholder": ("例如：志愿、河道、停车", "e.g. river, parking, petition"),
    "reset": ("重置筛选", "Reset filters"),
    "language": ("语言 / Language", "Language / 语言"),
    "empty": (
        "当前筛选下没有项目。请放宽或重置筛选。",
        "No project matches the current filters. Widen or reset them.",
    ),
    "empty_chart": (
        "此图在当前筛选下没有数据。",
        "No data for this chart under the current filters.",
    ),
    "cross_from": (
        "图表筛选（点击图表所选）：{field} = {value}",
        "Chart filter (chosen by a click on a chart): {field} = {value}",
    ),
    "clear_cross": ("取消图表筛选", "Clear chart filter"),
    "highlighted": ("突出显示", "Highlighted"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "data_error": (
        "数据文件有问题，仪表板无法加载。请修正以下问题后刷新页面：",
        "The data files have problems, so the dashboard cannot load them. "
        "Fix these and reload the page:",
    ),
    "editions_broken": (
        "有 {n} 处数据有问题，暂未显示：{names}。其余各期照常显示。",
        "{n} part(s) of the library have problems and are not shown: {names}. "
        "The other editions are shown as usual.",
    ),
    "editions_broken_list": ("问题清单", "The problems"),
    "projects": ("项目", "projects"),
    "count_axis": ("项目数（个）", "Projects (count)"),
    "town": ("镇（街道）", "Town"),
    "tier": ("等级", "Tier"),
    "theme": ("主题", "Theme"),
    "unit": ("单位", "Unit"),
    "value": ("数值", "Value"),
    "label": ("指标", "Measure"),
    "category": ("类别", "Category"),
    "project": ("项目", "Project"),
    "qualifier": ("限定", "Qualifier"),
    "quote": ("原文", "Quote"),
    "at_least_note": (
        "≥ 表示原文为“余”或“多”，即至少该数",
        '≥ means the article says "more than": at least',
    ),
    "missing": ("未披露", "not disclosed"),
    # On a chart that highlights a town it has no mark for (#21).
    "chart_missing_towns": ("{names}：未披露", "{names}: not disclosed"),
    "kpi_projects": ("项目数", "Projects"),
    "kpi_towns": ("覆盖镇（街道）", "Towns covered"),
    "kpi_towns_help": (
        "不含区级部门：另有区级部门的 {n} 个项目。",
        "Not counting district-level bodies, with {n} projects besides.",
    ),
    "kpi_people": ("参与人数（已披露）", "People taking part (disclosed)"),
    "kpi_funding": ("已披露经费", "Disclosed funding"),
    "kpi_people_help": (
        "{n} 个项目披露了以“名”计的参与人数；其余未披露，不计为零。",
        "{n} projects state how many people take part; the rest do not say, "
        "and are not counted as zero.",
    ),
    "kpi_funding_help": (
        "{n} 个项目给出金额；{m} 个提到经费但未给金额。",
        "{n} projects give an amount; {m} mention funding without one.",
    ),
    "unknown_value": (
        "没有“{value}”这个{what}，{shown}。",
        "There is no {what} “{value}”: {shown}.",
    ),
    "unknown_all_shown": ("已显示全部项目", "all projects are shown"),
    "unknown_latest_shown": ("已显示最新一期", "the latest edition is shown"),
    "unknown_kept": ("已忽略这一项", "it was left out"),
    "unknown_param": ("链接参数", "link value"),
    "unknown_did_you_mean": ("您是否要找 [{name}]({link})？", " Did you mean [{name}]({link})?"),
    "download": ("下载", "Download"),
    "download_png": ("PNG", "PNG"),
    "download_svg": ("SVG", "SVG"),
    "download_csv": ("CSV", "CSV"),
    "download_xlsx": ("Excel", "Excel"),
    "all": ("全部", "All"),
    "export_all": ("导出本页全部图表", "Export every chart on this page"),
    "prepare_zip": ("准备 ZIP（图片+数据）", "Prepare ZIP (images + data)"),
    "download_zip": ("下载 ZIP", "Download ZIP"),
    "prepare_pptx": ("准备汇报幻灯片（PPTX）", "Prepare briefing deck (PPTX)"),
    "download_pptx": ("下载 PPTX", "Download PPTX"),
    "headline": ("核心数字", "Headline numbers"),
    "note": ("说明", "Note"),
    "article": ("原文标题", "Article"),
    "date": ("日期", "Date"),
    "files": ("文件", "Files"),
    "missing_note": (
        "“未披露”表示原文没有给出该数字，不计为零。",
        "“not disclosed” means the article gives no such figure; it is not counted as zero.",
    ),
    "project_list": ("项目清单", "Projects"),
    "project_id": ("编号", "ID"),
    "export_unavailable": ("图片导出不可用：{reason}", "Image export is unavailable: {reason}"),
    "log_scale": ("对数坐标", "Log scale"),
    "choose_unit": ("计量单位", "Unit of measure"),
    "choose_measure": ("着色指标", "Colour by"),
    "choose_category": ("类别", "Categories"),
    "funding_status": ("经费披露情况", "Funding disclosure"),
    "status_amount": ("给出金额", "Amount given"),
    "status_mentioned": ("提到经费但无金额", "Funding mentioned, no amount"),
    "status_none": ("未提及经费", "Not mentioned"),
    "detail_back": ("返回项目列表", "Back to the list"),
    "detail_unit": ("实施单位", "Implementing unit"),
    "detail_tier_basis": ("等级依据", "Tier basis"),
    "detail_description": ("项目介绍", "Description"),
    "detail_review": ("专家点评", "Expert review"),
    "detail_figures": ("数字及原文", "Figures and their quotes"),
    "detail_themes": ("主题及依据", "Themes and evidence"),
    "no_review": ("（无专家点评）", "(no expert review)"),
    "n_results": ("共 {n} 个项目", "{n} projects"),
    "open_detail": ("查看详情", "Details"),
    # --- /compare 历年对比 and `baihua export --edition` (issue #12) ---
    "page_compare": ("历年对比", "Year-on-year"),
    "status": ("状态", "Status"),
    "reported": ("已报告", "reported"),
    "not_reported": ("未报告", "not reported"),
    "compare_one_edition": (
        "目前只有一期数据（{edition}），无从对比：把另一年的数据包放进数据文件夹的一个子文件夹"
        "即可添加一期，步骤见“数据说明”页。",
        "There is only one edition ({edition}), so there is nothing to compare: add another "
        "year by putting its data package in a sub-folder of the data folder, as About the "
        "data explains.",
    ),
    "compare_covers": ("对比：{names}", "Comparing: {names}"),
    "compare_projects_disclosing": ("披露的项目数（个）", "Projects disclosing (count)"),
    "compare_new_towns": ("首次有项目的镇（街道）", "Towns with their first project"),
    "compare_new_themes": ("首次出现的治理主题", "Themes seen for the first time"),
    "compare_first": ("首次", "first"),
    "compare_first_in": ("首次出现于", "First in"),
    "compare_theme_not_listed": (
        "未报告：这一期的主题表中没有所选主题",
        "not reported: this edition does not list the chosen theme",
    ),
    "compare_new_note": (
        "“首次”与同一地区更早的各期相比；一个地区的第一期（{names}）没有更早的一期可比，不列入。",
        "“First” is against the same district's earlier editions; a district's first edition "
        "({names}) has none, so it is not listed.",
    ),
    "compare_nothing_new": (
        "所对比的各期中没有首次出现的{what}。",
        "No {what} appears for the first time in the editions compared.",
    ),
    # --- /import and sign-in ------------------------------------------------------------------
    "page_import": ("导入新一期", "Import an edition"),
    "sign_in": ("登录", "Sign in"),
    "sign_out": ("退出登录", "Sign out"),
    "signed_in_as": ("已登录：{user}", "Signed in as {user}"),
    "import_refused": (
        "只有编辑人员可以导入和发布数据。请用编辑账号登录。",
        "Only editors can import and publish data. Sign in with an editor's account.",
    ),
    "import_no_library": (
        "当前数据目录是单个数据包，不是资料库，无法添加新一期。请将 BAIHUA_DATA 指向资料库目录。",
        "The data folder is a single package, not a library, so no edition can be added. "
        "Point BAIHUA_DATA at a library folder.",
    ),
    "import_intro": (
        "上传按模板填写的工作簿（`baihua template` 或“数据说明”页可下载模板），以及它引用的原文"
        "（.txt 或 .docx；更正已发布的一期时可不传）。先校验、对比，确认后再发布。",
        "Upload a workbook filled in from the template (`baihua template`, or the download on "
        "About the data) and the article it quotes (.txt or .docx; not needed to correct an "
        "edition already published). It is checked and compared first; you publish after.",
    ),
    "import_workbook": ("工作簿（.xlsx）", "Workbook (.xlsx)"),
    "template_download": ("下载数据填报模板（Excel）", "Download the Excel template"),
    "template_file": ("百花数据填报模板.xlsx", "baihua-template.xlsx"),
    "import_article": ("原文（.txt 或 .docx，可选）", "Article (.txt or .docx, optional)"),
    "import_problems": (
        "发现 {n} 个问题，未发布任何内容。请在工作簿中修正后重新上传：",
        "{n} problem(s) found; nothing was published. Fix them in the workbook and upload it "
        "again:",
    ),
    "import_valid": (
        "校验通过：{edition}，{projects} 个项目、{figures} 个数字、{project_themes} 条主题关联。",
        "Valid: {edition}, {projects} projects, {figures} figures, {project_themes} theme links.",
    ),
    "import_diff": ("与现有版本对比", "Compared with the current edition"),
    "import_preview": ("预览", "Preview"),
    "import_preview_caption": ("预览：尚未发布", "Preview: not published yet"),
    "import_publish": ("发布 {edition}", "Publish {edition}"),
    "import_failed": (
        "发布没有完成。下面说明了资料库里改动了什么、没改动什么。",
        "Publishing did not finish. Below is what was and was not changed in the library.",
    ),
    "import_done": (
        "已发布 {edition}。各页面下次加载时即显示新数据。",
        "Published {edition}. Every page shows it from its next load.",
    ),
    # --- /town 本镇概况 (#14) ------------------------------------------------------------------
    "page_town": ("本镇概况", "Town profile"),
    "town_pick": ("选择镇（街道）", "Choose the town"),
    "town_pick_placeholder": ("请选择", "Choose one"),
    "town_choose": (
        "请选择一个镇（街道）或“区级”，查看它的项目、它缺少的主题和可借鉴的项目。",
        "Choose a town (or District level) to see its projects, the themes it lacks and the "
        "projects to learn from.",
    ),
    "town_scope": (
        "概况按所选版本统计，与全区比较；等级、主题等其他筛选不影响概况。",
        "A profile counts the chosen editions and compares with the whole district; the other "
        "filters (tier, theme, …) do not change it.",
    ),
    "town_kpi_projects": ("项目数", "Projects"),
    "town_kpi_share": ("占全区", "District share"),
    "town_kpi_share_help": ("{n} / {total} 个项目", "{n} of {total} projects"),
    "town_kpi_tier_help": ("本镇项目数 / 全区项目数", "This town's projects / the district's"),
    # 区级 is the district's own agencies, not a town: its profile says 区级部门 (_district keys).
    "town_kpi_tier_help_district": (
        "区级部门项目数 / 全区项目数",
        "The district agencies' projects / the district's",
    ),
    "page_town_district": ("区级部门概况", "District agencies' profile"),
    "town_kpi_figures": ("披露的数字", "Figures disclosed"),
    "town_projects": ("本镇项目", "Its projects"),
    "town_projects_district": ("区级部门项目", "The district agencies' projects"),
    "town_no_projects": (
        "所选版本中没有本镇（街道）的项目。",
        "No project of this town in the chosen editions.",
    ),
    "town_no_projects_district": (
        "所选版本中没有区级部门的项目。",
        "No project of the district agencies in the chosen editions.",
    ),
    "town_figures": ("披露的数字", "Figures it disclosed"),
    "town_figures_note": (
        "按原文列出；单位不同的数字不相加。",
        "As the article gives them; figures in different units are never added.",
    ),
    "town_no_figures": (
        "未披露：本镇项目的原文未给出数字。",
        "Not reported: its projects' texts give no figures.",
    ),
    "town_no_figures_district": (
        "未披露：区级部门项目的原文未给出数字。",
        "Not reported: the district agencies' project texts give no figures.",
    ),
    "town_themes": ("治理主题：本镇与全区", "Themes: this town and the district"),
    "town_themes_district": (
        "治理主题：区级部门与全区",
        "Themes: the district agencies and the district",
    ),
    # Short: the title must fit a phone's width (390 px) on one line.
    "town_chart_title": ("{town}与全区：各主题项目数", "Themes: {town} vs the district"),
    "town_series_district": ("全区", "Whole district"),
    "town_gaps": ("其他镇有、本镇还没有的主题", "Themes other towns have and this one does not"),
    "town_gaps_district": (
        "各镇有、区级部门还没有的主题",
        "Themes the towns have and the district agencies do not",
    ),
    "town_gaps_intro": (
        "{n} 个主题，按其他镇有该主题的项目数排列；以下是前 {top} 个，各列最多 {k} 个可借鉴的"
        "项目：与本镇项目等级、单位层级相同的在先，再是披露了数字的；同一项目只列一次。",
        "{n} themes, ranked by projects elsewhere; the top {top}, each with up to {k} projects "
        "to learn from: this town's tier and unit level first, then those with figures; none "
        "listed twice.",
    ),
    "town_gaps_intro_district": (
        "{n} 个主题，按各镇有该主题的项目数排列；以下是前 {top} 个，各列最多 {k} 个可借鉴的"
        "项目：与区级部门项目等级、单位层级相同的在先，再是披露了数字的；同一项目只列一次。",
        "{n} themes, ranked by projects in the towns; the top {top}, each with up to {k} "
        "projects to learn from: the district agencies' tier and unit level first, then those "
        "with figures; none listed twice.",
    ),
    "town_gaps_more": ("全部主题：另外 {n} 个", "All gaps: {n} more"),
    "town_gaps_rest": (
        "其余 {n} 个主题（括号内为其他镇的项目数）：{themes}。可借鉴的项目见网页“本镇概况”。",
        "The other {n} (projects elsewhere): {themes}. Their projects are on the Town profile "
        "page.",
    ),
    "town_gap_listed": ("相关项目已列在上面：{items}", "Its projects are listed above: {items}"),
    "town_gaps_none": (
        "其他镇（街道）的主题，本镇都有。",
        "This town has every theme the others have.",
    ),
    "town_gaps_none_district": (
        "各镇（街道）的主题，区级部门都有。",
        "The district agencies have every theme the towns have.",
    ),
    "town_gap_heading": ("{theme}（其他镇 {n} 个项目）", "{theme} ({n} projects elsewhere)"),
    "town_similar": ("各项目在其他镇的相似项目", "Similar projects elsewhere"),
    "town_similar_note": (
        "文字相似度（jieba 分词、TF-IDF 余弦）达到 {score}，且有共同主题或至少 {words} 个共同词语；"
        "每个项目最多 {k} 个。",
        "Texts alike by {score}+ (jieba, TF-IDF cosine), with a shared theme or {words}+ "
        "shared words; up to {k} each.",
    ),
    "town_similar_of": ("相似项目：{title}", "Similar to: {title}"),
    "town_similar_mine": ("项目", "Project"),
    "town_similar_other": ("其他镇的相近项目", "Close match elsewhere"),
    "town_similar_reason": ("共同主题：{themes}", "Shared themes: {themes}"),
    # English readers get no list: the words are the Chinese descriptions' own.
    "town_similar_words": (
        "无共同主题；相近词语：{words}",
        "No shared theme; the Chinese descriptions use similar words",
    ),
    "town_similar_none": (
        "其他镇没有足够相近的项目。",
        "No close match was found in the other towns.",
    ),
    "town_score": ("相似度", "Similarity"),
    "town_editions": ("各期项目数", "Projects per edition"),
    "town_where": ("镇（街道） · 等级", "Town · tier"),
    "town_reason_short": ("共同主题（或理由）", "Shared themes (or why)"),
    # English singulars of the two counts above.
    "town_gap_heading_one": ("{theme}（其他镇 {n} 个项目）", "{theme} ({n} project elsewhere)"),
    # The same in a table cell of the briefing, on two lines: the theme column stays narrow.
    "town_gap_cell": ("{theme}\n其他镇 {n} 个项目", "{theme}\n{n} projects elsewhere"),
    "town_gap_cell_one": ("{theme}\n其他镇 {n} 个项目", "{theme}\n{n} project elsewhere"),
    "town_gaps_intro_one": (
        "{n} 个主题；其下列出最多 {k} 个可借鉴的项目：与本镇项目等级、单位层级相同的在先，"
        "再是披露了数字的。",
        "{n} theme; under it, up to {k} projects to learn from: those of this town's tier and "
        "unit level first, then those that disclosed figures.",
    ),
    "town_gaps_intro_one_district": (
        "{n} 个主题；其下列出最多 {k} 个可借鉴的项目：与区级部门项目等级、单位层级相同的在先，"
        "再是披露了数字的。",
        "{n} theme; under it, up to {k} projects to learn from: those of the district agencies' "
        "tier and unit level first, then those that disclosed figures.",
    ),
    # The town themes chart's summary (its accessible name and the line under it).
    "town_summary_themes": (
        "{town}的项目涉及{n}（全区共{total}）。",
        "{town}'s projects cover {n} (the district's: {total}).",
    ),
    "town_summary_most": ("最多的是{most}。", "The most: {most}."),
    "town_summary_gaps": ("没有的{n}：{names}。", "None in {n}: {names}."),
    # --- a summary of every chart, its accessible name (#14, "Words for every chart") ---
    "summary_n_project": ("{n}个项目", "{n} project"),
    "summary_n_projects": ("{n}个项目", "{n} projects"),
    "summary_n_town": ("{n}个镇（街道）", "{n} town"),
    "summary_n_towns": ("{n}个镇（街道）", "{n} towns"),
    "summary_n_theme": ("{n}个主题", "{n} theme"),
    "summary_n_themes": ("{n}个主题", "{n} themes"),
    "summary_n_figure": ("{n}个数字", "{n} figure"),
    "summary_n_figures": ("{n}个数字", "{n} figures"),
    "summary_n_pair": ("{n}个组合", "{n} pair"),
    "summary_n_pairs": ("{n}个组合", "{n} pairs"),
    "summary_named": ("{names}（{value}）", "{names} ({value})"),
    "summary_named_each": ("{names}（各{value}）", "{names} ({value} each)"),
    "summary_most": ("最多的是{most}，最少的是{least}。", "The most: {most}; the fewest: {least}."),
    "summary_largest": (
        "最大的是{most}，最小的是{least}。",
        "The largest: {most}; the smallest: {least}.",
    ),
    "summary_only": ("只有{named}。", "Only {named}."),
    "summary_same": ("{names}各{value}。", "{names}: {value} each."),
    "summary_spread": ("共{projects}，分布在{towns}：{tiers}。", "{projects} in {towns}: {tiers}."),
    "summary_tier_count": ("{tier}{n}个", "{n} {tier}"),
    "summary_in_towns": ("共{what}，分布在{towns}。", "{what} in {towns}."),
    "summary_towns_and_district": ("{towns}和区级部门", "{towns} and district agencies"),
    "summary_district_only": ("区级部门", "district agencies"),
    "summary_no_project_towns": ("{towns}没有项目。", "No project in {towns}."),
    "summary_no_figure_towns": ("{towns}没有披露数字。", "No figure disclosed in {towns}."),
    "summary_town_total": (
        "以“{unit}”计的{category}数字合计{total}，来自{towns}。",
        "{category} figures in {unit}: {total} in all, from {towns}.",
    ),
    "summary_none_disclosed": (
        "{towns}均未披露以“{unit}”计的{category}数字。",
        "None of {towns} discloses {category} figures in {unit}.",
    ),
    "summary_not_disclosed_towns": ("其余{towns}未披露。", "Not disclosed by the other {towns}."),
    "summary_highlight_share": (
        "突出显示的{names}：{part}（共{total}）。",
        "Highlighted, {names}: {part} (of {total}).",
    ),
    "summary_highlight": ("突出显示：{items}。", "Highlighted: {items}."),
    "summary_unit_figures": (
        "以“{unit}”计的{figures}，来自{projects}。",
        "{figures} in {unit}, from {projects}.",
    ),
    "summary_unit_none": (
        "其余{projects}没有以该单位计的数字。",
        "The other {projects}: no figure in this unit.",
    ),
    "summary_amounts": (
        "{projects}给出经费金额，合计{total}。",
        "Funding amounts from {projects}: {total} in all.",
    ),
    "summary_amounts_none": (
        "其余{projects}未披露金额。",
        "The other {projects}: no amount disclosed.",
    ),
    "summary_funding": (
        "{total}中，{amount}个给出经费金额，{mentioned}个提到经费但未给金额，{none}个未提及经费。",
        "Of {total}: {amount} with an amount of funding, {mentioned} mentioning funding without "
        "an amount, {none} not mentioning funding.",
    ),
    "summary_themes": (
        "{projects}共涉及{themes}（一个项目可有多个主题）。",
        "Themes of {projects}: {themes} (a project can have several).",
    ),
    "summary_no_project_themes": ("{themes}没有项目。", "No project under {themes}."),
    "summary_cells": (
        "有项目的镇×主题组合：{cells}；最多的是{most}。",
        "Town–theme pairs with projects: {cells}; the most: {most}.",
    ),
    "summary_pairs": (
        "同时出现在一个项目中的主题组合：{pairs}；最常同时出现的是{most}。",
        "Theme pairs sharing a project: {pairs}; most often together: {most}.",
    ),
    "summary_no_pairs": ("没有两个主题同时出现在一个项目中。", "No two themes share a project."),
    "summary_with_themes": ("与{themes}同时出现", "with {themes}"),
    "summary_edition_projects": (
        "{edition}：{projects}，{towns}",
        "{edition}: {projects} in {towns}",
    ),
    "summary_edition_top": ("{edition}最多的是{most}", "{edition}, the most: {most}"),
    "summary_row": ("{row}：{values}。", "{row}: {values}."),
    "summary_not_reported": ("未报告的格子：{n}个。", "Cells not reported: {n}."),
    "summary_new": ("首次出现：{items}。", "First seen: {items}."),
    "summary_new_item": ("{name}（{edition}，{projects}）", "{name} ({edition}, {projects})"),
    # The Word briefing (export/docx.py, #14).
    "prepare_docx": ("准备 Word 简报（DOCX）", "Prepare Word briefing (DOCX)"),
    "download_docx": ("下载 DOCX", "Download DOCX"),
    "doc_summary": ("摘要", "Summary"),
    "doc_charts": ("图表", "Charts"),
    "doc_figure": ("图 {n}", "Figure {n}"),
}

TIERS = {
    "innovation": ("十大创新项目", "Top-10 innovation"),
    "excellent": ("十大优秀项目", "Top-10 excellent"),
}
LEVELS = {
    "district_agency": ("区级部门", "District agency"),
    "town_office": ("镇（街道）机构", "Town office"),
    "neighbourhood": ("居民区", "Neighbourhood"),
    "village": ("村", "Village"),
}
CATEGORIES = {
    "reach": ("覆盖", "Reach"),
    "participants": ("参与", "Participants"),
    "funding": ("经费", "Funding"),
    "activity": ("活动", "Activity"),
    "profile": ("概况", "Profile"),
}
# English for the units as written. Where the unit is itself the data (tables, unit pickers,
# axis titles) unit_label keeps the Chinese in brackets; after a number in running text
# unit_word gives the English alone ("≥30 people").
UNITS_EN = {
    "人次": "person-visits", "名": "people", "人": "people", "个": "items", "家": "organisations",
    "条": "rivers", "公里": "km", "元": "yuan", "户": "households", "件": "cases",
    "次": "times", "节": "lessons", "支": "teams", "标段": "sections", "岁": "years of age",
    "周岁": "years of age", "届": "rounds", "级": "tiers", "方": "parties", "方面": "areas",
}  # fmt: skip


def norm_lang(lang: str | None) -> str:
    return lang if lang in LANGS else "zh"


def t(key: str, lang: str, **values) -> str:
    zh, en = TEXT[key]
    if lang != "en":
        return zh.format(**values) if values else zh
    return singular_one(en.format(**values)) if values else en


# English templates say "{n} projects"; with n = 1 that reads "1 projects" (#21). A count of
# exactly one (not 11, not 0.1) takes the singular noun.
_ONE_PLURAL = re.compile(r"(?<![\d.,])\b1 (project|town|theme|figure|edition|unit|gap)s\b")


def singular_one(text: str) -> str:
    return _ONE_PLURAL.sub(r"1 \1", text)


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def tier_label(tier: str, lang: str) -> str:
    return pick(TIERS[tier], lang) if tier in TIERS else tier


def level_label(level: str, lang: str) -> str:
    return pick(LEVELS[level], lang) if level in LEVELS else level


def category_label(category: str, lang: str) -> str:
    return pick(CATEGORIES[category], lang) if category in CATEGORIES else category


def unit_label(unit: str, lang: str) -> str:
    """A unit where it is itself the data (tables, unit pickers): "people (名)" in English."""
    if lang == "en":
        return f"{UNITS_EN[unit]} ({unit})" if unit in UNITS_EN else unit
    return unit


# One of a unit, in English: "1 person", not "1 people".
UNITS_EN_ONE = {
    "people": "person", "person-visits": "person-visit", "items": "item",
    "organisations": "organisation", "rivers": "river", "households": "household",
    "cases": "case", "times": "time", "lessons": "lesson", "teams": "team",
    "sections": "section", "rounds": "round", "tiers": "tier", "parties": "party",
    "areas": "area",
}  # fmt: skip


def unit_word(unit: str, lang: str, value: float | None = None) -> str:
    """A unit after a number in running text: "≥30 people" in English, "≥30 名" in Chinese."""
    if lang != "en":
        return unit
    word = UNITS_EN.get(unit, unit)
    return UNITS_EN_ONE.get(word, word) if value == 1 else word


def join_names(names, lang: str) -> str:
    """A list of names: 党建引领、志愿服务 in Chinese, "Party-building, Volunteering" in English."""
    return (", " if lang == "en" else "、").join(names)


def colon(lang: str) -> str:
    """The colon after a bold label: full-width in Chinese, ": " in English."""
    return ": " if lang == "en" else "："
