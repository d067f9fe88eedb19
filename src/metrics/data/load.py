"""Loading a data folder: the one entry point the dashboard, the CLI and the tests share.

It only reads. Invalid data raises DataError with every problem found; nothing is written.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa

from . import crosscheck, edition, reading, schema, validate
from .problems import DataError, Problem, problem
from .validate import Table

BUNDLED = Path(__file__).resolve().parents[3] / "data"


def data_folder() -> Path:
    """BAIHUA_DATA when set, otherwise the bundled data/ folder."""
    return Path(os.environ.get("BAIHUA_DATA") or BUNDLED)


# An edition may have no project that mentions money without an amount; every other table
# holds at least one row in any real review.
MAY_BE_EMPTY = {"funding_mentions"}
EDITION_COLUMNS = [
    "edition", "district", "district_en", "year", "title_zh", "title_en",
    "source_kind", "source_path", "source_title", "published",
]  # fmt: skip


@dataclass(frozen=True)
class Dataset:
    """One edition's validated tables, or several editions' together (see library.py).

    `projects.edition` names each project's edition (its folder); `editions` has one row per
    edition, and `edition_themes` says which themes each edition's vocabulary holds, so that a
    theme added later is "not in that edition's list" for earlier ones rather than a zero.
    """

    folder: Path
    projects: pd.DataFrame
    figures: pd.DataFrame
    themes: pd.DataFrame
    project_themes: pd.DataFrame
    towns: pd.DataFrame
    funding_mentions: pd.DataFrame
    editions: pd.DataFrame
    edition_themes: pd.DataFrame


def fingerprint(folder: Path) -> str:
    """Changes whenever a file of the package changes: the cache key for a data version."""
    digest = hashlib.sha256(str(folder.resolve()).encode())
    for sub in (folder, folder / "raw"):
        try:
            entries = sorted(os.scandir(sub), key=lambda e: e.name)
        except OSError:
            digest.update(f"{sub.name}:missing".encode())
            continue
        for entry in entries:
            if entry.is_file():
                stat = entry.stat()
                digest.update(f"{entry.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def check(folder: Path) -> tuple[Dataset | None, list[Problem]]:
    """(dataset, []) when valid, (None, problems) otherwise."""
    with _collector_paused():
        return _check(Path(folder))


@contextmanager
def _collector_paused():
    """A check makes millions of small lists (rows, cells) that all live until it ends, and
    Python's cycle collector would walk them again and again: 40% of the time of a check at
    100,000 projects. It makes hardly any cycles: the collector can wait until it is done."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _check(folder: Path) -> tuple[Dataset | None, list[Problem]]:
    if not folder.exists():
        return None, [problem("folder-missing", str(folder))]
    if not folder.is_dir():
        return None, [problem("not-a-folder", str(folder))]
    descriptor, problems = read_descriptor(folder)
    raw, raw_problems = _raw(folder, descriptor)
    problems += raw_problems
    tables: dict[str, Table] = {}
    for name in schema.TABLE_ORDER:
        table, table_problems = _table(folder, name)
        problems += table_problems
        if table is not None:
            tables[name] = table
    problems += crosscheck.key_problems(tables)
    if raw is not None:
        problems += crosscheck.quote_problems(tables, raw, descriptor.article)
    if descriptor.edition and "projects" in tables:
        problems += edition.mismatches(descriptor.edition, tables["projects"])
    if problems:
        return None, problems
    frames = {name: _frame(name, table) for name, table in tables.items()}
    return _dataset(folder, descriptor.edition, frames), []


def _dataset(folder: Path, declared: dict, frames: dict[str, pd.DataFrame]) -> Dataset:
    name = folder.resolve().name
    frames["projects"].insert(0, "edition", name)
    row = edition.row(name, declared)
    return Dataset(
        folder=folder,
        editions=pd.DataFrame([row], columns=EDITION_COLUMNS),
        edition_themes=pd.DataFrame({"edition": name, "theme_id": frames["themes"]["theme_id"]}),
        **frames,
    )


def load_dataset(folder: Path | None = None) -> Dataset:
    """A package, or every edition of a library together; any problem anywhere raises."""
    from .library import check_library  # the library is built from this module's check

    library = check_library(folder or data_folder())
    if library.broken:
        raise DataError(library.problems())
    return library.dataset


ARROW_TYPES = {"string": pa.large_string(), "integer": pa.int64(), "number": pa.float64(),
               "boolean": pa.bool_()}  # fmt: skip


def _frame(name: str, table: Table) -> pd.DataFrame:
    """The table as pandas holds it: text as str, numbers as float64, booleans as bool.

    Built through Arrow with the schema's types, which skips pandas' guessing of each column's
    type; an empty table keeps the object columns pandas gives an empty list of rows.
    """
    fields = schema.TABLES[name]["fields"]
    if not len(table):
        frame = pd.DataFrame([], columns=schema.column_names(name))
        numbers = [f["name"] for f in fields if f["type"] == "number"]
        return frame.astype(dict.fromkeys(numbers, "float64"))
    arrays = [pa.array(table[f["name"]], ARROW_TYPES[f["type"]]) for f in fields]
    return pa.table(arrays, names=[f["name"] for f in fields]).to_pandas(use_threads=False)


def _table(folder: Path, name: str) -> tuple[Table | None, list[Problem]]:
    label = f"{name}.csv"
    header, rows, problems = reading.read_csv(folder / label, label)
    if header is None:
        return None, problems
    problems = validate.check_header(name, header, label)
    if problems:
        return None, problems
    if not rows and name not in MAY_BE_EMPTY:
        return None, [problem("table-empty", label, 2)]
    table = validate.typed_columns(name, header, rows)
    if table is not None:
        return table, []
    typed, problems = validate.typed_rows(name, header, rows, label)
    return (Table.from_rows(header, typed) if not problems else None), problems


def _raw(folder: Path, descriptor: Descriptor) -> tuple[str | None, list[Problem]]:
    label = descriptor.article
    data, problems = reading.read_bytes(folder / label, label)
    if data is None:
        return None, problems
    expected_hash = descriptor.article_hash
    if expected_hash and hashlib.sha256(data).hexdigest() != expected_hash:
        problems.append(problem("raw-hash", label))
    text, decode_problems = reading.decode(data, label)
    return text, problems + decode_problems


@dataclass(frozen=True)
class Descriptor:
    """What the loader takes from datapackage.json: where the article is, and the edition."""

    article: str = f"raw/{schema.RAW_NAME}"
    article_hash: str | None = None
    edition: dict | None = None


def read_descriptor(folder: Path) -> tuple[Descriptor, list[Problem]]:
    """What datapackage.json says (the defaults where it cannot be read), and its problems."""
    label = "datapackage.json"
    data, problems = reading.read_bytes(folder / label, label)
    if data is None:
        return Descriptor(), problems
    try:
        descriptor = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        return Descriptor(), [problem("datapackage-json", label, reason=str(err))]
    reason = _descriptor_mismatch(descriptor)
    if reason:
        return Descriptor(), [problem("datapackage-shape", label, reason=reason)]
    article = next(r for r in descriptor["resources"] if r.get("name") == "article")
    declared, problems = edition.read(descriptor.get("edition"), label)
    path = article.get("path")
    if not edition.safe_path(path):
        problems.append(
            problem(
                "datapackage-shape",
                label,
                reason=f"the article path {path!r} is not a file under raw/",
            )
        )
        path = f"raw/{schema.RAW_NAME}"
    found_hash = str(article.get("hash", "")).removeprefix("sha256:") or None
    return Descriptor(path, found_hash, declared), problems


def _descriptor_mismatch(descriptor) -> str:
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return "it has no list of resources"
    resources = {r.get("name"): r for r in descriptor["resources"] if isinstance(r, dict)}
    for name in ["article", *schema.TABLE_ORDER]:
        if name not in resources:
            return f"the resource {name!r} is missing"
    for name in schema.TABLE_ORDER:
        fields = resources[name].get("schema", {}).get("fields", [])
        names = [f.get("name") for f in fields if isinstance(f, dict)]
        if names != schema.column_names(name):
            return f"the fields of {name!r} are {names}, expected {schema.column_names(name)}"
    return ""
