"""Town and theme names in each language, as the filter bar and the charts label them."""

from __future__ import annotations

import pytest
from conftest import DATA

from metrics.analysis.filters import theme_name, theme_names, town_name, town_names
from metrics.data.load import load_dataset


@pytest.fixture(scope="module")
def ds():
    return load_dataset(DATA)


def test_town_names(ds):
    # data/towns.csv row 13: 区级,District level
    assert town_names(ds, "en")["区级"] == "District level"
    assert town_names(ds, "zh")["区级"] == "区级"
    assert len(town_names(ds, "zh")) == 12
    assert town_name(ds, "区级", "en") == "District level"
    assert town_name(ds, "不存在", "en") == "不存在"  # unknown: shown as given, never dropped


def test_theme_names(ds):
    # data/themes.csv row 2: party_building,党建引领,Party-building leadership
    assert theme_names(ds, "zh")["party_building"] == "党建引领"
    assert theme_names(ds, "en")["party_building"] == "Party-building leadership"
    assert len(theme_names(ds, "en")) == 16
    assert theme_name(ds, "no_such_theme", "zh") == "no_such_theme"
