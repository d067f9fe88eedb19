"""Editions in words: "金山区2018年" / "Jinshan 2018", for pickers, captions and file names."""

from __future__ import annotations

from ..data.load import Dataset
from ..i18n import colon, join_names, t


def labels(ds: Dataset, lang: str) -> dict[str, str]:
    """Edition folder → its short label, oldest first; the folder is added when two editions
    would read the same (one district and year published twice)."""
    rows = ds.editions.to_dict("records")
    short = {row["edition"]: _short(row, lang) for row in rows}
    seen = list(short.values())
    return {
        name: text if seen.count(text) == 1 else f"{text} ({name})" for name, text in short.items()
    }


def _short(row: dict, lang: str) -> str:
    if lang == "en":
        return f"{row['district_en'] or row['district']} {row['year']}"
    return f"{row['district']}{row['year']}年"


def describe(ds: Dataset, editions: tuple[str, ...], lang: str) -> str:
    """The chosen editions (every edition of `ds` when none is chosen) in words."""
    names = labels(ds, lang)
    chosen = [name for name in names if name in editions] if editions else list(names)
    return join_names((names[name] for name in chosen), lang)


def line(ds: Dataset, editions: tuple[str, ...], lang: str) -> str:
    """The caption segment: "版本：金山区2018年" / "Editions: Jinshan 2018, Jinshan 2020"."""
    shown = ds.editions["edition"]
    count = shown.isin(editions).sum() if editions else len(shown)
    key = "editions" if count > 1 else "edition"
    return f"{t(key, lang)}{colon(lang)}{describe(ds, editions, lang)}"


def latest(ds: Dataset) -> str:
    """The newest edition (the library orders editions by year)."""
    return ds.editions["edition"].iloc[-1]
