"""Validating a data folder against the package's Table Schemas, reporting every problem at once.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first record row 2.
"""

from __future__ import annotations

import math
import re

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


def parse_cell(kind: str, text: str):
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", text):
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
