"""The edition a data package declares in datapackage.json: district, year, title, source and
publication date, checked like any table, and against the projects it holds."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from .problems import Problem, problem
from .validate import Table

SOURCE_KINDS = ("article", "spreadsheet")
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
LABEL = "datapackage.json"


def read(block, label: str = LABEL) -> tuple[dict | None, list[Problem]]:
    """The declared edition, or every problem with it (the `edition` key of datapackage.json)."""
    if not isinstance(block, dict):
        return None, [problem("edition-missing", label)]
    problems = [
        problem("edition-field", label, None, f"edition.{field}", reason=reason)
        for field, reason in _field_problems(block)
    ]
    return (None if problems else block), problems


def _field_problems(block: dict):
    title, source = block.get("title"), block.get("source")
    if not _text(block.get("district")):
        yield "district", "must name the district (e.g. 金山区)"
    year = block.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
        yield "year", "must be a year between 2000 and 2100, written as a number"
    if not isinstance(title, dict) or not _text(title.get("zh")):
        yield "title", 'must have a Chinese title: "title": {"zh": "…", "en": "…"}'
    if not isinstance(source, dict) or source.get("kind") not in SOURCE_KINDS:
        yield "source", f"must say its kind ({' or '.join(SOURCE_KINDS)}) and path"
    elif not safe_path(source.get("path")):
        yield "source", f"path {source.get('path')!r} must be a file under raw/"
    published = block.get("published")
    if published is not None and not (isinstance(published, str) and DATE.fullmatch(published)):
        yield "published", "must be a date (2019, 2019-03 or 2019-03-15) or null if not stated"


def _text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def safe_path(path) -> bool:
    """A relative path inside the package's raw/ folder (never outside the package)."""
    if not isinstance(path, str) or "\\" in path:
        return False
    parts = PurePosixPath(path).parts
    return len(parts) == 2 and parts[0] == "raw" and parts[1] not in ("..", ".")


def mismatches(declared: dict, projects: Table) -> list[Problem]:
    """Projects whose year or district is not the edition's."""
    out = []
    for line, year, district in projects.numbered("year", "district"):
        for column, value in (("year", year), ("district", district)):
            if value is not None and value != declared[column]:
                out.append(
                    problem(
                        "edition-mismatch", "projects.csv", line, column,
                        column=column, value=value, expected=declared[column],
                    )
                )  # fmt: skip
    return out


def row(name: str, declared: dict) -> dict:
    """One row of Dataset.editions."""
    return {
        "edition": name,
        "district": declared["district"],
        "district_en": declared.get("district_en") or "",
        "year": declared["year"],
        "title_zh": declared["title"]["zh"],
        "title_en": declared["title"].get("en") or "",
        "source_kind": declared["source"]["kind"],
        "source_path": declared["source"]["path"],
        "source_title": declared["source"].get("title") or "",
        "published": declared.get("published") or "",
    }
