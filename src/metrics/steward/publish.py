"""`publish`: a workbook or a data package becomes an edition of a library, or nothing changes.

Everything is validated before anything is written: the workbook (container.py, workbook.py),
its tables as a package by metrics.data.load.check (the rules of `baihua check`), then, with
the library locked, the library's own rules (metrics.data.library: project ids unique across
editions, one name per town and theme) on the library as it would be. Only then is the
edition written (install.py, which says how a library is never without a published edition),
its previous version archived, and one line logged.

The article: a package carries it in raw/. A workbook needs `article=` (every quote is checked
against it), except when it replaces an edition whose raw/ already holds the file its edition
sheet names as source_path: a correction made in Excel keeps the article it was checked
against. A `source_kind` of spreadsheet changes nothing here: the text under raw/ is still what
the quotes are checked against.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..data import edition as edition_rules
from ..data import library as library_rules
from ..data import load, reading, schema
from ..data.problems import Problem
from . import diff as diffs
from . import install, package, workbook
from .problems import STEPS, steward_problem

EDITION_NAME = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")
PACKAGE_FILES = ["datapackage.json", *(f"{t}.csv" for t in schema.TABLE_ORDER)]
COPIED_FOLDERS = ["raw", "curation"]


@dataclass
class PublishResult:
    source: Path
    library: Path
    edition: str | None = None
    published: bool = False
    dry_run: bool = False
    problems: list[Problem] = field(default_factory=list)
    diff: diffs.Diff | None = None
    counts: dict[str, int] = field(default_factory=dict)
    sha256: str | None = None
    archived: Path | None = None
    log_entry: dict | None = None
    warnings: list[Problem] = field(default_factory=list)  # published, a finishing step failed

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class Prepared:
    """A candidate edition, written and checked in a temporary folder."""

    name: str | None
    folder: Path | None
    sha256: str | None
    article_sha256: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    rowmap: package.RowMap | None = None  # workbook sources: CSV lines → sheet rows


def publish(source, library, user: str | None = None, article=None, *,
            edition: str | None = None, dry_run: bool = False,
            editors: frozenset[str] | None = None) -> PublishResult:  # fmt: skip
    """Validate `source` (an .xlsx workbook or a package folder) and publish it into `library`
    as the edition `edition` (default: from its declaration), unless `dry_run`.

    With `editors` (the web server's list), only a `user` on that list may publish: the rule is
    kept here, below the page, so no request can reach the library around it. The CLI passes
    none: whoever can run it can already write the folder.
    """
    source, library = Path(source), Path(library)
    result = PublishResult(source, library, dry_run=dry_run)
    if editors is not None and (user or "").strip().lower() not in editors:
        result.problems = [steward_problem("not-an-editor", str(library), user=user or "—")]
        return result
    result.problems = _library_folder_problems(library)
    if result.problems:
        return result
    with tempfile.TemporaryDirectory(prefix="baihua-publish-") as work:
        prepared = prepare(source, library, Path(work), article, edition)
        result.edition, result.sha256 = prepared.name, prepared.sha256
        result.counts, result.problems = prepared.counts, prepared.problems
        if result.problems:
            return result
        try:
            with install.locked(library):
                _publish_locked(result, prepared, user)
        except OSError as err:  # taking the lock, or reading before install wrote anything
            reason = err.strerror or str(err)
            result.problems = [steward_problem("write-failed", str(library / result.edition),
                                               reason=reason)]  # fmt: skip
    return result


def _publish_locked(result: PublishResult, prepared: Prepared, user: str | None) -> None:
    library, name = result.library, prepared.name
    result.problems = after_publishing(library, name, prepared)
    if result.problems:
        return
    current = library_rules.edition_folder(library, name) or library / name
    result.diff = diffs.between(current, prepared.folder, name)
    if result.dry_run:
        return
    when = install.now()
    entry = _log_entry(result, prepared, user or default_user(), when)
    try:
        outcome = install.install(library, name, prepared.folder, when, entry)
    except install.WriteFailed as failed:  # a full disk, a permission: said as it is
        result.problems = [steward_problem(_failure(failed), str(library / name),
                                           reason=failed.reason)]  # fmt: skip
        return
    result.published, result.archived, result.log_entry = True, outcome.archived, entry
    result.warnings = [
        steward_problem(
            "published-unfinished",
            str(library / name),
            step=STEPS[step][0],
            step_zh=STEPS[step][1],
            reason=reason,
        )  # fmt: skip
        for step, reason in outcome.unfinished
    ]


def _failure(failed: install.WriteFailed) -> str:
    if failed.unknown:
        return "write-failed-unknown"
    return "write-failed-unpublished" if failed.changed else "write-failed"


def default_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER") or "unknown"


def _library_folder_problems(library: Path) -> list[Problem]:
    if not library.is_dir():
        return [steward_problem("library-missing", str(library))]
    if library_rules.is_package(library):
        return [steward_problem("library-is-package", str(library))]
    return []


def prepare(source: Path, library: Path, work: Path, article, edition) -> Prepared:
    """The candidate edition in `work`, checked. Any file is read as a workbook, so that a
    file of another kind is refused for what its bytes are, whatever its name says."""
    if source.is_dir():
        return _prepare_package(source, work, article, edition)
    if source.is_file() or source.suffix.lower().startswith(".xl"):
        return _prepare_workbook(source, library, work, article, edition)
    return Prepared(None, None, None, problems=[steward_problem("source-unknown", str(source))])


# --- a workbook --------------------------------------------------------------------------------


def _prepare_workbook(source: Path, library: Path, work: Path, article, edition) -> Prepared:
    contents = workbook.read(source)
    sha = _sha256(source) if source.is_file() else None
    if not contents.tables and not contents.edition:
        return Prepared(None, None, sha, problems=contents.problems)
    name, problems = _name(edition, contents.edition)
    article_bytes, article_label, more = _article(article, library, name, contents.edition)
    problems += more
    block = package.declaration(contents.edition, Path(article).name if article else None)
    folder = work / (name or "edition")
    rowmap = package.write(folder, contents, block, article_bytes)
    rowmap.article = article_label
    dataset, found = load.check(folder)
    found = [package.to_sheet(p, rowmap) for p in found]
    if article_bytes is None:  # already said: the article is needed, or cannot be read
        found = [p for p in found if p.file != article_label]
    problems = package.merge(contents.problems, found, contents.covered) + problems
    prepared = Prepared(name, folder, sha, problems=problems, rowmap=rowmap)
    if article_bytes is not None:
        prepared.article_sha256 = hashlib.sha256(article_bytes).hexdigest()
    if dataset is not None:
        prepared.counts = counts(dataset)
    return prepared


def _article(article, library: Path, name: str | None, values: dict):
    """(bytes, label, problems): the --article file, or the one the edition already holds."""
    if article is not None:
        path = Path(article)
        data, problems = reading.read_bytes(path, path.name)
        return data, path.name, problems
    path = values.get("source_path")
    folder = library_rules.edition_folder(library, name) if name and library.is_dir() else None
    current = folder / path if folder and edition_rules.safe_path(path) else None
    if current is not None and current.is_file():
        data, problems = reading.read_bytes(current, f"{name}/{path}")
        return data, f"{name}/{path}", problems
    return None, "article", [steward_problem("article-needed", "--article")]


def _name(given: str | None, values: dict) -> tuple[str | None, list[Problem]]:
    if given is None:
        district, year = str(values.get("district_en") or "").strip(), values.get("year")
        if not district or not isinstance(year, int):
            return None, [steward_problem("edition-name-unknown", "--edition")]
        given = "-".join([*district.lower().split(), str(year)])
    if not EDITION_NAME.fullmatch(given):
        return None, [steward_problem("edition-name", "--edition", name=given)]
    return given, []


# --- a package ---------------------------------------------------------------------------------


def _prepare_package(source: Path, work: Path, article, edition) -> Prepared:
    if article is not None:
        return Prepared(None, None, None, problems=[steward_problem("article-with-package",
                                                                    "--article")])  # fmt: skip
    if not library_rules.is_package(source):
        return Prepared(None, None, None, problems=[steward_problem("source-unknown",
                                                                    str(source))])  # fmt: skip
    name = edition
    if name is None and EDITION_NAME.fullmatch(source.resolve().name):
        name = source.resolve().name
    declared = _declared(source)
    name, problems = _name(name, declared)
    folder = work / (name or "edition")
    _copy_package(source, folder)
    dataset, found = load.check(folder)
    prepared = Prepared(name, folder, package_sha256(folder), problems=problems + found)
    if dataset is not None:
        prepared.counts = counts(dataset)
        raw = dataset.editions.iloc[0]["source_path"]
        prepared.article_sha256 = _sha256(folder / raw)
    return prepared


def _declared(source: Path) -> dict:
    try:
        block = package.declared_edition(source)
    except (OSError, ValueError, AttributeError):
        return {}
    return {"district_en": block.get("district_en"), "year": block.get("year")}


def _copy_package(source: Path, dest: Path) -> None:
    """The package's own files, as regular files only (a link is not followed, so nothing
    outside the package is ever copied into the library)."""
    dest.mkdir(parents=True)
    for name in PACKAGE_FILES:
        _copy_file(source / name, dest / name)
    for sub in COPIED_FOLDERS:
        if (source / sub).is_dir() and not (source / sub).is_symlink():
            for path in sorted((source / sub).iterdir()):
                _copy_file(path, dest / sub / path.name)


def _copy_file(path: Path, dest: Path) -> None:
    if path.is_file() and not path.is_symlink() and path.stat().st_size <= reading.max_bytes():
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest)


def package_sha256(folder: Path) -> str:
    """One checksum for a package folder: its files' paths and contents."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(f"{path.relative_to(folder).as_posix()}\0{_sha256(path)}\n".encode())
    return digest.hexdigest()


def _sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def counts(dataset) -> dict[str, int]:
    tables = ["projects", "figures", "themes", "project_themes", "towns", "funding_mentions"]
    return {t: len(getattr(dataset, t)) for t in tables}


# --- the library's rules -----------------------------------------------------------------------


def after_publishing(library: Path, name: str, prepared: Prepared) -> list[Problem]:
    """Problems the library would have with the candidate in place that it does not have now:
    those of the candidate itself, and any edition (or town_successors.csv) it would break."""
    before = _broken(library) if library_rules.edition_folders(library) else {}
    with tempfile.TemporaryDirectory(prefix="baihua-library-") as view:
        view = Path(view)
        for sub in library_rules.edition_folders(library):
            if sub.name != name:
                (view / sub.name).symlink_to(sub.resolve(), target_is_directory=True)
        (view / name).symlink_to(prepared.folder.resolve(), target_is_directory=True)
        successors = library / library_rules.SUCCESSORS
        if successors.is_file():
            (view / successors.name).symlink_to(successors.resolve())
        after = _broken(view)
    out = []
    for part, problems in after.items():
        if part == name:
            out += [_own(p, name, prepared) for p in problems]
        elif part not in before:
            out += [steward_problem("breaks-edition", p.file, p.row, p.column, other=part,
                                    message=p.message) for p in problems]  # fmt: skip
    return out


def _broken(folder: Path) -> dict[str, list[Problem]]:
    return library_rules.check_library(folder).broken


def _own(item: Problem, name: str, prepared: Prepared) -> Problem:
    if prepared.rowmap is not None:
        return package.to_sheet(item, prepared.rowmap, name)
    return item


def _log_entry(result: PublishResult, prepared: Prepared, user: str, when: str) -> dict:
    d = result.diff
    return {
        "time": when.isoformat(timespec="seconds"),
        "user": user,
        "edition": result.edition,
        "source": result.source.name,
        "source_kind": "package" if result.source.is_dir() else "workbook",
        "sha256": result.sha256,
        "article_sha256": prepared.article_sha256,
        "counts": result.counts,
        "replaced": d.replaces,
        "archived": None,  # filled in by install, which knows where the copy goes
        "changes": {
            "projects_added": len(d.projects.added),
            "projects_removed": len(d.projects.removed),
            "projects_changed": len(d.projects.changed),
            "figures_added": len(d.figures.added),
            "figures_removed": len(d.figures.removed),
            "figures_changed": len(d.figures.changed),
        },
    }
