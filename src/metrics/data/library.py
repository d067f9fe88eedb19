"""A library: a folder of data packages, one per edition, each validated on its own.

A broken edition is reported (every problem, its file names prefixed with the edition's
folder) and left out; the others are served together as one Dataset. Towns and themes form one
vocabulary: a town renamed or merged maps to its successor (town_successors.csv at the
library's top), and a theme belongs to the editions whose themes.csv lists it, never earlier.

Where an edition is: a published edition is the version folder that `.baihua/editions.json` (the
manifest, written by steward/install.py) names, `.baihua/versions/<version>/<edition>/`, never
written again once named; any other sub-folder is an edition as it stands (a folder added by
hand, or the bundled data/jinshan-2018: no migration). The manifest is read once per look at
the library, so every edition comes from one consistent state, and each version's files are
then read from its own folder (the link `<edition>` → its version, kept for people and tools,
is never followed here: it may lag the manifest by a moment).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import cache, load, reading, schema
from .load import Dataset
from .problems import Problem, problem

SUCCESSORS = "town_successors.csv"
STATE = ".baihua"  # the manifest, the version folders and a publication's temporary files
MANIFEST = "editions.json"
VERSIONS = "versions"
VERSION_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z.-]{0,79}")
CLASH_COLUMNS = {"towns": ("town", ["name_en", "kind"]), "themes": ("theme_id", ["name_zh"])}


@dataclass(frozen=True)
class Library:
    folder: Path
    dataset: Dataset | None  # every served edition together; None when none is valid
    broken: dict[str, list[Problem]]  # edition folder (or file) → its problems

    @property
    def editions(self) -> list[str]:
        """Served editions, oldest first (by year, then district, then folder)."""
        return [] if self.dataset is None else self.dataset.editions["edition"].tolist()

    @property
    def latest(self) -> str | None:
        return self.editions[-1] if self.editions else None

    def problems(self) -> list[Problem]:
        return [p for problems in self.broken.values() for p in problems]


def is_package(folder: Path) -> bool:
    """A folder with any of a package's files is one package (checked, problems and all); a
    library holds packages in sub-folders and none of those files at its top."""
    folder = Path(folder)
    names = ["datapackage.json", "raw", *(f"{table}.csv" for table in schema.TABLES)]
    return any((folder / name).exists() for name in names)


def edition_folders(folder: Path) -> list[Path]:
    """Each edition's folder, by name: the version the manifest names, else the sub-folder of
    that name; names starting with . or _ are not editions (e.g. _archive, .baihua)."""
    return list(current_folders(folder)[0].values())


def edition_folder(folder: Path, name: str) -> Path | None:
    """The folder edition `name` is read from now, or None when there is no such edition."""
    return current_folders(folder)[0].get(name)


def current_folders(folder: Path) -> tuple[dict[str, Path], list[Problem]]:
    """name → folder of every edition, in name order, and the manifest's problems."""
    folder = Path(folder)
    found = {p.name: p for p in folder.iterdir() if p.is_dir() and edition_name(p.name)}
    manifest, problems = read_manifest(folder)
    for name, entry in manifest.get("editions", {}).items():
        found[name] = version_folder(folder, entry["version"], name)
    return {name: found[name] for name in sorted(found)}, problems


def version_folder(folder: Path, version: str, name: str) -> Path:
    return Path(folder) / STATE / VERSIONS / version / name


def read_manifest(folder: Path) -> tuple[dict, list[Problem]]:
    """The manifest ({} when the library has none) and, if it cannot be used, why: then no
    edition is read through it (its editions' links, if any, still are)."""
    label = f"{STATE}/{MANIFEST}"
    try:
        data = (Path(folder) / STATE / MANIFEST).read_bytes()
    except FileNotFoundError:
        return {}, []
    except OSError as err:
        return {}, [problem("manifest-unreadable", label, reason=err.strerror or str(err))]
    try:
        manifest = json.loads(data.decode("utf-8"))
        reason = _manifest_mismatch(manifest)
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        reason = str(err)
    if reason:
        return {}, [problem("manifest-unreadable", label, reason=reason)]
    return manifest, []


def _manifest_mismatch(manifest) -> str:
    editions = manifest.get("editions") if isinstance(manifest, dict) else None
    if not isinstance(editions, dict):
        return "it has no table of editions"
    for name, entry in editions.items():
        version = entry.get("version") if isinstance(entry, dict) else None
        if (
            not edition_name(name)
            or not isinstance(version, str)
            or not VERSION_ID.fullmatch(version)
        ):
            return f"the entry {name!r} does not name an edition and a version"
    return ""


def edition_name(name) -> bool:
    """A name an edition folder can have: one path part, not hidden or internal."""
    return isinstance(name, str) and name == Path(name).name and not name.startswith((".", "_"))


def fingerprint(folder: Path) -> str:
    """Changes when any edition's files change, or an edition comes or goes."""
    folder = Path(folder)
    if not folder.is_dir() or is_package(folder):
        return load.fingerprint(folder)
    digest = hashlib.sha256(load.fingerprint(folder).encode())
    for sub in edition_folders(folder):
        digest.update(f"{sub.name}:{load.fingerprint(sub)}".encode())
    return digest.hexdigest()


Checker = Callable[[Path], tuple[Dataset | None, list[Problem]]]


def check_library(folder: Path, check: Checker | None = None) -> Library:
    """Every edition checked on its own; the valid ones served together.

    By default a valid edition whose files are unchanged comes from the cache of validated
    editions (cache.py); `baihua check` passes load.check, to check everything from scratch.
    """
    folder = Path(folder)
    check = check or functools.partial(cache.check_cached, keep_out=folder)
    if not folder.is_dir() or is_package(folder):
        dataset, problems = check(folder)
        return Library(folder, dataset, {folder.name: problems} if problems else {})
    current, manifest_problems = current_folders(folder)
    broken = {f"{STATE}/{MANIFEST}": manifest_problems} if manifest_problems else {}
    if not current:
        broken[folder.name] = [problem("library-empty", str(folder))]
        return Library(folder, None, broken)
    served = {}
    for sub in current.values():
        dataset, problems = check(sub)
        if problems:
            broken[sub.name] = [_within(sub.name, p) for p in problems]
        else:
            served[sub.name] = dataset
    served = _ordered(served)
    broken.update(_clashes(served))
    successors, problems = _successors(folder, served)
    if problems:
        broken[SUCCESSORS] = problems
    return Library(folder, combine(folder, served, successors) if served else None, broken)


def _within(name: str, item: Problem) -> Problem:
    return dataclasses.replace(item, file=f"{name}/{item.file}")


def _ordered(served: dict[str, Dataset]) -> dict[str, Dataset]:
    def key(name):
        row = served[name].editions.iloc[0]
        return (int(row["year"]), row["district"], name)

    return {name: served[name] for name in sorted(served, key=key)}


def _clashes(served: dict[str, Dataset]) -> dict[str, list[Problem]]:
    """Later editions that reuse a project id, or name a town or theme differently: they are
    reported and left out (removed from `served`), so ids and names mean one thing."""
    broken, seen_ids, seen_rows = {}, {}, {}
    for name in list(served):
        found = _edition_clashes(name, served[name], seen_ids, seen_rows)
        if found:
            broken[name] = found
            del served[name]
            continue
        ds = served[name]
        seen_ids.update(dict.fromkeys(ds.projects["project_id"].tolist(), name))
        for table, (key, columns) in CLASH_COLUMNS.items():
            for row in _rows(getattr(ds, table), [key, *columns]):
                seen_rows.setdefault((table, row[0]), (row[1:], name))
    return broken


def _rows(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    return list(zip(*(frame[c].tolist() for c in columns), strict=True))


def _edition_clashes(name, ds, seen_ids, seen_rows) -> list[Problem]:
    ids = ds.projects["project_id"].tolist()
    out = [
        problem("id-in-other-edition", f"{name}/projects.csv", line, "project_id",
                value=pid, other=seen_ids[pid])
        for line, pid in enumerate(ids, start=2)
        if pid in seen_ids
    ]  # fmt: skip
    for table, (key, columns) in CLASH_COLUMNS.items():
        for line, row in enumerate(_rows(getattr(ds, table), [key, *columns]), start=2):
            earlier = seen_rows.get((table, row[0]))
            if earlier and earlier[0] != row[1:]:
                out.append(
                    problem("name-in-other-edition", f"{name}/{table}.csv", line, key,
                            value=row[0], columns="/".join(columns), other=earlier[1])
                )  # fmt: skip
    return out


def _successors(folder: Path, served: dict[str, Dataset]) -> tuple[dict, list[Problem]]:
    """town → successor from town_successors.csv (columns town, successor); optional."""
    path = folder / SUCCESSORS
    if not path.exists():
        return {}, []
    header, rows, problems = reading.read_csv(path, SUCCESSORS)
    if header is None or problems:
        return {}, problems
    if header[:2] != ["town", "successor"]:
        return {}, [problem("column-missing", SUCCESSORS, 1, "town, successor")]
    known = {t for ds in served.values() for t in ds.towns["town"]}
    mapping, problems = {}, []
    for line, row in enumerate(rows, start=2):
        town, successor = (row + ["", ""])[:2]
        if successor not in known:
            problems.append(problem("successor-unknown", SUCCESSORS, line, "successor",
                                    value=successor))  # fmt: skip
        else:
            mapping[town] = successor
    return mapping, problems


def current_town(town: str, successors: dict[str, str]) -> str:
    seen = set()
    while town in successors and town not in seen:
        seen.add(town)
        town = successors[town]
    return town


def combine(folder: Path, served: dict[str, Dataset], successors: dict[str, str]) -> Dataset:
    """The served editions as one Dataset (a single edition is returned as it is)."""
    parts = list(served.values())
    if len(parts) == 1 and not successors:
        return parts[0]

    def cat(table):
        return pd.concat([getattr(ds, table) for ds in parts], ignore_index=True)

    projects = cat("projects")
    if successors:
        projects["town"] = projects["town"].map(lambda t: current_town(t, successors))
    towns = cat("towns").drop_duplicates("town", keep="last")
    towns = towns.loc[~towns["town"].isin(successors)].reset_index(drop=True)
    return Dataset(
        folder=folder,
        projects=projects,
        figures=cat("figures"),
        themes=cat("themes").drop_duplicates("theme_id").reset_index(drop=True),
        project_themes=cat("project_themes"),
        towns=towns,
        funding_mentions=cat("funding_mentions"),
        editions=cat("editions"),
        edition_themes=cat("edition_themes"),
    )
