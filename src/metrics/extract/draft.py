"""`baihua extract ARTICLE --xlsx FILE`: an article → a pre-filled workbook for the steward.

Projects and figure candidates come from the article as in a draft package; themes and towns
from the library's vocabulary (its latest edition), so a new edition reuses the names already
used; themes are only suggested, never linked, until the steward confirms them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..data import library, load
from .article import parse_article
from .build import draft_edition, figure_rows, project_row
from .source import Article, read_article
from .themes import STATUS, suggest_themes
from .workbook import fill_workbook

NOTES = {
    "projects": {
        "tier": "草稿：tier 暂按印刷栏目 (printed_section) 填写。2018 年的审定读法：有专家点评"
        "（以“该项目”开头）的为 innovation，其余为 excellent。请按官方名单确认。\n"
        "Draft: tier is the printed section for now. The curated 2018 reading: projects with "
        "an expert review (starting 该项目) are innovation, the others excellent. Confirm "
        "against the official list."
    },
    "suggested_themes": {
        "status": f"{STATUS}：请逐条确认；确认的把 project_id、theme_id、evidence 复制到 "
        "project_themes 表。\nConfirm each one; copy the confirmed project_id, theme_id and "
        "evidence to the project_themes sheet."
    },
}


class VocabularyError(ValueError):
    """The package whose themes and towns a draft reuses is not valid."""


@dataclass(frozen=True)
class Draft:
    article: Article
    tables: dict[str, list[dict]]
    edition: dict
    suggestions: list[dict]
    vocabulary: Path | None


def build_draft(article_path: Path, vocabulary: Path | None) -> Draft:
    article = read_article(article_path)
    blocks = parse_article(article.text, name=article.name)
    projects = [project_row(block, None) for block in blocks]
    figures, _, _ = figure_rows(blocks, None)
    themes, towns = vocabulary_rows(vocabulary)
    tables = {
        "projects": projects,
        "figures": figures,
        "themes": themes,
        "towns": _towns(projects, towns),
    }
    edition = draft_edition(blocks, article)
    return Draft(article, tables, edition, suggest_themes(projects, themes), vocabulary)


def write_workbook(draft: Draft, out: Path) -> Path:
    return fill_workbook(draft.tables, draft.edition, draft.suggestions, out, NOTES)


def default_vocabulary() -> Path | None:
    """The latest valid edition of the library in use ($BAIHUA_DATA or data/), if any."""
    folder = load.data_folder()
    if library.is_package(folder):
        return folder
    latest = library.check_library(folder).latest
    return folder / latest if latest else None


def vocabulary_rows(vocabulary: Path | None) -> tuple[list[dict], list[dict]]:
    """(themes, towns) of a valid package; a broken one is refused rather than half used."""
    if vocabulary is None:
        return [], []
    dataset, problems = load.check(vocabulary)
    if problems:
        raise VocabularyError(
            f"{vocabulary}: the vocabulary package has {len(problems)} problem(s); run "
            f"`baihua check {vocabulary}` · 词表数据包有误"
        )
    return dataset.themes.to_dict("records"), dataset.towns.to_dict("records")


def _towns(projects: list[dict], known: list[dict]) -> list[dict]:
    """One row per town the projects name; a town already in the vocabulary keeps its row."""
    by_name = {row["town"]: row for row in known}
    names = dict.fromkeys(p["town"] for p in projects if p["town"])
    return [by_name.get(name, {"town": name}) for name in names]
