"""Made-up editions for tests: the bundled 2018 package rewritten as another year.

They exist only inside the tests' temporary folders and are never shipped. Each keeps the
2018 article (so every quote still checks) and renames its project ids (JS2018-01 →
JS2020-01), so that ids stay unique across the library.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from broken_data import FOLDER, Expected, copy_package

from metrics.data import schema
from metrics.data.csvio import read_rows, write_rows

Tables = dict[str, list[dict]]


def derive_edition(dest: Path, year: int, edit: Callable[[Tables], None] | None = None) -> Path:
    """A copy of the bundled package as the edition of `year`; `edit` changes its tables."""
    copy_package(dest)
    tables = {name: read_rows(dest / f"{name}.csv") for name in schema.TABLE_ORDER}
    for rows in tables.values():
        for row in rows:
            for column in ("project_id", "figure_id"):
                if column in row:
                    row[column] = row[column].replace("JS2018-", f"JS{year}-")
    for row in tables["projects"]:
        row["year"] = str(year)
    if edit:
        edit(tables)
    for name, rows in tables.items():
        write_rows(dest / f"{name}.csv", schema.column_names(name), rows)
    path = dest / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["edition"]["year"] = year
    descriptor["edition"]["title"] = {
        "zh": f"测试用：金山区{year}年（由2018年数据改写）",
        "en": f"Test only: Jinshan {year} (rewritten from 2018)",
    }
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return dest


def keep_projects(numbers: list[int]) -> Callable[[Tables], None]:
    """Keep only the projects numbered (01 … 20) in `numbers`, with their figures and links."""

    def edit(tables: Tables) -> None:
        kept = {row["project_id"] for row in tables["projects"] if int(row["project_id"][-2:])
                in numbers}  # fmt: skip
        for name in ("projects", "figures", "project_themes", "funding_mentions"):
            tables[name] = [row for row in tables[name] if row["project_id"] in kept]

    return edit


def drop_theme(theme_id: str) -> Callable[[Tables], None]:
    """An edition whose vocabulary does not have `theme_id` yet (nor any link to it)."""

    def edit(tables: Tables) -> None:
        tables["themes"] = [row for row in tables["themes"] if row["theme_id"] != theme_id]
        tables["project_themes"] = [
            row for row in tables["project_themes"] if row["theme_id"] != theme_id
        ]

    return edit


def chain(*edits: Callable[[Tables], None]) -> Callable[[Tables], None]:
    def edit(tables: Tables) -> None:
        for step in edits:
            step(tables)

    return edit


def bundled_into(library: Path) -> Path:
    """The bundled edition copied into `library` under its own folder name."""
    return copy_package(library / "jinshan-2018")


# --- libraries with one broken part: it is reported, the other editions are still served ------


@dataclass(frozen=True)
class LibraryCase:
    name: str
    builder: Callable[[Path], None]  # fills the library folder
    expected: Expected
    words: tuple[str, ...]
    served: tuple[str, ...]  # editions still served

    def build(self, tmp_path: Path) -> Path:
        library = tmp_path / self.name / "library"
        library.mkdir(parents=True)
        self.builder(library)
        return library


def _with_2020(edit=None):
    def build(library: Path) -> None:
        bundled_into(library)
        derive_edition(library / "jinshan-2020", 2020, edit)

    return build


def _same_ids_twice(library: Path) -> None:
    bundled_into(library)
    copy_package(library / "jinshan-2018-copy")


def _renamed_theme(tables: Tables) -> None:
    next(r for r in tables["themes"] if r["theme_id"] == "elderly")["name_zh"] = "养老"


def _unknown_successor(library: Path) -> None:
    _with_2020()(library)
    (library / "town_successors.csv").write_text("town,successor\n山阳镇,新山阳镇\n", "utf-8")


def _broken_2020(library: Path) -> None:
    _with_2020()(library)
    (library / "jinshan-2020" / "towns.csv").write_bytes(b"")


def _garbled_manifest(library: Path) -> None:
    bundled_into(library)
    (library / ".baihua").mkdir()
    (library / ".baihua" / "editions.json").write_bytes(b'{"editions": ')


LIBRARY_CASES = [
    LibraryCase(
        "edition_with_empty_towns_csv",
        _broken_2020,
        Expected("jinshan-2020/towns.csv", None, None, "file-empty"),
        ("the file is empty",),
        ("jinshan-2018",),
    ),
    LibraryCase(
        "project_ids_reused",
        _same_ids_twice,
        Expected("jinshan-2018-copy/projects.csv", 2, "project_id", "id-in-other-edition"),
        ("'JS2018-01' is already used by the edition jinshan-2018",),
        ("jinshan-2018",),
    ),
    LibraryCase(
        "theme_renamed_in_later_edition",
        _with_2020(_renamed_theme),
        Expected("jinshan-2020/themes.csv", 5, "theme_id", "name-in-other-edition"),
        ("'elderly' has another name_zh in the edition jinshan-2018",),
        ("jinshan-2018",),
    ),
    LibraryCase(
        "successor_not_a_town",
        _unknown_successor,
        Expected("town_successors.csv", 2, "successor", "successor-unknown"),
        ("the successor '新山阳镇' is not a town of any edition",),
        ("jinshan-2018", "jinshan-2020"),
    ),
    LibraryCase(
        "manifest_cut_short",
        _garbled_manifest,
        Expected(".baihua/editions.json", None, None, "manifest-unreadable"),
        ("cannot be read", "each edition is read from its folder"),
        ("jinshan-2018",),
    ),
    LibraryCase(
        "empty_library",
        lambda library: None,
        Expected(FOLDER, None, None, "library-empty"),
        ("holds no data package",),
        (),
    ),
]
