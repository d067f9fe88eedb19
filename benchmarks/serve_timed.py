"""`streamlit run` with a stopwatch: every script run's wall and CPU time, one JSON line each.

    BAIHUA_RUN_LOG=/tmp/runs.jsonl python -m benchmarks.serve_timed dashboard.py [streamlit opts]

The same server as `streamlit run`, except that ScriptRunner._run_script is wrapped to write
{"wall_ms", "cpu_ms", "end"} per run, so a load test can tell the server's share of a page's
time from the browser's. `cpu_ms` is the script thread's own CPU.

With BAIHUA_RUN_PROFILE=DIR as well, each run is profiled with cProfile inside the script
thread, on the thread's CPU clock, and written to DIR/run-NNNN.prof (pstats format), for
benchmarks.rerun_cpu. BAIHUA_LOOP_PROFILE=FILE profiles the event loop's thread the same way,
from the first run on, into one file rewritten after every run.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
import threading
import time


def _loop_profiler(path: str):
    """cProfile on the event loop's thread (the messages' serialising and sending), written
    to `path` after every script run; returned: a function to call after each run."""
    import cProfile

    from streamlit.runtime import Runtime

    profiler = cProfile.Profile(time.thread_time)
    state = {"loop": None}

    def dump() -> None:
        profiler.dump_stats(path)  # stops it: started again at once
        profiler.enable()

    def after_run() -> None:
        if state["loop"] is None:
            state["loop"] = Runtime.instance()._get_async_objs().eventloop
            state["loop"].call_soon_threadsafe(profiler.enable)
        else:
            state["loop"].call_soon_threadsafe(dump)

    return after_run


def install(path: str, profile_dir: str | None = None, loop_profile: str | None = None) -> None:
    from streamlit.runtime.scriptrunner import script_runner

    original = script_runner.ScriptRunner._run_script
    lock = threading.Lock()
    out = open(path, "a", buffering=1, encoding="utf-8")  # noqa: SIM115 (open for the process)
    numbers = itertools.count()
    after_run = _loop_profiler(loop_profile) if loop_profile else None

    def timed(runner, rerun_data):
        profiler = None
        if profile_dir:
            import cProfile

            # The script thread's CPU clock: a wall clock would count the waits for the GIL
            # (each message sent wakes the event loop thread) as the caller's own time.
            profiler = cProfile.Profile(time.thread_time)
            profiler.enable()
        started, cpu = time.perf_counter(), time.thread_time()
        try:
            return original(runner, rerun_data)
        finally:
            record = {
                "wall_ms": (time.perf_counter() - started) * 1000,
                "cpu_ms": (time.thread_time() - cpu) * 1000,
                "end": time.time(),
            }
            if profiler is not None:
                profiler.disable()
                number = next(numbers)
                profiler.dump_stats(os.path.join(profile_dir, f"run-{number:04d}.prof"))
                record["profile"] = number
            with lock:
                out.write(json.dumps(record) + "\n")
            if after_run is not None:
                after_run()

    script_runner.ScriptRunner._run_script = timed


def main() -> None:
    env = os.environ
    install(env["BAIHUA_RUN_LOG"], env.get("BAIHUA_RUN_PROFILE"), env.get("BAIHUA_LOOP_PROFILE"))
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
