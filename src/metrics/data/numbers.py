"""Reading Chinese and arabic numerals as written in the article, and writing them back.

`number_forms` is the inverse used by validation: a figure's value must appear in its quote in
one of the ways the article could have written it (3679, 97万, 两届, 八大方面).
"""

from __future__ import annotations

import re

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)


class NumberError(ValueError):
    """Text that looks like a number but cannot be read as one."""


def parse_chinese(text: str) -> int:
    """Value of a Chinese numeral such as 两, 十二, 一百零五, 九十七万."""
    if not text or any(ch not in CN_NUMERAL_CHARS for ch in text):
        raise NumberError(f"not a Chinese numeral: {text!r}")
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            # 十 on its own means 一十 (十二 = 12).
            section += (1 if digit is None else digit) * SMALL_UNITS[ch]
            digit = None
        else:
            section += digit or 0
            total += (section or 1) * BIG_UNITS[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def parse_number(text: str) -> float:
    """Value of an arabic or Chinese number, with an optional 万 or 亿 multiplier."""
    text = text.strip().replace(",", "")
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([万亿]?)", text)
    if match:
        value = float(match.group(1)) * BIG_UNITS.get(match.group(2), 1)
        return int(value) if value == int(value) else value
    return parse_chinese(text)


def to_chinese(value: int) -> str:
    """Standard Chinese numeral for 0 ≤ value < 10⁸ (12 → 十二, 105 → 一百零五)."""
    if value < 0 or value >= 100_000_000 or value != int(value):
        raise NumberError(f"cannot write {value!r} in Chinese numerals")
    value = int(value)
    if value == 0:
        return "零"
    high, low = divmod(value, 10_000)
    text = (_below_10k(high) + "万" if high else "") + _below_10k(low, pad=bool(high))
    return text[1:] if text.startswith("一十") else text


def _below_10k(value: int, pad: bool = False) -> str:
    names = "零一二三四五六七八九"
    out, zero = "", pad and value < 1000 and value > 0
    for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        digit, value = divmod(value, size)
        if digit:
            out += ("零" if zero else "") + names[digit] + unit
            zero = False
        elif out:
            zero = value > 0
    return out


def number_forms(value: float) -> set[str]:
    """Every way the article may write `value`: arabic, with 万, and in Chinese numerals."""
    forms: set[str] = set()
    if value != int(value):
        return {repr(float(value)).rstrip("0").rstrip(".")}
    value = int(value)
    forms.add(str(value))
    if value >= 10_000:
        forms.add(f"{value / 10_000:g}万")
    if 0 <= value < 100_000_000:
        chinese = to_chinese(value)
        forms |= {chinese, chinese.replace("二", "两")}
        if value == 2:
            forms.add("两")
        if 10 <= value < 20:
            forms.add("一" + chinese)
        if chinese.startswith(("一百", "一千", "一万")):
            forms.add(chinese[1:])  # 百余人, 千余户: the leading 一 is often left out
    return forms
