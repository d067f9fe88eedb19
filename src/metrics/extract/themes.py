"""Suggesting themes for each project of a draft, for the steward to confirm or reject.

A theme's key words are the words of its name and definition (segmented by jieba, with its
bundled dictionary) that are uncommon in Chinese at large (jieba's bundled IDF table), belong to
that theme only (面向 opens two definitions and tells neither apart), and are uncommon in this
article (found in at most half of its projects: 社区 says nothing about any one project). A
project whose text contains a key word is suggested the theme, with the sentence holding the
most key words as evidence. On the 2018 article this finds 52 of the 63 curated
links, with 9 wrong suggestions (tests/test_extract_sources.py).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from functools import cache

from .figure_finder import SENTENCE_END

MIN_IDF = 7.0  # 社会 4.5, 服务 5.3, 开展 6.0 are dropped; 志愿者 8.8, 业委会 10.5 are kept
MAX_SHARE = 0.5
STATUS = "建议/suggested"
SUGGESTION_COLUMNS = ["project_id", "theme_id", "evidence", "name_zh", "key_words", "status"]
WORD_RE = re.compile(r"[\u4e00-\u9fff]{2,}")
SENTENCE_RE = re.compile(rf"[^{SENTENCE_END}\n]+[{SENTENCE_END}]?")


@cache
def _idf() -> tuple[dict[str, float], float]:
    import jieba

    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict…" chatter on the CLI
    from jieba.analyse import default_tfidf

    return default_tfidf.idf_freq, default_tfidf.median_idf


def key_words(theme: dict) -> list[str]:
    """Uncommon words of the theme's name and definition, in order; unknown words count as rare."""
    import jieba

    idf, median = _idf()
    words = jieba.cut(f"{theme['name_zh']}、{theme['definition_zh']}")
    kept = [w for w in words if WORD_RE.fullmatch(w) and idf.get(w, median) >= MIN_IDF]
    return list(dict.fromkeys(kept))


def project_text(project: dict) -> str:
    return "\n".join([project["title_zh"], project["description_zh"], project["review_zh"]])


def suggest_themes(projects: list[dict], themes: list[dict]) -> list[dict]:
    """One row per (project, theme) sharing a key word, in project then theme order."""
    texts = {p["project_id"]: project_text(p) for p in projects}
    keys = {theme["theme_id"]: key_words(theme) for theme in themes}
    keys = {theme_id: _distinctive(words, keys, texts) for theme_id, words in keys.items()}
    by_id = {theme["theme_id"]: theme for theme in themes}
    rows = []
    for pid, text in texts.items():
        for theme_id, words in keys.items():
            hits = [w for w in words if w in text]
            if hits:
                rows.append(_suggestion(pid, by_id[theme_id], hits, text))
    return rows


def _distinctive(words: list[str], keys: dict[str, list[str]], texts: dict[str, str]):
    """Words of one theme only, found in at most half of the article's projects (or one)."""
    limit = max(1, MAX_SHARE * len(texts))
    themes_with = Counter(w for theme_words in keys.values() for w in theme_words)
    return [
        w for w in words if themes_with[w] == 1 and sum(w in t for t in texts.values()) <= limit
    ]


def _suggestion(pid: str, theme: dict, hits: list[str], text: str) -> dict:
    return {
        "project_id": pid,
        "theme_id": theme["theme_id"],
        "evidence": evidence(text, hits),
        "name_zh": theme["name_zh"],
        "key_words": "、".join(hits),
        "status": STATUS,
    }


def evidence(text: str, hits: list[str]) -> str:
    """The first sentence holding the most key words, verbatim from the project's text."""
    sentences = [m.group().strip() for m in SENTENCE_RE.finditer(text)]
    return max(sentences, key=lambda s: sum(w in s for w in hits))
