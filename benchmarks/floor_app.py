"""The floor of this stack: a bare Streamlit page with one Plotly chart and one selectbox.

`make bench` times navigation and a selectbox change here the same way as on Baihua's pages,
so each page's time can be read as a multiple of what Streamlit + Plotly cost on their own.
With ?charts=4 it draws four charts, as many as Baihua's overview: the part of a page's time
that is Plotly's and Streamlit's alone.

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

st.set_page_config(page_title="floor", layout="wide")
st.title("Floor")
town = st.selectbox("镇（街道）", TOWNS, index=None, placeholder="全部")
shown = [t for t in TOWNS if t == town] or TOWNS
# ?charts=4 draws four such charts: how much of a Baihua page's time is Plotly's alone.
# ?select=1 makes them selectable like Baihua's (on_select), ?buttons=4 adds a row of download
# buttons under each, as Baihua's chart boxes have: to tell those costs apart.
charts = max(1, min(int(st.query_params.get("charts", "1") or 1), 8))
select = st.query_params.get("select") == "1"
buttons = max(0, min(int(st.query_params.get("buttons", "0") or 0), 8))
for n in range(charts):
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
