"""`baihua check` as a user runs it: on the bundled data, and on every broken folder of the corpus.

Each broken folder is checked by `baihua check` in a subprocess and by `check --json`. It must
exit 1, point at the file, spreadsheet row and column in plain words, print no traceback, agree
with the library's own report, and leave every byte of the folder as it was.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest
from broken_data import CASES, DATA, ROOT, VALID_VARIANTS, Case, copy_package, snapshot
from editions import LIBRARY_CASES

from metrics.cli.main import main
from metrics.data import load
from metrics.data.problems import TEMPLATES, DataError, Problem

CLI = [sys.executable, "-c", "from metrics.cli.main import main; raise SystemExit(main())"]


def cli_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "BAIHUA_DATA"}
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra)
    return env


@dataclass
class Run:
    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str

    def explain(self) -> str:
        """What the CLI printed, for assertion messages."""
        return (
            f"\n$ baihua {' '.join(self.args)}\nexit code {self.returncode}"
            f"\n--- stdout ---\n{self.stdout}--- stderr ---\n{self.stderr}"
        )


def start(*args: str, env: dict | None = None, cwd: Path = ROOT) -> subprocess.Popen:
    return subprocess.Popen(
        [*CLI, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env or cli_env(),
    )


def finish(process: subprocess.Popen) -> Run:
    stdout, stderr = process.communicate(timeout=120)
    return Run(tuple(process.args[len(CLI) :]), process.returncode, stdout, stderr)


def run_cli(*args: str, env: dict | None = None, cwd: Path = ROOT) -> Run:
    return finish(start(*args, env=env, cwd=cwd))


def no_traceback(*runs: Run) -> None:
    for run in runs:
        assert "Traceback" not in run.stdout + run.stderr, run.explain()
        assert "unexpected error" not in run.stderr, run.explain()


# --- the broken-folder corpus ------------------------------------------------------------------


@dataclass
class Checked:
    target: Path
    text: Run
    json: Run
    problems: list[Problem]
    before: dict[str, str]
    after: dict[str, str]


def run_in_process(*args: str) -> Run:
    """The CLI's main() in this process: cheap enough to run for every case."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with redirect_stdout(stdout), redirect_stderr(stderr):
        code = main(list(args))
    return Run(args, code, stdout.getvalue(), stderr.getvalue())


def check_text(case: Case, root: Path) -> tuple[Path, dict[str, str], Run]:
    target = case.build(root)
    before = snapshot(root / case.name)
    return target, before, run_cli("check", str(target))


def checked(case: Case, root: Path, target: Path, before: dict[str, str], text: Run) -> Checked:
    as_json = run_in_process("check", str(target), "--json")
    _, problems = load.check(target)
    return Checked(target, text, as_json, problems, before, snapshot(root / case.name))


@pytest.fixture(scope="module")
def check_case(request, tmp_path_factory):
    """Build every selected case once and check it: `baihua check` in a subprocess (several
    at a time), `check --json` and load.check in this process."""
    root = tmp_path_factory.mktemp("broken")
    selected = {
        item.callspec.params["case"].name
        for item in request.session.items
        if item.module is request.module
        and hasattr(item, "callspec")
        and "case" in item.callspec.params
    }
    cases = [case for case in CASES if case.name in selected]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        runs = list(pool.map(lambda case: check_text(case, root), cases))
    cache = {case.name: checked(case, root, *run) for case, run in zip(cases, runs, strict=True)}

    def run(case: Case) -> Checked:
        if case.name not in cache:
            cache[case.name] = checked(case, root, *check_text(case, root))
        return cache[case.name]

    return run


def expected_param(case: Case):
    marks = pytest.mark.xfail(strict=True, reason=case.bug) if case.bug else ()
    return pytest.param(case, id=case.name, marks=marks)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_check_fails_cleanly(check_case, case):
    """No traceback, text and JSON agree with load.check, and nothing is written."""
    checked = check_case(case)
    text, as_json, problems = checked.text, checked.json, checked.problems
    no_traceback(text, as_json)
    status = 1 if problems else 0
    assert text.returncode == status, text.explain()
    assert as_json.returncode == status, as_json.explain()
    if problems:
        lines = text.stderr.splitlines()
        assert lines[0] == f"{checked.target}: {len(problems)} problem(s) found", text.explain()
        assert lines[1:] == [str(p) for p in problems], text.explain()
        assert text.stdout == "", text.explain()
    report = json.loads(as_json.stdout)
    assert report["problems"] == [p.as_dict() for p in problems], as_json.explain()
    assert report["valid"] is (not problems)
    assert report["folder"] == str(checked.target)
    assert as_json.stderr == "", as_json.explain()
    assert checked.after == checked.before, "baihua check changed files in the folder"


@pytest.mark.parametrize("case", [expected_param(case) for case in CASES])
def test_check_points_at_the_problem(check_case, case):
    """Exit 1, and a line `file:row:column: message` with the case's plain words."""
    checked = check_case(case)
    text = checked.text
    assert text.returncode == 1, text.explain()
    location = case.location(checked.target)
    lines = [line for line in text.stderr.splitlines() if line.startswith(location)]
    assert lines, f"no line starts with {location!r}" + text.explain()
    assert any(all(word in line for word in case.words) for line in lines), (
        f"no line at {location!r} says {case.words}" + text.explain()
    )
    found = [(p.file, p.row, p.column, p.slug) for p in checked.problems]
    assert tuple(case.expected_for(checked.target)) in found


def test_corpus_is_large_and_covers_every_problem_kind():
    assert len(CASES) >= 25
    assert len({case.name for case in CASES}) == len(CASES)
    assert all(case.words for case in CASES)
    slugs = {case.expected.slug for case in CASES + LIBRARY_CASES}
    assert set(TEMPLATES) - slugs == set()


def test_cases_build_independently(tmp_path):
    """Another test (e.g. the browser test) can build any case on its own."""
    for case in CASES[:3]:
        target = case.build(tmp_path)
        assert target.parent == tmp_path / case.name
    assert (tmp_path / CASES[0].name / "data" / "towns.csv").is_file()


def test_load_dataset_raises_with_every_problem(tmp_path):
    case = next(c for c in CASES if c.name == "value_not_in_quote")
    target = case.build(tmp_path)
    with pytest.raises(DataError) as error:
        load.load_dataset(target)
    assert error.value.problems == load.check(target)[1]
    assert str(error.value) == (
        "figures.csv:8:value: the value 3680 is not written in its quote "
        "(looked for 3680, 三千六百八十)"
    )


def test_several_problems_are_reported_at_once(tmp_path):
    target = copy_package(tmp_path / "data")
    for case_name in ["value_abc", "unknown_theme", "has_review_inconsistent"]:
        next(c for c in CASES if c.name == case_name).builder(target)
    run = run_cli("check", str(target))
    assert run.returncode == 1, run.explain()
    assert f"{target}: 3 problem(s) found" in run.stderr, run.explain()
    for where in ["figures.csv:5:value: ", "project_themes.csv:3:theme_id: ",
                  "projects.csv:2:has_review: "]:  # fmt: skip
        assert where in run.stderr, run.explain()


@pytest.mark.parametrize(("name", "builder"), VALID_VARIANTS, ids=[n for n, _ in VALID_VARIANTS])
def test_check_accepts_valid_variants(tmp_path, name, builder):
    target = copy_package(tmp_path / "data")
    builder(target)
    run = run_cli("check", str(target))
    assert run.returncode == 0, run.explain()
    assert run.stdout.startswith(f"{target}: valid"), run.explain()


# --- the bundled data and the command itself ---------------------------------------------------


def test_check_bundled_data():
    run = run_cli("check", "data")
    assert run.returncode == 0, run.explain()
    no_traceback(run)
    # data/ is a library of one edition: that edition's summary, then the library's verdict.
    assert run.stdout.splitlines()[0] == "data/jinshan-2018: valid", run.explain()
    assert run.stdout.splitlines()[-1] == "data: library of 1 edition(s), all valid"
    assert re.search(r"projects\s+20 in 12 towns", run.stdout), run.explain()
    assert re.search(r"figures\s+40 \(", run.stdout), run.explain()
    assert "every quote found in the article" in run.stdout, run.explain()
    assert run.stderr == "", run.explain()


def test_check_bundled_data_json():
    run = run_cli("check", "data", "--json")
    assert run.returncode == 0, run.explain()
    library = json.loads(run.stdout)
    assert library["valid"] is True and library["library_problems"] == []
    [report] = library["editions"]
    assert report["folder"] == "data/jinshan-2018"
    assert report["problems"] == []
    assert report["counts"] == {
        "projects": 20,
        "towns": 12,
        "figures": 40,
        "themes": 16,
        "project_themes": 63,
        "funding_mentions": 3,
    }


def test_check_without_folder_uses_baihua_data(tmp_path):
    broken = next(c for c in CASES if c.name == "ragged_row").build(tmp_path)
    run = run_cli("check", env=cli_env(BAIHUA_DATA=str(broken)), cwd=tmp_path)
    assert run.returncode == 1, run.explain()
    assert f"{broken}: 1 problem(s) found" in run.stderr, run.explain()
    run = run_cli("check", cwd=tmp_path)  # no BAIHUA_DATA: the bundled data, from anywhere
    assert run.returncode == 0, run.explain()
    assert run.stdout.startswith(f"{DATA}: valid"), run.explain()


def test_help_lists_the_commands():
    run = run_cli("--help")
    assert run.returncode == 0, run.explain()
    for command in ["check", "extract", "export"]:
        assert re.search(rf"^\s+{command}\s", run.stdout, re.M), run.explain()
    assert "baihua check data --json" in run.stdout, run.explain()
    bare = run_cli()
    assert bare.returncode == 0, bare.explain()
    assert bare.stdout == run.stdout


def test_check_help():
    run = run_cli("check", "--help")
    assert run.returncode == 0, run.explain()
    assert "--json" in run.stdout and "BAIHUA_DATA" in run.stdout, run.explain()


def test_unknown_command_is_a_usage_error():
    run = run_cli("chek", "data")
    assert run.returncode == 2, run.explain()
    assert "invalid choice: 'chek'" in run.stderr, run.explain()
    no_traceback(run)


def test_console_script_is_installed():
    script = shutil.which("baihua", path=str(Path(sys.executable).parent))
    assert script, "the `baihua` console script is not installed next to the interpreter"
    result = subprocess.run(
        [script, "check", str(DATA)], capture_output=True, text=True, encoding="utf-8"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid" in result.stdout
