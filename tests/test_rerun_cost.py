"""What a rerun reuses instead of rebuilding (issue #15, cost per click): a chart's figure as
st.plotly_chart sends it (baihua_ui.figure_spec) and the string keys of the cached charts,
summaries and filtered data (baihua_ui.data.cache_key). Reused must never mean stale: the
sent chart is byte for byte the figure's, and a new filter, language or data version is a new
key. Counts are from data/jinshan-2018/projects.csv.
"""

from __future__ import annotations

import base64
import json

import numpy as np
import plotly.io as pio
import pytest
from conftest import DATA, ROOT

from baihua_ui import data, page
from baihua_ui.figure_spec import frozen
from metrics.analysis.filters import Filters
from metrics.charts import focus
from metrics.charts import towns as charts_towns
from metrics.data import load

ZHUJING = "朱泾镇"


@pytest.fixture(scope="module")
def full():
    dataset, problems = load.check(DATA)
    assert not problems
    return dataset


def decoded(values) -> list:
    """A Plotly JSON array: a list, or a typed array {"dtype", "bdata"} (base64)."""
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def as_json(spec: dict) -> dict:
    """The spec as the browser receives it (arrays as lists or typed arrays)."""
    return json.loads(pio.to_json(spec, validate=False))


def town_ids(trace: dict) -> list[str]:
    """Each bar's town id: first in its customdata (the click-to-filter value)."""
    return [row[0] for row in trace["customdata"]]


def town_counts(spec: dict) -> dict[str, int]:
    """Projects per town id over every tier's bars of the towns-by-tier chart."""
    out: dict[str, int] = {}
    for trace in as_json(spec)["data"]:
        for town, n in zip(town_ids(trace), decoded(trace["y"]), strict=True):
            out[town] = out.get(town, 0) + n
    return out


def opacity_of(spec: dict, town: str) -> set[float]:
    return {
        trace["marker"]["opacity"][town_ids(trace).index(town)]
        for trace in as_json(spec)["data"]
        if town in town_ids(trace)
    }


def sent_specs(app, **params) -> list[dict]:
    at = app("overview", **params)
    assert not at.exception, [e.value for e in at.exception]
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def test_the_frozen_figure_is_sent_exactly_as_the_figure_itself():
    """st.plotly_chart sends the same JSON for the frozen figure as for the Plotly figure."""
    from streamlit.testing.v1 import AppTest

    def script():
        from pathlib import Path

        import streamlit as st

        from baihua_ui.figure_spec import frozen
        from metrics.analysis.filters import Filters
        from metrics.charts import focus
        from metrics.charts import towns as charts_towns
        from metrics.data.library import check_library

        full = check_library(Path(st.session_state["data"])).dataset
        chart = focus.build(charts_towns.towns_tier_stack, full, Filters(towns=("朱泾镇",)), "zh")
        st.plotly_chart(chart.figure, key="figure", theme=None)
        st.plotly_chart(frozen(chart.figure), key="frozen", theme=None)

    at = AppTest.from_function(script, default_timeout=60)
    at.session_state["data"] = str(ROOT / "data")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    plain, cached = (chart.proto.spec for chart in at.get("plotly_chart"))
    assert cached == plain
    # 朱泾镇: JS2018-06 (十大创新项目) and JS2018-15 (十大优秀项目), highlighted, the rest muted.
    spec = json.loads(cached)
    assert town_counts(spec)[ZHUJING] == 2
    assert opacity_of(spec, ZHUJING) == {1.0}
    assert opacity_of(spec, "枫泾镇") == {focus.MUTED_OPACITY}


def test_the_plain_data_is_made_once_per_figure(full):
    chart = focus.build(charts_towns.towns_tier_stack, full, Filters(), "zh")
    first = frozen(chart.figure)
    assert frozen(chart.figure) is first
    assert as_json(first.to_dict()) == as_json(chart.figure.to_dict())
    # Another figure (here the English one) has its own.
    english = focus.build(charts_towns.towns_tier_stack, full, Filters(), "en")
    assert frozen(english.figure) is not first
    title = first.to_dict()["layout"]["title"]["text"]
    assert frozen(english.figure).to_dict()["layout"]["title"]["text"] != title


def test_the_sent_chart_follows_the_filter_and_the_language(app):
    everything = sent_specs(app)[0]  # 各镇（街道）项目数（按等级）
    zhujing = sent_specs(app, town=ZHUJING)[0]
    english = sent_specs(app, lang="en")[0]
    # Every town is counted in each (projects.csv, column town: 朱泾镇 on JS2018-06 and
    # JS2018-15; 区级 on JS2018-01, -02, -05, -10, all four of tier innovation); the filter
    # only changes what stands out.
    for spec in (everything, zhujing, english):
        assert town_counts(spec)[ZHUJING] == 2
        assert town_counts(spec)["区级"] == 4
    assert opacity_of(everything, "枫泾镇") == {1.0}
    assert opacity_of(zhujing, "枫泾镇") == {focus.MUTED_OPACITY}
    assert everything["layout"]["title"]["text"] == "各镇（街道）项目数（按等级）"
    assert english["layout"]["title"]["text"] != everything["layout"]["title"]["text"]
    assert "Zhujing" in json.dumps(english["data"], ensure_ascii=False)
    # Back to no filter: the same chart as the first time.
    assert sent_specs(app)[0] == everything


@pytest.mark.parametrize(
    "other",
    [
        ("towns_tier_stack", "v1", Filters(towns=(ZHUJING,)), "zh"),  # another filter
        ("towns_tier_stack", "v1", Filters(), "en"),  # another language
        ("towns_tier_stack", "v2", Filters(), "zh"),  # another data version
        ("themes_by_tier", "v1", Filters(), "zh"),  # another chart
        ("towns_tier_stack", "v1", Filters(editions=("jinshan-2018",)), "zh"),
    ],
)
def test_a_new_filter_language_or_data_version_is_a_new_key(other):
    same = ("towns_tier_stack", "v1", Filters(), "zh")
    assert data.cache_key(*same) == data.cache_key(*same)
    assert data.cache_key(*other) != data.cache_key(*same)


def test_a_new_data_version_builds_the_chart_again(full):
    """The cached chart is shared while the key is the same and rebuilt for a new version."""
    inputs = (Filters(), Filters(), "zh", "caption", "")
    builder, name = charts_towns.towns_tier_stack, "metrics.charts.towns.towns_tier_stack"

    def built(version: str):
        key = data.cache_key(name, version, inputs, ())
        return page._cached_chart(builder, full, version, inputs, (), key)

    first = built("test-version-1")
    assert built("test-version-1") is first
    again = built("test-version-2")
    assert again is not first
    assert town_counts(frozen(again.figure).to_dict())[ZHUJING] == 2
