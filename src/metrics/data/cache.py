"""Validated editions kept as Parquet files, so that a restart does not parse unchanged CSVs.

`check_cached(folder)` gives what `load.check(folder)` gives. An entry is a folder of Parquet
files (one per table of the Dataset) named by a key: the sha256 of the files load.check reads
(datapackage.json, the article, the six tables), of the edition's folder name (it is in the
tables) and of the code that validates them (a change of rules or of pandas/pyarrow is a
miss). Only valid editions are stored: problems are always found afresh, and a package with a
file missing or over the size limit is not looked up at all.

The cache lives in BAIHUA_CACHE, else $XDG_CACHE_HOME/baihua, else ~/.cache/baihua, and never
inside the data. An entry is written to a temporary folder and renamed into place; one that
cannot be read (truncated, a checksum off, not ours) is ignored and rebuilt; a cache folder
that cannot be written is not an error: the data is served uncached. After each write, entries
not used for MAX_AGE_DAYS and all but the MAX_ENTRIES most recently used are removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import load, reading, schema
from .load import Dataset
from .problems import Problem

FORMAT = "v1"  # the layout of an entry; a new layout starts a new sub-folder
FRAMES = [*schema.TABLE_ORDER, "editions", "edition_themes"]
MAX_ENTRIES = 200  # well above a library's editions, which would otherwise push each other out
MAX_AGE_DAYS = 30
KEY = re.compile(r"[0-9a-f]{64}")
TMP_PREFIX = ".tmp-"
TMP_MAX_AGE_S = 3600  # a temporary folder this old was left by a write that died
COMPRESSION = "lz4"  # about 4× smaller than none, and as fast to read (docs/performance.md)


def cache_root() -> Path:
    named = os.environ.get("BAIHUA_CACHE")
    if named:
        return Path(named)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "baihua"


def check_cached(
    folder: Path, keep_out: Path | None = None
) -> tuple[Dataset | None, list[Problem]]:
    """load.check(folder), from the cache when the package's files are unchanged.

    `keep_out` is a folder the cache must not be written into besides `folder` (a library).
    """
    folder = Path(folder)
    files = package_files(folder)
    if files is None:
        return load.check(folder)
    entries = cache_root() / FORMAT
    key = entry_key(folder, files)
    dataset = read_entry(entries / key, folder)
    if dataset is not None:
        return dataset, []
    dataset, problems = load.check(folder)
    if dataset is not None and _unchanged(files) and _outside(entries, folder, keep_out):
        write_entry(entries, key, dataset)
    return dataset, problems


Files = list[tuple[Path, os.stat_result]]


def package_files(folder: Path) -> Files | None:
    """The files load.check reads, with their stat; None if one is missing or too large
    (or datapackage.json is wrong): then the check fails, and there is nothing to look up."""
    if not folder.is_dir():
        return None
    descriptor, problems = load.read_descriptor(folder)
    if problems:
        return None
    names = ["datapackage.json", descriptor.article, *(f"{t}.csv" for t in schema.TABLE_ORDER)]
    limit, files = reading.max_bytes(), []
    for name in names:
        path = folder / name
        try:
            stat = path.stat()
        except OSError:
            return None
        if not path.is_file() or stat.st_size > limit:
            return None
        files.append((path, stat))
    return files


def entry_key(folder: Path, files: Files) -> str:
    digest = hashlib.sha256(f"{FORMAT}\0{code_version()}\0{folder.resolve().name}\0".encode())
    for path, _ in files:
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        with path.open("rb") as handle:
            digest.update(hashlib.file_digest(handle, "sha256").digest())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_version() -> str:
    """The validating code and the libraries that write and read the frames."""
    digest = hashlib.sha256(f"{pd.__version__}\0{pa.__version__}\0".encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def _unchanged(files: Files) -> bool:
    """No file was replaced while it was checked (else the key may not match what was read)."""
    try:
        return all(_same(path.stat(), stat) for path, stat in files)
    except OSError:
        return False


def _same(now: os.stat_result, then: os.stat_result) -> bool:
    return (now.st_size, now.st_mtime_ns, now.st_ino) == (then.st_size, then.st_mtime_ns,
                                                          then.st_ino)  # fmt: skip


def _outside(entries: Path, *folders: Path | None) -> bool:
    """The cache is not inside the data: reading a data folder never writes into it."""
    place = entries.resolve()
    return not any(place.is_relative_to(f.resolve()) for f in folders if f is not None)


def read_entry(entry: Path, folder: Path) -> Dataset | None:
    """The stored dataset, or None when there is none or it cannot be read as written."""
    try:
        meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
        frames = {name: _read_frame(entry / f"{name}.parquet") for name in FRAMES}
    except Exception:  # noqa: BLE001 - no entry, or a damaged one of any kind: a miss
        return None
    if meta != _meta(frames):
        return None
    with contextlib.suppress(OSError):  # a read-only cache is still served
        os.utime(entry)  # "used now", for pruning
    return Dataset(folder=folder, **frames)


def _read_frame(path: Path) -> pd.DataFrame:
    # One thread: on a busy 2-core machine, handing small files to a pool costs more wall time
    # than it saves (docs/performance.md).
    parquet = pq.ParquetFile(path, page_checksum_verification=True)
    return parquet.read(use_threads=False).to_pandas(use_threads=False)


def _meta(frames: dict[str, pd.DataFrame]) -> dict:
    """What an entry holds, stored beside it and compared when it is read back."""
    return {
        "format": FORMAT,
        "tables": {name: [len(frame), list(map(str, frame.columns))] for name, frame in
                   frames.items()},
    }  # fmt: skip


def write_entry(entries: Path, key: str, dataset: Dataset) -> bool:
    """Store `dataset` as entry `key`, all at once or not at all; False when it cannot be."""
    frames = {name: getattr(dataset, name) for name in FRAMES}
    tmp = None
    try:
        entries.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=TMP_PREFIX, dir=entries))
        for name, frame in frames.items():
            table = pa.Table.from_pandas(frame, nthreads=1)  # small tables: no thread pool
            pq.write_table(
                table, tmp / f"{name}.parquet", compression=COMPRESSION, write_page_checksum=True
            )
        (tmp / "meta.json").write_text(json.dumps(_meta(frames)), encoding="utf-8")
        shutil.rmtree(entries / key, ignore_errors=True)  # an entry that could not be read
        os.rename(tmp, entries / key)
        tmp = None
    except Exception:  # noqa: BLE001 - an unwritable cache only means serving uncached
        return False
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    prune(entries)
    return True


def prune(entries: Path, now: float | None = None) -> None:
    """Remove entries unused for MAX_AGE_DAYS, and all but the MAX_ENTRIES last used; only
    folders named like an entry or a temporary one are ever touched."""
    now = time.time() if now is None else now
    kept = []
    try:
        found = list(os.scandir(entries))
    except OSError:
        return
    for item in found:
        age = now - _mtime(item)
        if item.name.startswith(TMP_PREFIX) and age > TMP_MAX_AGE_S:
            shutil.rmtree(item.path, ignore_errors=True)
        elif KEY.fullmatch(item.name):
            kept.append((age, item.path))
    kept.sort()
    for rank, (age, path) in enumerate(kept):
        if rank >= MAX_ENTRIES or age > MAX_AGE_DAYS * 86400:
            shutil.rmtree(path, ignore_errors=True)


def _mtime(item: os.DirEntry) -> float:
    try:
        return item.stat(follow_symlinks=False).st_mtime
    except OSError:
        return 0.0
