"""How long Plotly takes to draw each of Baihua's charts in headless Chromium, and whether
the margins set in Python (metrics/charts/margins.py) saved it a second drawing.

    python -m benchmarks.chart_render [--lang zh|en] [--runs N]

For every chart `baihua export` writes (no filter), `Plotly.newPlot` is timed on the figure
as built and on the same figure with only the template's margins (the state before
margins.py), median of N draws. "grown" lists the sides where Plotly still had to widen a
margin. Plotly.js here is the copy in the plotly Python package, not Streamlit's bundle.
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
from pathlib import Path

import plotly
import plotly.io as pio

from .common import CHROMIUM, CHROMIUM_ARGS, ROOT

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"

DRAW = """async ([spec, runs]) => {
  const gd = document.getElementById('gd');
  const times = [];
  for (let i = 0; i < runs; i++) {
    Plotly.purge(gd);
    const start = performance.now();
    await Plotly.newPlot(gd, spec.data, spec.layout);
    times.push(performance.now() - start);
  }
  const size = gd._fullLayout._size, set = spec.layout.margin || {};
  const grown = ['l', 'r', 'b']
    .filter(side => set[side] !== undefined && size[side] > set[side] + 1);
  return {times, grown};
}"""


def specs(lang: str) -> list[tuple[str, dict, dict]]:
    """(chart key, figure JSON as built, the same with the template's margins only)."""
    from metrics.analysis.filters import Filters
    from metrics.charts.pages import page_charts, unique_charts
    from metrics.data.load import load_dataset

    full = load_dataset(ROOT / "data")
    out = []
    for chart in unique_charts(page_charts(full, Filters(), lang)):
        built = json.loads(pio.to_json(chart.figure, validate=False))
        before = copy.deepcopy(built)
        before["layout"].pop("margin", None)
        out.append((chart.key, built, before))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="zh", choices=["zh", "en"])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_content("<div id='gd' style='width:1300px'></div>")
        page.add_script_tag(content=PLOTLY_JS.read_text(encoding="utf-8"))
        print(f"{'chart':32} {'as built':>9} {'template margins':>17}  grown")
        for key, built, before in specs(args.lang):
            now = page.evaluate(DRAW, [built, args.runs])
            old = page.evaluate(DRAW, [before, args.runs])
            print(
                f"{key[:32]:32} {statistics.median(now['times']):7.1f}ms "
                f"{statistics.median(old['times']):15.1f}ms  {','.join(now['grown']) or '-'}"
            )
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
