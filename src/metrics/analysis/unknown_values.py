"""The sentence for a link value that names nothing: what it is, what is shown instead, and
the nearest known value as a link to the same view with it (#21: `?town=亭林`)."""

from __future__ import annotations

import difflib
from urllib.parse import urlencode

from ..i18n import t
from ..safe_text import md_escape


def nearest(value: str, known: list[str], labels: dict[str, str]) -> str | None:
    """The known value whose id or label contains `value`, or is contained in it (亭林 →
    亭林镇), else the closest by difflib; None when nothing is near."""
    by_text = {text: key for key in known for text in (key, labels.get(key, key))}
    contained = [key for text, key in by_text.items() if value in text or text in value]
    if value and contained:
        return contained[0]
    close = difflib.get_close_matches(value, list(by_text), n=1, cutoff=0.5)
    return by_text[close[0]] if close else None


def unknown_value_sentence(
    param: str,
    value: str,
    known: dict[str, list[str]],
    labels: dict[str, str],
    params: dict[str, list[str] | str],
    lang: str,
) -> str:
    """Markdown: 没有“亭林”这个镇（街道），已显示全部项目。您是否要找 [亭林镇](?town=亭林镇)？

    `params` are the URL's other values; with none left for `param`, everything is shown."""
    # Lower case for "There is no town", mid-sentence; Chinese has no case to change.
    what = (t(f"filter_{param}", lang) if param in known else t("unknown_param", lang)).lower()
    shown = t(_shown_key(param, params), lang)
    text = t("unknown_value", lang, value=md_escape(value), what=what, shown=shown)
    # Only towns and themes are typed by hand; a near edition id would be a guess.
    guess = nearest(value, known.get(param, []), labels) if labels else None
    if guess is None:
        return text
    chosen = list(dict.fromkeys([*(params.get(param) or []), guess]))  # 亭林镇 once, if kept too
    link = "?" + urlencode({**params, param: chosen}, doseq=True)
    name = md_escape(labels.get(guess, guess))
    return text + t("unknown_did_you_mean", lang, name=name, link=link)


def _shown_key(param: str, params: dict) -> str:
    if params.get(param):
        return "unknown_kept"
    # The edition choice is never empty: with nothing valid left, it is the latest.
    return "unknown_latest_shown" if param == "edition" else "unknown_all_shown"
