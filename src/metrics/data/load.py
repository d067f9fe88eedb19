"""Loading a data folder: the one entry point the dashboard, the CLI and the tests share.

It only reads. Invalid data raises DataError with every problem found; nothing is written.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import crosscheck, reading, schema, validate
from .problems import DataError, Problem, problem

BUNDLED = Path(__file__).resolve().parents[3] / "data"


def data_folder() -> Path:
    """BAIHUA_DATA when set, otherwise the bundled data/ folder."""
    return Path(os.environ.get("BAIHUA_DATA") or BUNDLED)


@dataclass(frozen=True)
class Dataset:
    folder: Path
    raw_text: str
    projects: pd.DataFrame
    figures: pd.DataFrame
    themes: pd.DataFrame
    project_themes: pd.DataFrame
    towns: pd.DataFrame
    funding_mentions: pd.DataFrame


def fingerprint(folder: Path) -> str:
    """Changes whenever a file of the package changes: the cache key for a data version."""
    digest = hashlib.sha256(str(folder.resolve()).encode())
    names = ["datapackage.json", f"raw/{schema.RAW_NAME}"] + [f"{t}.csv" for t in schema.TABLES]
    for name in names:
        try:
            stat = (folder / name).stat()
            digest.update(f"{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        except OSError:
            digest.update(f"{name}:missing".encode())
    return digest.hexdigest()


def check(folder: Path) -> tuple[Dataset | None, list[Problem]]:
    """(dataset, []) when valid, (None, problems) otherwise."""
    folder = Path(folder)
    if not folder.exists():
        return None, [problem("folder-missing", str(folder))]
    if not folder.is_dir():
        return None, [problem("not-a-folder", str(folder))]
    expected_hash, problems = _datapackage(folder)
    raw, raw_problems = _raw(folder, expected_hash)
    problems += raw_problems
    tables: dict[str, list[dict]] = {}
    for name in schema.TABLE_ORDER:
        rows, table_problems = _table(folder, name)
        problems += table_problems
        if rows is not None:
            tables[name] = rows
    problems += crosscheck.key_problems(tables)
    if raw is not None:
        problems += crosscheck.quote_problems(tables, raw)
    if problems:
        return None, problems
    frames = {name: _frame(name, rows) for name, rows in tables.items()}
    return Dataset(folder=folder, raw_text=raw, **frames), []


def load_dataset(folder: Path | None = None) -> Dataset:
    dataset, problems = check(folder or data_folder())
    if problems:
        raise DataError(problems)
    return dataset


def _frame(name: str, rows: list[dict]) -> pd.DataFrame:
    columns = schema.column_names(name)
    frame = pd.DataFrame(rows, columns=columns)
    for field in schema.TABLES[name]["fields"]:
        if field["type"] == "number":
            frame[field["name"]] = frame[field["name"]].astype("float64")
    return frame


def _table(folder: Path, name: str) -> tuple[list[dict] | None, list[Problem]]:
    label = f"{name}.csv"
    header, rows, problems = reading.read_csv(folder / label, label)
    if header is None:
        return None, problems
    problems = validate.check_header(name, header, label)
    if problems:
        return None, problems
    if not rows:
        return None, [problem("table-empty", label, 2)]
    typed, problems = validate.typed_rows(name, header, rows, label)
    return (typed if not problems else None), problems


def _raw(folder: Path, expected_hash: str | None) -> tuple[str | None, list[Problem]]:
    label = f"raw/{schema.RAW_NAME}"
    data, problems = reading.read_bytes(folder / "raw" / schema.RAW_NAME, label)
    if data is None:
        return None, problems
    if expected_hash and hashlib.sha256(data).hexdigest() != expected_hash:
        problems.append(problem("raw-hash", label))
    text, decode_problems = reading.decode(data, label)
    return text, problems + decode_problems


def _datapackage(folder: Path) -> tuple[str | None, list[Problem]]:
    label = "datapackage.json"
    data, problems = reading.read_bytes(folder / label, label)
    if data is None:
        return None, problems
    try:
        descriptor = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        return None, [problem("datapackage-json", label, reason=str(err))]
    reason = _descriptor_mismatch(descriptor)
    if reason:
        return None, [problem("datapackage-shape", label, reason=reason)]
    article = next(r for r in descriptor["resources"] if r.get("name") == "article")
    return str(article.get("hash", "")).removeprefix("sha256:") or None, []


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
