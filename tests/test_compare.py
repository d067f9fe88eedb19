"""/compare 历年对比: the frames, the charts, the page (AppTest) and `baihua export --edition`.

The library: the bundled 2018 edition plus a made-up 2017 (tests/editions.py) that keeps the
projects numbered 01–10 and whose vocabulary has no 为老服务 (elderly). Every expected value is
counted by hand from data/jinshan-2018/*.csv; the 2017 values are the 2018 rows of projects
01–10 (derive_edition renames JS2018-xx to JS2017-xx and keeps everything else).

projects.csv, 01–10 (the 2017 edition): 01 区级 innovation, 02 区级 innovation, 03 金山工业区
excellent, 04 张堰镇 excellent, 05 区级 innovation, 06 朱泾镇 innovation, 07 亭林镇 excellent,
08 枫泾镇 excellent, 09 山阳镇 innovation, 10 区级 innovation.
11–20 (in 2018 only): 11 石化街道 excellent, 12 金山工业区 excellent, 13 吕巷镇 innovation,
14 石化街道 innovation, 15 朱泾镇 excellent, 16 金山卫镇 excellent, 17 枫泾镇 innovation,
18 漕泾镇 innovation, 19 廊下镇 excellent, 20 山阳镇 excellent.
"""

from __future__ import annotations

import base64
import json
import math
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT
from editions import bundled_into, chain, derive_edition, drop_theme, keep_projects

from metrics.analysis import compare
from metrics.analysis.filters import Filters, apply
from metrics.charts import compare as charts_compare
from metrics.charts.focus import build
from metrics.charts.pages import page_charts
from metrics.data.library import check_library

Y2017, Y2018 = "jinshan-2017", "jinshan-2018"
# Towns with no project among 01–10: their first project is in 2018 (11, 13, 14, 16, 18, 19).
NEW_IN_2018 = ["吕巷镇", "廊下镇", "金山卫镇", "漕泾镇", "石化街道"]


def make_library(folder):
    folder.mkdir(parents=True, exist_ok=True)
    bundled_into(folder)
    derive_edition(
        folder / Y2017, 2017, chain(keep_projects(list(range(1, 11))), drop_theme("elderly"))
    )
    return folder


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return make_library(tmp_path_factory.mktemp("compare") / "library")


@pytest.fixture(scope="module")
def full(library):
    checked = check_library(library)
    assert not checked.broken and checked.editions == [Y2017, Y2018]
    return checked.dataset


def scoped(full, **filters):
    """The dataset a /compare chart draws: the covered editions, the other filters applied."""
    return apply(full, compare.scope(full, Filters(**filters)))


# --- which editions a comparison covers --------------------------------------------------------


def test_a_comparison_covers_the_chosen_editions_or_else_every_one(full):
    assert compare.covered(full, Filters()) == (Y2017, Y2018)
    # One edition chosen (the filter bar's default, the latest): still every edition.
    assert compare.covered(full, Filters(editions=(Y2018,))) == (Y2017, Y2018)
    assert compare.covered(full, Filters(editions=(Y2018, Y2017))) == (Y2017, Y2018)
    assert compare.chooses_several(full, Filters())
    assert not compare.chooses_several(full, Filters(editions=(Y2018,)))


# --- a. projects per town, by edition and tier ----------------------------------------------


def counts(frame, *keys):
    return {tuple(row[:-1]): row[-1] for row in frame[[*keys, "projects"]].itertuples(index=False)}


def test_projects_per_town_by_edition_and_tier(full):
    got = counts(compare.town_projects(scoped(full)), "town", "edition", "tier")
    # 区级: 01, 02, 05, 10 in both years, all innovation.
    assert got[("区级", Y2017, "innovation")] == 4 and got[("区级", Y2018, "innovation")] == 4
    # 枫泾镇: 08 excellent in both; 17 innovation in 2018 only, so 2017 has a real 0.
    assert got[("枫泾镇", Y2017, "innovation")] == 0
    assert got[("枫泾镇", Y2018, "innovation")] == 1
    assert got[("枫泾镇", Y2017, "excellent")] == got[("枫泾镇", Y2018, "excellent")] == 1
    # 石化街道: 11 excellent and 14 innovation, both in 2018 only.
    assert got[("石化街道", Y2018, "excellent")] == got[("石化街道", Y2018, "innovation")] == 1
    assert got[("石化街道", Y2017, "excellent")] == got[("石化街道", Y2017, "innovation")] == 0
    totals = compare.town_projects(scoped(full)).groupby("edition")["projects"].sum()
    assert totals.to_dict() == {Y2017: 10, Y2018: 20}
    # Every one of the 12 towns has a project in 2018: 12 towns × 2 editions × 2 tiers.
    assert len(got) == 48


def test_a_theme_filter_applies_to_the_town_comparison(full):
    # 为老服务 (elderly): 11 石化街道 excellent, 13 吕巷镇 innovation, 19 廊下镇 excellent, in
    # 2018. 2017's vocabulary has no such theme: its counts are not reported, not 0.
    got = compare.town_projects(scoped(full, themes=("elderly",)), ("elderly",))
    by_edition = got.groupby(["edition", "town"])["projects"].sum(min_count=1)
    assert by_edition[Y2018].to_dict() == {"吕巷镇": 1, "廊下镇": 1, "石化街道": 1}
    assert by_edition[Y2017].isna().all() and len(by_edition[Y2017]) == 3
    assert set(got.loc[got["edition"] == Y2017, "status"]) == {compare.NOT_REPORTED}
    assert set(got.loc[got["edition"] == Y2018, "status"]) == {compare.REPORTED}
    # A theme both editions list keeps real zeros: tourism is 17 (枫泾镇, 2018) only.
    got = compare.town_projects(scoped(full, themes=("tourism",)), ("tourism",))
    assert got.groupby("edition")["projects"].sum().to_dict() == {Y2017: 0, Y2018: 1}


# --- b. theme frequency: not reported is not 0 ------------------------------------------------


def test_a_theme_an_edition_does_not_list_is_not_reported_never_zero(full):
    frame = compare.theme_frequency(scoped(full))
    rows = {(r.theme_id, r.edition): r for r in frame.itertuples(index=False)}
    elderly_2017 = rows[("elderly", Y2017)]
    assert elderly_2017.status == compare.NOT_REPORTED and math.isnan(elderly_2017.projects)
    # project_themes.csv: elderly is linked to 11, 13 and 19.
    assert rows[("elderly", Y2018)].projects == 3
    # tourism is listed in 2017's vocabulary but linked only to 17 (2018): a real 0.
    assert rows[("tourism", Y2017)].status == compare.REPORTED
    assert rows[("tourism", Y2017)].projects == 0 and rows[("tourism", Y2018)].projects == 1
    # self_governance: 04, 05, 06, 07, 08, 09, 10 among 01–10 (7); plus 12, 13, 14, 15, 17, 18.
    assert rows[("self_governance", Y2017)].projects == 7
    assert rows[("self_governance", Y2018)].projects == 13
    # 16 themes in all, each in both editions; only elderly 2017 is not reported.
    assert len(frame) == 32
    assert (frame["status"] == compare.NOT_REPORTED).sum() == 1


# --- c. totals by category, only within one unit -----------------------------------------------


def totals_of(frame):
    return {(r.category, r.unit, r.edition): r for r in frame.itertuples(index=False)}


def test_category_totals_by_edition_only_within_one_unit(full):
    frame = compare.category_totals(scoped(full))
    got = totals_of(frame)
    # participants in 名: 01-F05 2000多 + 10-F01 425 = ≥2,425 in 2017 (2 projects); and
    # 13-F01 91 + 15-F01 30多 in 2018 too: ≥2,546 (4 projects).
    assert (got[("participants", "名", Y2017)].value, got[("participants", "名", Y2017)].projects) \
        == (2425, 2)  # fmt: skip
    assert got[("participants", "名", Y2017)].at_least
    assert (got[("participants", "名", Y2018)].value, got[("participants", "名", Y2018)].projects) \
        == (2546, 4)  # fmt: skip
    # funding in 元: only 14-F06 970000, a 2018 project; 2017 does not report it.
    assert got[("funding", "元", Y2018)].value == 970000
    assert got[("funding", "元", Y2017)].status == compare.NOT_REPORTED
    assert math.isnan(got[("funding", "元", Y2017)].value)
    assert got[("funding", "元", Y2017)].projects == 0
    # One row per category, unit and edition: no total across units, and no profile totals
    # (ages, levels: 01-F03, 02-F04, 13-F02, 15-F02, 20-F04).
    assert not frame.duplicated(["category", "unit", "edition"]).any()
    assert "profile" not in set(frame["category"])
    # participants come in 名, 个, 方, 家, 支 (figures.csv): five rows per edition, never summed.
    assert sorted(frame.loc[(frame["category"] == "participants") & (frame["edition"] == Y2018),
                            "unit"]) == sorted(["名", "个", "方", "家", "支"])  # fmt: skip


def test_a_town_filter_applies_to_the_totals(full):
    # 区级 projects with 名 participants: 01 (2000多) and 10 (425), in both editions.
    got = totals_of(compare.category_totals(scoped(full, towns=("区级",))))
    for edition in (Y2017, Y2018):
        assert got[("participants", "名", edition)].value == 2425
        assert got[("participants", "名", edition)].projects == 2


# --- d. what is new ----------------------------------------------------------------------------


def test_towns_and_themes_new_in_2018(full):
    # What is new is judged against every edition, so the dataset keeps them all.
    frame = compare.new_in_editions(apply(full, Filters()), (Y2017, Y2018))
    towns = frame.loc[frame["kind"] == "town"]
    assert sorted(towns["key"]) == sorted(NEW_IN_2018)
    assert set(towns["edition"]) == {Y2018}
    # 石化街道 starts with two projects (11, 14); the others with one.
    assert dict(zip(towns["key"], towns["projects"], strict=True))["石化街道"] == 2
    themes = frame.loc[frame["kind"] == "theme"]
    assert list(themes["key"]) == ["elderly"] and list(themes["projects"]) == [3]
    # 2017 is the district's first edition: nothing in it is called new.
    assert compare.first_editions(full) == [Y2017]


# --- the charts --------------------------------------------------------------------------------


def test_the_theme_grid_writes_not_reported_in_a_hatched_cell(full):
    for lang, words in (("zh", "未报告"), ("en", "not reported")):
        chart = charts_compare.themes_by_edition(scoped(full), lang, "caption")
        notes = [a for a in chart.figure.layout.annotations if a.text == words]
        assert len(notes) == 1, chart.figure.layout.annotations
        # The note sits in 为老服务's row, 2017's column; that cell's own text is empty, not 0.
        points = chart.figure.data[0]
        cells = {(x, y): text for x, y, text in zip(points.x, points.y, points.text, strict=True)}
        assert cells[(notes[0].x, notes[0].y)] == ""
        themes = list(points.customdata[:, 0])
        elderly = [i for i, theme in enumerate(themes) if theme == "elderly"]
        assert sorted(cells[(points.x[i], points.y[i])] for i in elderly) == ["", "3"]
        hatched = [s for s in chart.figure.layout.shapes if s.type == "path"]
        assert len(hatched) == 1


def test_the_chart_tables_carry_the_hand_counted_values(full):
    totals = charts_compare.totals_by_edition(scoped(full), "zh", "caption").data
    rows = totals.loc[(totals["类别"] == "参与") & (totals["单位"] == "名")]
    assert rows[["版本", "数值", "限定", "披露的项目数（个）"]].values.tolist() == [
        ["金山区2017年", 2425.0, "≥", 2],
        ["金山区2018年", 2546.0, "≥", 4],
    ]
    funding = totals.loc[totals["类别"] == "经费"]
    assert funding["状态"].tolist() == ["未报告", "已报告"]
    assert funding["限定"].tolist() == ["", "="]
    themes = charts_compare.themes_by_edition(scoped(full), "en", "caption").data
    elderly = themes.loc[themes["Theme"] == "Elderly care"]
    assert elderly["Status"].tolist() == ["not reported", "reported"]
    assert elderly["Projects (count)"].tolist() == [pd.NA, 3]


def test_a_chosen_theme_is_highlighted_not_filtered(full):
    chart = build(charts_compare.themes_by_edition, full, Filters(themes=("elderly",)), "zh")
    # Every theme stays (16 × 2 cells); only 为老服务's are flagged.
    assert len(chart.data) == 32
    flagged = chart.data.loc[chart.data["突出显示"] == "是", "主题"]
    assert set(flagged) == {"为老服务"}
    assert "突出显示: 为老服务" in chart.caption


def test_export_includes_the_compare_charts_only_with_several_editions(full):
    two = page_charts(full, Filters(editions=(Y2017, Y2018)), "zh")
    assert [c.title for c in two["compare"]] == [
        "各镇（街道）项目数（按期、等级）",
        "治理主题按期出现频次（项目数）",
        "各类数字按期合计（同一单位）",
        "首次有项目的镇（街道）",
        "首次出现的治理主题",
    ]
    assert "compare" not in page_charts(full, Filters(editions=(Y2018,)), "zh")


def test_long_row_names_wrap_into_two_lines():
    assert charts_compare.wrapped("Social organisations and co-building units") == (
        "Social organisations<br>and co-building units"
    )
    assert charts_compare.wrapped("Volunteering") == "Volunteering"
    assert charts_compare.wrapped("社会组织与共建单位") == "社会组织与共建单位"


# --- the page in AppTest -----------------------------------------------------------------------


def decoded(values):
    """A Plotly JSON array: a list, or a typed array {"dtype", "bdata"} (base64)."""
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def specs(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def panel(spec: dict, edition_label: str) -> dict[str, int]:
    """Projects per town (all tiers) in one edition's panel of the town chart."""
    out: dict[str, int] = {}
    for trace in spec["data"]:
        if trace["hovertemplate"].startswith(edition_label + " · "):
            for town, n in zip(decoded(trace["x"]), decoded(trace["y"]), strict=True):
                out[town] = out.get(town, 0) + n
    return out


def cell_texts(spec: dict) -> list[str]:
    points = next(trace for trace in spec["data"] if trace.get("text") is not None)
    notes = [note["text"] for note in spec["layout"].get("annotations", [])]
    return [text for text in decoded(points["text"]) if text] + notes


@pytest.fixture
def compare_app(library, monkeypatch):
    from streamlit.testing.v1 import AppTest

    def run(folder=library, **params):
        monkeypatch.setenv("BAIHUA_DATA", str(folder))
        at = AppTest.from_file(str(ROOT / "pages" / "compare.py"), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        return at.run()

    return run


@pytest.mark.parametrize(
    ("lang", "title", "covers", "e2017", "e2018", "missing"),
    [
        ("zh", "历年对比", "对比：金山区2017年、金山区2018年", "金山区2017年", "金山区2018年",
         "未报告"),
        ("en", "Year-on-year", "Comparing: Jinshan 2017, Jinshan 2018", "Jinshan 2017",
         "Jinshan 2018", "not reported"),
    ],
)  # fmt: skip
def test_the_page_shows_the_hand_counted_numbers(compare_app, lang, title, covers, e2017, e2018,
                                                 missing):  # fmt: skip
    at = compare_app(lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error
    assert at.title[0].value == title
    assert covers in [m.value.replace("\\", "") for m in at.markdown]
    towns, themes, totals, new_towns, new_themes = specs(at)
    shihua = "石化街道" if lang == "zh" else "Shihua Subdistrict"
    district = "区级" if lang == "zh" else "District level"
    # 2017 (01–10): 区级 4, 石化街道 none; 2018: 区级 4, 石化街道 2 (11, 14).
    assert panel(towns, e2017)[district] == 4 and panel(towns, e2017)[shihua] == 0
    assert panel(towns, e2018)[district] == 4 and panel(towns, e2018)[shihua] == 2
    assert sum(panel(towns, e2017).values()) == 10 and sum(panel(towns, e2018).values()) == 20
    # Theme grid: 为老服务 not reported in 2017, 3 in 2018 — the only "not reported" cell.
    assert cell_texts(themes).count(missing) == 1
    # Totals: participants (名) ≥2,425 from 2 projects in 2017, ≥2,546 from 4 in 2018.
    word = "个项目" if lang == "zh" else "projects"
    assert f"≥2,425<br>2 {word}" in cell_texts(totals)
    assert f"≥2,546<br>4 {word}" in cell_texts(totals)
    # New in 2018: five towns (one row each), and 为老服务 with its three projects.
    assert len(decoded(new_towns["data"][0]["y"])) == 5
    assert decoded(new_themes["data"][0]["customdata"]) == [["elderly"]]


def test_a_theme_click_from_the_link_marks_2017_not_reported(compare_app):
    at = compare_app(xf="theme:elderly")
    assert not at.exception, [e.value for e in at.exception]
    towns = specs(at)[0]
    # 为老服务's projects: 11 石化街道, 13 吕巷镇, 19 廊下镇, all 2018; 2017 has no such theme.
    assert panel(towns, "金山区2018年") == {"吕巷镇": 1, "廊下镇": 1, "石化街道": 1}
    assert all(n != n for n in panel(towns, "金山区2017年").values())  # NaN: no bar at all
    notes = [a["text"] for a in towns["layout"]["annotations"]]
    assert notes.count("未报告：这一期的主题表中没有所选主题") == 1


def test_a_town_click_from_the_link_filters_the_totals_and_keeps_the_towns(compare_app):
    at = compare_app(xf="town:石化街道")
    assert not at.exception, [e.value for e in at.exception]
    assert "石化街道" in at.info[0].value
    towns, _, totals, *_ = specs(at)
    # The town comparison keeps every town: still 20 projects in 2018.
    assert sum(panel(towns, "金山区2018年").values()) == 20
    # 石化街道 (11, 14; none in 2017): participants in 家 10 + 14 + 5 = 29; funding 970,000 元;
    # reach 23 个; activity 2 届 and 30 个. Five rows, all not reported in 2017.
    texts = cell_texts(totals)
    assert texts.count("未报告") == 5
    assert {"29<br>2 个项目", "970,000<br>1 个项目", "23<br>1 个项目"} <= set(texts)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_with_one_edition_the_page_says_how_to_add_one(compare_app, tmp_path, lang):
    single = tmp_path / "single"
    single.mkdir()
    bundled_into(single)
    at = compare_app(single, lang=lang)
    assert not at.exception and not at.error
    assert not at.get("plotly_chart")
    text = at.info[0].value.replace("\\", "")
    if lang == "zh":
        assert text.startswith("目前只有一期数据（金山区2018年），无从对比") and "数据说明" in text
    else:
        assert (
            text.startswith("There is only one edition (Jinshan 2018)") and "About the data" in text
        )
    assert text.count("。" if lang == "zh" else ". ") == (1 if lang == "zh" else 0)


# --- baihua export --edition -------------------------------------------------------------------

CLI = [sys.executable, "-c", "from metrics.cli.main import main; raise SystemExit(main())"]


def export(*args):
    return subprocess.run([*CLI, "export", *args], capture_output=True, text=True, timeout=300)


def test_export_with_two_editions_writes_the_compare_charts(library, tmp_path):
    out = tmp_path / "out"
    result = export("--out", str(out), "--data", str(library), "--edition", Y2018,
                    "--edition", Y2017, "--format", "csv")  # fmt: skip
    assert result.returncode == 0, result.stderr
    names = {p.name.split("_", 1)[0] for p in out.iterdir()}  # <chart>_<editions>_…
    assert {"治理主题按期出现频次（项目数）", "各类数字按期合计（同一单位）",
            "首次有项目的镇（街道）"} <= names  # fmt: skip
    path = next(out.glob("各类数字按期合计（同一单位）_*.csv"))
    lines = path.read_bytes().decode("utf-8-sig").splitlines()
    assert "参与,名,金山区2017年,2425.0,≥,2,已报告" in lines
    assert "参与,名,金山区2018年,2546.0,≥,4,已报告" in lines
    assert "经费,元,金山区2017年,,,0,未报告" in lines


def test_export_of_one_edition_writes_no_compare_chart(library, tmp_path):
    out = tmp_path / "out"
    result = export("--out", str(out), "--data", str(library), "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert not list(out.glob("*按期*")) and not list(out.glob("首次*"))
    # The latest edition alone: 20 projects in the headline numbers.
    headline = next(out.glob("核心数字_*.csv")).read_bytes().decode("utf-8-sig")
    assert "项目数,20" in headline.replace('"', "")


def test_export_of_an_unknown_edition_is_a_plain_error(library, tmp_path):
    result = export("--out", str(tmp_path / "out"), "--data", str(library), "--edition",
                    "jinshan-2019", "--format", "csv")  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "baihua export: unknown edition: jinshan-2019 (known: jinshan-2017, jinshan-2018)"
    )
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()
