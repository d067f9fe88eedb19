"""`filters.member`: isin through pyarrow, the same answer as pandas' own isin.

Counts by hand from data/jinshan-2018: figures.csv names 14 of the 20 projects; 朱泾镇 has 2
projects (JS2018-06, JS2018-15); funding_mentions.csv names JS2018-11, -13 and -20.
"""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import DATA

from metrics.analysis.filters import member
from metrics.data.load import load_dataset


@pytest.fixture(scope="module")
def ds():
    return load_dataset(DATA)


def test_member_counts(ds):
    projects = ds.projects
    assert member(projects["project_id"], ds.figures["project_id"]).sum() == 14
    assert list(projects.loc[member(projects["town"], ("朱泾镇",)), "project_id"]) == [
        "JS2018-06",
        "JS2018-15",
    ]
    mentioned = member(projects["project_id"], ds.funding_mentions["project_id"])
    assert list(projects.loc[mentioned, "project_id"]) == ["JS2018-11", "JS2018-13", "JS2018-20"]


def test_member_agrees_with_isin_and_keeps_the_index(ds):
    part = ds.projects.iloc[5:12]  # an index that does not start at 0
    values = ["JS2018-07", "JS2018-30", "JS2018-11"]
    found = member(part["project_id"], values)
    assert found.index.equals(part.index)
    assert found.tolist() == part["project_id"].isin(values).tolist()
    assert found.sum() == 2


def test_member_of_nothing():
    empty = pd.Series([], dtype="str")
    assert member(empty, ["a"]).tolist() == []
    assert member(pd.Series(["a", "b"]), []).tolist() == [False, False]
    assert member(pd.Series([1, 2, 3]), [2]).tolist() == [False, True, False]
