"""Projects that read alike: TF-IDF over jieba words of each project's title and description.

Words come from jieba with its bundled dictionary (no model is downloaded). A word found in
more than half of the projects (社区, 治理) tells none apart and is left out, as are single
characters and numbers. Each project is a unit-length vector of (1 + log tf) · idf weights; two
projects' similarity is the cosine of theirs. Everything is sorted, so the same data always
gives the same neighbours. Build the index once per data version (`build`), then ask it for
any project's neighbours (`similar`).
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache

import pandas as pd

from ..data.load import Dataset

WORD_RE = re.compile(r"[\u4e00-\u9fff]{2,}")
# Words common in Chinese at large (jieba's bundled IDF table: 同时 5.9, 提供 5.5, 作用 5.8)
# say nothing of what a project does; 宅基 11.8, 志愿者 8.8 do.
MIN_IDF = 7.0
MAX_SHARE = 0.5
SIMILAR_COLUMNS = ["project_id", "other_id", "town", "score", "shared_themes", "shared_words"]


@dataclass(frozen=True)
class Index:
    """Per project: its town, its weighted words (unit length) and its theme ids."""

    towns: dict[str, str]
    vectors: dict[str, dict[str, float]]
    postings: dict[str, tuple[tuple[str, float], ...]]  # word → (project, weight), by project
    themes: dict[str, tuple[str, ...]]
    theme_order: dict[str, int]


def words(text: str) -> list[str]:
    """jieba's words of `text` that are two or more Chinese characters."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    idf, median = _general_idf()
    return [w for w in jieba.cut(text) if WORD_RE.fullmatch(w) and idf.get(w, median) >= MIN_IDF]


@cache
def _general_idf() -> tuple[dict[str, float], float]:
    from jieba.analyse import default_tfidf

    return default_tfidf.idf_freq, default_tfidf.median_idf


def build(ds: Dataset) -> Index:
    """The index of every project of `ds` (cost: one jieba pass over the texts)."""
    projects = ds.projects.sort_values("project_id")
    texts = projects["title_zh"] + "\n" + projects["description_zh"]
    counts = {
        pid: Counter(words(text)) for pid, text in zip(projects["project_id"], texts, strict=True)
    }
    vectors = _weights(counts)
    postings = defaultdict(list)
    for pid, vector in vectors.items():
        for word, weight in vector.items():
            postings[word].append((pid, weight))
    return Index(
        towns=dict(zip(projects["project_id"], projects["town"], strict=True)),
        vectors=vectors,
        postings={word: tuple(rows) for word, rows in postings.items()},
        themes=_themes_of(ds),
        theme_order={th: i for i, th in enumerate(ds.themes["theme_id"])},
    )


def _weights(counts: dict[str, Counter]) -> dict[str, dict[str, float]]:
    """(1 + log tf) · log(n / df), unit length; words in more than half the projects dropped."""
    n = len(counts)
    df = Counter(word for c in counts.values() for word in c)
    limit = max(1, MAX_SHARE * n)
    idf = {word: math.log(n / d) + 1 for word, d in df.items() if d <= limit}
    vectors = {}
    for pid, c in counts.items():
        raw = {w: (1 + math.log(k)) * idf[w] for w, k in sorted(c.items()) if w in idf}
        norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
        vectors[pid] = {w: v / norm for w, v in raw.items()}
    return vectors


def _themes_of(ds: Dataset) -> dict[str, tuple[str, ...]]:
    links = ds.project_themes
    grouped = links.groupby("project_id", sort=True)["theme_id"].agg(tuple)
    return dict(grouped.items())


def similar(index: Index, project_id: str, k: int = 3) -> pd.DataFrame:
    """The `k` projects of OTHER towns most like `project_id`, best first (ties by id), with
    the cosine score, the themes both have (in themes.csv order) and the words that weigh
    most in the match. Projects sharing no word are never listed."""
    vector = index.vectors.get(project_id, {})
    town = index.towns.get(project_id)
    scores: dict[str, float] = defaultdict(float)
    for word, weight in vector.items():
        for other, other_weight in index.postings.get(word, ()):
            if index.towns[other] != town:
                scores[other] += weight * other_weight
    best = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:k]
    rows = [_row(index, project_id, other, score) for other, score in best]
    return pd.DataFrame(rows, columns=SIMILAR_COLUMNS)


def _row(index: Index, pid: str, other: str, score: float) -> dict:
    mine = set(index.themes.get(pid, ()))
    shared = [th for th in index.themes.get(other, ()) if th in mine]
    shared.sort(key=lambda th: index.theme_order.get(th, len(index.theme_order)))
    a, b = index.vectors[pid], index.vectors[other]
    common = sorted(set(a) & set(b), key=lambda w: (-a[w] * b[w], w))
    return {
        "project_id": pid,
        "other_id": other,
        "town": index.towns[other],
        "score": round(score, 4),
        "shared_themes": tuple(shared),
        "shared_words": tuple(common[:3]),
    }
