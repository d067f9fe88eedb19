"""Export timings in a fresh process: the first PNG (it starts kaleido's Chromium), warm PNGs,
SVGs, and the export-all ZIP and PPTX of the overview's four charts (the page with the most).

Prints one JSON line.  python -m benchmarks.exports --repeats 5
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from .common import ROOT


def _timed(fn) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn()
    return (time.perf_counter() - started) * 1000, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)

    from metrics import export
    from metrics.analysis import briefing
    from metrics.analysis.filters import Filters, describe
    from metrics.charts import figures as charts_figures
    from metrics.charts import themes as charts_themes
    from metrics.charts import towns as charts_towns
    from metrics.charts.chart import caption
    from metrics.data.load import load_dataset

    ds = load_dataset(args.data)
    cap = caption("zh", describe(Filters(), ds, "zh"))
    charts = [
        charts_towns.towns_tier_stack(ds, "zh", cap),
        charts_themes.themes_by_tier(ds, "zh", cap),
        charts_towns.towns_tile_map(ds, "zh", cap),
        charts_figures.funding_disclosure(ds, "zh", cap),
    ]
    one = charts[0]
    out: dict = {"charts": [c.key for c in charts]}
    out["png_cold_ms"], png = _timed(lambda: export.to_png_bytes(one))
    out["png_bytes"] = len(png)
    out["png_warm_ms"] = [_timed(lambda: export.to_png_bytes(one))[0] for _ in range(args.repeats)]
    out["svg_ms"] = [_timed(lambda: export.to_svg_bytes(one))[0] for _ in range(args.repeats)]
    # As the dashboard's buttons build them: with the README, headline numbers and projects.
    brief = briefing.build(ds, Filters(), "zh")
    zips = [
        _timed(lambda: export.bundle_zip(charts, briefing=brief))
        for _ in range(max(2, args.repeats // 2))
    ]
    out["zip_ms"] = [ms for ms, _ in zips]
    out["zip_bytes"] = len(zips[-1][1])
    out["zip_members"] = len(export.bundle_names(charts, export.BUNDLE_FORMATS)) + 3
    out["pptx_ms"] = [
        _timed(lambda: export.to_pptx_bytes(charts, heading="百花", briefing=brief))[0]
        for _ in range(2)
    ]
    # Per-chart warm PNG, to see whether one chart is slower to draw than the others.
    out["png_by_chart_ms"] = {c.key: _timed(lambda c=c: export.to_png_bytes(c))[0] for c in charts}
    export.shutdown()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
