"""Checks that span tables: keys, foreign keys, and every quote traced back to the article."""

from __future__ import annotations

import re

from . import schema
from .numbers import CN_NUMERAL_CHARS, number_forms
from .problems import Problem, problem

RAW_LABEL = f"raw/{schema.RAW_NAME}"
LINE = "__line__"


def numbered(rows: list[dict]):
    """(spreadsheet row, row) pairs; blank rows skipped by validation keep their numbers."""
    for index, row in enumerate(rows):
        yield row.get(LINE, index + 2), row


def key_problems(tables: dict[str, list[dict]]) -> list[Problem]:
    problems = []
    for name, rows in tables.items():
        spec = schema.TABLES[name]
        key = spec["primaryKey"]
        if len(key) > 1:
            problems += _composite_duplicates(name, rows, key)
        for fk in spec.get("foreignKeys", []):
            target = fk["reference"]["resource"]
            if target not in tables:
                continue
            column, target_column = fk["fields"][0], fk["reference"]["fields"][0]
            known = {row[target_column] for row in tables[target]}
            for line, row in numbered(rows):
                if row.get(column) is not None and row[column] not in known:
                    problems.append(
                        problem(
                            "foreign-key",
                            f"{name}.csv",
                            line,
                            column,
                            value=row[column],
                            target=f"{target}.csv",
                        )
                    )
    return problems


def _composite_duplicates(name: str, rows: list[dict], key: list[str]) -> list[Problem]:
    seen, problems = {}, []
    for line, row in numbered(rows):
        value = tuple(row.get(k) for k in key)
        first = seen.setdefault(value, line)
        if first != line:
            problems.append(
                problem(
                    "duplicate",
                    f"{name}.csv",
                    line,
                    "+".join(key),
                    value=" + ".join(map(str, value)),
                    first=first,
                )
            )
    return problems


def project_texts(projects: list[dict]) -> dict[str, str]:
    return {
        p["project_id"]: "\n".join((p["title_zh"], p["description_zh"], p["review_zh"] or ""))
        for p in projects
    }


def quote_problems(
    tables: dict[str, list[dict]], raw: str, label: str = RAW_LABEL
) -> list[Problem]:
    problems, verified, cursor = [], set(), 0
    for line, row in numbered(tables.get("projects", [])):
        ok = True
        for column in ("title_zh", "implementing_unit", "description_zh", "review_zh"):
            found, cursor = _in_order(row.get(column) or "", raw, cursor)
            if not found:
                ok = False
                problems.append(
                    problem("project-text-mismatch", "projects.csv", line, column, column=column)
                )
        if ok:
            verified.add(row.get("project_id"))
        if row.get("has_review") is not None and row["has_review"] != bool(row.get("review_zh")):
            state = "filled in" if row.get("review_zh") else "empty"
            flag = "true" if row["has_review"] else "false"
            problems.append(
                problem("review-flag", "projects.csv", line, "has_review", flag=flag, state=state)
            )
    texts = project_texts(tables.get("projects", []))
    for line, row in numbered(tables.get("figures", [])):
        problems += _figure_problems(row, line, raw, texts, verified, label)
    problems += _in_project("project_themes", "evidence", tables, texts)
    problems += _in_project("funding_mentions", "quote", tables, texts)
    return problems


def _in_order(text: str, raw: str, cursor: int) -> tuple[bool, int]:
    """Is every paragraph of `text` in `raw`? Projects come in article order, so the search
    starts where the last one ended (linear, not quadratic, in the article's length) and only
    falls back to the whole article when that fails."""
    for part in text.split("\n"):
        pos = raw.find(part, cursor)
        if pos >= 0:
            cursor = pos + len(part)
        elif part not in raw:
            return False, cursor
    return True, cursor


NUMBER_RUN = re.compile(rf"[\d.{CN_NUMERAL_CHARS}]+")


def written_in(form: str, quote: str) -> bool:
    """`form` stands in `quote` as a whole number: 367 is not in 3679, nor 97 in 97万.

    Every form is made of digits, '.' and Chinese numerals, so "not next to another such
    character" means "equal to a whole run of them".
    """
    return form in NUMBER_RUN.findall(quote)


def _figure_problems(row, line, raw, texts, verified, label) -> list[Problem]:
    quote, value, out = row.get("quote") or "", row.get("value"), []
    pid = row.get("project_id")
    # A quote inside its own (verified) project text is in the article: no need to scan it.
    in_own = pid in verified and "\n" not in quote and quote in texts[pid]
    if quote and not in_own and quote not in raw:
        out.append(problem("quote-not-in-source", "figures.csv", line, "quote", raw=label))
    elif quote and pid in texts and quote not in texts[pid]:
        out.append(
            problem(
                "text-not-in-project", "figures.csv", line, "quote", what="the quote", project=pid
            )
        )
    elif quote and value is not None:
        forms = number_forms(value)
        if not any(written_in(form, quote) for form in forms):
            out.append(
                problem(
                    "value-not-in-quote",
                    "figures.csv",
                    line,
                    "value",
                    value=value,
                    forms=", ".join(sorted(forms)),
                )
            )
    fid = row.get("figure_id")
    if pid and fid and not fid.startswith(pid + "-"):
        out.append(
            problem("figure-project", "figures.csv", line, "figure_id", value=fid, project=pid)
        )
    return out


def _in_project(table: str, column: str, tables, texts) -> list[Problem]:
    problems = []
    for line, row in numbered(tables.get(table, [])):
        pid, text = row.get("project_id"), row.get(column)
        if pid in texts and text and text not in texts[pid]:
            what = "the evidence" if column == "evidence" else "the quote"
            problems.append(
                problem("text-not-in-project", f"{table}.csv", line, column, what=what, project=pid)
            )
    return problems
