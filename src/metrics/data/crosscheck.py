"""Checks that span tables: keys, foreign keys, and every quote traced back to the article."""

from __future__ import annotations

import re
from functools import lru_cache

from . import schema
from .numbers import CN_NUMERAL_CHARS, number_forms
from .problems import Problem, problem
from .validate import Table

RAW_LABEL = f"raw/{schema.RAW_NAME}"


def key_problems(tables: dict[str, Table]) -> list[Problem]:
    problems = []
    for name, table in tables.items():
        spec = schema.TABLES[name]
        key = spec["primaryKey"]
        if len(key) > 1:
            problems += _composite_duplicates(name, table, key)
        for fk in spec.get("foreignKeys", []):
            target = fk["reference"]["resource"]
            if target in tables:
                known = set(tables[target][fk["reference"]["fields"][0]])
                problems += _unknown(name, table, fk["fields"][0], known, f"{target}.csv")
    return problems


def _unknown(name: str, table: Table, column: str, known: set, target: str) -> list[Problem]:
    if known.issuperset(table[column]):
        return []
    return [
        problem("foreign-key", f"{name}.csv", line, column, value=value, target=target)
        for line, value in table.numbered(column)
        if value is not None and value not in known
    ]


def _composite_duplicates(name: str, table: Table, key: list[str]) -> list[Problem]:
    values = list(zip(*(table[k] for k in key), strict=True))
    if len(set(values)) == len(values):
        return []
    seen, problems = {}, []
    for line, value in zip(table.lines, values, strict=True):
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


TEXT_COLUMNS = ("title_zh", "implementing_unit", "description_zh", "review_zh")


def project_texts(projects: Table) -> dict[str, str]:
    return {
        pid: "\n".join((title, description, review or ""))
        for pid, title, description, review in zip(
            projects["project_id"], projects["title_zh"], projects["description_zh"],
            projects["review_zh"], strict=True,
        )
    }  # fmt: skip


def quote_problems(tables: dict[str, Table], raw: str, label: str = RAW_LABEL) -> list[Problem]:
    problems, verified, cursor = [], set(), 0
    projects = tables.get("projects")
    rows = projects.numbered("project_id", "has_review", *TEXT_COLUMNS) if projects else []
    for line, pid, has_review, *texts in rows:
        ok = True
        for column, text in zip(TEXT_COLUMNS, texts, strict=True):
            found, cursor = _in_order(text or "", raw, cursor)
            if not found:
                ok = False
                problems.append(
                    problem("project-text-mismatch", "projects.csv", line, column, column=column)
                )
        if ok:
            verified.add(pid)
        review = texts[-1]
        if has_review is not None and has_review != bool(review):
            state = "filled in" if review else "empty"
            flag = "true" if has_review else "false"
            problems.append(
                problem("review-flag", "projects.csv", line, "has_review", flag=flag, state=state)
            )
    texts = project_texts(projects) if projects else {}
    if "figures" in tables:
        figures = tables["figures"].numbered("project_id", "figure_id", "quote", "value")
        for line, pid, fid, quote, value in figures:
            problems += _figure_problems(line, pid, fid, quote, value, raw, texts, verified, label)
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


def numbers_in(quote: str) -> set[str]:
    """The whole numbers written in `quote`: a form stands in it only as one of these, so 367
    is not in 3679, nor 97 in 97万.

    Every form is made of digits, '.' and Chinese numerals, so "not next to another such
    character" means "equal to a whole run of them".
    """
    return set(NUMBER_RUN.findall(quote))


def _written(value, numbers: set[str]) -> bool:
    """Is `value` one of `numbers` in any of its forms? Most quotes use arabic digits, so
    that form (always one of number_forms) is tried before the others are spelled out."""
    arabic = str(int(value)) if value == int(value) else None
    return arabic in numbers or not _forms(value).isdisjoint(numbers)


@lru_cache(maxsize=65536)
def _forms(value) -> frozenset[str]:
    # Values repeat (a few thousand distinct among 190,000 figures): each is spelled out once.
    return frozenset(number_forms(value))


def _figure_problems(line, pid, fid, quote, value, raw, texts, verified, label) -> list[Problem]:
    quote, out = quote or "", []
    # A quote inside its own (verified) project text is in the article: no need to scan it.
    in_own = pid in verified and "\n" not in quote and quote in texts[pid]
    if quote and not in_own and quote not in raw:
        out.append(problem("quote-not-in-source", "figures.csv", line, "quote", raw=label))
    elif quote and pid in texts and not in_own and quote not in texts[pid]:
        out.append(
            problem(
                "text-not-in-project", "figures.csv", line, "quote", what="the quote", project=pid
            )
        )
    elif quote and value is not None and not _written(value, numbers_in(quote)):
        forms = number_forms(value)
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
    if pid and fid and not fid.startswith(pid + "-"):
        out.append(
            problem("figure-project", "figures.csv", line, "figure_id", value=fid, project=pid)
        )
    return out


def _in_project(name: str, column: str, tables: dict[str, Table], texts) -> list[Problem]:
    if name not in tables:
        return []
    what = "the evidence" if column == "evidence" else "the quote"
    return [
        problem("text-not-in-project", f"{name}.csv", line, column, what=what, project=pid)
        for line, pid, text in tables[name].numbered("project_id", column)
        if pid in texts and text and text not in texts[pid]
    ]
