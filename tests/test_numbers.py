"""Reading numbers as the article writes them, and finding every quantity in a text.

Expected values are worked out by hand from the Chinese, not copied from the code's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from metrics.data.numbers import NumberError, number_forms, parse_chinese, parse_number, to_chinese
from metrics.extract.figure_finder import find_candidates, sentence_at

# --- parse_chinese / parse_number ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("两", 2),
        ("二", 2),
        ("八", 8),
        ("零", 0),
        ("十", 10),
        ("十二", 12),
        ("一十二", 12),
        ("二十", 20),
        ("五十八", 58),
        ("一百零五", 105),
        ("一百一十", 110),
        ("两千", 2000),
        ("三千六百七十九", 3679),
        ("一万零五", 10005),
        ("九十七万", 970_000),
        ("两万", 20_000),
        ("一亿二千万", 120_000_000),
    ],
)
def test_parse_chinese(text, value):
    assert parse_chinese(text) == value


@pytest.mark.parametrize("text", ["", "abc", "3679", "九十七万元", "两届"])
def test_parse_chinese_rejects_non_numerals(text):
    with pytest.raises(NumberError, match="not a Chinese numeral"):
        parse_chinese(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("97万", 970_000),
        ("3679", 3679),
        ("1.5万", 15_000),
        ("3,679", 3679),
        (" 8400 ", 8400),
        ("1.5", 1.5),
        ("2亿", 200_000_000),
        ("两", 2),
        ("九十七万", 970_000),
    ],
)
def test_parse_number(text, value):
    result = parse_number(text)
    assert result == value
    assert type(result) is type(value)  # 97万 is the int 970000, not 970000.0


def test_parse_number_rejects_text():
    with pytest.raises(ValueError):
        parse_number("abc")


# --- to_chinese ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "零"),
        (2, "二"),
        (10, "十"),
        (12, "十二"),
        (20, "二十"),
        (105, "一百零五"),
        (110, "一百一十"),
        (1001, "一千零一"),
        (3679, "三千六百七十九"),
        (10_005, "一万零五"),
        (10_100, "一万零一百"),
        (100_000, "十万"),
        (970_000, "九十七万"),
        (12_345_678, "一千二百三十四万五千六百七十八"),
    ],
)
def test_to_chinese(value, text):
    assert to_chinese(value) == text


def test_to_chinese_round_trips_0_to_20000():
    wrong = [v for v in range(20_001) if parse_chinese(to_chinese(v)) != v]
    assert wrong == []


@pytest.mark.parametrize("value", [99_999, 100_001, 1_000_000, 9_999_999, 99_999_999])
def test_to_chinese_round_trips_large(value):
    assert parse_chinese(to_chinese(value)) == value


@pytest.mark.parametrize("value", [-1, 100_000_000, 1.5])
def test_to_chinese_refuses(value):
    with pytest.raises(NumberError):
        to_chinese(value)


# --- number_forms -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "forms"),
    [
        (970_000, {"970000", "97万", "九十七万"}),
        (2, {"2", "两", "二"}),
        (8, {"8", "八"}),
        (12, {"12", "十二", "一十二"}),
        (15_000, {"15000", "1.5万"}),
        (3679, {"3679", "三千六百七十九"}),
    ],
)
def test_number_forms_include(value, forms):
    assert forms <= number_forms(value)


def test_number_forms_of_a_fraction():
    assert number_forms(1.5) == {"1.5"}


def test_number_forms_do_not_invent_forms():
    assert "两" not in number_forms(3)
    assert "97万" not in number_forms(97)
    assert not any("万" in form for form in number_forms(9999))


# Whatever the finder reads, validation must be able to find again in the quote: a candidate's
# value written in one of number_forms(value) must appear in the text it was read from.
FORMS_MUST_COVER = ["3679人次", "8400余节", "97万元", "1.5万元", "两届", "八大方面", "十二个",
                    "一百零五名", "九十七万元", "六个", "3-5个", "2000多名"]  # fmt: skip


@pytest.mark.parametrize(
    "text", FORMS_MUST_COVER + ["两千多名", "两万元", "两百个", "百余人", "1.25万元"]
)
def test_number_forms_cover_what_the_finder_reads(text):
    [candidate] = find_candidates(text)
    forms = number_forms(candidate.value)
    assert any(form in candidate.match for form in forms), (candidate, forms)


def test_number_forms_cover_every_candidate_in_the_article():
    from metrics.extract.article import parse_article
    from metrics.extract.build import project_candidates

    raw = Path(__file__).resolve().parents[1] / "data" / "jinshan-2018" / "raw"
    text = (raw / "jinshan-2018-social-construction-projects.txt").read_text(encoding="utf-8")
    candidates = [
        c for block in parse_article(text) for c in project_candidates(block) if not c.excluded
    ]
    assert len(candidates) == 43  # the 40 figures and three repeats curated as not_figure
    missed = [c for c in candidates if not any(f in c.match for f in number_forms(c.value))]
    assert missed == []


# --- find_candidates ----------------------------------------------------------------------------


def one(text):
    found = find_candidates(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "match", "value", "unit", "qualifier"),
    [
        ("招生3679人次", "3679人次", 3679, "人次", "exact"),
        ("安排8400余节课", "8400余节", 8400, "节", "at_least"),
        ("由30多名平均年龄", "30多名", 30, "名", "at_least"),
        ("项目经费达97万元。", "97万元", 970_000, "元", "exact"),
        ("经费1.5万元", "1.5万元", 15_000, "元", "exact"),
        ("经费九十七万元", "九十七万元", 970_000, "元", "exact"),
        ("至今已开展两届", "两届", 2, "届", "exact"),
        ("等八大方面的内容", "八大方面", 8, "方面", "exact"),
        ("对村内75周岁以上老年人", "75周岁", 75, "周岁", "exact"),
        ("共185标段", "185标段", 185, "标段", "exact"),
        ("每组3-5个人", "3-5个", 3, "个", "at_least"),
        ("每组3至5个人", "3至5个", 3, "个", "at_least"),
        ("十二个村委会", "十二个", 12, "个", "exact"),
    ],
)
def test_find_candidates(text, match, value, unit, qualifier):
    candidate = one(text)
    assert (candidate.match, candidate.value, candidate.unit, candidate.qualifier) == (
        match,
        value,
        unit,
        qualifier,
    )
    assert candidate.excluded == ""
    assert candidate.occurrence == 1


def test_wan_yuan_is_one_candidate_not_two():
    """97万元 is 970000 元; the Chinese 万元 inside it must not count again."""
    found = find_candidates("项目经费达97万元")
    assert [(c.match, c.value, c.unit) for c in found] == [("97万元", 970_000, "元")]


@pytest.mark.parametrize(
    ("text", "matches", "reason"),
    [
        ("38°女子学堂", ["38"], "part of a name (°)"),
        ("“轩·20”茶话会", ["20"], "part of a quoted name"),
        ("等“轩·20”“约会”交流", ["20"], "part of a quoted name"),
        ("轩·20约会", ["20"], "part of a name (· or +)"),
        ("“和谐6+1+X”", ["6", "1"], "part of a quoted name"),
        ("和谐6+1+X平台", ["6", "1"], "part of a name (· or +)"),
        ("“1+3”党建服务站", ["1", "3"], "part of a quoted name"),
        ("“98+87”共", ["98", "87"], "part of a quoted name"),
        ("2018年金山区", ["2018"], "a year"),
        ("有一支由", ["一支"], "一 used as 'a' or 'one whole', not a count"),
        ("“四个家园”", ["四个"], "part of a quoted name"),
    ],
)
def test_find_candidates_excludes_names_years_and_articles(text, matches, reason):
    found = find_candidates(text)
    assert [c.match for c in found] == matches
    assert all(c.excluded == reason for c in found), found


def test_quoted_name_does_not_hide_the_figures_after_it():
    found = find_candidates("“和谐6+1”党建服务站,成立三支队伍")
    assert [(c.match, bool(c.excluded)) for c in found] == [
        ("6", True),
        ("1", True),
        ("三支", False),
    ]


def test_occurrences_are_counted_per_match():
    found = find_candidates("成立三支平安环保志愿者队伍和三支文化志愿者队伍,有效整合六个村的资源")
    assert [(c.match, c.occurrence) for c in found] == [("三支", 1), ("三支", 2), ("六个", 1)]


def test_numbers_without_a_unit_are_still_reported():
    """The finder is greedy: a bare number is a candidate for a human to decide on."""
    candidate = one("共有425")
    assert (candidate.value, candidate.unit, candidate.excluded) == (425, "", "")


def test_words_that_are_not_numbers_are_ignored():
    assert find_candidates("多方联动治水模式,四新领域,十大创新项目") == []


SENTENCES = "迄今共开办53个办班点,招生3679人次,安排8400余节课。该项目抓住了难点;精准发力"


def test_candidate_quote_is_the_whole_sentence():
    quotes = {c.match: c.quote for c in find_candidates(SENTENCES)}
    assert quotes["3679人次"] == "迄今共开办53个办班点,招生3679人次,安排8400余节课。"
    assert quotes["53个"] == quotes["8400余节"] == quotes["3679人次"]


@pytest.mark.parametrize(
    ("needle", "sentence"),
    [
        ("3679", "迄今共开办53个办班点,招生3679人次,安排8400余节课。"),
        ("难点", "该项目抓住了难点;"),
        ("精准", "精准发力"),
    ],
)
def test_sentence_at(needle, sentence):
    start = SENTENCES.index(needle)
    assert sentence_at(SENTENCES, start, start + len(needle)) == sentence


def test_sentence_at_stops_at_line_breaks():
    text = "第一段没有句号\n  共聘请信访代理员425名,年均代理信访案件400余件。现已"
    start = text.index("425")
    assert sentence_at(text, start, start + 3) == "共聘请信访代理员425名,年均代理信访案件400余件。"
