"""`baihua publish`: a workbook or a package becomes an edition, or nothing changes at all.

Hand-counted from data/jinshan-2018/*.csv: 20 projects, 40 figures, 16 themes, 63 project-theme
links, 12 towns, 3 funding mentions. JS2018-20 has 4 figures (JS2018-20-F01 … F04), 2 theme
links and 1 funding mention. Sheet rows are CSV lines + 1 (see broken_workbooks.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from broken_data import DATA, ROOT, copy_package, snapshot
from broken_workbooks import CASES, Case, cell, edited
from editions import derive_edition

from metrics.data import library, load
from metrics.data.csvio import read_rows, write_rows
from metrics.data.problems import TEMPLATES
from metrics.data.problems_zh import TEMPLATES_ZH
from metrics.steward import install
from metrics.steward import problems as steward_problems
from metrics.steward.publish import publish

ARTICLE = DATA / "raw" / "jinshan-2018-social-construction-projects.txt"
PACKAGE_FILES = ["datapackage.json", *(f"{t}.csv" for t in
                 ["projects", "figures", "themes", "project_themes", "towns", "funding_mentions"]),
                 "raw/jinshan-2018-social-construction-projects.txt"]  # fmt: skip
CLI_CODE = "from metrics.cli.main import main; raise SystemExit(main())"
# Publishing, slowed down inside the lock: two of these started together overlap for sure.
SLOW_CODE = (
    "import time\nfrom metrics.steward import install\nreal = install.install\n"
    "def slow(*a, **k):\n    time.sleep(1.5)\n    return real(*a, **k)\n"
    "install.install = slow\n" + CLI_CODE
)


def env() -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if k not in ("BAIHUA_DATA", "BAIHUA_MAX_FILE_MB")}
    out["PYTHONIOENCODING"] = "utf-8"
    out["PYTHONPATH"] = str(ROOT / "src")
    return out


@dataclass
class Run:
    args: tuple
    returncode: int
    stdout: str
    stderr: str

    def explain(self) -> str:
        return (f"\n$ baihua {' '.join(map(str, self.args))}\nexit {self.returncode}\n"
                f"--- stdout ---\n{self.stdout}--- stderr ---\n{self.stderr}")  # fmt: skip


def start(*args, code: str = CLI_CODE) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code, *map(str, args)], cwd=ROOT, env=env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8")  # fmt: skip


def finish(process: subprocess.Popen) -> Run:
    out, err = process.communicate(timeout=180)
    return Run(tuple(process.args[3:]), process.returncode, out, err)


def baihua(*args, code: str = CLI_CODE) -> Run:
    return finish(start(*args, code=code))


def no_traceback(run: Run) -> None:
    assert "Traceback" not in run.stdout + run.stderr, run.explain()
    assert "unexpected error" not in run.stderr, run.explain()


def library_with_2018(root: Path) -> Path:
    lib = root / "library"
    copy_package(lib / "jinshan-2018")
    return lib


def editions_only(root: Path) -> dict[str, str]:
    """The library as readers see it: staging folders (names starting with .) left out."""
    return {k: v for k, v in snapshot(root).items()
            if not any(part.startswith(".") for part in Path(k).parts)}  # fmt: skip


def log_lines(lib: Path) -> list[dict]:
    path = lib / "_publish.log"
    return [json.loads(x) for x in path.read_text("utf-8").splitlines()] if path.exists() else []


def workbook(tmp_path: Path, *edits, name: str = "book.xlsx") -> Path:
    def edit(book):
        for step in edits:
            step(book)

    folder = tmp_path / f"wb-{len(list(tmp_path.glob('wb-*')))}"
    folder.mkdir()
    return edited(edit, name=name)(folder)


def same_package(folder: Path) -> None:
    for name in PACKAGE_FILES:
        assert (folder / name).read_bytes() == (DATA / name).read_bytes(), name


# --- the round trip ----------------------------------------------------------------------------


def test_round_trip_package_to_workbook_to_library_is_byte_identical(tmp_path):
    book, lib = tmp_path / "jinshan-2018.xlsx", tmp_path / "library"
    lib.mkdir()
    made = baihua("template", "--from", DATA, "--out", book)
    assert made.returncode == 0, made.explain()
    assert "20 projects, 40 figures" in made.stdout
    run = baihua("publish", book, "--library", lib, "--article", ARTICLE, "--user", "测试员")
    assert run.returncode == 0, run.explain()
    no_traceback(run)
    assert "已发布 · published: jinshan-2018" in run.stdout
    assert "20 个项目 projects, 40 个数字 figures, 16 个主题 themes, 12 个镇 towns" in run.stdout
    assert "新版本 · new edition jinshan-2018" in run.stdout
    same_package(lib / "jinshan-2018")  # every table, the declaration and the article
    # the edition is a link to its version, which the manifest in .baihua/ names (install.py)
    assert sorted(p.name for p in lib.iterdir()) == [".baihua", "_publish.log", "jinshan-2018"]
    assert (lib / "jinshan-2018").is_symlink()
    check = baihua("check", lib)
    assert check.returncode == 0 and "all valid" in check.stdout, check.explain()
    (entry,) = log_lines(lib)
    assert entry["user"] == "测试员" and entry["edition"] == "jinshan-2018"
    assert entry["counts"] == {"projects": 20, "figures": 40, "themes": 16, "project_themes": 63,
                               "towns": 12, "funding_mentions": 3}  # fmt: skip
    assert entry["sha256"] == hashlib.sha256(book.read_bytes()).hexdigest()
    assert entry["article_sha256"] == hashlib.sha256(ARTICLE.read_bytes()).hexdigest()
    assert entry["replaced"] is False and entry["archived"] is None


def test_publishing_a_package_folder(tmp_path):
    lib = tmp_path / "library"
    lib.mkdir()
    result = publish(DATA, lib, "tester")
    assert result.ok and result.published, result.problems
    assert result.edition == "jinshan-2018"
    same_package(lib / "jinshan-2018")
    # curation/ travels with the package, so `baihua extract --curation` still rebuilds it
    assert (lib / "jinshan-2018/curation/edition.json").read_bytes() == (
        DATA / "curation/edition.json").read_bytes()  # fmt: skip
    assert result.diff.replaces is False and len(result.diff.projects.added) == 20


# --- broken workbooks --------------------------------------------------------------------------


def where(case: Case) -> tuple[str, str]:
    """The start of the Chinese and the English line that must name the place."""
    file, row, column, slug = case.expected
    sheet = file in steward_problems.SHEETS or slug.startswith(("sheet-", "cell-"))
    zh, en = [f"工作表“{file}”" if sheet else file], [f"sheet {file}" if sheet else file]
    if row is not None:
        zh.append(f"第 {row} 行")
        en.append(f"row {row}")
    if column:
        zh.append(f"{column} 列")
        en.append(f"column {column}")
    return " ".join(zh) + "：", ", ".join(en) + ": "


@dataclass
class Refused:
    run: Run
    problems: list
    before: dict[str, str]
    after: dict[str, str]


def run_case(case: Case, root: Path) -> Refused:
    book = case.build(root)
    lib = library_with_2018(root / case.name)
    before = snapshot(lib)
    extra = ["--article", ARTICLE] if case.with_article else []
    run = baihua("publish", book, "--library", lib, *extra)
    result = publish(book, lib, "tester", ARTICLE if case.with_article else None)
    return Refused(run, result.problems, before, snapshot(lib))


@pytest.fixture(scope="module")
def refused(request, tmp_path_factory):
    """Every selected case run once, two at a time (each is a `baihua publish` subprocess)."""
    root = tmp_path_factory.mktemp("broken-workbooks")
    selected = {
        item.callspec.params["case"].name
        for item in request.session.items
        if item.module is request.module
        and hasattr(item, "callspec")
        and "case" in item.callspec.params
    }
    cases = [case for case in CASES if case.name in selected]
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(cases, pool.map(lambda c: run_case(c, root), cases), strict=True))


def test_the_corpus_has_twenty_or_more_workbooks():
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_workbook_is_refused_with_its_place_and_nothing_changes(case, refused):
    got = refused[case]
    run = got.run
    assert run.returncode == 1, run.explain()
    no_traceback(run)
    assert "未发布任何内容" in run.stderr and "nothing was published" in run.stderr, run.explain()
    zh_where, en_where = where(case)
    lines = run.stderr.splitlines()
    zh_lines = [line for line in lines if line.startswith(zh_where)]
    en_lines = [line.strip() for line in lines if line.strip().startswith(en_where)]
    assert zh_lines and en_lines, (zh_where, en_where, run.explain())
    for word in case.zh:
        assert any(word in line for line in zh_lines), (word, run.explain())
    for word in case.en:
        assert any(word in line for line in en_lines), (word, run.explain())
    places = [(p.file, p.row, p.column, p.slug) for p in got.problems]
    assert tuple(case.expected) in places, places
    assert got.after == got.before  # not one byte of the library changed, no file added


def test_every_problem_has_chinese_and_english():
    assert set(TEMPLATES) <= set(TEMPLATES_ZH)
    for slug, (english, chinese) in steward_problems.TEMPLATES.items():
        assert english and chinese, slug


def test_a_broken_package_is_refused_with_file_row_and_column(tmp_path):
    package = copy_package(tmp_path / "draft")
    rows = read_rows(package / "figures.csv")
    assert rows[3]["value"] == "1944"  # CSV line 5
    rows[3]["value"] = "abc"
    write_rows(package / "figures.csv", list(rows[0]), rows)
    lib = library_with_2018(tmp_path)
    before = snapshot(lib)
    run = baihua("publish", package, "--library", lib, "--edition", "jinshan-2018")
    assert run.returncode == 1, run.explain()
    assert "figures.csv 第 5 行 value 列：“abc”不是数字" in run.stderr, run.explain()
    assert "figures.csv, row 5, column value: 'abc' is not a number" in run.stderr
    assert snapshot(lib) == before


# --- the library's rules -----------------------------------------------------------------------


def test_project_ids_must_be_unique_across_the_library(tmp_path):
    lib = library_with_2018(tmp_path)
    before = snapshot(lib)
    book = workbook(tmp_path)
    run = baihua(
        "publish", book, "--library", lib, "--edition", "jinshan-2018-copy", "--article", ARTICLE
    )
    assert run.returncode == 1, run.explain()
    # JS2018-01 is projects row 3 of the workbook (CSV line 2)
    assert ("工作表“projects” 第 3 行 project_id 列：项目编号“JS2018-01”已被版本 jinshan-2018 使用"
            in run.stderr), run.explain()  # fmt: skip
    assert "'JS2018-01' is already used by the edition jinshan-2018" in run.stderr
    assert snapshot(lib) == before


def test_an_edition_that_would_break_a_later_one_is_refused(tmp_path):
    lib = tmp_path / "library"
    derive_edition(lib / "jinshan-2020", 2020)
    source = copy_package(tmp_path / "jinshan-2018")
    themes = read_rows(source / "themes.csv")
    assert themes[3]["theme_id"] == "elderly" and themes[3]["name_zh"] == "为老服务"
    themes[3]["name_zh"] = "养老"
    write_rows(source / "themes.csv", list(themes[0]), themes)
    before = snapshot(lib)
    result = publish(source, lib, "tester")
    assert not result.published
    (item,) = result.problems
    # the 2018 edition sorts first, so it is 2020's elderly (themes.csv line 5) that clashes
    assert (item.slug, item.file, item.row, item.column) == (
        "breaks-edition", "jinshan-2020/themes.csv", 5, "theme_id")  # fmt: skip
    assert "publishing would break the edition jinshan-2020" in item.message
    assert snapshot(lib) == before


# --- republishing, the archive, the log and the diff -------------------------------------------


def test_republish_archives_the_previous_version_and_logs_both(tmp_path):
    lib = tmp_path / "library"
    lib.mkdir()
    first = baihua("publish", DATA, "--library", lib, "--user", "alice")
    assert first.returncode == 0, first.explain()
    # JS2018-03 (projects row 5) excellent → innovation; JS2018-01-F01 (figures row 3)
    # 185 → 198, also written in its quote (…185标段198公里…)
    book = workbook(tmp_path, cell("projects", "I5", "innovation"), cell("figures", "E3", 198))
    second = baihua("publish", book, "--library", lib, "--user", "bob")
    assert second.returncode == 0, second.explain()
    assert "~ JS2018-03 tier: excellent → innovation" in second.stdout
    assert "~ JS2018-01-F01 value: 185 → 198" in second.stdout
    assert "项目：新增 0，删除 0，修改 1 · projects: 0 added, 0 removed, 1 changed" in second.stdout
    assert "数字：新增 0，删除 0，修改 1 · figures: 0 added, 0 removed, 1 changed" in second.stdout
    (archived,) = (lib / "_archive" / "jinshan-2018").iterdir()
    same_package(archived)  # the first version, byte for byte
    assert "旧版本已存档 · previous version archived" in second.stdout
    rows = read_rows(lib / "jinshan-2018/projects.csv")
    assert rows[2]["project_id"] == "JS2018-03" and rows[2]["tier"] == "innovation"
    alice, bob = log_lines(lib)
    assert (alice["user"], alice["replaced"], alice["source_kind"]) == ("alice", False, "package")
    assert (bob["user"], bob["replaced"], bob["source_kind"]) == ("bob", True, "workbook")
    assert bob["archived"] == f"_archive/jinshan-2018/{archived.name}"
    assert bob["changes"]["projects_changed"] == 1 and bob["changes"]["figures_changed"] == 1
    assert baihua("check", lib).returncode == 0


def test_a_correction_reuses_the_article_already_in_the_library(tmp_path):
    lib = library_with_2018(tmp_path)
    book = workbook(tmp_path, cell("projects", "E6", "Four dishes of community service"))
    result = publish(book, lib, "tester")  # no article: raw/ of jinshan-2018 holds it
    assert result.published, result.problems
    assert (lib / "jinshan-2018/raw" / ARTICLE.name).read_bytes() == ARTICLE.read_bytes()
    (change,) = result.diff.projects.changed
    assert change.key == "JS2018-04" and change.columns["title_en"][1] == (
        "Four dishes of community service")  # fmt: skip


def test_dry_run_shows_the_diff_and_writes_nothing(tmp_path):
    lib = library_with_2018(tmp_path)
    before = snapshot(lib)
    book = workbook(tmp_path, cell("projects", "I5", "innovation"))
    run = baihua("publish", book, "--library", lib, "--dry-run")
    assert run.returncode == 0, run.explain()
    assert "未写入（--dry-run）" in run.stdout and "nothing written" in run.stdout
    assert "~ JS2018-03 tier: excellent → innovation" in run.stdout
    assert snapshot(lib) == before


def without_project_20(dest: Path) -> Path:
    copy_package(dest)
    for table in ("projects", "figures", "project_themes", "funding_mentions"):
        rows = read_rows(dest / f"{table}.csv")
        kept = [r for r in rows if r["project_id"] != "JS2018-20"]
        write_rows(dest / f"{table}.csv", list(rows[0]), kept)
    return dest


def test_diff_lists_projects_and_figures_removed_then_added(tmp_path):
    lib = library_with_2018(tmp_path)
    smaller = publish(without_project_20(tmp_path / "jinshan-2018"), lib, "tester")
    assert smaller.published, smaller.problems
    d = smaller.diff
    assert d.projects.removed == ["JS2018-20"] and not d.projects.added
    assert d.figures.removed == [f"JS2018-20-F0{n}" for n in (1, 2, 3, 4)]
    assert len(d.others["project_themes"].removed) == 2
    assert d.others["funding_mentions"].removed == ["JS2018-20"]
    again = publish(DATA, lib, "tester")
    assert again.diff.projects.added == ["JS2018-20"] and len(again.diff.figures.added) == 4
    assert len(list((lib / "_archive/jinshan-2018").iterdir())) == 2
    assert [e["changes"]["projects_removed"] for e in log_lines(lib)] == [1, 0]


# --- killed part-way, failing part-way ---------------------------------------------------------


KILL_AFTER_STAGING = (
    "import os, signal\nfrom metrics.steward import install\nreal = install.copy_synced\n"
    "def copy(src, dst):\n    real(src, dst)\n"
    "    if '/.baihua/tmp/' in str(dst):\n        os.kill(os.getpid(), signal.SIGKILL)\n"
    "install.copy_synced = copy\n" + CLI_CODE
)
KILL_BEFORE_SWITCH = (
    "import os, signal\nfrom metrics.steward import install\n"
    "def switch(work, manifest):\n    os.kill(os.getpid(), signal.SIGKILL)\n"
    "install._switch = switch\n" + CLI_CODE
)


@pytest.mark.parametrize(
    "code, existing",
    [(KILL_AFTER_STAGING, False), (KILL_AFTER_STAGING, True), (KILL_BEFORE_SWITCH, True)],
    ids=["new-edition-after-staging", "republish-after-staging", "republish-before-switch"],
)
def test_a_publish_killed_part_way_leaves_the_library_as_it_was(tmp_path, code, existing):
    """(Every step, with the exchange call missing: test_publish_steps.py.)"""
    lib = library_with_2018(tmp_path) if existing else tmp_path / "library"
    lib.mkdir(exist_ok=True)
    before = editions_only(lib)
    book = workbook(tmp_path, cell("projects", "I5", "innovation"))
    run = baihua("publish", book, "--library", lib, "--article", ARTICLE, code=code)
    assert run.returncode == -signal.SIGKILL, run.explain()
    assert list(lib.glob(".baihua/*/*")), "killed after the staging copy"
    # (the previous version's archive copy, if made, is hidden until the switch)
    assert editions_only(lib) == before
    assert library.check_library(lib).editions == (["jinshan-2018"] if existing else [])
    # the next publication cleans up and succeeds
    result = publish(book, lib, "tester", ARTICLE)
    assert result.published and result.warnings == [], result.problems
    assert not list(lib.glob(".baihua/tmp/*")) and not list(lib.glob("_archive/*/.*"))
    assert len(list(lib.glob(".baihua/versions/*"))) == 1
    # a plain folder replaced is kept for readers that started before (BAIHUA_GRACE_S)
    assert (lib / "jinshan-2018").is_symlink() is not existing
    assert baihua("check", lib).returncode == 0


def test_a_failing_write_leaves_the_library_as_it_was(tmp_path, monkeypatch):
    lib = library_with_2018(tmp_path)
    before = snapshot(lib)

    def broken_disk(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(install, "_write_json", broken_disk)  # the new manifest
    book = workbook(tmp_path, cell("projects", "I5", "innovation"))
    result = publish(book, lib, "tester", ARTICLE)
    assert not result.published
    (item,) = result.problems
    assert item.slug == "write-failed" and "No space left on device" in item.message
    assert "数据库保持原样" in steward_problems.zh(item)
    assert snapshot(lib) == before  # the version and the archive copy removed again
    assert sorted(p.name for p in lib.iterdir()) == ["jinshan-2018"]


# --- two at once -------------------------------------------------------------------------------


def test_two_publishes_of_different_editions_at_once(tmp_path):
    lib = tmp_path / "library"
    lib.mkdir()
    later = derive_edition(tmp_path / "jinshan-2020", 2020)
    runs = [start("publish", DATA, "--library", lib, "--user", "a", code=SLOW_CODE),
            start("publish", later, "--library", lib, "--user", "b", code=SLOW_CODE)]  # fmt: skip
    a, b = (finish(p) for p in runs)
    assert a.returncode == 0 and b.returncode == 0, a.explain() + b.explain()
    assert sorted(e["user"] for e in log_lines(lib)) == ["a", "b"]
    check = baihua("check", lib)
    assert check.returncode == 0, check.explain()
    assert "library of 2 edition(s), all valid" in check.stdout


def test_two_clashing_publishes_at_once_let_exactly_one_in(tmp_path):
    """Both carry JS2018-01 … 20; without the lock both would pass the library check before
    either wrote, and the library would hold the same ids twice."""
    lib = tmp_path / "library"
    lib.mkdir()
    runs = [start("publish", DATA, "--library", lib, "--edition", name, code=SLOW_CODE)
            for name in ("jinshan-2018", "jinshan-2018-copy")]  # fmt: skip
    results = [finish(p) for p in runs]
    assert sorted(r.returncode for r in results) == [0, 1], [r.explain() for r in results]
    loser = next(r for r in results if r.returncode == 1)
    assert "is already used by the edition" in loser.stderr, loser.explain()
    assert len(log_lines(lib)) == 1
    assert baihua("check", lib).returncode == 0


def test_the_same_edition_twice_at_once(tmp_path):
    lib = tmp_path / "library"
    lib.mkdir()
    runs = [start("publish", DATA, "--library", lib, "--user", u, code=SLOW_CODE)
            for u in ("a", "b")]  # fmt: skip
    assert all(finish(p).returncode == 0 for p in runs)
    entries = log_lines(lib)
    assert sorted(e["user"] for e in entries) == ["a", "b"]
    assert [e["replaced"] for e in entries] == [False, True]
    assert len(list((lib / "_archive/jinshan-2018").iterdir())) == 1
    same_package(lib / "jinshan-2018")
    assert baihua("check", lib).returncode == 0


def test_two_publishes_from_threads_of_one_server(tmp_path, monkeypatch):
    """A Streamlit server publishes from several sessions' threads: the library lock is taken
    per open() of the folder, so it holds between threads of one process too."""
    lib = tmp_path / "library"
    lib.mkdir()
    real, inside, overlapped = install.install, [], []

    def slow(*args, **kwargs):
        inside.append(1)
        overlapped.append(len(inside) > 1)
        time.sleep(0.5)
        inside.pop()
        return real(*args, **kwargs)

    monkeypatch.setattr(install, "install", slow)
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda name: publish(DATA, lib, "t", edition=name),
                                ["jinshan-2018", "jinshan-2018-copy"]))  # fmt: skip
    assert sorted(r.published for r in results) == [False, True]
    assert overlapped == [False]  # the second never got inside: it was refused after waiting
    assert len(log_lines(lib)) == 1


# --- the command line --------------------------------------------------------------------------


def test_publish_help_has_examples():
    run = baihua("publish", "--help")
    assert run.returncode == 0
    for words in ("examples:", "--dry-run", "--article", "_archive", "_publish.log"):
        assert words in run.stdout, words
    top = baihua("--help")
    assert "baihua template --out" in top.stdout and "baihua publish" in top.stdout


def test_json_report_has_chinese_messages(tmp_path):
    lib = library_with_2018(tmp_path)
    book = workbook(tmp_path, cell("figures", "E6", "三千"))
    run = baihua("publish", book, "--library", lib, "--article", ARTICLE, "--json")
    assert run.returncode == 1
    report = json.loads(run.stdout)
    (item,) = report["problems"]
    assert (item["file"], item["row"], item["column"]) == ("figures", 6, "value")
    assert item["message_zh"] == "“三千”是用汉字写的数；请用阿拉伯数字填写（三千 即 3000）"
    assert report["published"] is False


def test_library_must_be_a_folder_of_editions(tmp_path):
    result = publish(DATA, DATA, "tester")  # a package, not a library
    assert [p.slug for p in result.problems] == ["library-is-package"]
    assert publish(DATA, tmp_path / "nowhere", "t").problems[0].slug == "library-missing"
    assert load.check(DATA)[1] == []  # nothing written into the bundled data
