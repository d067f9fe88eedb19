"""Splitting an article in the 2018 review's format into project blocks.

The format: section headings naming 十大创新项目 or 十大优秀项目, then blocks of
`项目名称` / title / `实施单位: …` / description paragraphs / an optional review beginning 该项目.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SECTION_RE = re.compile(r"^(\d{4})年(.*?)(十大创新项目|十大优秀项目)\s*$")
SECTIONS = {"十大创新项目": "innovation", "十大优秀项目": "excellent"}
UNIT_RE = re.compile(r"^实施单位\s*[:：]\s*(.+?)\s*$")
DISTRICT_RE = re.compile(r"([\u4e00-\u9fff]{1,6}?[区县市])\d{4}年")
REVIEW_START = "该项目"


class ArticleError(ValueError):
    """The article does not follow the expected format; the message names the line."""


@dataclass
class ProjectBlock:
    number: int
    title: str
    unit: str
    section: str
    year: int
    district: str
    description: str
    review: str


def parse_article(text: str, name: str = "article") -> list[ProjectBlock]:
    """Project blocks in article order; raises ArticleError naming the offending line."""
    lines = [line.strip() for line in text.splitlines()]
    district = _district(text, name)
    blocks: list[ProjectBlock] = []
    section = year = None
    i = 0
    while i < len(lines):
        line = lines[i]
        heading = SECTION_RE.match(line)
        if heading:
            year, section = int(heading.group(1)), SECTIONS[heading.group(3)]
        elif line == "项目名称":
            if section is None:
                raise ArticleError(f"{name}:{i + 1}: 项目名称 appears before any section heading")
            i, block = _read_block(lines, i, name, len(blocks) + 1)
            blocks.append(ProjectBlock(section=section, year=year, district=district, **block))
            continue
        i += 1
    if not blocks:
        raise ArticleError(
            f"{name}: no 项目名称 blocks found; is this an article in the 2018 format?"
        )
    return blocks


def _district(text: str, name: str) -> str:
    match = DISTRICT_RE.search(text)
    if not match:
        raise ArticleError(f"{name}: cannot find the district name (e.g. 金山区2018年) in the text")
    return match.group(1).lstrip("—")


def _read_block(lines: list[str], start: int, name: str, number: int) -> tuple[int, dict]:
    i = _next_filled(lines, start + 1)
    if i >= len(lines):
        raise ArticleError(f"{name}:{start + 1}: 项目名称 without a title")
    title = lines[i]
    j = _next_filled(lines, i + 1)
    unit = UNIT_RE.match(lines[j]) if j < len(lines) else None
    if not unit:
        raise ArticleError(f"{name}:{j + 1}: expected '实施单位: …' after the title {title!r}")
    paragraphs, k = [], j + 1
    while k < len(lines) and lines[k] != "项目名称" and not SECTION_RE.match(lines[k]):
        if lines[k]:
            paragraphs.append(lines[k])
        k += 1
    reviews = [p for p in paragraphs if p.startswith(REVIEW_START)]
    description = [p for p in paragraphs if not p.startswith(REVIEW_START)]
    if not description:
        raise ArticleError(f"{name}:{j + 1}: project {title!r} has no description")
    block = dict(
        number=number,
        title=title,
        unit=unit.group(1),
        description="\n".join(description),
        review="\n".join(reviews),
    )
    return k, block


def _next_filled(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i]:
        i += 1
    return i
