"""What a publication changes in the edition it replaces: projects added, removed and changed,
figures changed, and how the other tables and the declaration differ.

Both sides are read as the text the CSV files hold, so a value is "changed" exactly when its
cell in the file changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..data import reading, schema

KEYS = {"projects": "project_id", "figures": "figure_id"}
OTHER_TABLES = ["themes", "project_themes", "towns", "funding_mentions"]
SHOWN = 12  # changes listed one by one; the rest are counted


@dataclass
class Change:
    key: str
    columns: dict[str, tuple[str, str]]  # column → (before, after)


@dataclass
class TableDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@dataclass
class Diff:
    edition: str
    replaces: bool  # False: a new edition, nothing to compare with
    projects: TableDiff
    figures: TableDiff
    others: dict[str, TableDiff]  # themes, project_themes, towns, funding_mentions
    declaration: list[str]  # keys of the edition block that change
    titles: dict[str, str] = field(default_factory=dict)  # project id → title_zh

    @property
    def unchanged(self) -> bool:
        tables = [self.projects, self.figures, *self.others.values()]
        return self.replaces and not any(tables) and not self.declaration

    def as_dict(self) -> dict:
        def table(t: TableDiff) -> dict:
            return {"added": t.added, "removed": t.removed,
                    "changed": {c.key: c.columns for c in t.changed}}  # fmt: skip

        return {"edition": self.edition, "replaces": self.replaces,
                "projects": table(self.projects), "figures": table(self.figures),
                "others": {k: table(v) for k, v in self.others.items()},
                "declaration": self.declaration}  # fmt: skip


def rows(folder: Path, table: str) -> list[dict[str, str]]:
    """The table's rows as text; none when the file is missing or unreadable."""
    header, records, _ = reading.read_csv(folder / f"{table}.csv", f"{table}.csv")
    if header is None:
        return []
    return [dict(zip(header, r, strict=False)) for r in records if r]


def _key(table: str, row: dict[str, str]) -> str:
    if table in KEYS:
        return row.get(KEYS[table], "")
    return " + ".join(row.get(k, "") for k in schema.TABLES[table]["primaryKey"])


def table_diff(table: str, before: list[dict], after: list[dict]) -> TableDiff:
    old = {_key(table, r): r for r in before}
    new = {_key(table, r): r for r in after}
    out = TableDiff(
        added=[k for k in new if k not in old], removed=[k for k in old if k not in new]
    )
    for key in (k for k in new if k in old):
        columns = {c: (old[key].get(c, ""), v) for c, v in new[key].items() if old[key].get(c) != v}
        if columns:
            out.changed.append(Change(key, columns))
    return out


def between(current: Path, candidate: Path, edition: str) -> Diff:
    """The candidate package against the edition folder it would replace (if any)."""
    replaces = current.is_dir()
    tables = {t: table_diff(t, rows(current, t) if replaces else [], rows(candidate, t))
              for t in schema.TABLE_ORDER}  # fmt: skip
    titles = {r.get("project_id", ""): r.get("title_zh", "") for r in rows(candidate, "projects")}
    if replaces:
        titles = {**{r.get("project_id", ""): r.get("title_zh", "")
                     for r in rows(current, "projects")}, **titles}  # fmt: skip
    return Diff(
        edition=edition,
        replaces=replaces,
        projects=tables["projects"],
        figures=tables["figures"],
        others={t: tables[t] for t in OTHER_TABLES},
        declaration=_declaration(current, candidate) if replaces else [],
        titles=titles,
    )


def _declaration(current: Path, candidate: Path) -> list[str]:
    def block(folder):
        try:
            return json.loads((folder / "datapackage.json").read_text("utf-8")).get("edition")
        except (OSError, ValueError, AttributeError):
            return None

    old, new = block(current) or {}, block(candidate) or {}
    return [k for k in dict.fromkeys([*old, *new]) if old.get(k) != new.get(k)]


def lines(diff: Diff) -> list[str]:
    """The diff in words, Chinese then English on each line."""
    if not diff.replaces:
        return [f"新版本 · new edition {diff.edition}: "
                f"{len(diff.projects.added)} 个项目 projects, "
                f"{len(diff.figures.added)} 个数字 figures"]  # fmt: skip
    if diff.unchanged:
        return [f"与现有版本 {diff.edition} 完全相同 · identical to the current {diff.edition}"]
    out = [f"与现有版本 {diff.edition} 相比 · compared with the current {diff.edition}:"]
    out += _table_lines("项目", "projects", diff.projects, diff.titles)
    out += _table_lines("数字", "figures", diff.figures, {})
    for table, changes in diff.others.items():
        if changes:
            out.append(f"  {table}: +{len(changes.added)} −{len(changes.removed)} "
                       f"~{len(changes.changed)}")  # fmt: skip
    if diff.declaration:
        out.append(f"  版本信息 · declaration: {', '.join(diff.declaration)}")
    return out


def _table_lines(zh: str, en: str, t: TableDiff, titles: dict[str, str]) -> list[str]:
    added, removed, changed = len(t.added), len(t.removed), len(t.changed)
    out = [
        f"  {zh}：新增 {added}，删除 {removed}，修改 {changed} · "
        f"{en}: {added} added, {removed} removed, {changed} changed"
    ]
    items = [f"    + {k} {titles.get(k, '')}".rstrip() for k in t.added]
    items += [f"    − {k} {titles.get(k, '')}".rstrip() for k in t.removed]
    for change in t.changed:
        parts = [f"{c}: {_short(a)} → {_short(b)}" for c, (a, b) in change.columns.items()]
        items.append(f"    ~ {change.key} " + "; ".join(parts))
    if len(items) > SHOWN:
        items = items[:SHOWN] + [f"    … {len(items) - SHOWN} 项 more"]
    return out + items


def _short(text: str, limit: int = 40) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"
