"""A chart's figure as st.plotly_chart sends it, made once per built chart, not per rerun.

st.plotly_chart turns a Plotly figure into plain data with `to_dict()` on every rerun: a deep
copy of the whole figure plus typed-array encoding, ~0.2–0.6 ms a chart, four times a rerun
on the overview. Charts are cached (page.Context.chart) and never changed once built, so the
plain data can be made once and kept with the figure. A plain dict cannot be passed instead:
st.plotly_chart would rebuild and revalidate a go.Figure from it (slower than the copy).
"""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.basedatatypes import BaseFigure

_ATTR = "_baihua_spec"  # BaseFigure lets names starting with "_" through


class FrozenFigure(BaseFigure):
    """A figure already turned into plain data; `to_dict()` is all st.plotly_chart asks of a
    figure. It is never drawn or changed in Python: read it, never write to it."""

    def __init__(self, spec: dict) -> None:
        # No BaseFigure set-up: there is nothing left to validate.
        object.__setattr__(self, "_spec", spec)

    def to_dict(self) -> dict:
        return self._spec


def frozen(figure: go.Figure) -> FrozenFigure:
    """`figure` as st.plotly_chart would send it; made on the first call, then kept with it.

    Only for figures that are not changed after this call (every built chart: page.Context).
    """
    spec = getattr(figure, _ATTR, None)
    if spec is None:
        # Two sessions drawing the same new chart at once both make it: the same data.
        spec = FrozenFigure(figure.to_dict())
        setattr(figure, _ATTR, spec)
    return spec
