"""Editions in words: "金山区2018年" / "Jinshan 2018", for pickers, captions and file names."""

from __future__ import annotations

from ..data.load import Dataset
from ..i18n import colon, join_names, t


def labels(ds: Dataset, lang: str) -> dict[str, str]:
    """Edition folder → its short label, oldest first; the folder is added when two editions
    would read the same (one district and year published twice)."""
    # Plain columns, not to_dict("records"): every caption of every rerun asks for them.
    rows = ds.editions
    columns = (rows["edition"], rows["district"], rows["district_en"], rows["year"])
    short = {
        name: _short(d, d_en, year, lang) for name, d, d_en, year in zip(*columns, strict=True)
    }
    seen = list(short.values())
    return {
        name: text if seen.count(text) == 1 else f"{text} ({name})" for name, text in short.items()
    }


def _short(district: str, district_en: str, year, lang: str) -> str:
    if lang == "en":
        return f"{district_en or district} {year}"
    return f"{district}{year}年"


def describe(ds: Dataset, editions: tuple[str, ...], lang: str) -> str:
    """The chosen editions (every edition of `ds` when none is chosen) in words."""
    return join_names(_chosen(ds, editions, lang), lang)


def line(ds: Dataset, editions: tuple[str, ...], lang: str) -> str:
    """The caption segment: "版本：金山区2018年" / "Editions: Jinshan 2018, Jinshan 2020"."""
    chosen = _chosen(ds, editions, lang)
    key = "editions" if len(chosen) > 1 else "edition"
    return f"{t(key, lang)}{colon(lang)}{join_names(chosen, lang)}"


def source(ds: Dataset, editions: tuple[str, ...], lang: str) -> str:
    """ "来源：金山区2018年社会建设创新项目巡礼": the titles of the editions shown, as each
    declares it (the Chinese title where no English one is given)."""
    rows = ds.editions
    if editions:
        rows = rows.loc[rows["edition"].isin(editions)]
    titles = rows["title_zh"]
    if lang == "en":
        titles = rows["title_en"].where(rows["title_en"] != "", rows["title_zh"])
    separator = "; " if lang == "en" else "；"
    return f"{t('source_label', lang)}{colon(lang)}{separator.join(titles)}"


def caption_line(ds: Dataset, editions: tuple[str, ...], lang: str) -> str:
    """What every caption starts with: the source and the edition(s)."""
    return f"{source(ds, editions, lang)} · {line(ds, editions, lang)}"


def _chosen(ds: Dataset, editions: tuple[str, ...], lang: str) -> list[str]:
    names = labels(ds, lang)
    return [names[name] for name in names if name in editions] if editions else list(names.values())


def latest(ds: Dataset) -> str:
    """The newest edition (the library orders editions by year)."""
    return ds.editions["edition"].iloc[-1]
