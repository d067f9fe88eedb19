"""The data package's Table Schemas: one definition serves datapackage.json and validation."""

from __future__ import annotations

TOWNS = ["朱泾镇", "枫泾镇", "张堰镇", "亭林镇", "吕巷镇", "廊下镇", "金山卫镇", "漕泾镇", "山阳镇",
         "石化街道", "金山工业区", "区级"]  # fmt: skip
TIERS = ["innovation", "excellent"]
UNIT_LEVELS = ["district_agency", "town_office", "neighbourhood", "village"]
CATEGORIES = ["reach", "participants", "funding", "activity", "profile"]
QUALIFIERS = ["exact", "at_least"]
TOWN_KINDS = ["镇", "街道", "工业区", "区级"]
RAW_NAME = "jinshan-2018-social-construction-projects.txt"


def _f(name, type_, description, **constraints):
    field = {"name": name, "type": type_, "description": description}
    if constraints:
        field["constraints"] = constraints
    return field


_PROJECT_FK = {
    "fields": ["project_id"],
    "reference": {"resource": "projects", "fields": ["project_id"]},
}

TABLES: dict[str, dict] = {
    "projects": {
        "fields": [
            _f(
                "project_id",
                "string",
                "Stable id in article order, e.g. JS2018-01.",
                required=True,
                unique=True,
                pattern=r"[A-Z]{2}\d{4}-\d{2}",
            ),
            _f(
                "year",
                "integer",
                "Year of the review, from the section headings.",
                required=True,
                minimum=2000,
                maximum=2100,
            ),
            _f("district", "string", "District named in the article's subtitle.", required=True),
            _f("title_zh", "string", "Title as printed after 项目名称.", required=True),
            _f("title_en", "string", "English title (curated).", required=True),
            _f("implementing_unit", "string", "Verbatim text after 实施单位.", required=True),
            _f(
                "town",
                "string",
                "Town, subdistrict, industrial zone, or 区级 for district bodies.",
                required=True,
            ),
            _f(
                "unit_level",
                "string",
                "Level of the implementing unit.",
                required=True,
                enum=UNIT_LEVELS,
            ),
            _f(
                "tier",
                "string",
                "Award tier (curated reading; see data/README.md).",
                required=True,
                enum=TIERS,
            ),
            _f(
                "printed_section",
                "string",
                "Section heading the project is printed under.",
                required=True,
                enum=TIERS,
            ),
            _f(
                "has_review",
                "boolean",
                "Whether an expert review (该项目…) is printed.",
                required=True,
            ),
            _f("description_zh", "string", "Description paragraph(s), verbatim.", required=True),
            _f("review_zh", "string", "Expert review paragraph, verbatim; empty when none."),
        ],
        "primaryKey": ["project_id"],
        "foreignKeys": [
            {"fields": ["town"], "reference": {"resource": "towns", "fields": ["town"]}}
        ],
    },
    "figures": {
        "fields": [
            _f("project_id", "string", "Project the figure belongs to.", required=True),
            _f(
                "figure_id",
                "string",
                "Stable id: project id plus F and a number.",
                required=True,
                unique=True,
                pattern=r"[A-Z]{2}\d{4}-\d{2}-F\d{2}",
            ),
            _f("label_zh", "string", "What is counted, in Chinese (curated).", required=True),
            _f("label_en", "string", "What is counted, in English (curated).", required=True),
            _f(
                "value",
                "number",
                "The number in base units (97万元 is 970000).",
                required=True,
                minimum=0,
            ),
            _f("unit", "string", "Unit as written (人次, 名, 个, 元…).", required=True),
            _f(
                "qualifier",
                "string",
                "exact, or at_least where the text says 余 or 多.",
                required=True,
                enum=QUALIFIERS,
            ),
            _f(
                "category",
                "string",
                "reach, participants, funding, activity or profile.",
                required=True,
                enum=CATEGORIES,
            ),
            _f(
                "quote",
                "string",
                "The sentence it comes from, verbatim from the raw text.",
                required=True,
            ),
        ],
        "primaryKey": ["figure_id"],
        "foreignKeys": [_PROJECT_FK],
    },
    "themes": {
        "fields": [
            _f(
                "theme_id",
                "string",
                "Stable snake_case id.",
                required=True,
                unique=True,
                pattern=r"[a-z][a-z_]*",
            ),
            _f("name_zh", "string", "Theme name in Chinese.", required=True),
            _f("name_en", "string", "Theme name in English.", required=True),
            _f("definition_zh", "string", "What belongs to the theme, in Chinese.", required=True),
            _f("definition_en", "string", "What belongs to the theme, in English.", required=True),
        ],
        "primaryKey": ["theme_id"],
    },
    "project_themes": {
        "fields": [
            _f("project_id", "string", "Project.", required=True),
            _f("theme_id", "string", "Theme.", required=True),
            _f(
                "evidence", "string", "Short verbatim quote from the project's text.", required=True
            ),
        ],
        "primaryKey": ["project_id", "theme_id"],
        "foreignKeys": [
            _PROJECT_FK,
            {"fields": ["theme_id"], "reference": {"resource": "themes", "fields": ["theme_id"]}},
        ],
    },
    "towns": {
        "fields": [
            _f(
                "town",
                "string",
                "One value of projects.town (12 in the 2018 edition).",
                required=True,
                unique=True,
            ),
            _f("name_en", "string", "English name.", required=True),
            _f("kind", "string", "镇, 街道, 工业区 or 区级.", required=True, enum=TOWN_KINDS),
            _f(
                "grid_row",
                "integer",
                "Row on the schematic tile map (0 = north).",
                required=True,
                minimum=0,
                maximum=9,
            ),
            _f(
                "grid_col",
                "integer",
                "Column on the schematic tile map (0 = west).",
                required=True,
                minimum=0,
                maximum=9,
            ),
        ],
        "primaryKey": ["town"],
    },
    "funding_mentions": {
        "fields": [
            _f(
                "project_id",
                "string",
                "Project whose text mentions money without an amount.",
                required=True,
                unique=True,
            ),
            _f("quote", "string", "The sentence mentioning the funding, verbatim.", required=True),
        ],
        "primaryKey": ["project_id"],
        "foreignKeys": [_PROJECT_FK],
    },
}

# Tables a data folder must hold, in load order (referenced tables first).
TABLE_ORDER = ["towns", "themes", "projects", "figures", "project_themes", "funding_mentions"]


def column_names(table: str) -> list[str]:
    return [field["name"] for field in TABLES[table]["fields"]]


def descriptor(raw_hash: str, edition: dict, original: dict | None = None) -> dict:
    """The Frictionless Data Package descriptor of an edition; `original` is the resource of
    the article as received when raw/ holds its UTF-8 text beside it (GB18030, UTF-16, .docx)."""
    resources = [
        {
            "name": "article",
            "path": edition["source"]["path"],
            "format": "txt",
            "mediatype": "text/plain",
            "encoding": "utf-8",
            "hash": f"sha256:{raw_hash}",
            "description": "The source article, byte for byte as received."
            if original is None
            else f"The source article's text in UTF-8, converted from {original['path']}.",
        },
        *([original] if original else []),
    ]
    for table in TABLE_ORDER:
        schema = {k: v for k, v in TABLES[table].items()}
        resources.append(
            {
                "name": table,
                "path": f"{table}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    title = edition["title"]
    return {
        "profile": "tabular-data-package",
        "name": "-".join(
            ["baihua", *edition.get("district_en", "").lower().split(), str(edition["year"])]
        ),
        "title": " · ".join(t for t in (title["zh"], title["en"]) if t),
        "licenses": [{"name": "other-at", "title": "Source article: public government review"}],
        "sources": [{"title": edition["source"]["title"], "path": edition["source"]["path"]}],
        "edition": edition,
        "resources": resources,
    }
