"""Validating a data folder against the package's Table Schemas, reporting every problem at once.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first record row 2.

Two paths give the same verdict: `typed_columns` checks a whole column at a time (set, min,
max: fast, for the valid tables that are the rule), and only says whether a table is valid;
`typed_rows` goes cell by cell and names every problem, for the tables that are not.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from . import schema
from .problems import Problem, problem

TYPE_NAMES = {"integer": "a whole number", "number": "a number", "boolean": "true or false"}
PATTERN_EXAMPLES = {"projects": "JS2018-01", "figures": "JS2018-01-F01", "themes": "snake_case"}


def check_header(table: str, header: list[str], label: str) -> list[Problem]:
    expected = schema.column_names(table)
    if not set(header) & set(expected):
        return [problem("header-missing", label, 1)]
    problems = []
    seen = set()
    for name in header:
        if name in seen:
            problems.append(problem("column-duplicate", label, 1, name))
        seen.add(name)
        if name not in expected:
            problems.append(
                problem(
                    "column-extra",
                    label,
                    1,
                    name or "(blank)",
                    table=table,
                    expected=", ".join(expected),
                )
            )
    problems += [problem("column-missing", label, 1, n) for n in expected if n not in seen]
    return problems


def typed_rows(table: str, header: list[str], rows: list[list[str]], label: str):
    """(list of dicts with typed values, problems) for rows whose header is already valid."""
    fields = {f["name"]: f for f in schema.TABLES[table]["fields"]}
    out, problems = [], []
    firsts: dict[str, dict] = {name: {} for name, f in fields.items() if _c(f).get("unique")}
    for index, cells in enumerate(rows):
        line = index + 2
        if not cells:
            continue
        if len(cells) != len(header):
            problems.append(
                problem("row-length", label, line, found=len(cells), expected=len(header))
            )
            continue
        record = {"__line__": line}
        for name, raw in zip(header, cells, strict=True):
            value, issue = convert(table, fields[name], raw, label, line)
            if issue:
                problems.append(issue)
            elif name in firsts and value is not None:
                first = firsts[name].setdefault(value, line)
                if first != line:
                    problems.append(
                        problem("duplicate", label, line, name, value=value, first=first)
                    )
            record[name] = value
        out.append(record)
    return out, problems


@dataclass(frozen=True)
class Table:
    """A valid table's typed values, column by column, and each row's spreadsheet line."""

    columns: dict[str, list]
    lines: list[int]

    def __getitem__(self, name: str) -> list:
        return self.columns[name]

    def __len__(self) -> int:
        return len(self.lines)

    def numbered(self, *names: str):
        """(line, value of each named column) for every row."""
        return zip(self.lines, *(self.columns[name] for name in names), strict=True)

    @classmethod
    def from_rows(cls, header: list[str], typed: list[dict]) -> Table:
        columns = {name: [row[name] for row in typed] for name in header}
        return cls(columns, [row["__line__"] for row in typed])


def typed_columns(table: str, header: list[str], rows: list[list[str]]) -> Table | None:
    """The table as typed columns when every cell is valid; None when any cell is not."""
    kept = [cells for cells in rows if cells]  # blank rows are skipped, as in typed_rows
    if kept and set(map(len, kept)) != {len(header)}:
        return None
    lines = [index + 2 for index, cells in enumerate(rows) if cells]
    fields = {f["name"]: f for f in schema.TABLES[table]["fields"]}
    cells_by_column = list(zip(*kept, strict=True)) if kept else [()] * len(header)
    columns = {}
    for name, cells in zip(header, cells_by_column, strict=True):
        values = column_values(fields[name], cells)
        if values is None:
            return None
        columns[name] = values
    return Table(columns, lines)


def column_values(field: dict, cells) -> list | None:
    """One column's typed values, as `convert` gives them cell by cell; None if any fails."""
    kind, rules = field["type"], _c(field)
    texts = list(map(str.strip, cells))
    blank = None if all(texts) else [not text for text in texts]
    if blank and rules.get("required"):
        return None
    filled = cells if not blank else [c for c, b in zip(cells, blank, strict=True) if not b]
    present = list(filled) if kind == "string" else _parsed(kind, [t for t in texts if t])
    if present is None:
        return None
    values = present if not blank else _with_blanks(present, blank, kind)
    unique = [v for v in values if v is not None] if rules.get("unique") else []
    if len(set(unique)) != len(unique) or not _constraints_hold(field, present):
        return None
    return values


def _with_blanks(present: list, blank: list[bool], kind: str) -> list:
    """Blank cells back in their places: "" in a text column, None in any other."""
    found, empty = iter(present), "" if kind == "string" else None
    return [empty if b else next(found) for b in blank]


def _parsed(kind: str, texts: list[str]) -> list | None:
    if kind == "integer":
        return [int(t) for t in texts] if all(map(INTEGER.fullmatch, texts)) else None
    if kind == "number":
        try:
            numbers = [float(t) for t in texts]
        except ValueError:
            return None
        if not all(map(math.isfinite, numbers)):
            return None
        return [int(v) if v.is_integer() else v for v in numbers]
    lowered = [t.lower() for t in texts]
    if not set(lowered) <= {"true", "false"}:
        return None
    return [t == "true" for t in lowered]


def _constraints_hold(field: dict, values: list) -> bool:
    """What constraint_problem checks, for a whole column at once."""
    rules = _c(field)
    if "enum" in rules and not set(values) <= set(rules["enum"]):
        return False
    if values and "minimum" in rules and min(values) < rules["minimum"]:
        return False
    if values and "maximum" in rules and max(values) > rules["maximum"]:
        return False
    if "pattern" in rules:
        return all(map(re.compile(rules["pattern"]).fullmatch, values))
    return True


def _c(field: dict) -> dict:
    return field.get("constraints", {})


def convert(table: str, field: dict, raw: str, label: str, line: int):
    """(typed value, None) or (None, Problem) for one cell."""
    name, kind, rules = field["name"], field["type"], _c(field)
    text = raw.strip()
    if text == "":
        if rules.get("required"):
            return None, problem("required", label, line, name)
        return ("" if kind == "string" else None), None
    try:
        value = parse_cell(kind, text if kind != "string" else raw)
    except ValueError:
        return None, problem("type", label, line, name, value=raw, kind=TYPE_NAMES[kind])
    return value, constraint_problem(table, field, value, label, line)


INTEGER = re.compile(r"[+-]?\d+")


def parse_cell(kind: str, text: str):
    if kind == "integer":
        if not INTEGER.fullmatch(text):
            raise ValueError(text)
        return int(text)
    if kind == "number":
        value = float(text)
        if not math.isfinite(value):
            raise ValueError(text)
        return int(value) if value.is_integer() else value
    if kind == "boolean":
        lowered = text.lower()
        if lowered not in ("true", "false"):
            raise ValueError(text)
        return lowered == "true"
    return text


def constraint_problem(table, field, value, label, line) -> Problem | None:
    name, rules = field["name"], _c(field)
    if "enum" in rules and value not in rules["enum"]:
        return problem("enum", label, line, name, value=value, allowed=", ".join(rules["enum"]))
    if "minimum" in rules and value < rules["minimum"]:
        return problem("minimum", label, line, name, value=value, limit=rules["minimum"])
    if "maximum" in rules and value > rules["maximum"]:
        return problem("maximum", label, line, name, value=value, limit=rules["maximum"])
    if "pattern" in rules and not re.fullmatch(rules["pattern"], value):
        example = PATTERN_EXAMPLES.get(table, rules["pattern"])
        return problem("pattern", label, line, name, value=value, example=example)
    return None
