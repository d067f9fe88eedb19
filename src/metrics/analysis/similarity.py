"""Projects that read alike: TF-IDF over jieba words of each project's title and description.

Words come from jieba with its bundled dictionary (no model is downloaded). A word found in
more than half of the projects (社区, 治理) tells none apart and is left out, as are single
characters, numbers, words common in Chinese at large and the official prose of
BOILERPLATE. Each project is a unit-length vector of (1 + log tf) · idf weights; two
projects' similarity is the cosine of theirs. Everything is sorted, so the same data always
gives the same neighbours. Build the index once per data version (`build`), then ask it for
any project's neighbours (`similar`): only close ones, MIN_SCORE and more with a theme or
MIN_WORDS words in common (why 0.05: at MIN_SCORE), so a project may have none.
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
# Words of official prose that say how or where, not what: read off the 74 words that two or
# more bundled projects share (only a shared word can make two projects alike). Left in, they
# made matches such as 打造 + 引领 + 金山 between projects with nothing else in common.
_BOILERPLATE_WORDS = (
    "打造 引领 组建 联动 运转 畅通 活力 助推 面向 难题 破解 营造 氛围 现状 日常 搭建 拓展 抓手 "
    "对接 多名 各方 双向 助力 凝聚 充分发挥 做实 互动 基层 长效 和谐 和谐社区 自我 "
    "金山 金山区 工业区 枫泾镇 全区 全镇"
)
BOILERPLATE = frozenset(_BOILERPLATE_WORDS.split())
MAX_SHARE = 0.5
# A match is shown from this cosine on, and only with a theme or MIN_WORDS words in common.
# Why 0.05: of the bundled edition's 179 pairs of projects in different towns, 90 share any
# word; 0.05 is the upper quartile of those 90 (0.051). Read by hand, the 25 pairs from it up
# share what the projects do (-04 / -06 家园 公益 党建, -05 / -19 宅基 楼组 阵地, -01 / -18
# 整治 and the environment theme); the best below it share one word (-07 / -11 小区, -11 / -13
# 老年人) or a slogan (志愿 党总支). The 0.01–0.05 matches shown before, such as -01 / -20 on
# 清单 alone, were no match anyone would follow up.
MIN_SCORE = 0.05
MIN_WORDS = 2
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
    return [
        w
        for w in jieba.cut(text)
        if WORD_RE.fullmatch(w) and idf.get(w, median) >= MIN_IDF and w not in BOILERPLATE
    ]


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
    most in the match. Only close ones (`is_close`) are listed: often none."""
    vector = index.vectors.get(project_id, {})
    town = index.towns.get(project_id)
    scores: dict[str, float] = defaultdict(float)
    for word, weight in vector.items():
        for other, other_weight in index.postings.get(word, ()):
            if index.towns[other] != town:
                scores[other] += weight * other_weight
    best = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    rows = [_row(index, project_id, other, score) for other, score in best]
    close = [row for row in rows if is_close(row["score"], row["shared_themes"], row["_words"])]
    return pd.DataFrame(close[:k], columns=SIMILAR_COLUMNS)


def is_close(score: float, shared_themes, shared_words) -> bool:
    """A match worth showing: MIN_SCORE or more, and a theme or MIN_WORDS words in common."""
    return score >= MIN_SCORE and (len(shared_themes) > 0 or len(shared_words) >= MIN_WORDS)


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
        "_words": common,  # every word in common, for is_close
    }
