"""Where a filter change's time goes: server, browser main thread, and which browser code.

    python -m benchmarks.click_profile PAGE [--rounds N]

PAGE is a Baihua page (overview, towns, themes, figures, projects, data) or a floor page
(floor, floor×4, floor×4+, floor+bar, floor+all). Each round opens the page, chooses 区级 in
镇（街道） as `make bench` does, and prints, in ms after the click: when the browser saw the
rerun start and end, when the server's script run started and ended (benchmarks.serve_timed),
when the last chart was drawn, how long Chromium's main thread was busy during a trace from
just before the click to just after that, and how many chart elements survived the click.
Then a CPU profile of the same window over more rounds, by script.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import tempfile
import time
from pathlib import Path

from . import browser as b
from .common import ROOT, streamlit_server

MARK = "() => document.querySelectorAll('.js-plotly-plot').forEach(gd => { gd.__kept = true; })"
KEPT = (
    "() => Array.from(document.querySelectorAll('.js-plotly-plot')).filter(gd => gd.__kept).length"
)


CLICK_EPOCH_MS = "() => performance.timeOrigin + window.__bench.click"


def ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


class Traced:
    """Chromium's trace of the click: busy time of the renderer's main thread."""

    def __init__(self, browser, page):
        self.browser, self.page, self.busy = browser, page, None

    def __enter__(self):
        self.page.evaluate(MARK)
        self.browser.start_tracing(
            page=self.page, categories=["toplevel", "disabled-by-default-devtools.timeline"]
        )
        return self

    def __exit__(self, *exc):
        events = json.loads(self.browser.stop_tracing())["traceEvents"]
        threads = {
            (e["pid"], e["tid"])
            for e in events
            if e.get("name") == "thread_name" and e["args"].get("name") == "CrRendererMain"
        }
        tasks = [
            e
            for e in events
            if e.get("name") == "RunTask" and (e["pid"], e["tid"]) in threads and "dur" in e
        ]
        # The page's renderer is the one that worked most in this short window.
        per_thread = collections.Counter()
        for e in tasks:
            per_thread[(e["pid"], e["tid"])] += e["dur"]
        self.busy = per_thread.most_common(1)[0][1] / 1000 if per_thread else None
        return False


class Profiled:
    """A V8 CPU profile of the click, summed by script."""

    def __init__(self, context, page, totals: collections.Counter):
        self.context, self.page, self.totals = context, page, totals

    def __enter__(self):
        self.cdp = self.context.new_cdp_session(self.page)
        self.cdp.send("Profiler.enable")
        self.cdp.send("Profiler.setSamplingInterval", {"interval": 200})
        self.cdp.send("Profiler.start")
        return self

    def __exit__(self, *exc):
        profile = self.cdp.send("Profiler.stop")["profile"]
        nodes = {n["id"]: n["callFrame"] for n in profile["nodes"]}
        for sample, delta in zip(profile["samples"], profile["timeDeltas"][1:] + [0], strict=True):
            frame = nodes[sample]
            self.totals[os.path.basename(frame["url"]) or frame["functionName"]] += delta / 1000
        return False


def target_for(name: str) -> tuple[b.Target, Path]:
    for target in b.FLOORS:
        if target.name == name:
            return target, ROOT / "benchmarks" / "floor_app.py"
    for target in b.PAGES:
        if target.name == name:
            return target, ROOT / "dashboard.py"
    raise SystemExit(f"unknown page {name!r}; one of {[t.name for t in b.FLOORS + b.PAGES]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    target, script = target_for(args.page)
    from playwright.sync_api import sync_playwright

    log = Path(tempfile.mkdtemp(prefix="baihua-click-")) / "runs.jsonl"
    totals: collections.Counter = collections.Counter()
    with streamlit_server(script, run_log=log) as app, sync_playwright() as pw:
        browser = b.launch(pw)
        context, page = b.new_page(browser)
        b.navigate(page, app.url + target.path, target, timeout=120)
        b.change_town(page)  # the filtered charts are cached from here on, as in make bench
        print("ms after the click: rerun seen start–end | server run | drawn | main thread busy")
        for _ in range(args.rounds):
            b.navigate(page, app.url + target.path, target)
            seen = len(log.read_text().splitlines())
            traced = Traced(browser, page)
            b.change_town(page, measure=traced)
            phases = b.filter_phases(page)
            click = page.evaluate(CLICK_EPOCH_MS)
            time.sleep(0.3)  # the run log line is written as the run ends
            runs = [json.loads(line) for line in log.read_text().splitlines()[seen:]]
            server = ", ".join(
                f"{r['end'] * 1000 - click - r['wall_ms']:.0f}–{r['end'] * 1000 - click:.0f}"
                for r in runs
            )
            print(
                f"  {ms(phases.get('to_running'))}–{ms(phases.get('to_done'))} | {server} | "
                f"{ms(phases.get('to_drawn'))} | {ms(traced.busy)}; "
                f"charts kept: {page.evaluate(KEPT)}"
            )
        for _ in range(args.rounds):
            b.navigate(page, app.url + target.path, target)
            b.change_town(page, measure=Profiled(context, page, totals))
        browser.close()
    print(f"CPU profile of the click, ms per click ({args.rounds} clicks), by script:")
    for name, total in totals.most_common(12):
        print(f"  {total / args.rounds:7.1f}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
