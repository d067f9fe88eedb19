"""The floor of this stack: a bare Streamlit page with one Plotly chart and one selectbox.

`make bench` times navigation and a selectbox change here the same way as on Baihua's pages,
so each page's time can be read as a multiple of what Streamlit + Plotly cost on their own.
Query parameters add Baihua's parts one by one, with no Baihua code behind them, to tell their
costs apart:

- ?charts=4 draws four charts, as many as Baihua's overview;
- ?select=1 makes them selectable (on_select), ?buttons=4 adds a row of four download
  buttons under each: Baihua's chart box;
- ?bar=1 moves the town choice into a sidebar shaped like Baihua's filter bar: six page links
  (st.navigation), a language radio, four multiselects and a reset button.

    .venv/bin/streamlit run benchmarks/floor_app.py
"""

import plotly.graph_objects as go
import streamlit as st

TOWNS = [
    "朱泾镇",
    "枫泾镇",
    "张堰镇",
    "亭林镇",
    "吕巷镇",
    "廊下镇",
    "金山卫镇",
    "漕泾镇",
    "山阳镇",
    "石化街道",
    "金山工业区",
    "区级",
]
# The other three filter boxes of Baihua's bar, with as many choices.
OTHER_FILTERS = {"等级": 2, "治理主题": 16, "实施单位层级": 3}


def number(name: str, default: int) -> int:
    return max(0, min(int(st.query_params.get(name, str(default)) or default), 8))


def filter_bar() -> list[str]:
    with st.sidebar:
        st.radio("语言 / Language", ["中文", "English"], horizontal=True, key="lang")
        st.subheader("筛选")
        towns = st.multiselect("镇（街道）", TOWNS, placeholder="全部", key="f_town")
        for label, count in OTHER_FILTERS.items():
            st.multiselect(label, [f"{label} {i + 1}" for i in range(count)], key=label)
        st.button("重置筛选", key="reset")
    return towns


def floor_page() -> None:
    st.title("Floor")
    if st.query_params.get("bar") == "1":
        chosen = filter_bar()
    else:
        town = st.selectbox("镇（街道）", TOWNS, index=None, placeholder="全部")
        chosen = [town] if town else []
    shown = [t for t in TOWNS if t in chosen] or TOWNS
    select = st.query_params.get("select") == "1"
    buttons = number("buttons", 0)
    for n in range(max(1, number("charts", 1))):
        values = [len(t) * 3 + i + n for i, t in enumerate(shown)]
        fig = go.Figure(go.Bar(x=shown, y=values, customdata=shown))
        fig.update_layout(height=420, title={"text": f"Projects per town {n + 1}"})
        st.plotly_chart(
            fig,
            key=f"floor_chart_{n}",
            theme=None,
            on_select="rerun" if select else "ignore",
            selection_mode="points",
        )
        if buttons:
            for k, col in enumerate(st.columns(buttons)):
                col.download_button(
                    f"download {k + 1}",
                    data=lambda n=n, k=k: f"{n},{k}".encode(),
                    file_name=f"chart-{n}-{k}.csv",
                    key=f"dl_{n}_{k}",
                    on_click="ignore",
                    width="stretch",
                )


st.set_page_config(page_title="floor", layout="wide")
if st.query_params.get("bar") == "1":
    others = [
        st.Page(lambda: st.title("Other"), title=f"Page {i}", url_path=f"p{i}") for i in range(5)
    ]
    st.navigation([st.Page(floor_page, title="Floor", url_path="", default=True), *others]).run()
else:
    floor_page()
