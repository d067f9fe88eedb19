"""Where each figure sits in its project's text, so the detail view can mark it."""

from __future__ import annotations

import re

import pandas as pd

from ..data.numbers import number_forms


def figure_spans(text: str, figures: pd.DataFrame) -> list[tuple[int, int, str]]:
    """(start, end, figure_id) of each figure's number inside `text`, in text order.

    The number is looked for inside the figure's quote; two figures with the same number in
    one quote (三支 … 三支) take successive occurrences.
    """
    spans: list[tuple[int, int, str]] = []
    for row in figures.itertuples(index=False):
        base = text.find(row.quote)
        if base < 0:
            continue
        span = _first_free(text, base, base + len(row.quote), number_forms(row.value), spans)
        if span:
            spans.append((span[0], _with_unit(text, span[1], row.unit), row.figure_id))
    return sorted(spans)


def _with_unit(text: str, end: int, unit: str) -> int:
    """Extend a number's end over 余/多, 大 and its unit, so 2000多名 is marked whole."""
    units = "万元" if unit == "元" else unit
    match = re.compile(rf"[余多]?大?(?:{re.escape(units)}|{re.escape(unit)})").match(text, end)
    return match.end() if match else end


def _first_free(text, lo, hi, forms, taken):
    candidates = []
    for form in sorted(forms, key=len, reverse=True):
        start = text.find(form, lo, hi)
        while start >= 0:
            end = start + len(form)
            if not any(s < end and start < e for s, e, _ in taken):
                candidates.append((start, end))
                break
            start = text.find(form, end, hi)
    return min(candidates) if candidates else None
