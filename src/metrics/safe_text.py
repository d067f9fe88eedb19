"""Data text shown safely: as plain text in Markdown, and as plain text in Plotly labels.

Titles, theme names and link values come from files and URLs that anyone may edit; none of
them may become a link, an image, markup or a request to another host.
"""

from __future__ import annotations

import html
import re

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


WORD_JOINER = "\u2060"


def md_escape(text: str) -> str:
    """Plain text for st.markdown: no markup, link, HTML or colour directive survives.

    Backslashes stop Markdown syntax; an invisible word joiner inside `www`, before `@` and
    before `://` stops the automatic links that Markdown makes of bare URLs and e-mail addresses.
    """
    text = re.sub(r"(?i)(w)(ww)", rf"\1{WORD_JOINER}\2", text)
    text = MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return text.replace("@", WORD_JOINER + "@").replace("\\://", WORD_JOINER + "\\://")


def plot_text(text: str) -> str:
    """Plotly reads <b>, <br> and <a href> in labels as markup; data text must not."""
    return html.escape(str(text), quote=False)


def plot_texts(values) -> list[str]:
    return [plot_text(v) for v in values]
