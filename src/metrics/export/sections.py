"""Sections of a written report beyond its charts: a heading, sentences, and a table.

A town profile (its gaps, the projects to learn from) and any later report part hand the
Word briefing (export/docx.py) these, so the document builder never needs to know what a
town profile is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class DocSection:
    heading: str
    paragraphs: tuple[str, ...] = ()
    table: pd.DataFrame | None = None
    # Sub-sections one heading level down, e.g. one per gap theme.
    children: tuple[DocSection, ...] = field(default=())
