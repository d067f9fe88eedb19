"""Publishing never loses an edition: a failure or a kill at every file-system step, and a
reader in another process during 50 publications (issue 22, part 1).

Every test here runs with the one-step folder exchange (renameat2 RENAME_EXCHANGE) missing,
as on NFS. install.py's file-system calls (os.rename, os.mkdir, os.open, os.write, os.fsync,
os.symlink, os.unlink, shutil.rmtree, …) are counted; run k makes call k fail (or the process
die there), for k = 1, 2, … until a run makes fewer than k calls. After each, every edition
must be served, checked from scratch as `baihua check` does, either as it was or as published,
and the next publication must leave the library tidy with one log line per publication that
took effect.

The two versions of jinshan-2018: A is data/jinshan-2018; B has JS2018-03's tier excellent →
innovation (projects.csv line 4) and JS2018-01-F01's label_en River remediation task sections
→ River sections remediated (figures.csv line 2): two files, so that a reader given half of
each would be seen.
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from broken_data import PACKAGE_FILES, ROOT, copy_package
from editions import derive_edition

from metrics.data import library, load
from metrics.data.csvio import read_rows, write_rows
from metrics.steward import install
from metrics.steward.publish import publish

NAME = "jinshan-2018"
KILLED = 86
OS_CALLS = {"mkdir", "makedirs", "rename", "replace", "rmdir", "unlink", "remove", "symlink",
            "link", "open", "write", "fsync", "truncate", "ftruncate"}  # fmt: skip
SHUTIL_CALLS = {"rmtree", "copytree", "copyfile", "copy", "copy2", "move"}
REAL_CDLL = ctypes.CDLL


class NoExchange:
    """The C library as on NFS: every function but renameat2."""

    def __init__(self, *args, **kwargs):
        self._lib = REAL_CDLL(*args, **kwargs)

    def __getattr__(self, name):
        if name == "renameat2":
            raise AttributeError(name)
        return getattr(self._lib, name)


@pytest.fixture(autouse=True)
def no_exchange(monkeypatch, tmp_path):
    monkeypatch.setattr(ctypes, "CDLL", NoExchange)
    monkeypatch.setenv("BAIHUA_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("BAIHUA_GRACE_S", "0")  # replaced versions go at once: more steps


# --- the versions, the libraries --------------------------------------------------------------


def version_b(dest: Path) -> Path:
    copy_package(dest)
    projects, figures = read_rows(dest / "projects.csv"), read_rows(dest / "figures.csv")
    assert projects[2]["project_id"] == "JS2018-03" and projects[2]["tier"] == "excellent"
    assert figures[0]["figure_id"] == "JS2018-01-F01"
    assert figures[0]["label_en"] == "River remediation task sections"
    projects[2]["tier"], figures[0]["label_en"] = "innovation", "River sections remediated"
    write_rows(dest / "projects.csv", list(projects[0]), projects)
    write_rows(dest / "figures.csv", list(figures[0]), figures)
    return dest


def digest(folder: Path) -> str:
    return hashlib.sha256(b"".join((folder / n).read_bytes() for n in PACKAGE_FILES)).hexdigest()


@pytest.fixture(scope="module")
def world():
    """Sources A and B, and the libraries a publication of B starts from, on a RAM disk when
    there is one (fsync costs nothing there; the steps are the same)."""
    base = Path(tempfile.mkdtemp(dir="/dev/shm" if Path("/dev/shm").is_dir() else None))
    sources = {"A": copy_package(base / "A" / NAME), "B": version_b(base / "B" / NAME)}
    labels = {digest(folder): label for label, folder in sources.items()}
    plain = base / "plain"  # jinshan-2018 as in data/: a plain folder, no manifest
    copy_package(plain / NAME)
    published = base / "published"  # A published (a version and its link), beside 2020
    derive_edition(published / "jinshan-2020", 2020)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BAIHUA_GRACE_S", "0")
        patch.setenv("BAIHUA_CACHE", str(base / "cache"))
        assert publish(sources["A"], published, "setup").published
    empty = base / "empty"
    empty.mkdir()
    yield {"sources": sources, "labels": labels, "base": base,
           "libraries": {"plain": plain, "published": published, "empty": empty}}  # fmt: skip
    shutil.rmtree(base, ignore_errors=True)


def fresh(world, scenario: str, k: int) -> Path:
    lib = world["base"] / "runs" / f"{scenario}-{k}-{os.getpid()}"
    shutil.rmtree(lib, ignore_errors=True)
    shutil.copytree(world["libraries"][scenario], lib, symlinks=True)
    return lib


def served(lib: Path, labels: dict[str, str]) -> dict[str, str]:
    """Edition → which version readers get, checked from scratch as `baihua check` does, and
    byte for byte A, B or (another edition) as it was."""
    checked = library.check_library(lib, load.check)
    problems = [p for p in checked.problems() if p.slug != "library-empty"]  # (no edition yet)
    assert problems == [], [str(p) for p in problems]
    folders = {f.name: f for f in library.edition_folders(lib)}
    assert sorted(folders) == sorted(checked.editions)
    return contents(lib, labels)


def contents(lib: Path, labels: dict[str, str]) -> dict[str, str]:
    """The same, by the bytes only (each version is one that `served` checked)."""
    assert library.read_manifest(lib)[1] == []
    return {f.name: labels.get(digest(f), f.name) for f in library.edition_folders(lib)}


def tree(root: Path) -> dict[str, str]:
    """Every folder, file (its sha256) and link (its target) under root."""
    out = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            key = str(path.relative_to(root))
            if path.is_symlink():
                out[key] = "→ " + os.readlink(path)
            elif path.is_dir():
                out[key] = "folder"
            else:
                out[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def log_lines(lib: Path) -> list[dict]:
    path = lib / install.LOG
    return [json.loads(x) for x in path.read_text("utf-8").splitlines()] if path.exists() else []


# --- counting install.py's file-system calls ----------------------------------------------------


class Steps:
    """Counts the calls; call number `at` fails ("once"), every call from it on fails ("on": a
    full disk), or the process dies there without cleaning up ("kill")."""

    def __init__(self, at: int | None = None, mode: str = "once"):
        self.at, self.mode, self.count, self.hit = at, mode, 0, False
        self.calls: list[tuple[str, str]] = []  # (function, its arguments)

    def call(self, function, *args, **kwargs):
        self.count += 1
        self.calls.append((function.__name__, " ".join(map(str, args))))
        if self.at is not None and (
            self.count == self.at or (self.mode == "on" and self.count > self.at)
        ):
            self.hit = True
            if self.mode == "kill":
                os._exit(KILLED)
            code = errno.ENOSPC if self.mode == "on" else errno.EIO
            raise OSError(code, f"{os.strerror(code)} (injected at call {self.count})")
        return function(*args, **kwargs)


class Counted:
    def __init__(self, real, names: set[str], steps: Steps):
        self._real, self._names, self._steps = real, names, steps

    def __getattr__(self, name):
        attr = getattr(self._real, name)
        if name not in self._names:
            return attr
        return lambda *args, **kwargs: self._steps.call(attr, *args, **kwargs)


def counted(monkeypatch, steps: Steps) -> None:
    monkeypatch.setattr(install, "os", Counted(os, OS_CALLS, steps))
    monkeypatch.setattr(install, "shutil", Counted(shutil, SHUTIL_CALLS, steps))


def publish_b(world, lib: Path, user: str):
    """What publish() does once the candidate is checked: lock, install. (Outcome, None) when
    published, (None, WriteFailed) when not; publish() turns these into its messages."""
    entry = {"time": install.now().isoformat(timespec="seconds"), "user": user, "edition": NAME,
             "archived": None}  # fmt: skip
    try:
        with install.locked(lib):
            return install.install(lib, NAME, world["sources"]["B"], install.now(), entry), None
    except install.WriteFailed as failed:
        return None, failed
    except OSError as err:  # taking the lock: publish() says "write-failed", nothing changed
        return None, install.WriteFailed(str(err), changed=False)


def settled(lib: Path, world, before: dict[str, str], logged: int) -> None:
    """The next publication, with no fault: B served, the library tidy, one log line for each
    publication that took effect (`logged` of them before this one)."""
    outcome, failed = publish_b(world, lib, "next")
    assert failed is None and outcome.unfinished == [], (failed, outcome)
    assert contents(lib, world["labels"]) == {**before, NAME: "B"}
    state = lib / ".baihua"
    assert not list(state.glob("tmp/*")) and not list(lib.glob("_archive/*/.*"))
    version = json.loads((state / "editions.json").read_text("utf-8"))["editions"][NAME]["version"]
    assert [p.name for p in state.glob("versions/*")] == [version]
    assert os.readlink(lib / NAME) == f".baihua/versions/{version}/{NAME}"
    entries = log_lines(lib)
    assert len(entries) == logged + 1, entries
    assert entries[-1]["version"] == version
    archived = [e["archived"] for e in entries if e["archived"]]
    assert sorted(archived) == sorted(
        p.relative_to(lib).as_posix() for p in lib.glob("_archive/*/*")
    )  # every archive copy named by its publication's line, and no other


def each_step(world, scenario: str):
    """(k, a fresh copy of the scenario's library, its editions, its log lines) for k = 1, 2,
    … until the caller stops."""
    template = world["libraries"][scenario]
    before, logged = served(template, world["labels"]), len(log_lines(template))
    for k in itertools.count(1):
        lib = fresh(world, scenario, k)
        yield k, lib, before, logged
        shutil.rmtree(lib)  # (a RAM disk: a few hundred copies would add up)


@pytest.mark.parametrize(
    "scenario, mode",
    [("plain", "once"), ("published", "once"), ("empty", "once"), ("published", "on")],
)
def test_a_failure_at_every_step_leaves_every_edition_served(world, scenario, mode, monkeypatch):
    labels = world["labels"]
    for k, lib, before, logged in each_step(world, scenario):
        files_before = tree(lib)
        steps = Steps(k, mode)
        with monkeypatch.context() as patch:
            counted(patch, steps)
            outcome, failed = publish_b(world, lib, "tester")
        now = served(lib, labels)
        assert now in (before, {**before, NAME: "B"}), (k, now)
        if not steps.hit:
            assert outcome is not None and outcome.unfinished == []
            break
        if outcome is not None:  # failed after the switch: said, and done by the next one
            assert now[NAME] == "B" and outcome.unfinished, k
        else:
            assert now == before and not failed.unknown, k
            assert "injected at call" in failed.reason
            if not failed.changed:  # "nothing changed" only when nothing did
                assert tree(lib) == files_before, k
        settled(lib, world, before, logged + (outcome is not None))
    print(f"{scenario}/{mode}: {k - 1} calls")
    assert k > 20, k  # the publication was reached: it makes this many calls at least


@pytest.mark.parametrize("scenario", ["plain", "published"])
def test_a_kill_at_every_step_leaves_every_edition_served(world, scenario, monkeypatch):
    labels = world["labels"]
    for k, lib, before, logged in each_step(world, scenario):
        pid = os.fork()
        if pid == 0:  # the publisher, killed at call k (os._exit: no finally, no cleanup)
            code = 1
            try:
                with monkeypatch.context() as patch:
                    counted(patch, Steps(k, "kill"))
                    code = 0 if publish_b(world, lib, "killed")[0] else 2
            finally:
                os._exit(code)
        code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
        assert code in (0, KILLED), (k, code)
        now = served(lib, labels)  # a reader, before anyone cleans up
        assert now in (before, {**before, NAME: "B"}), (k, now)
        settled(lib, world, before, logged + (now[NAME] == "B"))
        if code == 0:
            break
    print(f"{scenario}/kill: {k - 1} calls")
    assert k > 20, k


# --- what a failed publication says ----------------------------------------------------------


def step_of(world, scenario: str, function: str, path_end: str) -> int:
    """The number of the first call `function(…)` naming `path_end` in a publication of B."""
    steps = Steps()
    with pytest.MonkeyPatch.context() as patch:
        counted(patch, steps)
        assert publish_b(world, fresh(world, scenario, 0), "count")[0] is not None
    return 1 + next(i for i, (f, args) in enumerate(steps.calls)
                    if f == function and path_end in args)  # fmt: skip


def publish_failing(world, lib: Path, at: int, mode: str, capsys):
    from metrics.cli.main import main

    with pytest.MonkeyPatch.context() as patch:
        counted(patch, Steps(at, mode))
        code = main(["publish", str(world["sources"]["B"]), "--library", str(lib)])
    return code, capsys.readouterr().err


def test_a_failed_publication_says_what_happened(world, capsys):
    switch = step_of(world, "plain", "rename", ".baihua/editions.json")
    # the switch fails once: everything it wrote is removed again, nothing changed
    lib = fresh(world, "plain", 1)
    before = tree(lib)
    code, err = publish_failing(world, lib, switch, "once", capsys)
    assert code == 1 and "nothing was published" in err and "未发布任何内容" in err, err
    assert "the library is as it was" in err and "数据库保持原样" in err, err
    assert tree(lib) == before  # not even an empty .baihua/ left
    # the disk is full from the switch on: not published, but files are left, and it says so
    lib = fresh(world, "plain", 2)
    code, err = publish_failing(world, lib, switch, "on", capsys)
    assert code == 1 and "it is not published and every edition is served as before" in err
    assert "未发布，各版本照常提供" in err and "数据库保持原样" not in err, err
    assert served(lib, world["labels"]) == {NAME: "A"}
    assert list((lib / ".baihua/tmp").iterdir())  # the leftovers it speaks of
    # writing the log line fails: published, said so, and the next publication writes it
    log_write = step_of(world, "plain", "open", "_publish.log")
    lib = fresh(world, "plain", 4)
    code, err = publish_failing(world, lib, log_write, "once", capsys)
    assert code == 0 and "版本已发布，但写入 _publish.log 发布记录失败" in err, err
    assert "the edition is published, but writing its line in _publish.log failed" in err
    assert served(lib, world["labels"]) == {NAME: "B"} and not log_lines(lib)
    settled(lib, world, {NAME: "A"}, 1)


# --- the exchange call is not needed ------------------------------------------------------------


def test_republishing_without_the_exchange_call(world, tmp_path):
    assert getattr(ctypes.CDLL(None), "renameat2", None) is None
    lib = fresh(world, "plain", 0)
    for label in ("B", "A", "B"):
        result = publish(world["sources"][label], lib, "tester")
        assert result.published and result.warnings == [], result.problems
        assert served(lib, world["labels"]) == {NAME: label}
    assert [e["replaced"] for e in log_lines(lib)] == [True, True, True]
    assert len(list(lib.glob("_archive/jinshan-2018/*"))) == 3
    assert (lib / NAME).is_symlink()  # the plain folder replaced, after its grace (0 s here)


# --- a reader in another process --------------------------------------------------------------

READER = """
import json, sys
from pathlib import Path
from metrics.data import library, load
lib, stop = Path(sys.argv[1]), Path(sys.argv[2])
print("ready", flush=True)
loads, seen, bad = 0, {}, []
while not stop.exists():
    checked = library.check_library(lib, load.check if loads % 2 else None)
    loads += 1
    if checked.problems() or checked.editions != ["jinshan-2018"]:
        bad.append([checked.editions, [str(p) for p in checked.problems()][:3]])
        continue
    ds = checked.dataset
    tier = ds.projects.set_index("project_id").loc["JS2018-03", "tier"]
    label = ds.figures.set_index("figure_id").loc["JS2018-01-F01", "label_en"]
    key = f"{tier}/{label}"
    seen[key] = seen.get(key, 0) + 1
print(json.dumps({"loads": loads, "seen": seen, "bad": bad[:5], "n_bad": len(bad)}))
"""


def test_a_reader_never_misses_the_edition_during_50_publications(world, tmp_path, monkeypatch):
    monkeypatch.setenv("BAIHUA_GRACE_S", "2")  # replaced versions are removed while it reads
    lib = fresh(world, "plain", 0)
    stop = tmp_path / "stop"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONIOENCODING": "utf-8"}
    env.pop("BAIHUA_DATA", None)
    reader = subprocess.Popen([sys.executable, "-c", READER, str(lib), str(stop)], cwd=ROOT,
                              env=env, stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert reader.stdout.readline().strip() == "ready"
        started = time.monotonic()
        for n in range(50):
            result = publish(world["sources"]["AB"[n % 2 == 0]], lib, "tester")
            assert result.published and result.warnings == [], result.problems
            time.sleep(max(0.0, started + 0.1 * (n + 1) - time.monotonic()))
    finally:
        stop.touch()
        out, _ = reader.communicate(timeout=120)
    report = json.loads(out)
    assert report["n_bad"] == 0, report
    # both versions seen, never a mix of the two, and many loads (several per publication)
    assert set(report["seen"]) == {
        "excellent/River remediation task sections",
        "innovation/River sections remediated",
    }, report
    assert report["loads"] >= 50, report
    assert len(log_lines(lib)) == 50 and (lib / NAME).is_symlink()
