"""`make load`: many officials at once. N headless browser sessions use the dashboard against
one `streamlit run dashboard.py` for a fixed time, then stop by themselves.

    python -m benchmarks.load [--sessions 10] [--seconds 60] [--port P] [--think 2.0]

One Chromium (Debian's) holds every session as its own context, driven by Playwright's async
API from one thread, so the 2 cores go to the server and the pages rather than to N browsers.
Sessions arrive 2 s apart, each with a full page load in a new browser context (reported
apart: on this 2-core machine one costs Chromium about 4 s of CPU). Once all have arrived the
timed window opens, and every session loops as a person would: switch page in the sidebar
(time to every chart drawn), choose a town in 镇（街道） (time to every chart redrawn), reset
the filters, pause `--think` seconds. Reported: sessions completed, errors (a time-out, a page
error, or a Streamlit exception box), p50/p95 of the times, the server's CPU use and its own
script-run times (benchmarks.serve_timed; --plain for stock `streamlit run`), and its RSS
before, at peak and after. Every request goes to 127.0.0.1; every wait is bounded, and the
sessions stop by themselves.

With --ws (or --cluster, --url) the officials are simulated over Streamlit's own websocket
protocol instead, hundreds at once: see benchmarks/load_ws.py.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import load_ws
from .browser import ARM, PAGES, READY, TOWN_LABEL, TOWNS, UPDATED, VIEWPORT, Target
from .common import (
    CACHE,
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    children_pss_mb,
    cpu_seconds,
    machine,
    percentile,
    streamlit_server,
)

WAIT_S = 60  # the longest any one step may take before it counts as an error
MAX_ROUNDS = 500  # per session, whatever --seconds says
ARRIVAL_S = 2.0  # between two sessions' first page loads
ARRIVAL_WAIT_S = 180  # a first load in a new browser context costs Chromium ~4 s of CPU


RESET_LABEL = "重置筛选"


@dataclass
class Session:
    index: int
    rounds: int = 0
    first_load: list[float] = field(default_factory=list)
    page_ready: list[float] = field(default_factory=list)
    filter_update: list[float] = field(default_factory=list)
    reset: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    arrived: bool = False
    finished: bool = False


async def _navigate(page, url: str, target: Target, wait: float = WAIT_S) -> float:
    started = time.perf_counter()
    await page.goto(url, wait_until="commit", timeout=wait * 1000)
    await page.wait_for_function(
        READY, arg=[target.plots, target.title], polling=20, timeout=wait * 1000
    )
    return time.perf_counter() - started


async def _switch(page, base: str, target: Target) -> float:
    """Seconds from clicking the page's link in the sidebar to every chart drawn."""
    link = page.locator(f'[data-testid="stSidebarNavLink"][href="{base}{target.path}"]')
    await link.wait_for(timeout=WAIT_S * 1000)
    started = time.perf_counter()
    await link.click(timeout=WAIT_S * 1000)
    await page.wait_for_function(
        READY, arg=[target.plots, target.title], polling=20, timeout=WAIT_S * 1000
    )
    return time.perf_counter() - started


async def _reset(page) -> float:
    """Seconds from clicking 重置筛选 to every chart redrawn."""
    button = page.get_by_role("button", name=RESET_LABEL)
    await button.wait_for(timeout=WAIT_S * 1000)
    await page.evaluate(ARM)
    started = time.perf_counter()
    await button.click(timeout=WAIT_S * 1000)
    await page.wait_for_function(UPDATED, polling=20, timeout=WAIT_S * 1000)
    return time.perf_counter() - started


async def _change_town(page, town: str) -> float:
    box = page.get_by_role("combobox", name=TOWN_LABEL)
    await box.click(timeout=WAIT_S * 1000)
    await box.press_sequentially(town)
    option = page.get_by_role("option", name=town, exact=True)
    await option.wait_for(timeout=WAIT_S * 1000)
    await page.evaluate(ARM)
    started = time.perf_counter()
    await option.click(timeout=WAIT_S * 1000)
    await page.wait_for_function(UPDATED, polling=20, timeout=WAIT_S * 1000)
    elapsed = time.perf_counter() - started
    await page.keyboard.press("Escape")
    return elapsed


async def _exception_shown(page) -> bool:
    return await page.locator('[data-testid="stException"]').count() > 0


@dataclass
class Clock:
    """Shared by the sessions: the window opens once every session has arrived."""

    started: asyncio.Event = field(default_factory=asyncio.Event)
    deadline: float = 0.0


async def run_session(browser, base: str, s: Session, clock: Clock, think: float) -> None:
    context = page = None

    async def fresh_page(target: Target, wait: float = WAIT_S) -> None:
        nonlocal context, page
        if context is not None:
            await context.close()
        context = await browser.new_context(viewport=VIEWPORT, locale="zh-CN")
        page = await context.new_page()
        page.on("pageerror", lambda exc: s.errors.append(f"page error: {str(exc)[:160]}"))
        s.first_load.append(await _navigate(page, base + target.path, target, wait))

    try:
        await asyncio.sleep(ARRIVAL_S * s.index)  # officials arrive one after another
        try:
            await fresh_page(PAGES[s.index % len(PAGES)], ARRIVAL_WAIT_S)
        finally:
            s.arrived = True
        await clock.started.wait()
        while time.monotonic() < clock.deadline and s.rounds < MAX_ROUNDS:
            target = PAGES[(s.index + s.rounds + 1) % len(PAGES)]
            town = TOWNS[(s.index + s.rounds) % len(TOWNS)]
            step = "switch"
            try:
                s.page_ready.append(await _switch(page, base, target))
                step = "filter"
                s.filter_update.append(await _change_town(page, town))
                step = "reset"
                s.reset.append(await _reset(page))
                if await _exception_shown(page):
                    s.errors.append(f"{target.name}: Streamlit exception shown")
            except Exception as exc:  # a time-out or a closed page: count it, start afresh
                first = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
                s.errors.append(f"{target.name} {step}: {first}")
                if time.monotonic() < clock.deadline:
                    await fresh_page(target)
            s.rounds += 1
            await asyncio.sleep(think)
        s.finished = True
    except Exception as exc:
        s.errors.append(f"session {s.index}: {str(exc).splitlines()[0][:160]}")
    finally:
        if context is not None:
            await context.close()


async def sample_rss(pid: int, samples: list[float], stop: asyncio.Event) -> None:
    from .common import rss_mb

    while not stop.is_set():
        value = rss_mb(pid)
        if value:
            samples.append(value)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 0.5)


async def run_load(base: str, pid: int, sessions: int, seconds: float, think: float) -> dict:
    from playwright.async_api import async_playwright

    from .common import rss_mb

    out: dict = {}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS + ["--no-proxy-server"], headless=True
        )
        try:
            # Warm-up: one visit of every page, so the first session does not pay for the
            # data load and kaleido's Chromium start alone.
            warm = Session(-1)
            context = await browser.new_context(viewport=VIEWPORT, locale="zh-CN")
            page = await context.new_page()
            for target in PAGES:
                warm.page_ready.append(await _navigate(page, base + target.path, target))
            await context.close()
            await asyncio.sleep(2)
            out["rss_before_mb"] = rss_mb(pid)
            out["warmup_s"] = warm.page_ready
            samples: list[float] = []
            stop = asyncio.Event()
            sampler = asyncio.create_task(sample_rss(pid, samples, stop))
            started_arrivals = time.monotonic()
            clock = Clock()
            runs = [Session(i) for i in range(sessions)]
            tasks = [asyncio.create_task(run_session(browser, base, s, clock, think)) for s in runs]
            # Arrivals first (bounded), then the timed window with every session at work.
            arrive_by = time.monotonic() + ARRIVAL_S * sessions + ARRIVAL_WAIT_S
            while not all(s.arrived for s in runs) and time.monotonic() < arrive_by:
                await asyncio.sleep(0.2)
            out["arrival_s"] = time.monotonic() - started_arrivals
            started = time.monotonic()
            window_start = time.time()
            cpu_before = cpu_seconds(pid)
            clock.deadline = started + seconds
            clock.started.set()
            _, pending = await asyncio.wait(tasks, timeout=seconds + 4 * WAIT_S)
            for task in pending:  # still waiting at the overall limit: cancelled, and said so
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            for s in runs:
                if not s.finished and not s.errors:
                    s.errors.append(f"session {s.index}: cancelled at the overall time limit")
            out["elapsed_s"] = time.monotonic() - started
            out["server_cpu_share"] = (cpu_seconds(pid) - cpu_before) / out["elapsed_s"]
            out["window"] = [window_start, time.time()]
            await asyncio.sleep(5)
            stop.set()
            await sampler
            out["rss_peak_mb"] = max(samples) if samples else None
            out["rss_after_mb"] = rss_mb(pid)
            out["kaleido_mb"] = children_pss_mb(pid)
        finally:
            await browser.close()

    def pct(key: str) -> dict:
        values = [x * 1000 for s in runs for x in getattr(s, key)]
        return {"n": len(values), "p50": percentile(values, 50), "p95": percentile(values, 95)}

    out.update(
        sessions=sessions,
        sessions_completed=sum(1 for s in runs if s.finished),
        rounds=sum(s.rounds for s in runs),
        errors=[e for s in runs for e in s.errors],
        first_load_ms=pct("first_load"),
        page_ready_ms=pct("page_ready"),
        filter_update_ms=pct("filter_update"),
        reset_ms=pct("reset"),
    )
    return out


def server_runs(path: Path, window: list[float]) -> dict:
    """Script runs the server finished during the load: count, and wall/CPU percentiles."""
    runs = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    runs = [r for r in runs if window[0] <= r["end"] <= window[1]]
    wall = [r["wall_ms"] for r in runs]
    cpu = [r["cpu_ms"] for r in runs]
    return {
        "n": len(runs),
        "wall_p50": percentile(wall, 50),
        "wall_p95": percentile(wall, 95),
        "cpu_p50": percentile(cpu, 50),
        "cpu_p95": percentile(cpu, 95),
    }


def summary(result: dict) -> list[str]:
    m = result["machine"]

    def ms(v):
        return "—" if v is None else f"{v:.0f} ms"

    def line(label: str, key: str) -> str:
        r = result[key]
        return f"{label:20} p50 {ms(r['p50'])}, p95 {ms(r['p95'])}  (n={r['n']})"

    return [
        f"Baihua load · {result['date']} · {m['nproc']} cores, {m['memory_gib']} GiB · {m['cpu']}",
        f"{result['sessions']} sessions for {result['seconds']:.0f} s (think {result['think']} s), "
        f"load average before {result['loadavg_before']}, after {result['loadavg_after']}",
        f"sessions completed   {result['sessions_completed']} of {result['sessions']} "
        f"({result['rounds']} rounds of page switch + town filter + reset)",
        f"errors               {len(result['errors'])}",
        *[f"  {e}" for e in result["errors"][:10]],
        f"arrivals             {result['sessions']} first page loads, {ARRIVAL_S:.0f} s apart, "
        f"all in after {result['arrival_s']:.0f} s; then the {result['seconds']:.0f} s window",
        line("first page load", "first_load_ms"),
        line("page ready", "page_ready_ms"),
        line("filter update", "filter_update_ms"),
        line("reset filters", "reset_ms"),
        f"server CPU           {result['server_cpu_share'] * 100:.0f}% of one core on average",
        *(
            [
                f"server script runs   {r['n']}: wall p50 {ms(r['wall_p50'])}, p95 "
                f"{ms(r['wall_p95'])}; CPU p50 {ms(r['cpu_p50'])}, p95 {ms(r['cpu_p95'])}"
            ]
            if (r := result.get("server_runs"))
            else []
        ),
        f"server RSS           before {result['rss_before_mb']:.0f} MB, peak "
        f"{result['rss_peak_mb']:.0f} MB, after {result['rss_after_mb']:.0f} MB "
        f"(kaleido's Chromium apart: {result['kaleido_mb']:.0f} MB PSS)",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Baihua load test (loopback only)")
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--port", type=int, help="default: a free loopback port")
    parser.add_argument(
        "--think",
        type=float,
        help=f"pause between rounds, s (default 2; --ws {load_ws.Config.think:g})",
    )
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--plain", action="store_true", help="stock `streamlit run`, without the run stopwatch"
    )
    load_ws.add_arguments(parser)
    args = parser.parse_args(argv)
    if not 1 <= args.seconds <= 1800:
        parser.error("--seconds must be 1..1800")
    if args.ws or args.cluster or args.url:
        return load_ws.main(args, parser)
    args.think = 2.0 if args.think is None else args.think
    if not 1 <= args.sessions <= 50:
        parser.error("--sessions must be 1..50 browsers on this machine (--ws for more)")
    result: dict = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "seconds": args.seconds,
        "think": args.think,
        "loadavg_before": [round(x, 2) for x in os.getloadavg()],
    }
    run_log = None if args.plain else CACHE / f"runs-{os.getpid()}.jsonl"
    if run_log is not None:
        run_log.parent.mkdir(parents=True, exist_ok=True)
        run_log.write_text("")
    with streamlit_server(ROOT / "dashboard.py", port=args.port, run_log=run_log) as app:
        result["port"] = app.port
        result.update(
            asyncio.run(run_load(app.url, app.pid, args.sessions, args.seconds, args.think))
        )
    if run_log is not None:
        result["server_runs"] = server_runs(run_log, result["window"])
    result["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    out = args.json or CACHE / f"load-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print("\n".join(summary(result)))
    print(f"raw results in {out}")
    return 1 if result["errors"] or result["sessions_completed"] < args.sessions else 0


if __name__ == "__main__":
    raise SystemExit(main())
