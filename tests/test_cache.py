"""The cache of validated editions (metrics.data.cache): Parquet files outside the data, keyed
by the package files' checksums, giving exactly what load.check gives.

Row counts are counted by hand in data/jinshan-2018/*.csv (records below the header):
projects 20, figures 40, themes 16, project_themes 63, towns 12, funding_mentions 3.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest
from broken_data import CASES, copy_package, read_table, snapshot, write_table
from editions import bundled_into, derive_edition, keep_projects
from test_check_cli import cli_env, run_cli

from metrics.data import cache, load
from metrics.data.library import check_library

FRAMES = ["projects", "figures", "themes", "project_themes", "towns", "funding_mentions",
          "editions", "edition_themes"]  # fmt: skip


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("BAIHUA_CACHE", str(folder))
    return folder


@pytest.fixture
def package(tmp_path):
    return copy_package(tmp_path / "jinshan-2018")


@pytest.fixture
def checks(monkeypatch):
    """Counts the checks from scratch (load.check) that the cache falls back on."""
    calls = []
    real = load.check

    def counting(folder):
        calls.append(folder)
        return real(folder)

    monkeypatch.setattr(load, "check", counting)
    return calls


def entries(cache_dir):
    folder = cache_dir / cache.FORMAT
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def assert_same(left, right):
    assert left is not None and right is not None
    assert left.folder == right.folder
    for name in FRAMES:
        pd.testing.assert_frame_equal(getattr(left, name), getattr(right, name), obj=name)


def test_a_second_load_is_served_from_the_cache_and_equals_the_first(cache_dir, package, checks):
    first, problems = cache.check_cached(package)
    assert problems == [] and len(checks) == 1
    assert len(entries(cache_dir)) == 1
    second, problems = cache.check_cached(package)
    assert problems == [] and len(checks) == 1, "the second load checked from scratch again"
    assert_same(second, first)
    assert [len(getattr(second, n)) for n in FRAMES[:6]] == [20, 40, 16, 63, 12, 3]
    # dtypes as validated: number columns float64, booleans bool, whole numbers int64
    assert second.figures["value"].dtype == "float64"
    assert second.projects["has_review"].dtype == bool
    assert second.towns["grid_row"].dtype == "int64"
    assert set(second.projects["edition"]) == {"jinshan-2018"}


def test_a_served_copy_equals_a_check_from_scratch(cache_dir, package):
    cache.check_cached(package)
    served, _ = cache.check_cached(package)
    fresh, _ = load.check(package)
    assert_same(served, fresh)


def test_changing_one_byte_of_a_csv_is_a_miss_and_the_new_value_appears(cache_dir, package, checks):
    cache.check_cached(package)
    path = package / "towns.csv"
    data = path.read_bytes()
    assert data.count(b"Fengjing") == 1  # towns.csv row 2: 枫泾镇,Fengjing,镇,0,0
    path.write_bytes(data.replace(b"Fengjing", b"fengjing"))  # one byte: F → f
    changed, problems = cache.check_cached(package)
    assert problems == [] and len(checks) == 2
    towns = changed.towns.set_index("town")["name_en"]
    assert towns["枫泾镇"] == "fengjing"
    assert len(entries(cache_dir)) == 2
    again, _ = cache.check_cached(package)
    assert len(checks) == 2 and again.towns.set_index("town")["name_en"]["枫泾镇"] == "fengjing"


def test_the_entry_knows_its_edition_folder(cache_dir, tmp_path):
    """Two copies of one package under other folder names: each keeps its own edition name."""
    a = copy_package(tmp_path / "a" / "jinshan-2018")
    b = copy_package(tmp_path / "b" / "jinshan-2018-copy")
    cache.check_cached(a)
    served_b, _ = cache.check_cached(b)
    assert set(served_b.projects["edition"]) == {"jinshan-2018-copy"}
    assert served_b.editions["edition"].tolist() == ["jinshan-2018-copy"]
    served_a, _ = cache.check_cached(a)
    assert served_a.folder == a and set(served_a.projects["edition"]) == {"jinshan-2018"}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_broken_package_is_never_cached_and_reported_as_by_check(case, cache_dir, tmp_path):
    folder = case.build(tmp_path)
    for _ in range(2):
        dataset, problems = cache.check_cached(folder)
        assert dataset is None
        assert problems == load.check(folder)[1]
    assert entries(cache_dir) == []


def test_a_broken_edition_is_not_cached_while_the_valid_one_is(cache_dir, tmp_path, checks):
    library = tmp_path / "library"
    bundled_into(library)
    broken = derive_edition(library / "jinshan-2020", 2020, keep_projects([1, 2, 3]))
    records = read_table(broken, "figures")
    records[1][4] = "abc"  # figures.csv row 2, value: not a number
    write_table(broken, "figures", records)
    for _ in range(2):
        lib = check_library(library)
        assert lib.editions == ["jinshan-2018"] and list(lib.broken) == ["jinshan-2020"]
    assert len(entries(cache_dir)) == 1
    # 2018 checked once, then served; the broken 2020 checked from scratch both times
    assert [p.name for p in checks] == ["jinshan-2018", "jinshan-2020", "jinshan-2020"]


def test_a_file_over_the_size_limit_is_reported_even_when_cached(cache_dir, package, monkeypatch):
    cache.check_cached(package)
    monkeypatch.setenv("BAIHUA_MAX_FILE_MB", "0.01")  # 10 KB; projects.csv is 19,774 bytes
    dataset, problems = cache.check_cached(package)
    assert dataset is None
    assert problems == load.check(package)[1]
    assert ("projects.csv", "file-too-large") in {(p.file, p.slug) for p in problems}


def test_an_unwritable_cache_still_serves_the_data(tmp_path, package, monkeypatch):
    # A file where the cache folder should be: no folder can be made there (even as root).
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("BAIHUA_CACHE", str(blocker))
    for _ in range(2):
        dataset, problems = cache.check_cached(package)
        assert problems == []
        assert_same(dataset, load.check(package)[0])
    assert blocker.read_text() == "x"


def test_loading_writes_nothing_in_the_data(tmp_path, cache_dir):
    library = tmp_path / "library"
    bundled_into(library)
    derive_edition(library / "jinshan-2020", 2020, keep_projects([1, 2]))
    before = snapshot(library)
    for _ in range(2):  # cold, then warm
        assert check_library(library).editions == ["jinshan-2018", "jinshan-2020"]
    assert snapshot(library) == before, "loading changed the library"
    assert len(entries(cache_dir)) == 2


def test_a_cache_placed_inside_the_data_is_not_written(tmp_path, monkeypatch):
    library = tmp_path / "library"
    bundled_into(library)
    before = snapshot(library)
    monkeypatch.setenv("BAIHUA_CACHE", str(library / ".cache"))
    assert check_library(library).editions == ["jinshan-2018"]
    assert snapshot(library) == before and not (library / ".cache").exists()


def _entry(cache_dir):
    (name,) = entries(cache_dir)
    return cache_dir / cache.FORMAT / name


@pytest.mark.parametrize("damage", ["truncated", "byte_flipped", "deleted", "garbage"])
def test_a_corrupt_cache_entry_is_ignored_and_rebuilt(damage, cache_dir, package, checks):
    first, _ = cache.check_cached(package)
    entry = _entry(cache_dir)
    path = entry / "projects.parquet"
    data = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "byte_flipped":  # inside the stored descriptions, not in a page header
        at = _inside_column(path, "description_zh")
        path.write_bytes(data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :])
    elif damage == "deleted":
        path.unlink()
    else:
        path.write_bytes(b"PAR1 not parquet at all PAR1")
    served, problems = cache.check_cached(package)
    assert problems == []
    assert_same(served, first)
    assert len(checks) == 2, "the damaged entry was served"
    cache.check_cached(package)  # rebuilt: served again without a check
    assert len(checks) == 2
    assert len(entries(cache_dir)) == 1


def _inside_column(path, column: str) -> int:
    """A byte in the middle of a column's stored pages (its dictionary of values first)."""
    import pyarrow.parquet as pq

    group = pq.ParquetFile(path).metadata.row_group(0)
    (chunk,) = [group.column(i) for i in range(group.num_columns)
                if group.column(i).path_in_schema == column]  # fmt: skip
    start = chunk.dictionary_page_offset or chunk.data_page_offset
    return start + chunk.total_compressed_size // 2


def test_a_stray_file_named_like_an_entry_is_a_miss(cache_dir, package, checks):
    cache.check_cached(package)
    entry = _entry(cache_dir)
    shutil.rmtree(entry)
    entry.write_text("not an entry")
    served, problems = cache.check_cached(package)
    assert problems == [] and len(checks) == 2
    assert_same(served, load.check(package)[0])


def test_pruning_keeps_the_200_last_used_entries_of_30_days(tmp_path):
    entries_dir = tmp_path / "v1"
    now = time.time()
    day = 86400
    # 210 entries used 0..209 minutes ago, 2 used 31 days ago, a stale temporary folder,
    # and files that are not the cache's own
    for minute in range(210):
        _fake(entries_dir, f"{minute:064x}", now - minute * 60)
    for n in range(2):
        _fake(entries_dir, f"{'f' * 63}{n}", now - 31 * day)
    _fake(entries_dir, ".tmp-died", now - 2 * 3600)  # a write that died two hours ago
    _fake(entries_dir, ".tmp-writing", now - 10)
    _fake(entries_dir, "notes", now - 60 * day)
    cache.prune(entries_dir, now)
    left = sorted(p.name for p in entries_dir.iterdir())
    kept = [f"{minute:064x}" for minute in range(200)]  # documented: 200 entries, 30 days
    assert left == sorted([*kept, ".tmp-writing", "notes"])


def _fake(folder, name, mtime):
    path = folder / name
    path.mkdir(parents=True)
    (path / "meta.json").write_text("{}")
    os.utime(path, (mtime, mtime))


def test_the_default_place_is_the_users_cache_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("BAIHUA_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_root() == tmp_path / "xdg" / "baihua"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_root() == tmp_path / "home" / ".cache" / "baihua"


def test_the_test_session_never_uses_the_users_cache():
    assert os.environ["BAIHUA_CACHE"] != str(Path.home() / ".cache" / "baihua")
    assert "baihua-test-cache-" in os.environ["BAIHUA_CACHE"]


def test_baihua_check_validates_from_scratch_and_writes_no_cache(tmp_path, package):
    """A check is a check: `baihua check` neither reads nor fills the cache."""
    folder = tmp_path / "cli-cache"
    run = run_cli("check", str(package), env=cli_env(BAIHUA_CACHE=str(folder)))
    assert run.returncode == 0, run.explain()
    assert not folder.exists()


def test_the_dataset_fields_are_the_cached_frames():
    fields = [f.name for f in dataclasses.fields(load.Dataset) if f.name != "folder"]
    assert sorted(fields) == sorted(cache.FRAMES) == sorted(FRAMES)
