"""Documentation stays true: a field, command or setting nobody documented fails a test."""

from __future__ import annotations

import json
import re

import pytest
from conftest import DATA, ROOT

from metrics.cli.main import build_parser
from metrics.data import schema
from metrics.i18n import TEXT


def test_every_table_column_is_documented_in_data_readme():
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    missing = [
        f"{table}.{name}"
        for table in schema.TABLES
        for name in schema.column_names(table)
        if f"`{name}`" not in readme
    ]
    assert not missing, f"undocumented in data/README.md: {missing}"


def test_datapackage_matches_the_schema_module():
    descriptor = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    tables = {r["name"]: r for r in descriptor["resources"] if r["name"] in schema.TABLES}
    assert set(tables) == set(schema.TABLES)
    for name, resource in tables.items():
        assert resource["schema"] == schema.TABLES[name], name
        for field in resource["schema"]["fields"]:
            assert field["description"].strip(), f"{name}.{field['name']} has no description"


def test_every_cli_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = build_parser()._subparsers._group_actions[0].choices
    assert set(commands) == {"check", "extract", "export", "template", "publish"}
    for command in commands:
        assert f"baihua {command}" in readme, command


@pytest.mark.parametrize(
    "setting",
    [
        "BAIHUA_DATA",
        "BAIHUA_MAX_FILE_MB",
        "BAIHUA_CACHE",
        "STREAMLIT_SERVER_PORT",
        "make run",
        "make test",
        "make cluster",
        "BAIHUA_REPLICAS",
        "CLUSTER_PORT",
    ],
)
def test_settings_and_commands_are_in_the_readme(setting):
    assert setting in (ROOT / "README.md").read_text(encoding="utf-8")


# English text may quote the article's own words (余/多, 名, 元) and the 语言 of the switch label.
QUOTED_IN_ENGLISH = set("余多名元语言")


def test_every_interface_text_has_both_languages():
    for key, (zh, en) in TEXT.items():
        assert zh.strip() and en.strip(), key
        # Format names (PNG, CSV) are the same in both; a pattern such as "{names}（{value}）"
        # has only Chinese punctuation around its fields, and no English word.
        words = re.sub(r"\{\w+\}", "", zh)
        if zh != en and re.search(r"[A-Za-z]", words):
            assert re.search(r"[\u4e00-\u9fff]", zh), f"{key}: Chinese text has no Chinese"
        stray = set(re.findall(r"[\u4e00-\u9fff]", en)) - QUOTED_IN_ENGLISH
        assert not stray, f"{key}: English text has Chinese {stray}"
