"""Finding every quantity in a project's text, with its quote, value, unit and qualifier.

The finder is deliberately greedy: it reports every number it sees, and marks the ones that are
plainly not figures (a year, a number inside a “quoted name”, 38°, 轩·20, 6+1+X, the article
一 of 一个) with a reason. Humans decide the rest in data/curation/figures.csv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..data.numbers import CN_NUMERAL_CHARS, parse_number

# Longest first, so 人次 wins over 人 and 周岁 over 岁.
UNITS = ["平方米", "人次", "周岁", "公里", "标段", "方面", "万元", "元", "个", "名", "家", "条",
         "件", "次", "节", "支", "户", "届", "级", "方", "岁", "人", "位", "项", "所", "米",
         "场", "期", "批", "类", "座", "间"]  # fmt: skip
UNIT_PATTERN = "|".join(UNITS)
ARABIC_RE = re.compile(
    rf"(?<![\d.])(?P<num>\d+(?:\.\d+)?)(?:\s*[-~～—至到]\s*(?P<high>\d+(?:\.\d+)?))?"
    rf"(?P<mult>[万亿])?(?P<approx>[余多])?(?P<unit>{UNIT_PATTERN})?"
)
CHINESE_RE = re.compile(
    rf"(?<![\d.])(?P<num>[{CN_NUMERAL_CHARS}]+)(?:大)?(?P<approx>[余多])?(?P<unit>{UNIT_PATTERN})"
)
SENTENCE_END = "。！？；;!?"


@dataclass
class Candidate:
    """One number found in the text; `excluded` says why it plainly is not a figure."""

    match: str
    occurrence: int
    value: float | None
    unit: str
    qualifier: str
    quote: str
    excluded: str = ""


def find_candidates(text: str) -> list[Candidate]:
    """Every arabic or Chinese number in `text`, in order of appearance."""
    spans = sorted(
        [(m.start(), m.end(), m, "arabic") for m in ARABIC_RE.finditer(text)]
        + [(m.start(), m.end(), m, "chinese") for m in CHINESE_RE.finditer(text)],
        key=lambda item: item[0],
    )
    quoted = _quoted_ranges(text)
    seen: dict[str, int] = {}
    found = []
    last_end = 0
    for start, end, match, kind in spans:
        if start < last_end:
            continue  # 97万元 is one arabic figure, not also the Chinese 万元
        last_end = end
        token = text[start:end]
        seen[token] = seen.get(token, 0) + 1
        found.append(_candidate(text, match, kind, seen[token], quoted))
    return found


def _candidate(text, match, kind, occurrence, quoted) -> Candidate:
    start, end = match.span()
    unit = match.group("unit") or ""
    value, mult_unit = _value(match, kind)
    candidate = Candidate(
        match=text[start:end],
        occurrence=occurrence,
        value=value,
        unit=mult_unit or unit,
        qualifier="at_least" if match.group("approx") or _is_range(match, kind) else "exact",
        quote=sentence_at(text, start, end),
    )
    candidate.excluded = _exclusion(text, start, end, match, kind, quoted)
    return candidate


def _value(match, kind) -> tuple[float | None, str]:
    try:
        if kind == "arabic":
            value = parse_number(match.group("num") + (match.group("mult") or ""))
        else:
            value = parse_number(match.group("num"))
    except ValueError:
        return None, ""
    unit = match.group("unit") or ""
    if unit == "万元":
        return value * 10_000, "元"
    return value, ""


def _is_range(match, kind) -> bool:
    return kind == "arabic" and match.group("high") is not None


def _exclusion(text, start, end, match, kind, quoted) -> str:
    before, after = text[max(0, start - 1) : start], text[end : end + 1]
    if any(lo <= start < hi for lo, hi in quoted):
        return "part of a quoted name"
    if kind == "arabic":
        if re.fullmatch(r"\d{4}", match.group("num")) and after == "年":
            return "a year"
        if after in "°℃" and after:
            return "part of a name (°)"
        if before in "·+" and before or after == "+":
            return "part of a name (· or +)"
    elif match.group("num") == "一":
        return "一 used as 'a' or 'one whole', not a count"
    return ""


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    ranges, opened = [], None
    for i, ch in enumerate(text):
        if ch in "“「『" and opened is None:
            opened = i
        elif ch in "”」』" and opened is not None:
            ranges.append((opened, i))
            opened = None
    return ranges


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence around text[start:end], ending punctuation included."""
    left = max((text.rfind(p, 0, start) for p in SENTENCE_END + "\n"), default=-1) + 1
    rights = [i for i in (text.find(p, end) for p in SENTENCE_END + "\n") if i != -1]
    right = min(rights) + 1 if rights else len(text)
    return text[left:right].strip()
