"""What /data tells officials about the data: what it holds, what it lacks, readable tables,
and, for data stewards, the files and columns behind them.

Counts come from the dataset, never from the text: a corrected CSV changes them everywhere.
"""

from __future__ import annotations

import pandas as pd

from ..charts.chart import fmt_value
from ..data import schema
from ..data.load import Dataset
from ..i18n import category_label, colon, level_label, pick, t, tier_label, unit_label
from . import aggregate, editions
from .filters import editions_only, member, town_names

ARTICLE_ZH = "一枝独秀不是春 百花齐放春满园——金山区2018年社会建设创新项目巡礼"
ARTICLE_EN = (
    "One flower alone is not spring, a hundred in bloom fill the garden: Jinshan District's "
    "2018 social-construction innovation projects in review"
)


# --- the editions: which are shown, where each comes from ---------------------------------------

SOURCE_KINDS = {"article": ("文章", "article"), "spreadsheet": ("表格", "spreadsheet")}
NOT_STATED = ("未注明", "not stated")
EDITION_WORDS = {
    "source": ("来源", "source"),
    "published": ("发布日期", "published"),
    "shown": ("本页显示", "shown here"),
}


def shown(full: Dataset, chosen: tuple[str, ...]) -> Dataset:
    """The editions the page shows (every one when none is chosen), whole: no other filter."""
    return editions_only(full, chosen) if chosen else full


def review_titles(ds: Dataset, lang: str) -> list[str]:
    """The title of each edition of `ds`, in `lang` where the edition gives one."""
    rows = ds.editions
    english = rows["title_en"].where(rows["title_en"] != "", rows["title_zh"])
    return list(english if lang == "en" else rows["title_zh"])


def sources(ds: Dataset) -> list[tuple[str, str]]:
    """(kind, title) of each distinct source of the editions of `ds` (article or spreadsheet)."""
    pairs = zip(ds.editions["source_kind"], ds.editions["source_title"], strict=True)
    return list(dict.fromkeys(pairs))


def edition_items(full: Dataset, chosen: tuple[str, ...], lang: str) -> list[tuple[str, str]]:
    """(label, what it is) of each edition of the library, oldest first, as plain text:
    its title, district, year, source and publication date ("not stated" when not given)."""
    labels = editions.labels(full, lang)
    sep, en = colon(lang), lang == "en"
    items = []
    for row in full.editions.to_dict("records"):
        district = (row["district_en"] or row["district"]) if en else row["district"]
        year = str(row["year"]) if en else f"{row['year']}年"
        kind = pick(SOURCE_KINDS.get(row["source_kind"], ("", "")), lang)
        source = f"{kind} {row['source_title']}" if en else f"{kind}《{row['source_title']}》"
        published = row["published"] or pick(NOT_STATED, lang)
        title = (row["title_en"] or row["title_zh"]) if en else row["title_zh"]
        parts = [
            title,
            f"{district}{', ' if en else '，'}{year}",
            f"{pick(EDITION_WORDS['source'], lang)}{sep}{source}",
            f"{pick(EDITION_WORDS['published'], lang)}{sep}{published}",
        ]
        label = labels[row["edition"]]
        if row["edition"] in (chosen or labels):
            label += f" ({pick(EDITION_WORDS['shown'], lang)})" if en else "（本页显示）"
        items.append((label, ("; " if en else "；").join(parts)))
    return items


# --- what the data holds and lacks ---------------------------------------------------------------


def coverage(ds: Dataset) -> dict:
    """The counts /data explains: figures, tiers as printed and as read, what is missing."""
    projects = ds.projects
    with_figures = member(projects["project_id"], ds.figures["project_id"])
    funding = aggregate.funding_disclosure(ds)["status"].value_counts()
    moved = projects.loc[projects["tier"] != projects["printed_section"]]
    return {
        "projects": len(projects),
        "figures": len(ds.figures),
        "with_figures": int(with_figures.sum()),
        "no_figures": list(projects.loc[~with_figures, "project_id"]),
        "reviewed": int(projects["has_review"].sum()),
        "printed": {
            tier: int((projects["printed_section"] == tier).sum()) for tier in schema.TIERS
        },
        "moved": list(moved["project_id"]),
        "funding": {
            status: int(funding.get(status, 0)) for status in ("amount", "mentioned", "none")
        },
    }


def project_titles(ds: Dataset, ids, lang: str) -> list[str]:
    """Each project as "JS2018-03 title", the title in the reader's language."""
    column = "title_en" if lang == "en" else "title_zh"
    titles = dict(zip(ds.projects["project_id"], ds.projects[column], strict=True))
    return [f"{pid} {titles.get(pid, '')}".strip() for pid in ids]


# Column labels of the readable tables, Chinese first.
LABELS = {
    "id": ("编号", "ID"),
    "project": ("项目", "Project"),
    "town": ("镇（街道）", "Town"),
    "level": ("实施单位层级", "Unit level"),
    "tier": ("等级", "Tier"),
    "printed": ("原文印在", "Printed under"),
    "review": ("专家点评", "Expert review"),
    "figures": ("数字个数", "Figures"),
    "funding": ("经费", "Funding"),
    "measure": ("指标", "Measure"),
    "value": ("数值", "Value"),
    "unit": ("单位", "Unit"),
    "category": ("类别", "Category"),
    "quote": ("原文", "Quote"),
    "theme": ("主题", "Theme"),
    "definition": ("定义", "Definition"),
}
YES_NO = {True: ("有", "yes"), False: ("无", "no")}


def label(key: str, lang: str) -> str:
    return pick(LABELS[key], lang)


def project_table(ds: Dataset, lang: str) -> pd.DataFrame:
    """One row per project, in words: no codes but the project's number."""
    p = ds.projects
    towns = town_names(ds, lang)
    counts = ds.figures["project_id"].value_counts()
    status = aggregate.funding_disclosure(ds).set_index("project_id")["status"]
    statuses = {
        "amount": t("status_amount", lang),
        "mentioned": t("status_mentioned", lang),
        "none": t("status_none", lang),
    }
    return pd.DataFrame(
        {
            label("id", lang): p["project_id"],
            label("project", lang): p["title_en" if lang == "en" else "title_zh"],
            label("town", lang): [towns.get(town, town) for town in p["town"]],
            label("level", lang): [level_label(v, lang) for v in p["unit_level"]],
            label("tier", lang): [tier_label(v, lang) for v in p["tier"]],
            label("printed", lang): [tier_label(v, lang) for v in p["printed_section"]],
            label("review", lang): [pick(YES_NO[bool(v)], lang) for v in p["has_review"]],
            # Vectorised: a label lookup per project took ~1.5 s at 100,000 projects.
            label("figures", lang): p["project_id"].map(counts).fillna(0).astype(int).to_numpy(),
            label("funding", lang): p["project_id"].map(status).map(statuses).to_numpy(),
        }
    )


def figure_table(ds: Dataset, lang: str) -> pd.DataFrame:
    """Every figure with its quote, in words."""
    f = ds.figures
    return pd.DataFrame(
        {
            label("id", lang): f["figure_id"],
            label("measure", lang): f["label_en" if lang == "en" else "label_zh"],
            label("value", lang): [
                fmt_value(v, q, lang) for v, q in zip(f["value"], f["qualifier"], strict=True)
            ],
            label("unit", lang): [unit_label(u, lang) for u in f["unit"]],
            label("category", lang): [category_label(c, lang) for c in f["category"]],
            label("quote", lang): f["quote"],
        }
    )


def theme_table(ds: Dataset, lang: str) -> pd.DataFrame:
    suffix = "en" if lang == "en" else "zh"
    return pd.DataFrame(
        {
            label("theme", lang): ds.themes[f"name_{suffix}"],
            label("definition", lang): ds.themes[f"definition_{suffix}"],
        }
    )


# --- for data stewards ---------------------------------------------------------------------------

FILE_MEANINGS = {
    "projects": ("每个项目一行", "one row per project"),
    "figures": ("原文中的每个数字一行", "one row per figure in the article"),
    "themes": ("每个治理主题一行", "one row per governance theme"),
    "project_themes": ("项目与主题的对应，附原文依据", "project × theme, with evidence"),
    "towns": ("每个镇（街道）一行", "one row per town"),
    "funding_mentions": ("提到经费但未给金额的项目", "projects that mention money, no amount"),
}
# The Chinese meaning of each column ("table.column" first, then "column"); the English one is
# the schema's description.
COLUMN_MEANINGS_ZH = {
    "projects.project_id": "项目编号，按原文顺序（JS2018-01…）",
    "project_id": "所属项目的编号",
    "funding_mentions.quote": "提到经费的原文句子",
    "year": "年份，取自原文章节标题",
    "district": "区，取自原文副标题",
    "title_zh": "项目名称，原文",
    "title_en": "项目名称英译（人工整理）",
    "implementing_unit": "实施单位，原文",
    "town": "镇（街道）；区级单位记为“区级”",
    "unit_level": "实施单位层级",
    "tier": "等级（按“有点评即创新”的解读，可改）",
    "printed_section": "原文印在哪个标题下",
    "has_review": "原文是否有专家点评",
    "description_zh": "项目介绍，原文",
    "review_zh": "专家点评，原文；无点评则为空",
    "figure_id": "数字编号：项目编号加 F 和序号",
    "label_zh": "数的是什么（中文，人工整理）",
    "label_en": "数的是什么（英文，人工整理）",
    "value": "数值，以基本单位计（97万元记为 970000）",
    "unit": "单位，照原文",
    "qualifier": "exact 为确数；原文有“余”“多”时为 at_least（至少）",
    "category": "类别：覆盖、参与、经费、活动、概况",
    "quote": "数字所在的原文句子",
    "theme_id": "主题编号",
    "name_zh": "主题名称（中文）",
    "name_en": "名称（英文）",
    "definition_zh": "主题定义（中文）",
    "definition_en": "主题定义（英文）",
    "evidence": "归入该主题的原文依据",
    "kind": "类型：镇、街道、工业区或区级",
    "grid_row": "示意地图上的行（0 为最北）",
    "grid_col": "示意地图上的列（0 为最西）",
}
STEWARD_LABELS = {
    "file": ("文件", "File"),
    "column": ("列", "Column"),
    "meaning": ("含义", "Meaning"),
}


def steward_table(lang: str) -> pd.DataFrame:
    """File, column and meaning of every column of the data package."""
    rows = []
    for table, spec in schema.TABLES.items():
        file = f"{table}.csv"
        rows.append((file, "", pick(FILE_MEANINGS.get(table, ("", "")), lang)))
        for field in spec["fields"]:
            name = field["name"]
            zh = COLUMN_MEANINGS_ZH.get(f"{table}.{name}", COLUMN_MEANINGS_ZH.get(name, ""))
            meaning = field.get("description", "") if lang == "en" else zh
            rows.append((file, name, meaning))
    return pd.DataFrame(rows, columns=[pick(STEWARD_LABELS[k], lang) for k in STEWARD_LABELS])
