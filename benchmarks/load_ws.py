"""`make load` over Streamlit's own protocol: hundreds of simulated officials in one process.

    python -m benchmarks.load --ws [--sessions 200] [--seconds 60] [--think 20] [--ramp 20]
    python -m benchmarks.load --cluster --replicas 2 [--sessions 200] [--seconds 60]
    python -m benchmarks.load --ws --url http://127.0.0.1:8080   # a server already running

Each official is a `WsSession` (benchmarks.ws_session): no browser, only the websocket and the
protobufs a browser would exchange, so hundreds fit on this machine and the server's work is
what is measured. Officials arrive spread over the first `--ramp` seconds of the `--seconds`
window, open a page (first page load), then loop as in the browser driver: switch page in the
sidebar, choose a town in 镇（街道）, reset the filters, with a pause of 0.5–1.5 × `--think`
seconds before every action. Each action is timed from the BackMsg sent to its run's
script_finished. An error is an exception on the page, the wrong page after a switch, a
compile error, a closed connection or an action over `--timeout` s; the official then starts
a fresh session. When the window closes every official finishes the step it is in and
disconnects; a hard limit cancels whatever is still waiting.

Without --url or --cluster the server is benchmarks.serve_timed on a free loopback port (its
own script-run times in the report); with --cluster, deploy/cluster.py's start() (nginx in
front of N replicas), its stop() afterwards. Every request goes to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from websockets.exceptions import WebSocketException

from deploy import cluster as deploy_cluster

from .browser import SIDEBAR, TOWNS
from .common import CACHE, ROOT, cpu_seconds, descendants, free_port, percentile
from .ws_session import ActionError, WsSession

# url path → the title (h1) its page shows in Chinese, every page in the sidebar's order
PAGES = {target.path.strip("/"): target.title for target in SIDEBAR}
TOWN_KEY, RESET_KEY = "f_town", "reset"
ACTIONS = ("first_load", "switch", "filter", "reset")
CLOSE_WAIT = 10  # seconds a websocket close may take


@dataclass
class Config:
    sessions: int = 200
    seconds: float = 60
    think: float = 20.0
    ramp: float = 20.0
    timeout: float = 60.0
    seed: int = 1


@dataclass
class Tally:
    """Everything the officials did, shared by all of them (one event loop, no locks)."""

    times: dict[str, list[float]] = field(default_factory=lambda: {a: [] for a in ACTIONS})
    errors: list[str] = field(default_factory=list)
    runs: int = 0  # script runs finished, as the sessions saw them
    runs_in_window: int = 0  # …of which before the window closed
    sessions_opened: int = 0
    sessions_done: int = 0
    cookies: Counter = field(default_factory=Counter)  # e.g. a sticky cookie → sessions


class Window:
    def __init__(self, seconds: float) -> None:
        self.start = time.monotonic()
        self.end = self.start + seconds

    def open(self) -> bool:
        return time.monotonic() < self.end

    async def pause(self, seconds: float) -> None:
        """A person's pause, cut short when the window closes."""
        await asyncio.sleep(max(0.0, min(seconds, self.end - time.monotonic())))


def _check_page(run, path: str) -> None:
    if PAGES[path] not in run.headings():
        raise ActionError(f"/{path}: expected the title {PAGES[path]!r}, got {run.headings()}")


async def _act(tally: Tally, name: str, action, session: WsSession, window: Window, check=None):
    runs_before = session.runs
    try:
        run = await action
    finally:
        done = session.runs - runs_before
        tally.runs += done
        tally.runs_in_window += done if window.open() else 0
    if check:
        check(run)
    tally.times[name].append(run.seconds)
    return run


def _steps(index: int, round_: int) -> list[tuple[str, object]]:
    """One round: the next page, then a town on it, then reset (pages and towns rotate)."""
    paths = list(PAGES)
    path = paths[(index + round_ + 1) % len(paths)]
    town = TOWNS[(index + round_) % len(TOWNS)]
    return [
        ("switch", lambda s: (s.switch(path), lambda run: _check_page(run, path))),
        ("filter", lambda s: (s.choose(TOWN_KEY, [town]), None)),
        ("reset", lambda s: (s.click(RESET_KEY), None)),
    ]


async def official(index: int, base: str, cfg: Config, window: Window, tally: Tally) -> None:
    rng = random.Random(cfg.seed * 100_003 + index)
    await asyncio.sleep(cfg.ramp * index / max(1, cfg.sessions))
    round_, home = 0, list(PAGES)[index % len(PAGES)]
    while window.open():
        session = WsSession(base, timeout=cfg.timeout)
        tally.sessions_opened += 1
        step = "first_load"
        try:
            opening = session.open(home)
            await _act(tally, step, opening, session, window, lambda r: _check_page(r, home))
            tally.cookies[session.cookie or "(none)"] += 1
            while window.open():
                for step, make in _steps(index, round_):
                    await window.pause(cfg.think * rng.uniform(0.5, 1.5))
                    if not window.open():
                        break
                    action, check = make(session)
                    await _act(tally, step, action, session, window, check)
                round_ += 1
        except (ActionError, TimeoutError, OSError, WebSocketException) as exc:
            tally.errors.append(f"session {index} {step}: {type(exc).__name__}: {exc}"[:240])
            await window.pause(cfg.think * rng.uniform(0.5, 1.5))  # then a fresh session
        finally:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(session.close(), CLOSE_WAIT)
    tally.sessions_done += 1


async def drive(base: str, cfg: Config, cpu=None) -> dict:
    """Run the officials for the window; `cpu()` gives the server's CPU seconds so far."""
    tally = Tally()
    cpu_before = cpu() if cpu else None
    own_cpu = time.process_time()
    window = Window(cfg.seconds)
    wall_start = time.time()
    tasks = [
        asyncio.create_task(official(i, base, cfg, window, tally)) for i in range(cfg.sessions)
    ]
    # The window, plus time for the last step of each official to finish, and no more.
    _, pending = await asyncio.wait(tasks, timeout=cfg.seconds + cfg.timeout + CLOSE_WAIT + 5)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    elapsed = time.monotonic() - window.start
    out = {
        "elapsed_s": elapsed,
        "window": [wall_start, time.time()],
        "cancelled_at_limit": len(pending),
        "sessions_opened": tally.sessions_opened,
        "sessions_done": tally.sessions_done,
        "errors": tally.errors,
        "script_runs": tally.runs,
        "script_runs_in_window": tally.runs_in_window,
        "reruns_per_s": tally.runs_in_window / cfg.seconds,
        "driver_cpu_share": (time.process_time() - own_cpu) / elapsed,
        "actions": {name: _pct(values) for name, values in tally.times.items()},
        "cookies": dict(tally.cookies.most_common(10)),
    }
    if cpu:
        used = cpu() - cpu_before
        out["server_cpu_share"] = used / elapsed
        out["server_cpu_ms_per_run"] = used * 1000 / tally.runs if tally.runs else None
    return out


def _pct(seconds: list[float]) -> dict:
    ms = [x * 1000 for x in seconds]
    return {"n": len(ms), "p50": percentile(ms, 50), "p95": percentile(ms, 95)}


# --- the server's CPU, from /proc ----------------------------------------------------------


def cpu_of(pids: list[int]):
    """A function giving the CPU seconds of these processes and all their descendants."""

    def total() -> float:
        seconds = 0.0
        for pid in {p for root in pids for p in descendants(root)}:
            with contextlib.suppress(OSError, IndexError, ValueError):
                seconds += cpu_seconds(pid)
        return seconds

    return total


# --- a cluster from deploy/cluster.py ------------------------------------------------------


@contextlib.contextmanager
def cluster(replicas: int, data: Path, state: Path):
    """nginx plus `replicas` Streamlit replicas on a free loopback port, stopped afterwards;
    yields the URL and the pids of nginx, the supervisor and each replica."""
    port = free_port()
    try:
        status = deploy_cluster.start(replicas, port, data, state)
        pids = [status["nginx"]["pid"], status["supervisor"]["pid"]]
        pids += [replica["pid"] for replica in status["replicas"]]
        yield f"http://127.0.0.1:{port}", [pid for pid in pids if pid]
    finally:
        deploy_cluster.stop(state)


def warm_up(base: str, timeout: float) -> None:
    """Every page once before the window, so the first official does not pay for the data
    load alone (as the browser driver does)."""

    async def visit() -> None:
        for path in PAGES:
            session = WsSession(base, timeout=timeout)
            try:
                _check_page(await session.open(path), path)
            finally:
                await session.close()

    asyncio.run(visit())


def summary(result: dict) -> list[str]:
    def ms(v):
        return "—" if v is None else f"{v:.0f} ms"

    cfg = result["config"]
    lines = [
        f"Baihua load over websockets · {result['date']} · {result['target']}",
        f"{cfg['sessions']} officials, {cfg['seconds']:.0f} s window, arrivals over "
        f"{cfg['ramp']:.0f} s, think {cfg['think']} s (×0.5–1.5), timeout {cfg['timeout']:.0f} s",
        f"load average before {result['loadavg_before']}, after {result['loadavg_after']}",
        f"errors               {len(result['errors'])}"
        f" (sessions opened {result['sessions_opened']})",
        *[f"  {e}" for e in result["errors"][:10]],
    ]
    for name, r in result["actions"].items():
        lines.append(f"{name:20} p50 {ms(r['p50'])}, p95 {ms(r['p95'])}  (n={r['n']})")
    lines.append(
        f"script runs          {result['script_runs_in_window']} in the {cfg['seconds']:.0f} s "
        f"window: {result['reruns_per_s']:.1f} reruns/s ({result['script_runs']} in "
        f"{result['elapsed_s']:.0f} s with the last steps)"
    )
    lines.append(
        f"load driver CPU      {result['driver_cpu_share'] * 100:.0f}% of one core on average"
    )
    cookies = ", ".join(f"{k} × {v}" for k, v in result["cookies"].items())
    lines.append(f"sessions' cookies    {cookies}")
    if "server_cpu_share" in result:
        per_run = result.get("server_cpu_ms_per_run")
        lines.append(
            f"server CPU           {result['server_cpu_share'] * 100:.0f}% of one core on average"
            + (f", {ms(per_run)} per script run (all its processes)" if per_run else "")
        )
    if b := result.get("browsers"):
        lines.append(
            f"real browsers        {b['sessions']} Chromium sessions alongside, {b['rounds']} "
            f"rounds, errors {len(b['errors'])}; until every chart is drawn:"
        )
        lines += [f"  {e}" for e in b["errors"][:5]]
        for name, r in b["actions"].items():
            lines.append(f"  {name:18} p50 {ms(r['p50'])}, p95 {ms(r['p95'])}  (n={r['n']})")
    if r := result.get("server_runs"):
        lines.append(
            f"server script runs   {r['n']}: wall p50 {ms(r['wall_p50'])}, p95 "
            f"{ms(r['wall_p95'])}; CPU p50 {ms(r['cpu_p50'])}, p95 {ms(r['cpu_p95'])}"
        )
    return lines


def save(result: dict, out: Path | None) -> Path:
    out = out or CACHE / f"load-ws-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


# --- a few real browsers alongside: what a person sees under that load --------------------


async def browsers(base: str, count: int, seconds: float, think: float) -> dict:
    """`count` Chromium sessions doing the browser driver's rounds (benchmarks.load) for the
    same window, arriving 2 s apart; their times are what a person sees, drawing included."""
    from playwright.async_api import async_playwright

    from .common import CHROMIUM, CHROMIUM_ARGS
    from .load import ARRIVAL_WAIT_S, WAIT_S, Clock, Session, run_session

    runs = [Session(i) for i in range(count)]
    clock = Clock(deadline=time.monotonic() + seconds)
    clock.started.set()
    async with async_playwright() as pw:
        chromium = await pw.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS + ["--no-proxy-server"], headless=True
        )
        try:
            tasks = [
                asyncio.create_task(run_session(chromium, base, s, clock, think)) for s in runs
            ]
            _, pending = await asyncio.wait(tasks, timeout=seconds + ARRIVAL_WAIT_S + 3 * WAIT_S)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
        finally:
            await chromium.close()
    times = {
        "first_load": [x for s in runs for x in s.first_load],
        "switch": [x for s in runs for x in s.page_ready],
        "filter": [x for s in runs for x in s.filter_update],
        "reset": [x for s in runs for x in s.reset],
    }
    return {
        "sessions": count,
        "errors": [e for s in runs for e in s.errors] + ["cancelled"] * len(pending),
        "rounds": sum(s.rounds for s in runs),
        "actions": {name: _pct(values) for name, values in times.items()},
    }


async def drive_with_browsers(base: str, cfg: Config, cpu, count: int) -> dict:
    if not count:
        return await drive(base, cfg, cpu)
    # Browsers pause 2 s between rounds, as in `make load`: they sample the times often.
    officials, seen = await asyncio.gather(
        drive(base, cfg, cpu), browsers(base, count, cfg.seconds, 2.0)
    )
    officials.pop("server_cpu_ms_per_run", None)  # the browsers' runs are not counted in it
    return {**officials, "browsers": seen}


# --- the command line (python -m benchmarks.load --ws / --cluster) ----------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    ws = parser.add_argument_group("websocket mode (--ws, --cluster)")
    ws.add_argument("--ws", action="store_true", help="simulated officials, no browser")
    ws.add_argument("--cluster", action="store_true", help="against deploy/cluster.py (--ws)")
    ws.add_argument("--replicas", type=int, default=int(os.environ.get("BAIHUA_REPLICAS", 2)))
    ws.add_argument("--url", help="a server or cluster already running on 127.0.0.1")
    ws.add_argument("--ramp", type=float, default=20.0, help="arrivals spread over, s")
    ws.add_argument("--timeout", type=float, default=60.0, help="longest action, s")
    ws.add_argument("--seed", type=int, default=1)
    ws.add_argument(
        "--browsers", type=int, default=0, help="real Chromium sessions alongside, to see times"
    )


@contextlib.contextmanager
def target(args):
    """(base URL, server pids for CPU, serve_timed run log or None, description)."""
    from .common import streamlit_server

    data = Path(os.environ.get("BAIHUA_DATA") or ROOT / "data").resolve()
    if args.url:
        if not args.url.startswith(("http://127.0.0.1", "http://localhost")):
            raise SystemExit("--url must be on loopback (127.0.0.1 or localhost)")
        yield args.url, [], None, f"server at {args.url}"
    elif args.cluster:
        state = CACHE / f"cluster-{os.getpid()}"
        with cluster(args.replicas, data, state) as (base, pids):
            described = f"deploy/cluster.py, nginx + {args.replicas} replica(s); logs in {state}"
            yield base, pids, None, described
    else:
        log = CACHE / f"runs-{os.getpid()}.jsonl"
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text("")
        with streamlit_server(ROOT / "dashboard.py", port=args.port, run_log=log) as app:
            yield app.url, [app.pid], log, "one streamlit server (benchmarks.serve_timed)"


def main(args, parser: argparse.ArgumentParser) -> int:
    from .common import git_state, machine
    from .load import server_runs

    if not 1 <= args.sessions <= 1000:
        parser.error("--sessions must be 1..1000 in websocket mode")
    think = Config.think if args.think is None else args.think
    cfg = Config(args.sessions, args.seconds, think, args.ramp, args.timeout, args.seed)
    result: dict = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "git": git_state(),
        "config": cfg.__dict__,
        "loadavg_before": [round(x, 2) for x in os.getloadavg()],
    }
    with target(args) as (base, pids, log, described):
        result["target"] = described
        for _ in range(args.replicas if args.cluster else 1):
            warm_up(base, cfg.timeout)
        cpu = cpu_of(pids) if pids else None
        result.update(asyncio.run(drive_with_browsers(base, cfg, cpu, args.browsers)))
    if log is not None:
        result["server_runs"] = server_runs(log, result["window"])
    result["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    out = save(result, args.json)
    print("\n".join(summary(result)))
    print(f"raw results in {out}")
    failed = result.get("browsers", {}).get("errors")
    return 1 if result["errors"] or result["cancelled_at_limit"] or failed else 0
