"""`baihua extract`: article → draft tables, or with curation → the finished data package.

Each step is load → process → save: the article and the curation files are read, tables are
assembled in memory, and only then written, so a failure leaves no half-written package.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..data import schema
from ..data.csvio import read_rows, write_rows
from .article import ProjectBlock, parse_article
from .figure_finder import Candidate, find_candidates
from .source import DOCX, Article, read_article

DISTRICT_BODY_PREFIXES = ("区", "团区委")
COPIED_TABLES = ["towns", "themes", "project_themes", "funding_mentions"]


class CurationError(ValueError):
    """Curation files disagree with the article; each line names the file and row."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Curation:
    edition: dict
    projects: dict[str, dict]
    figures: dict[tuple[str, str, int], dict]
    copied: dict[str, list[dict]]


def project_id(block: ProjectBlock) -> str:
    return f"JS{block.year}-{block.number:02d}"


def town_of(unit: str) -> str:
    if unit.startswith(DISTRICT_BODY_PREFIXES):
        return "区级"
    for town in schema.TOWNS:
        if unit.startswith(town):
            return town
    return ""


def unit_level_of(unit: str) -> str:
    if town_of(unit) == "区级":
        return "district_agency"
    if unit.endswith("居民区"):
        return "neighbourhood"
    if unit.endswith("村"):
        return "village"
    return "town_office"


def project_row(block: ProjectBlock, curated: dict | None) -> dict:
    return {
        "project_id": project_id(block),
        "year": block.year,
        "district": block.district,
        "title_zh": block.title,
        "title_en": (curated or {}).get("title_en", ""),
        "implementing_unit": block.unit,
        "town": town_of(block.unit),
        "unit_level": unit_level_of(block.unit),
        "tier": (curated or {}).get("tier") or block.section,
        "printed_section": block.section,
        "has_review": bool(block.review),
        "description_zh": block.description,
        "review_zh": block.review,
    }


def project_candidates(block: ProjectBlock) -> list[Candidate]:
    """Candidates of description and review together, occurrences counted across both."""
    found = find_candidates(block.description) + find_candidates(block.review)
    seen: dict[str, int] = {}
    for candidate in found:
        seen[candidate.match] = seen.get(candidate.match, 0) + 1
        candidate.occurrence = seen[candidate.match]
    return found


def figure_rows(blocks, curation: Curation | None) -> tuple[list[dict], list[dict], list[str]]:
    """(figures, every candidate with its decision, problems)."""
    figures, report, problems = [], [], []
    used = set()
    for block in blocks:
        pid, number = project_id(block), 0
        for cand in project_candidates(block):
            key = (pid, cand.match, cand.occurrence)
            decided = curation.figures.get(key) if curation else None
            used.add(key)
            decision = decided["decision"] if decided else ("not_figure" if cand.excluded else "")
            report.append(_report_row(pid, cand, decision, decided))
            if decision == "figure" or (curation is None and not cand.excluded):
                number += 1
                figures.append(_figure_row(pid, number, cand, decided or {}))
            elif curation is not None and not decision:
                problems.append(
                    f"curation/figures.csv: no decision for {pid} {cand.match!r} "
                    f"occurrence {cand.occurrence} in {cand.quote!r}; add a row with "
                    "decision figure or not_figure"
                )
    if curation:
        for key, row in curation.figures.items():
            if key not in used:
                problems.append(
                    f"curation/figures.csv:{row['_line']}: {key[0]} has no {key[1]!r} "
                    f"occurrence {key[2]} in the article"
                )
    return figures, report, problems


def _figure_row(pid: str, number: int, cand: Candidate, decided: dict) -> dict:
    return {
        "project_id": pid,
        "figure_id": f"{pid}-F{number:02d}",
        "label_zh": decided.get("label_zh", ""),
        "label_en": decided.get("label_en", ""),
        "value": cand.value,
        "unit": cand.unit,
        "qualifier": cand.qualifier,
        "category": decided.get("category", ""),
        "quote": cand.quote,
    }


def _report_row(pid: str, cand: Candidate, decision: str, decided: dict | None) -> dict:
    note = (decided or {}).get("note") or cand.excluded
    return {
        "project_id": pid,
        "match": cand.match,
        "occurrence": cand.occurrence,
        "value": cand.value,
        "unit": cand.unit,
        "qualifier": cand.qualifier,
        "decision": decision,
        "note": note,
        "quote": cand.quote,
    }


def load_curation(folder: Path) -> Curation:
    def rows(name):
        path = folder / f"{name}.csv"
        if not path.is_file():
            raise CurationError([f"{path}: curation file is missing"])
        return read_rows(path)

    figures = {}
    for line, row in enumerate(rows("figures"), start=2):
        row["_line"] = line
        figures[(row["project_id"], row["match"], int(row["occurrence"]))] = row
    edition_path = folder / "edition.json"
    if not edition_path.is_file():
        raise CurationError([f"{edition_path}: curation file is missing"])
    return Curation(
        edition=json.loads(edition_path.read_text(encoding="utf-8")),
        projects={row["project_id"]: row for row in rows("projects")},
        figures=figures,
        copied={name: rows(name) for name in COPIED_TABLES},
    )


def extract(article_path: Path, out: Path, curation_dir: Path | None = None) -> list[Path]:
    """Build the package in `out` and return the files written."""
    article = read_article(article_path)
    blocks = parse_article(article.text, name=article.name)
    curation = load_curation(curation_dir) if curation_dir else None
    projects = [
        project_row(b, curation.projects.get(project_id(b)) if curation else None) for b in blocks
    ]
    figures, report, problems = figure_rows(blocks, curation)
    edition = curation.edition if curation else draft_edition(blocks, article)
    problems += _name_clash(article, edition)
    if problems:
        raise CurationError(problems)
    return _save(out, article, projects, figures, report, curation, edition)


def text_path(article: Article) -> str:
    """Where a draft keeps the article's text: the file itself when it is UTF-8, otherwise its
    UTF-8 text beside the original (the quote checks run on text)."""
    if article.is_utf8:
        return f"raw/{article.name}"
    return f"raw/{Path(article.name).stem}.utf-8.txt"


def _name_clash(article: Article, edition: dict) -> list[str]:
    if article.is_utf8 or edition["source"]["path"] != f"raw/{article.name}":
        return []
    return [
        f"edition.json: source.path {edition['source']['path']} is the article as received "
        f"({article.encoding}); name its UTF-8 text differently, e.g. {text_path(article)}"
    ]


def draft_edition(blocks: list[ProjectBlock], article: Article) -> dict:
    """The edition a draft declares: district and year from the article, the rest to fill in."""
    first_line = next(line.strip() for line in article.text.splitlines() if line.strip())
    district, year = blocks[0].district, blocks[0].year
    return {
        "district": district,
        "district_en": "",
        "year": year,
        "title": {"zh": f"{district}{year}年社会建设创新项目巡礼", "en": ""},
        "source": {"kind": "article", "path": text_path(article), "title": first_line},
        "published": None,
    }


def _write_if_changed(path: Path, data: bytes) -> Path:
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)
    return path


def _save(out, article, projects, figures, report, curation, edition) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    (out / "raw").mkdir(exist_ok=True)
    text = article.original if article.is_utf8 else article.text.encode("utf-8")
    written = [_write_if_changed(out / edition["source"]["path"], text)]
    if not article.is_utf8:
        written.append(_write_if_changed(out / "raw" / article.name, article.original))
    tables = {"projects": projects, "figures": figures}
    if curation:
        tables.update(curation.copied)
    for name, rows in tables.items():
        path = out / f"{name}.csv"
        write_rows(path, schema.column_names(name), rows)
        written.append(path)
    if curation is None:
        path = out / "figure_candidates.csv"
        write_rows(path, list(report[0]) if report else ["project_id"], report)
        written.append(path)
    original = None if article.is_utf8 else original_resource(article, edition)
    descriptor = schema.descriptor(hashlib.sha256(text).hexdigest(), edition, original)
    path = out / "datapackage.json"
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return written + [path]


def original_resource(article: Article, edition: dict) -> dict:
    """The article as received, when its text had to be converted to UTF-8."""
    resource = {
        "name": "original",
        "path": f"raw/{article.name}",
        "format": Path(article.name).suffix.lstrip(".") or "txt",
        "hash": f"sha256:{hashlib.sha256(article.original).hexdigest()}",
        "description": f"The article as received, read as {_read_as(article)}; "
        f"{edition['source']['path']} is its text in UTF-8, which the quotes are checked against.",
    }
    if article.encoding != DOCX:
        resource["encoding"] = article.encoding.lower()
    return resource


def _read_as(article: Article) -> str:
    return "a Word document (.docx)" if article.encoding == DOCX else article.encoding
