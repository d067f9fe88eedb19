"""A library of editions: each validated on its own, broken ones reported, the rest served.

The editions besides 2018 are made up inside the tests (tests/editions.py). Expected values
are counted by hand from data/jinshan-2018 (20 projects, 16 themes, 12 towns).
"""

from __future__ import annotations

import json
import shutil

import pytest
from broken_data import snapshot
from conftest import DATA, ROOT
from editions import LIBRARY_CASES, bundled_into, derive_edition, drop_theme, keep_projects
from streamlit.testing.v1 import AppTest
from test_check_cli import run_cli

from metrics.analysis.filters import Filters, apply
from metrics.data.library import check_library
from metrics.data.load import load_dataset


@pytest.fixture
def two_editions(tmp_path):
    """2018 as bundled; a made-up 2020 with projects 01–05 only."""
    library = tmp_path / "library"
    bundled_into(library)
    derive_edition(library / "jinshan-2020", 2020, keep_projects([1, 2, 3, 4, 5]))
    return library


def test_bundled_data_is_a_library_of_one_edition():
    library = check_library(ROOT / "data")
    assert library.broken == {}
    assert library.editions == ["jinshan-2018"]
    row = library.dataset.editions.iloc[0]
    assert (row["district"], row["year"], row["title_zh"]) == (
        "金山区",
        2018,
        "金山区2018年社会建设创新项目巡礼",
    )
    assert row["published"] == ""  # the article does not say when it was published
    assert set(library.dataset.projects["edition"]) == {"jinshan-2018"}


def test_a_package_folder_is_still_served_on_its_own():
    library = check_library(DATA)
    assert library.editions == ["jinshan-2018"] and len(library.dataset.projects) == 20


def test_two_editions_are_served_together(two_editions):
    library = check_library(two_editions)
    assert library.broken == {}
    assert library.editions == ["jinshan-2018", "jinshan-2020"]
    assert library.latest == "jinshan-2020"
    ds = library.dataset
    assert len(ds.projects) == 25
    assert ds.projects.groupby("edition").size().to_dict() == {
        "jinshan-2018": 20,
        "jinshan-2020": 5,
    }
    assert list(ds.projects["project_id"].tail(5)) == [f"JS2020-0{i}" for i in range(1, 6)]
    assert len(ds.themes) == 16 and len(ds.towns) == 12  # one vocabulary, not two copies
    only_2020 = apply(ds, Filters(editions=("jinshan-2020",)))
    assert len(only_2020.projects) == 5
    # JS2018-01…05 have 11 figures in data/jinshan-2018/figures.csv.
    assert len(only_2020.figures) == 11
    assert len(load_dataset(two_editions).figures) == 40 + 11
    assert list(only_2020.editions["edition"]) == ["jinshan-2020"]


def test_a_theme_belongs_only_to_editions_that_list_it(tmp_path):
    library = tmp_path / "library"
    derive_edition(library / "jinshan-2017", 2017, drop_theme("elderly"))
    bundled_into(library)
    ds = check_library(library).dataset
    holders = ds.edition_themes.loc[ds.edition_themes["theme_id"] == "elderly", "edition"]
    assert list(holders) == ["jinshan-2018"]
    assert ds.edition_themes.groupby("edition").size().to_dict() == {
        "jinshan-2017": 15,
        "jinshan-2018": 16,
    }


def test_a_renamed_town_maps_to_its_successor(two_editions):
    # Pretend 山阳镇 was renamed 新山阳镇 in 2020: its 2020 row and projects use the new name.
    towns = (two_editions / "jinshan-2020" / "towns.csv").read_text("utf-8")
    (two_editions / "jinshan-2020" / "towns.csv").write_text(
        towns.replace("山阳镇,", "新山阳镇,"), "utf-8"
    )
    projects = two_editions / "jinshan-2020" / "projects.csv"
    projects.write_text(projects.read_text("utf-8").replace(",山阳镇,", ",新山阳镇,"), "utf-8")
    (two_editions / "town_successors.csv").write_text("town,successor\n山阳镇,新山阳镇\n", "utf-8")
    library = check_library(two_editions)
    assert library.broken == {}
    ds = library.dataset
    assert "山阳镇" not in set(ds.towns["town"]) and "新山阳镇" in set(ds.towns["town"])
    # data/jinshan-2018/projects.csv: two projects of 山阳镇 (JS2018-09, JS2018-20); in 2020
    # only 01–05 are kept, none of them in 山阳镇.
    moved = ds.projects.loc[ds.projects["town"] == "新山阳镇", "project_id"]
    assert sorted(moved) == ["JS2018-09", "JS2018-20"]


@pytest.mark.parametrize("case", LIBRARY_CASES, ids=[c.name for c in LIBRARY_CASES])
def test_a_broken_part_is_reported_and_the_rest_served(case, tmp_path):
    library = case.build(tmp_path)
    before = snapshot(tmp_path)
    checked = check_library(library)
    assert tuple(checked.editions) == case.served
    problems = checked.problems()
    expected = case.expected
    file = str(library) if expected.file == "<folder>" else expected.file
    first = next(p for p in problems if p.slug == expected.slug)
    assert (first.file, first.row, first.column) == (file, expected.row, expected.column)
    for words in case.words:
        assert words in first.message
    run = run_cli("check", str(library))
    assert run.returncode == 1, run.explain()
    assert f"{first}" in run.stderr, run.explain()
    assert "Traceback" not in run.stderr + run.stdout
    assert snapshot(tmp_path) == before, "checking changed the library"


def test_check_names_each_broken_edition(two_editions):
    (two_editions / "jinshan-2020" / "figures.csv").write_bytes(b"")
    run = run_cli("check", str(two_editions))
    assert run.returncode == 1, run.explain()
    assert run.stdout.startswith(f"{two_editions / 'jinshan-2018'}: valid"), run.explain()
    assert f"{two_editions / 'jinshan-2020'}: 1 problem(s) found" in run.stderr
    assert "jinshan-2020/figures.csv: the file is empty" in run.stderr
    assert run.stderr.rstrip().endswith("library of 2 edition(s), broken: jinshan-2020")
    as_json = json.loads(run_cli("check", str(two_editions), "--json").stdout)
    assert [e["valid"] for e in as_json["editions"]] == [True, False]


def test_check_library_all_valid(two_editions):
    run = run_cli("check", str(two_editions))
    assert run.returncode == 0, run.explain()
    assert run.stdout.rstrip().endswith("library of 2 edition(s), all valid"), run.explain()
    assert "projects  5 in " in run.stdout


def test_dashboard_serves_the_good_editions_and_names_the_broken_one(two_editions, monkeypatch):
    shutil.rmtree(two_editions / "jinshan-2020" / "raw")
    monkeypatch.setenv("BAIHUA_DATA", str(two_editions))
    at = AppTest.from_file(str(ROOT / "pages" / "overview.py"), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error
    assert at.metric[0].value == "20"  # the 2018 edition, served on its own
    warning = "\n".join(w.value for w in at.warning).replace("\\", "")  # Markdown escapes
    assert "jinshan-2020" in warning and "暂未显示" in warning


def test_editions_in_words(two_editions):
    from metrics.analysis import editions

    ds = check_library(two_editions).dataset
    assert editions.labels(ds, "zh") == {
        "jinshan-2018": "金山区2018年",
        "jinshan-2020": "金山区2020年",
    }
    assert editions.describe(ds, (), "en") == "Jinshan 2018, Jinshan 2020"
    assert editions.describe(ds, ("jinshan-2020",), "zh") == "金山区2020年"
    assert editions.latest(ds) == "jinshan-2020"


def test_captions_name_the_sources_of_the_editions_shown(two_editions):
    from metrics.analysis import editions

    ds = check_library(two_editions).dataset
    # tests/editions.py titles a made-up edition "测试用：金山区2020年（由2018年数据改写）".
    assert editions.caption_line(ds, ("jinshan-2020",), "zh") == (
        "来源：测试用：金山区2020年（由2018年数据改写） · 版本：金山区2020年"
    )
    assert editions.caption_line(ds, (), "en") == (
        "Source: Jinshan District 2018 Social-Construction Innovation Projects Review; "
        "Test only: Jinshan 2020 (rewritten from 2018) · Editions: Jinshan 2018, Jinshan 2020"
    )
