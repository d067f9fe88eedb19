"""Server time of each page script, run with Streamlit's AppTest in this (fresh) process.

Prints one JSON line. `script_ms` is the time inside ScriptRunner._run_script (what the
server spends on one run of the page); `apptest_ms` adds AppTest's own parsing of the
messages. `load_ms` is the first start's load (validation, and writing the cache of validated
editions into a new temporary BAIHUA_CACHE). Cold runs clear st.cache_resource first, so they
include loading the data, from that cache as a restarted server does; warm runs reuse the
loaded dataset.

    python -m benchmarks.server_pages --data data --pages overview,towns --cold 3 --warm 10
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from .common import ROOT

PAGES = ["overview", "towns", "themes", "figures", "projects", "data"]
TOWNS = [
    "区级",
    "朱泾镇",
    "枫泾镇",
    "山阳镇",
    "石化街道",
    "金山工业区",
    "张堰镇",
    "吕巷镇",
    "金山卫镇",
    "漕泾镇",
    "廊下镇",
    "亭林镇",
]


class ScriptClock:
    """Adds up the time spent in ScriptRunner._run_script, in whatever thread runs it."""

    def __init__(self) -> None:
        from streamlit.runtime.scriptrunner import script_runner

        self.total = 0.0
        self.cpu = 0.0
        self.profiler_factory = None
        self.sessions: list = []
        original = script_runner.ScriptRunner._run_script
        clock = self

        def timed(runner, rerun_data):
            profiler = clock.profiler_factory() if clock.profiler_factory else None
            if profiler:
                profiler.start()
            started, cpu = time.perf_counter(), time.thread_time()
            try:
                return original(runner, rerun_data)
            finally:
                clock.total += time.perf_counter() - started
                clock.cpu += time.thread_time() - cpu
                if profiler:
                    clock.sessions.append(profiler.stop())

        script_runner.ScriptRunner._run_script = timed

    def reset(self) -> None:
        self.total = 0.0
        self.cpu = 0.0


def lift_limits(skip_quote_check: bool) -> list[str]:
    """Measure past the loader's guards; every change is named in the output."""
    from metrics.data import crosscheck, reading

    notes = []
    if hasattr(reading, "max_bytes"):  # BAIHUA_MAX_FILE_MB, read at every load
        os.environ["BAIHUA_MAX_FILE_MB"] = "4096"
        notes.append("BAIHUA_MAX_FILE_MB=4096 (default 10)")
    elif getattr(reading, "MAX_BYTES", 2**31) < 2**31:  # before BAIHUA_MAX_FILE_MB existed
        reading.MAX_BYTES = 2**31
        notes.append("reading.MAX_BYTES lifted from 10 MB")
    if skip_quote_check:
        crosscheck.quote_problems = lambda *args, **kwargs: []
        notes.append("crosscheck.quote_problems skipped (too slow at this size, see load)")
    return notes


def run_page(clock: ScriptClock, page: str, timeout: float, **params) -> dict:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=timeout)
    for key, value in params.items():
        at.query_params[key] = value
    clock.reset()
    started = time.perf_counter()
    error = None
    try:
        at.run()
    except RuntimeError as exc:  # AppTest's own time-out
        error = str(exc)[:200]
    wall = time.perf_counter() - started
    if error is None and at.exception:
        error = str(at.exception[0].value)[:200]
    if error is None and at.error:
        error = str(at.error[0].value)[:200]
    return {
        "script_ms": clock.total * 1000,
        "script_cpu_ms": clock.cpu * 1000,
        "apptest_ms": wall * 1000,
        "charts": len(at.get("plotly_chart")) if error is None else None,
        "elements": _count(at) if error is None else None,
        "error": error,
    }


def _count(at) -> int:
    count, todo = 0, [at._tree]
    while todo:
        node = todo.pop()
        children = getattr(node, "children", {}) or {}
        todo.extend(children.values())
        count += 1
    return count


def time_load(folder: Path, repeats: int) -> dict:
    """check() through the app's own cache, so the last load serves the page runs.

    Each repeat starts with an empty cache of validated editions (a new BAIHUA_CACHE), so
    this is the first start's load: validation, and writing the cache."""
    from baihua_ui import data
    from metrics.data.load import data_folder, fingerprint

    base = tempfile.mkdtemp(prefix="baihua-bench-cache-")
    atexit.register(shutil.rmtree, base, True)
    times, problems = [], []
    for repeat in range(repeats):
        data._load.clear()
        os.environ["BAIHUA_CACHE"] = os.path.join(base, str(repeat))
        started = time.perf_counter()
        problems = data._load(str(data_folder()), fingerprint(data_folder())).problems()
        times.append((time.perf_counter() - started) * 1000)
    started = time.perf_counter()
    fingerprint(folder)
    return {
        "load_ms": times,
        "fingerprint_ms": (time.perf_counter() - started) * 1000,
        "problems": len(problems),
        "problem_sample": [str(p) for p in problems[:5]],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--cold", type=int, default=3, help="runs with the cache cleared")
    parser.add_argument("--first", action="store_true", help="one run per page, cache kept")
    parser.add_argument("--warm", type=int, default=10)
    parser.add_argument(
        "--filtered", type=int, default=0, help="runs with a new town each: charts not cached"
    )
    parser.add_argument("--load-repeats", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120, help="per page run, seconds")
    parser.add_argument("--lift-limits", action="store_true")
    parser.add_argument("--skip-quote-check", action="store_true")
    parser.add_argument("--no-first-run", action="store_true", help="load timing only")
    args = parser.parse_args(argv)

    os.environ["BAIHUA_DATA"] = str(args.data.resolve())
    import streamlit as st
    import streamlit.logger

    streamlit.logger.set_log_level("error")
    notes = lift_limits(args.skip_quote_check) if args.lift_limits else []
    out: dict = {"data": str(args.data), "notes": notes, "pages": {}}
    out.update(time_load(args.data, args.load_repeats) if args.load_repeats else {})
    if out.get("problems"):
        print(json.dumps(out))  # refused: the pages would only show the problem list
        return 0
    clock = ScriptClock()
    # The first run of the process imports plotly and pandas paths and starts kaleido's
    # Chromium (chartbox asks export_available()): reported apart, as "process_first".
    if not args.no_first_run:
        out["process_first"] = run_page(clock, "overview", args.timeout)
    for page in filter(None, args.pages.split(",")):
        row: dict = {"cold": [], "first": [], "warm": [], "filtered": []}
        for _ in range(args.cold):
            st.cache_resource.clear()
            row["cold"].append(run_page(clock, page, args.timeout))
        if args.first:
            row["first"].append(run_page(clock, page, args.timeout))
        for _ in range(args.warm if not any(r["error"] for r in row["first"]) else 0):
            row["warm"].append(run_page(clock, page, args.timeout))
            if row["warm"][-1]["error"]:
                break
        # A filter nobody has used yet: the filtered data and every chart are built anew.
        towns = [t for t in TOWNS if t != "亭林镇"]  # 亭林镇 leaves some charts empty
        for i in range(min(args.filtered, len(towns))):
            row["filtered"].append(run_page(clock, page, args.timeout, town=towns[i]))
        out["pages"][page] = row
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
