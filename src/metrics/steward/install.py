"""Writing a validated package into a library so that the library is never half-written.

- One publisher at a time: an exclusive flock on the library folder itself (no lock file is
  left behind, so a refused publication changes not one byte of the library).
- The package is copied into a staging folder inside the library whose name starts with `.`
  (never an edition, see metrics.data.library), then moved into place by one rename. Replacing
  an edition swaps the two folders in one step (Linux renameat2 RENAME_EXCHANGE); where that
  is missing, two renames, with the previous version already safe in the archive.
- The previous version is copied into `_archive/<edition>/<UTC time>/` before the swap.
- `_publish.log` gets one JSON line per publication, appended after the rename.

A process killed at any point leaves each edition either as it was or as published; a staging
folder left behind is ignored by readers and removed by the next publication.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import errno
import fcntl
import json
import os
import secrets
import shutil
from pathlib import Path

ARCHIVE = "_archive"
LOG = "_publish.log"
STAGING_PREFIX = ".publish-"
RENAME_EXCHANGE = 2
AT_FDCWD = -100


@contextlib.contextmanager
def locked(library: Path):
    """Exclusive use of the library while it is checked and written."""
    fd = os.open(library, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def folder_name(when: dt.datetime) -> str:
    """An archive folder's name: the UTC time, sortable and valid on every file system."""
    return when.strftime("%Y%m%dT%H%M%S.%fZ")


def install(library: Path, name: str, package: Path, when: dt.datetime) -> Path | None:
    """Put `package` in place as `library/name`; the archived previous version, if any."""
    remove_stale(library)
    staging = library / f"{STAGING_PREFIX}{name}-{secrets.token_hex(4)}"
    staging.mkdir()
    try:
        new = staging / name
        copy_synced(package, new)
        target = library / name
        archived = archive(library, name, when) if target.exists() else None
        if archived is None:
            os.rename(new, target)  # fails if an edition appeared meanwhile: none can, locked
        else:
            swap(new, target)
        _sync(library)
        return archived
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def archive(library: Path, name: str, when: dt.datetime) -> Path:
    """A complete copy of the current edition in _archive/<name>/<when>/ (renamed into place,
    so an archive entry is never partial either)."""
    folder = library / ARCHIVE / name
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f".{folder_name(when)}"
    copy_synced(library / name, partial)
    os.rename(partial, folder / folder_name(when))
    return folder / folder_name(when)


def swap(new: Path, target: Path) -> None:
    """`target` becomes `new` in one step; `new` then holds what `target` was."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None:
        if renameat2(AT_FDCWD, os.fsencode(new), AT_FDCWD, os.fsencode(target),
                     RENAME_EXCHANGE) == 0:  # fmt: skip
            return
        if ctypes.get_errno() not in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
            raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(target))
    old = new.with_name(new.name + ".old")
    os.rename(target, old)  # the previous version is already archived
    os.rename(new, target)
    os.rename(old, new)


def copy_synced(source: Path, dest: Path) -> None:
    shutil.copytree(source, dest, symlinks=False)
    for path in sorted(dest.rglob("*"), reverse=True):
        _sync(path)
    _sync(dest)


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale(library: Path) -> None:
    """Staging and partial archive folders of a publication that was killed (we hold the
    lock, so no running publication owns them)."""
    for path in library.glob(f"{STAGING_PREFIX}*"):
        shutil.rmtree(path, ignore_errors=True)
    for path in library.glob(f"{ARCHIVE}/*/.*"):
        shutil.rmtree(path, ignore_errors=True)


def append_log(library: Path, entry: dict) -> None:
    """One JSON line, written with O_APPEND in one call and synced."""
    line = (json.dumps(entry, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")
    fd = os.open(library / LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


def read_log(library: Path) -> list[dict]:
    path = library / LOG
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
