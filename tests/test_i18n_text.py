"""Units and lists in running text: English words in English, the article's units in Chinese."""

from metrics.i18n import colon, join_names, unit_label, unit_word


def test_units_after_a_number():
    assert unit_word("名", "zh") == "名"
    assert unit_word("名", "en") == "people"
    assert unit_word("名", "en", 1) == "person"
    assert unit_word("岁", "en", 58) == "years of age"
    assert unit_word("元", "en", 970000) == "yuan"
    # Where the unit is itself the data, English readers see the article's unit too.
    assert unit_label("岁", "en") == "years of age (岁)"


def test_lists_and_colons():
    assert join_names(["党建引领", "志愿服务"], "zh") == "党建引领、志愿服务"
    assert join_names(["Volunteering", "Women"], "en") == "Volunteering, Women"
    assert colon("zh") == "："
    assert colon("en") == ": "
