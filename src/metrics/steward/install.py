"""Writing a validated package into a library so that every edition stays readable at every
step, on a local disk and on a shared folder (NFS) alike.

The design: version folders that are never written again once published, and one small
manifest, `.baihua/editions.json`, that says which version of each edition is served. A
publication writes a new version beside the others and then renames a new manifest over the
old one: that rename, a file over a file, is the one step at which the edition changes, and it
is atomic on every file system (on NFS it is one request, carried out by the server). Readers
(the dashboard on every host, `baihua check`, `baihua export`) read the manifest once and then
only folders that nobody writes any more (metrics.data.library), so they need neither a lock
nor any recovery of their own.

Why not the alternatives. Swapping two folders in one step (renameat2 RENAME_EXCHANGE) does not
exist on NFS, and its fallback, two renames, left a moment with no edition, which a failure or
a kill between them made permanent (issue 22). A journal rolled forward or back would have to
be replayed before every read as well as before every publication, and the replicas must not
write into the library; the manifest needs no replay at all.

The library:

    <edition>                           a link to the version served, for people, tools and
                                        older Baihua (updated just after the switch)
    .baihua/editions.json               the manifest: edition → version, the versions replaced
                                        (kept a while for readers), the last publication's log line
    .baihua/versions/<id>/<edition>/    a version, complete and synced before it is named
    .baihua/tmp/                        what a publication is writing; removed by the next one
    _archive/<edition>/<time>/          a copy of the version replaced (`.<time>` until the switch)
    _publish.log                        one JSON line per publication

A publication, with the library folder locked (an exclusive flock on the folder itself: no lock
file is left behind, so a refused publication changes not one byte):

1. `finish` the previous one, in case it was cut short after its switch: its archive copy
   named, its log line written from the manifest, links updated, versions no longer served
   removed, temporary files removed.
2. The package is copied into .baihua/tmp/, synced, and renamed into .baihua/versions/<id>/.
3. The version served now (a version, or a plain edition folder such as the bundled
   data/jinshan-2018) is copied to _archive/<edition>/.<time>.
4. The switch: a new manifest, written and synced in .baihua/tmp/, is renamed over the old
   one. Until then nothing a reader sees has changed, and a failure removes what steps 2 and 3
   wrote; from then on the edition is published, and the manifest holds its log line.
5. `finish` this publication: a failure here is reported, and the next publication retries it.

A replaced version is kept for grace_s() seconds (BAIHUA_GRACE_S, default 600), for a reader
on another host that read the manifest just before the switch; a plain edition folder that was
replaced is removed the same way, and then its name becomes the link. A process killed at any
point leaves each edition served either as it was or as published, never missing.

Every change to the library goes through this module's `os.*` and `shutil.rmtree` calls (the
tests make each of them fail, or kill the process, in turn).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import secrets
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..data import library as library_rules
from ..data.library import MANIFEST, STATE, VERSION_ID, VERSIONS

ARCHIVE = "_archive"
LOG = "_publish.log"
TMP = "tmp"
LEGACY_STAGING = ".publish-"  # staging folders of Baihua before the manifest
GRACE_S = 600.0
CHUNK = 1 << 20
LOG_TAIL = 1 << 16  # the last publication's line, if written, is the log's last


class WriteFailed(Exception):
    """The edition was not published. `changed`: whether the library changed all the same
    (a file this publication could not remove again, or the previous one's steps finished);
    `unknown`: the switch failed in a way that leaves open whether it took effect."""

    def __init__(self, reason: str, changed: bool, unknown: bool = False):
        super().__init__(reason)
        self.reason, self.changed, self.unknown = reason, changed, unknown


class _Unknown(OSError):
    pass


@dataclass
class Outcome:
    archived: Path | None
    unfinished: list[tuple[str, str]] = field(default_factory=list)  # (step, reason), retried


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


def grace_s() -> float:
    try:
        return max(0.0, float(os.environ.get("BAIHUA_GRACE_S", GRACE_S)))
    except ValueError:
        return GRACE_S


class Work:
    """One publication's changes: what it made (removed again if it fails before the switch),
    and whether it changed anything else."""

    def __init__(self, library: Path):
        self.library, self.state = library, library / STATE
        self.made: list[Path] = []
        self.changed = False

    def folder(self, path: Path) -> None:
        if not path.is_dir():
            self.made.append(path)
            os.mkdir(path)

    def undo(self) -> bool:
        """Remove what was made; False when some of it is still there."""
        clean = True
        for path in reversed(self.made):
            try:
                _remove(path)
            except OSError:
                clean = False
        return clean

    def discard(self, path: Path) -> None:
        """Out of readers' sight in one rename, then deleted."""
        self.changed = True
        self.folder(self.state / TMP)
        gone = self.state / TMP / f"gone-{secrets.token_hex(4)}"
        os.rename(path, gone)
        _remove(gone)


def install(library: Path, name: str, package: Path, when: dt.datetime, entry: dict) -> Outcome:
    """Publish `package` as the edition `name`; `entry` is its log line (its `archived` and
    `version` are filled in here). Raises WriteFailed when the edition was not published."""
    work = Work(library)
    try:
        manifest = _manifest(library)
        finish(work, manifest, before=True)
        version = f"{folder_name(when)}-{secrets.token_hex(4)}"
        current = library_rules.edition_folder(library, name)
        entry["archived"] = f"{ARCHIVE}/{name}/{folder_name(when)}" if current else None
        entry["version"] = version
        _stage(work, name, package, version)
        if current is not None:
            _archive_copy(work, current, library / entry["archived"])
        manifest = _replaced(manifest, name, version, current, entry)
        unfinished = _switch(work, manifest)
    except _Unknown as err:  # nothing is removed: the manifest may name the new version
        raise WriteFailed(_reason(err), changed=True, unknown=True) from err
    except OSError as err:
        clean = work.undo()
        raise WriteFailed(_reason(err), work.changed or not clean) from err
    unfinished += finish(work, manifest, before=False)
    return Outcome(library / entry["archived"] if entry["archived"] else None, unfinished)


def _manifest(library: Path) -> dict:
    manifest, problems = library_rules.read_manifest(library)
    if problems:  # writing a new one would drop the editions it names
        raise OSError(0, f"{problems[0].file}: {problems[0].message}")
    return manifest


def _reason(err: OSError) -> str:
    return err.strerror or str(err)


def _stage(work: Work, name: str, package: Path, version: str) -> None:
    """The new version, complete and synced, in .baihua/versions/<version>/<name>/."""
    for path in (work.state, work.state / TMP, work.state / VERSIONS):
        work.folder(path)
    staging = work.state / TMP / version
    work.made.append(staging)
    os.mkdir(staging)
    copy_synced(package, staging / name)
    _sync(staging)
    final = work.state / VERSIONS / version
    work.made.append(final)  # (removed from whichever place it is in, if the publication fails)
    os.rename(staging, final)
    _sync(final.parent)


def _archive_copy(work: Work, current: Path, archived: Path) -> None:
    """A complete copy of the version served now, hidden as .<time> until the switch."""
    work.folder(archived.parent.parent)
    work.folder(archived.parent)
    partial = _partial(archived)
    work.made.append(partial)
    copy_synced(current, partial)


def _partial(archived: Path) -> Path:
    return archived.with_name(f".{archived.name}")


def _replaced(manifest: dict, name: str, version: str, current: Path | None, entry) -> dict:
    """The manifest with `name` served from `version`, the version it replaces kept a while."""
    editions = dict(manifest.get("editions", {}))
    previous = editions.get(name)
    editions[name] = {"version": version}
    retired = list(manifest.get("retired", []))
    if current is not None:  # a version, or a plain folder of that name (the library's first)
        path = f"{STATE}/{VERSIONS}/{previous['version']}" if previous else name
        retired.append({"path": path, "since": now().isoformat(timespec="milliseconds")})
    return {"format": 1, "editions": dict(sorted(editions.items())), "retired": retired,
            "last": entry}  # fmt: skip


def _switch(work: Work, manifest: dict) -> list[tuple[str, str]]:
    """The step that publishes. An error from the rename itself is checked against what the
    manifest now says: on NFS a rename that took effect can still report a failure."""
    version = manifest["last"]["version"]
    name = manifest["last"]["edition"]
    tmp = work.state / TMP / f"editions-{version}.json"
    work.made.append(tmp)
    _write_json(tmp, manifest)
    try:
        os.rename(tmp, work.state / MANIFEST)
    except OSError as err:
        now_named, problems = library_rules.read_manifest(work.library)
        if problems:
            raise _Unknown(err.errno, _reason(err)) from err
        if now_named.get("editions", {}).get(name) != {"version": version}:
            raise
    work.made.remove(tmp)
    try:
        _sync(work.state)
    except OSError as err:
        return [("sync", _reason(err))]
    return []


def _write_json(path: Path, data: dict) -> None:
    _write_file(path, [json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")])


def write_manifest(work: Work, manifest: dict) -> None:
    work.changed = True
    work.folder(work.state / TMP)
    tmp = work.state / TMP / f"editions-{secrets.token_hex(4)}.json"
    _write_json(tmp, manifest)
    os.rename(tmp, work.state / MANIFEST)
    _sync(work.state)


# --- finishing a publication -------------------------------------------------------------------


def finish(work: Work, manifest: dict, before: bool) -> list[tuple[str, str]]:
    """Complete the publication the manifest names last, then tidy up; (step, reason) of what
    failed. Before a publication, failing to archive or log the previous one stops it: the
    new manifest would lose that line. The tidying is retried by every publication."""
    unfinished = []
    for step, do in [("archive", _name_archive), ("log", _log_last), ("versions", _collect),
                     ("links", _links), ("tidy", _remove_stale)]:  # fmt: skip
        try:
            do(work, manifest)
        except OSError as err:
            if before and step in ("archive", "log"):
                raise
            unfinished.append((step, _reason(err)))
    return unfinished


def _last_archive(work: Work, manifest: dict) -> Path | None:
    archived = (manifest.get("last") or {}).get("archived")
    if not isinstance(archived, str) or not archived.startswith(f"{ARCHIVE}/"):
        return None
    path = work.library / archived
    return path if len(path.relative_to(work.library).parts) == 3 and ".." not in archived else None


def _name_archive(work: Work, manifest: dict) -> None:
    archived = _last_archive(work, manifest)
    if archived is not None and not archived.exists() and _partial(archived).is_dir():
        work.changed = True
        os.rename(_partial(archived), archived)
        _sync(archived.parent)


def _log_last(work: Work, manifest: dict) -> None:
    last = manifest.get("last")
    if last and not _logged(work.library, last.get("version")):
        work.changed = True
        append_log(work.library, last)


def _logged(library: Path, version) -> bool:
    try:
        with (library / LOG).open("rb") as handle:
            handle.seek(max(0, handle.seek(0, os.SEEK_END) - LOG_TAIL))
            tail = handle.read()
    except FileNotFoundError:
        return False
    for line in reversed(tail.splitlines()):
        with contextlib.suppress(ValueError):
            found = json.loads(line)
            if isinstance(found, dict) and found.get("version") == version:
                return True
    return False


def _collect(work: Work, manifest: dict) -> None:
    """Remove replaced versions (and plain edition folders) past their grace period, and any
    version no manifest ever named (a publication that failed or was killed)."""
    kept, grace, moment = [], grace_s(), now()
    for item in manifest.get("retired", []):
        path = _retired_path(work.library, manifest, item)
        if path is None:
            continue
        if (moment - _since(item)).total_seconds() < grace:
            kept.append(item)
        elif path.is_dir() and not path.is_symlink():
            work.discard(path)
    named = {e["version"] for e in manifest.get("editions", {}).values()}
    named |= {Path(item["path"]).name for item in kept}
    with contextlib.suppress(FileNotFoundError):
        for entry in sorted(os.scandir(work.state / VERSIONS), key=lambda e: e.name):
            if entry.name not in named:
                work.discard(Path(entry.path))
    if kept != manifest.get("retired", []):
        manifest["retired"] = kept
        write_manifest(work, manifest)


def _retired_path(library: Path, manifest: dict, item) -> Path | None:
    """Where a replaced version is, if it is one this module may delete."""
    path = item.get("path") if isinstance(item, dict) else None
    if not isinstance(path, str) or _since(item) is None:
        return None
    parts = Path(path).parts
    if len(parts) == 3 and parts[:2] == (STATE, VERSIONS) and VERSION_ID.fullmatch(parts[2]):
        return library / path
    if len(parts) == 1 and path in manifest.get("editions", {}):
        return library / path  # the plain folder the edition was served from before
    return None


def _since(item: dict) -> dt.datetime | None:
    try:
        since = dt.datetime.fromisoformat(item["since"])
    except (KeyError, TypeError, ValueError):
        return None
    return since if since.tzinfo is not None else None


def _links(work: Work, manifest: dict) -> None:
    """`<edition>` → the version served, where the name is free (a plain folder keeps it
    until it is collected)."""
    for name, entry in manifest.get("editions", {}).items():
        link, target = work.library / name, f"{STATE}/{VERSIONS}/{entry['version']}/{name}"
        if link.is_symlink() and os.readlink(link) == target:
            continue
        if link.exists() and not link.is_symlink():
            continue
        work.changed = True
        work.folder(work.state / TMP)
        tmp = work.state / TMP / f"link-{secrets.token_hex(4)}"
        os.symlink(target, tmp)
        os.rename(tmp, link)


def _remove_stale(work: Work, manifest: dict) -> None:
    """What killed or failed publications left: temporary files, archive copies that were never
    named, and the staging folders of Baihua before the manifest (whose `<edition>.old`, when the
    edition itself is missing, is the edition a kill between their two renames took away)."""
    last = _last_archive(work, manifest)
    stale = [*_entries(work.state / TMP), *work.library.glob(f"{ARCHIVE}/*/.*")]
    for path in [p for p in stale if last is None or p != _partial(last)]:
        work.changed = True
        _remove(path)
    for staging in work.library.glob(f"{LEGACY_STAGING}*"):
        for old in staging.glob("*.old"):
            name = old.name.removesuffix(".old")
            if library_rules.edition_name(name) and not os.path.lexists(work.library / name):
                work.changed = True
                os.rename(old, work.library / name)
        work.changed = True
        _remove(staging)


def _entries(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except FileNotFoundError:
        return []


# --- files -------------------------------------------------------------------------------------


def copy_synced(source: Path, dest: Path) -> None:
    """Folders and regular files (a link is not followed), each synced before its folder."""
    os.mkdir(dest)
    for entry in sorted(os.scandir(source), key=lambda e: e.name):
        if entry.is_dir(follow_symlinks=False):
            copy_synced(Path(entry.path), dest / entry.name)
        elif entry.is_file(follow_symlinks=False):
            with open(entry.path, "rb") as handle:
                _write_file(dest / entry.name, iter(lambda h=handle: h.read(CHUNK), b""))
    _sync(dest)


def _write_file(path: Path, chunks) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        for chunk in chunks:
            view = memoryview(chunk)
            while view:
                view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.unlink(path)


def append_log(library: Path, entry: dict) -> None:
    """One JSON line, written with O_APPEND in one call and synced (after a line that a crash
    cut short, on a line of its own)."""
    line = (json.dumps(entry, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")
    path = library / LOG
    if path.is_file() and path.stat().st_size:
        with path.open("rb") as handle:
            handle.seek(-1, os.SEEK_END)
            line = line if handle.read(1) == b"\n" else b"\n" + line
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
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
