"""`extract`: the article plus the curation files rebuild data/ exactly, and nothing else does.

The per-project figure counts below were counted by hand from
data/raw/jinshan-2018-social-construction-projects.txt, not taken from data/figures.csv.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from metrics.data import load
from metrics.extract.article import ArticleError, parse_article
from metrics.extract.build import CurationError, extract

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "jinshan-2018"
CURATION = DATA / "curation"
RAW = DATA / "raw" / "jinshan-2018-social-construction-projects.txt"
TABLES = ["projects", "figures", "towns", "themes", "project_themes", "funding_mentions"]
PACKAGE = ["datapackage.json", f"raw/{RAW.name}"] + [f"{table}.csv" for table in TABLES]
CLI = [sys.executable, "-c", "from metrics.cli.main import main; raise SystemExit(main())"]

# Figures per project, read off the article: 185标段 198公里 两级 1944条 2000多名 | 53个 3679人次
# 8400余节 357人次 | - | - | 264家 700余次 | - | 三方 | - | - | 425名 400余件 | 10家 | - |
# 91名 75周岁 | 两届 30个 23个 14家 5家 97万元 | 30多名 58岁 | 六个 三支 三支 | 两个 三方 |
# 195户 | 12个 3个 45个 7支 八大方面 | 10个 23个 200个 1名
FIGURES_PER_PROJECT = {
    "JS2018-01": 5, "JS2018-02": 4, "JS2018-03": 0, "JS2018-04": 0, "JS2018-05": 2,
    "JS2018-06": 0, "JS2018-07": 1, "JS2018-08": 0, "JS2018-09": 0, "JS2018-10": 2,
    "JS2018-11": 1, "JS2018-12": 0, "JS2018-13": 2, "JS2018-14": 6, "JS2018-15": 2,
    "JS2018-16": 3, "JS2018-17": 2, "JS2018-18": 1, "JS2018-19": 5, "JS2018-20": 4,
}  # fmt: skip


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def tree_hashes(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def explain(result: subprocess.CompletedProcess) -> str:
    return (
        f"exit code {result.returncode}\n--- stdout ---\n{result.stdout}"
        f"\n--- stderr ---\n{result.stderr}"
    )


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CLI, *args], capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120
    )


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("rebuilt")
    extract(RAW, out, CURATION)
    return out


@pytest.fixture(scope="module")
def figures(rebuilt) -> list[dict]:
    return read_csv(rebuilt / "figures.csv")


# --- (a) the rebuild ---------------------------------------------------------------------------


def test_rebuild_writes_exactly_the_package(tmp_path):
    written = extract(RAW, tmp_path / "out", CURATION)
    names = sorted(str(p.relative_to(tmp_path / "out")) for p in written)
    assert names == sorted(PACKAGE)


@pytest.mark.parametrize("name", PACKAGE)
def test_rebuild_is_byte_identical_to_data(rebuilt, name):
    assert (rebuilt / name).read_bytes() == (DATA / name).read_bytes(), (
        f"{name}: data/ is not what extract + curation produce; rerun "
        "`baihua extract data/raw/… --out data --curation data/curation`"
    )


def test_rebuilt_package_passes_check(rebuilt):
    dataset, problems = load.check(rebuilt)
    assert problems == []
    assert len(dataset.projects) == 20
    assert len(dataset.figures) == 40


def test_extract_into_a_copy_of_data_changes_nothing(tmp_path):
    """The documented command, `extract … --out data --curation data/curation`, is idempotent."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    before = tree_hashes(copy)
    article = str(copy / "raw" / RAW.name)
    result = run_cli("extract", article, "--out", str(copy), "--curation", str(copy / "curation"))
    assert result.returncode == 0, explain(result)
    assert "Traceback" not in result.stderr, explain(result)
    assert f"wrote {copy / 'figures.csv'}" in result.stdout, explain(result)
    assert tree_hashes(copy) == before


# --- (b) parse_article -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def blocks():
    return parse_article(RAW.read_text(encoding="utf-8"), name=RAW.name)


def test_parse_article_finds_20_blocks_in_order(blocks):
    assert [b.number for b in blocks] == list(range(1, 21))
    assert [b.section for b in blocks] == ["innovation"] * 4 + ["excellent"] * 16
    assert {(b.year, b.district) for b in blocks} == {(2018, "金山区")}


def test_parse_article_titles_and_units(blocks):
    first, last = blocks[0], blocks[-1]
    assert first.title == "中小河道综合整治 重现金山“人水相亲”的江南水乡"
    assert first.unit == "区水务局"
    assert blocks[4].title == "打造“两堂”阵地 延伸妇女组织服务触角"  # first under 优秀项目
    assert blocks[18].unit == "廊下镇老龄办、社区学校"
    assert last.title == "党建引领社会治理 “小”网格发挥“大”作用"
    assert last.unit == "山阳镇网格员"
    assert last.description.startswith("山阳镇将全镇10个行政村")
    assert last.description.endswith("通过项目运转,使小网格发挥大作用。")


def test_reviews_alternate_in_pairs(blocks):
    """Projects 1-2 have a 该项目… review, 3-4 do not, 5-6 do, … : ten with and ten without."""
    assert [bool(b.review) for b in blocks] == [(i // 2) % 2 == 0 for i in range(20)]
    assert sum(bool(b.review) for b in blocks) == 10
    assert all(b.review.startswith("该项目") for b in blocks if b.review)
    paragraphs = [p for b in blocks for p in b.description.split("\n")]
    assert not any(p.startswith("该项目") for p in paragraphs)


def test_review_is_not_part_of_the_description(blocks):
    assert blocks[1].review.startswith("该项目抓住了社会建设中的难点")
    assert "该项目" not in blocks[1].description
    assert blocks[2].review == ""


# --- (c) figures, checked by hand --------------------------------------------------------------


def figure(figures, project_id, unit, value):
    found = [
        f
        for f in figures
        if f["project_id"] == project_id and f["unit"] == unit and float(f["value"]) == value
    ]
    assert len(found) == 1, (project_id, unit, value, found)
    return found[0]


def test_summer_school_figures(figures):
    assert figure(figures, "JS2018-02", "人次", 3679)["qualifier"] == "exact"
    lessons = figure(figures, "JS2018-02", "节", 8400)
    assert lessons["qualifier"] == "at_least"
    assert "8400余节课" in lessons["quote"]


def test_funding_figure_is_in_yuan(figures):
    funding = figure(figures, "JS2018-14", "元", 970_000)
    assert funding["category"] == "funding"
    assert funding["qualifier"] == "exact"
    assert "97万元" in funding["quote"]
    assert [f["figure_id"] for f in figures if f["category"] == "funding"] == ["JS2018-14-F06"]


@pytest.mark.parametrize(
    ("project_id", "unit", "value", "qualifier"),
    [
        ("JS2018-01", "名", 2000, "at_least"),  # 2000多名河长
        ("JS2018-01", "级", 2, "exact"),  # 区、镇两级
        ("JS2018-15", "名", 30, "at_least"),  # 30多名
        ("JS2018-14", "届", 2, "exact"),  # 两届
        ("JS2018-19", "方面", 8, "exact"),  # 八大方面
        ("JS2018-16", "个", 6, "exact"),  # 六个村, counted once
        ("JS2018-20", "名", 1, "exact"),  # 1名网格员
    ],
)
def test_figures_read_by_hand(figures, project_id, unit, value, qualifier):
    assert figure(figures, project_id, unit, value)["qualifier"] == qualifier


def test_figures_per_project_match_the_article(figures):
    counts = {pid: 0 for pid in FIGURES_PER_PROJECT}
    for row in figures:
        counts[row["project_id"]] += 1
    assert counts == FIGURES_PER_PROJECT
    assert sum(FIGURES_PER_PROJECT.values()) == len(figures) == 40


def test_figure_ids_number_each_project_from_one(figures):
    for pid, count in FIGURES_PER_PROJECT.items():
        ids = [f["figure_id"] for f in figures if f["project_id"] == pid]
        assert ids == [f"{pid}-F{n:02d}" for n in range(1, count + 1)]


def test_every_quote_is_in_the_raw_text(figures, blocks):
    raw = RAW.read_text(encoding="utf-8")
    texts = {f"JS2018-{b.number:02d}": b.description + "\n" + b.review for b in blocks}
    for row in figures:
        assert row["quote"] in raw, row
        assert row["quote"] in texts[row["project_id"]], row


def test_excluded_numbers_are_not_figures(figures):
    """38°女子学堂, 轩·20, 和谐6+1+X, 1+3 and 98+87 are names; 2018年 is a year."""
    values = {(f["project_id"], float(f["value"])) for f in figures}
    excluded = [("JS2018-05", 38), ("JS2018-07", 20), ("JS2018-16", 1), ("JS2018-18", 1),
                ("JS2018-18", 3), ("JS2018-01", 98), ("JS2018-01", 87)]  # fmt: skip
    assert [pair for pair in excluded if pair in values] == []


# --- (d) a draft without curation --------------------------------------------------------------


@pytest.fixture(scope="module")
def draft(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("draft")
    extract(RAW, out, None)
    return out


def test_draft_writes_tables_and_candidates(draft):
    names = sorted(str(p.relative_to(draft)) for p in draft.rglob("*") if p.is_file())
    expected = ["datapackage.json", f"raw/{RAW.name}", "projects.csv", "figures.csv"]
    assert names == sorted(expected + ["figure_candidates.csv"])
    assert (draft / "raw" / RAW.name).read_bytes() == RAW.read_bytes()


def test_draft_projects_are_uncurated(draft):
    projects = read_csv(draft / "projects.csv")
    assert len(projects) == 20
    assert all(p["title_en"] == "" for p in projects)
    assert [p["tier"] for p in projects] == [p["printed_section"] for p in projects]
    assert [p["town"] for p in projects[:3]] == ["区级", "区级", "金山工业区"]


def test_draft_figures_are_every_candidate_not_plainly_excluded(draft):
    """The 40 curated figures, plus 三方 #2 of JS2018-07 and 六个 #2, #3 of JS2018-16."""
    figures = read_csv(draft / "figures.csv")
    assert len(figures) == 43
    assert all(f["label_zh"] == "" and f["category"] == "" for f in figures)
    counts = {}
    for row in figures:
        counts[row["project_id"]] = counts.get(row["project_id"], 0) + 1
    expected = {k: v for k, v in FIGURES_PER_PROJECT.items() if v}
    expected["JS2018-07"] += 1
    expected["JS2018-16"] += 2
    assert counts == expected


def test_draft_candidates_explain_exclusions(draft):
    candidates = read_csv(draft / "figure_candidates.csv")
    by_match = {(c["project_id"], c["match"], c["occurrence"]): c for c in candidates}
    assert by_match[("JS2018-05", "38", "1")]["decision"] == "not_figure"
    assert by_match[("JS2018-05", "38", "1")]["note"] == "part of a name (°)"
    assert by_match[("JS2018-07", "20", "1")]["note"] == "part of a quoted name"
    assert by_match[("JS2018-15", "一支", "1")]["decision"] == "not_figure"
    assert by_match[("JS2018-14", "97万元", "1")]["decision"] == ""
    assert by_match[("JS2018-14", "97万元", "1")]["value"] == "970000"
    undecided = [c for c in candidates if c["decision"] == ""]
    assert len(undecided) == 43


# --- (e) curation errors -----------------------------------------------------------------------


def curation_copy(tmp_path: Path, edit) -> Path:
    folder = tmp_path / "curation"
    shutil.copytree(CURATION, folder)
    path = folder / "figures.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(edit(lines)), encoding="utf-8")
    return folder


def without(prefix: str):
    """Curation edit: drop the decision row starting with `prefix`."""

    def edit(lines):
        kept = [line for line in lines if not line.startswith(prefix)]
        assert len(kept) == len(lines) - 1, prefix
        return kept

    return edit


def test_missing_decision_names_project_and_match(tmp_path):
    curation = curation_copy(tmp_path, without("JS2018-14,30个,"))
    out = tmp_path / "out"
    with pytest.raises(CurationError) as error:
        extract(RAW, out, curation)
    assert len(error.value.problems) == 1
    message = str(error.value)
    assert "curation/figures.csv" in message
    assert "JS2018-14" in message and "'30个'" in message and "occurrence 1" in message
    assert "decision figure or not_figure" in message
    assert not out.exists(), "a failed extract must not leave a half-written package"


def test_decision_for_a_number_not_in_the_article(tmp_path):
    curation = curation_copy(tmp_path, lambda lines: lines + ["JS2018-03,5个,1,figure,,,,\n"])
    with pytest.raises(CurationError) as error:
        extract(RAW, tmp_path / "out", curation)
    assert str(error.value) == (
        "curation/figures.csv:45: JS2018-03 has no '5个' occurrence 1 in the article"
    )


def test_missing_curation_file(tmp_path):
    curation = curation_copy(tmp_path, lambda lines: lines)
    (curation / "themes.csv").unlink()
    with pytest.raises(CurationError, match=r"themes\.csv: curation file is missing"):
        extract(RAW, tmp_path / "out", curation)


def test_cli_reports_curation_error_plainly(tmp_path):
    curation = curation_copy(tmp_path, without("JS2018-02,53个,"))
    out = tmp_path / "out"
    result = run_cli("extract", str(RAW), "--out", str(out), "--curation", str(curation))
    assert result.returncode == 1, explain(result)
    assert "Traceback" not in result.stdout + result.stderr, explain(result)
    assert "no decision for JS2018-02 '53个' occurrence 1" in result.stderr, explain(result)
    assert not out.exists()


# --- (f) articles in another format ------------------------------------------------------------


def test_article_without_projects(tmp_path):
    with pytest.raises(ArticleError) as error:
        parse_article("金山区2018年社会建设工作总结\n\n今年共完成项目12个。\n", name="report.txt")
    assert str(error.value) == (
        "report.txt: no 项目名称 blocks found; is this an article in the 2018 format?"
    )


def test_article_without_district():
    with pytest.raises(ArticleError, match="cannot find the district name"):
        parse_article("项目名称\n标题\n实施单位: 区妇联\n描述。\n", name="a.txt")


def test_block_without_unit_names_the_line():
    text = "——金山区2018年巡礼\n2018年金山区社会建设十大创新项目\n\n项目名称\n某项目\n描述。\n"
    with pytest.raises(ArticleError) as error:
        parse_article(text, name="a.txt")
    assert str(error.value) == "a.txt:6: expected '实施单位: …' after the title '某项目'"


def test_project_before_any_section():
    text = "金山区2018年\n项目名称\n某项目\n实施单位: 区妇联\n描述。\n"
    with pytest.raises(ArticleError, match=r"a\.txt:2: 项目名称 appears before any section"):
        parse_article(text, name="a.txt")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("金山区2018年工作总结\n没有项目。\n".encode(), "no 项目名称 blocks found"),
        (bytes(range(256)) * 8, "not a text or Word file"),
        (None, "the article file does not exist"),
    ],
    ids=["no-projects", "binary", "missing"],
)
def test_cli_extract_bad_article(tmp_path, content, message):
    article = tmp_path / "article.txt"
    if content is not None:
        article.write_bytes(content)
    out = tmp_path / "out"
    result = run_cli("extract", str(article), "--out", str(out))
    assert result.returncode == 1, explain(result)
    assert message in result.stderr, explain(result)
    assert "Traceback" not in result.stdout + result.stderr, explain(result)
    assert not out.exists()


# --- (g) checking never writes -----------------------------------------------------------------


def test_check_leaves_data_unchanged():
    before = tree_hashes(DATA)
    dataset, problems = load.check(DATA)
    assert problems == [] and dataset is not None
    result = run_cli("check", str(DATA))
    assert result.returncode == 0, explain(result)
    result = run_cli("check", str(DATA), "--json")
    assert result.returncode == 0, explain(result)
    assert tree_hashes(DATA) == before
