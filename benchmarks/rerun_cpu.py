"""Server CPU per script run of the real server (`streamlit run`), over a scripted session.

    python -m benchmarks.rerun_cpu [--rounds 2] [--profile] [--top 40] [--json FILE]

One headless Chromium session uses `benchmarks.serve_timed dashboard.py` as an official
would: after one warm-up visit of every page, each round goes through every page in the
sidebar, and on each page switches to it (a click on its link), chooses a town in 镇（街道）
and resets the filters, each step until the page (every chart) is drawn again. Towns rotate,
so some filter changes build charts not seen before. Reported: the script runs of the timed
rounds, their script-thread CPU (median, p95; the issue's "CPU per script run"), the whole
server process's CPU per run over the same window (the event loop sending the messages
included), and the same split by step and by page. `--profile` runs cProfile inside the
script thread of every run and prints the functions that took the most time over the timed
runs (cProfile slows Python code down, so its totals are larger than the unprofiled runs').
Every request goes to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import os
import pstats
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .browser import (
    ARM,
    READY,
    SIDEBAR,
    TOWNS,
    UPDATED,
    Target,
    change_town,
    describe,
    launch,
    navigate,
    new_page,
)
from .common import (
    CACHE,
    ROOT,
    cpu_seconds,
    git_state,
    machine,
    percentile,
    stat_seconds,
    streamlit_server,
)
from .load import RESET_LABEL

WAIT_MS = 60_000


def switch(page, base: str, target: Target) -> None:
    link = page.locator(f'[data-testid="stSidebarNavLink"][href="{base}{target.path}"]')
    link.click(timeout=WAIT_MS)
    page.wait_for_function(READY, arg=[target.plots, target.title], polling=10, timeout=WAIT_MS)


def reset(page) -> None:
    page.evaluate(ARM)
    page.get_by_role("button", name=RESET_LABEL).click(timeout=WAIT_MS)
    page.wait_for_function(UPDATED, polling=10, timeout=WAIT_MS)


def read_runs(log: Path) -> list[dict]:
    return [json.loads(line) for line in log.read_text().splitlines() if line.strip()]


def settle(log: Path, seen: int, quiet_s: float = 0.3) -> int:
    """Wait until no new run has been logged for `quiet_s`; the number of runs logged."""
    count, last_change = len(read_runs(log)), time.monotonic()
    while time.monotonic() - last_change < quiet_s:
        time.sleep(0.05)
        now = len(read_runs(log))
        if now != count:
            count, last_change = now, time.monotonic()
    return max(count, seen)


def thread_cpu(pid: int) -> dict[str, float]:
    """CPU seconds of each live thread of `pid`, by "name tid"."""
    out = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            name = (task / "comm").read_text().strip()
            out[f"{name} {task.name}"] = stat_seconds(task / "stat")
        except OSError:  # the thread ended meanwhile
            continue
    return out


def thread_split(before: dict, after: dict, total: float) -> dict[str, float]:
    """CPU seconds over the window by thread; threads gone by its end (each script run's
    own thread) together as "ended threads"."""
    split = {k: v - before.get(k, 0.0) for k, v in after.items() if v - before.get(k, 0.0) > 0}
    split["ended threads"] = total - sum(split.values())
    return split


@dataclass
class Arm:
    """One server under test and its browser page; several arms take turns, step by step."""

    name: str
    url: str
    pid: int
    log: Path
    page: object = None
    seen: int = 0
    start: int = 0
    cpu_before: float = 0.0
    threads_before: dict = field(default_factory=dict)
    steps: list = field(default_factory=list)  # (step, page, first run, end run)
    errors: list = field(default_factory=list)

    def act(self, step: str, target: Target, town: str) -> None:
        try:
            if step == "switch":
                switch(self.page, self.url, target)
            elif step == "filter":
                change_town(self.page, town, timeout=30)
            else:
                reset(self.page)
        except Exception as exc:  # a time-out: said, and the session goes on from the page
            self.errors.append(f"{target.name} {step} {town}: {describe(self.page)} {exc!s:.80}")
            navigate(self.page, self.url + target.path, target)
        now = settle(self.log, self.seen)
        self.steps.append((step, target.name, self.seen, now))
        self.seen = now

    def result(self, elapsed: float) -> dict:
        process_cpu = cpu_seconds(self.pid) - self.cpu_before
        threads = thread_split(self.threads_before, thread_cpu(self.pid), process_cpu)
        runs = read_runs(self.log)[self.start : self.seen]
        for step, name, first, end in self.steps:
            for run in runs[first - self.start : end - self.start]:
                run["step"], run["target"] = step, name
        return {
            "runs": runs,
            "elapsed_s": elapsed,
            "process_cpu_s": process_cpu,
            "threads": threads,
            "errors": self.errors,
        }


def drive(arms: list[Arm], rounds: int) -> dict[str, dict]:
    """Warm every arm up, then run the rounds, each step on every arm in turn (the order
    alternating), so that the machine's other load falls on each arm alike."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch(pw)
        try:
            for arm in arms:
                _, arm.page = new_page(browser)
                for target in SIDEBAR:  # warm-up: data loaded, unfiltered charts built
                    navigate(arm.page, arm.url + target.path, target)
            for arm in arms:
                arm.seen = arm.start = settle(arm.log, 0)
                arm.cpu_before, arm.threads_before = cpu_seconds(arm.pid), thread_cpu(arm.pid)
            started, turn = time.monotonic(), 0
            for r in range(rounds):
                for i, target in enumerate(SIDEBAR):
                    town = TOWNS[(r * len(SIDEBAR) + i) % len(TOWNS)]
                    for step in ("switch", "filter", "reset"):
                        turn += 1
                        for arm in arms if turn % 2 else arms[::-1]:
                            arm.act(step, target, town)
            elapsed = time.monotonic() - started
            return {arm.name: arm.result(elapsed) for arm in arms}
        finally:
            browser.close()


def figures(runs: list[dict], key: str) -> dict:
    values = [r[key] for r in runs]
    return {
        "n": len(values),
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "mean": sum(values) / len(values) if values else None,
    }


def profile_table(profile_dir: Path, numbers: list[int], top: int) -> str:
    files = [str(profile_dir / f"run-{n:04d}.prof") for n in numbers]
    if not files:
        return ""
    stats = pstats.Stats(files[0])
    for f in files[1:]:
        stats.add(f)
    out = io.StringIO()
    stats.stream = out
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    out.seek(0)
    return out.read()


def summary(result: dict) -> list[str]:
    def ms(v):
        return "—" if v is None else f"{v:.0f} ms"

    def line(label: str, f: dict) -> str:
        return f"{label:28} n={f['n']:3}  p50 {ms(f['p50']):>7}  p95 {ms(f['p95']):>7}"

    m = result["machine"]
    lines = [
        f"Baihua CPU per script run · {result['date']} · {m['nproc']} cores · {m['cpu']}",
        f"load average before {result['loadavg_before']}, after {result['loadavg_after']}; "
        f"{result['rounds']} rounds × {len(SIDEBAR)} pages × (switch, filter, reset)",
    ]
    for name, arm in result["arms"].items():
        runs = arm["runs"]
        lines += [
            f"== {name}: {len(runs)} script runs in {arm['elapsed_s']:.0f} s",
            line("script thread CPU", figures(runs, "cpu_ms")),
            line("script wall", figures(runs, "wall_ms")),
            f"{'server process CPU per run':28} {arm['process_cpu_s'] * 1000 / len(runs):.0f} ms "
            f"(mean, all threads, over the window)",
            *[f"  error: {e}" for e in arm.get("errors", [])],
        ]
        for thread, seconds in sorted(arm["threads"].items(), key=lambda kv: -kv[1])[:3]:
            lines.append(f"  thread {thread[:22]:22} {seconds * 1000 / len(runs):5.0f} ms per run")
        for step in ("switch", "filter", "reset"):
            chosen = [r for r in runs if r.get("step") == step]
            lines.append(line(f"  CPU, {step}", figures(chosen, "cpu_ms")))
        for target in SIDEBAR:
            chosen = [r for r in runs if r.get("target") == target.name]
            lines.append(line(f"  CPU, {target.name}", figures(chosen, "cpu_ms")))
    return lines


def checkout(rev: str) -> Path:
    """The repository's files at `rev` (git archive) in a temporary folder, for --base."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", rev], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()
    folder = CACHE / f"base-{commit}"
    if not (folder / "dashboard.py").exists():
        folder.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(
            ["git", "archive", commit], cwd=ROOT, check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="server CPU per script run (loopback only)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--base", help="also a server of this commit's code (git archive), step by step in turn"
    )
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--loop-profile", action="store_true", help="cProfile the event loop's thread too"
    )
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--from-json", type=Path, help="print the table of an earlier run")
    args = parser.parse_args(argv)
    if args.from_json:
        print("\n".join(summary(json.loads(args.from_json.read_text(encoding="utf-8")))))
        return 0
    git = git_state()
    result: dict = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "git": git,
        "rounds": args.rounds,
        "loadavg_before": [round(x, 2) for x in os.getloadavg()],
    }
    CACHE.mkdir(parents=True, exist_ok=True)
    code = {f"this ({git.get('commit')}{'+' if git.get('dirty') else ''})": ROOT}
    if args.base:
        code[f"base ({args.base})"] = checkout(args.base)
    profiles: dict[str, Path] = {}
    loops: dict[str, Path] = {}
    with contextlib.ExitStack() as stack:
        arms = []
        for i, (name, folder) in enumerate(code.items()):
            log = CACHE / f"rerun-cpu-{os.getpid()}-{i}.jsonl"
            log.write_text("")
            # The folder's own src first: the editable install may point at another checkout.
            env = {"PYTHONPATH": os.pathsep.join([str(folder / "src"), str(ROOT)])}
            if args.profile:
                profiles[name] = Path(tempfile.mkdtemp(prefix="rerun-prof-", dir=CACHE))
                env["BAIHUA_RUN_PROFILE"] = str(profiles[name])
            if args.loop_profile:
                env["BAIHUA_LOOP_PROFILE"] = str(CACHE / f"loop-{os.getpid()}-{i}.prof")
                loops[name] = Path(env["BAIHUA_LOOP_PROFILE"])
            app = stack.enter_context(
                streamlit_server(folder / "dashboard.py", env=env, run_log=log)
            )
            arms.append(Arm(name, app.url, app.pid, log))
        result["arms"] = drive(arms, args.rounds)
    result["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    out = args.json or CACHE / f"rerun-cpu-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print("\n".join(summary(result)))
    for name, folder in profiles.items():
        numbers = [r["profile"] for r in result["arms"][name]["runs"] if "profile" in r]
        print(f"== profile of {name}\n" + profile_table(folder, numbers, args.top))
    for name, path in loops.items():
        if path.exists():
            stats, text = pstats.Stats(str(path), stream=io.StringIO()), io.StringIO()
            stats.stream = text
            stats.sort_stats("cumulative").print_stats(args.top)
            print(f"== event loop of {name} (from the first run on)\n" + text.getvalue())
    print(f"raw results in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
