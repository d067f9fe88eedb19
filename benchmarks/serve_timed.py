"""`streamlit run` with a stopwatch: every script run's wall and CPU time, one JSON line each.

    BAIHUA_RUN_LOG=/tmp/runs.jsonl python -m benchmarks.serve_timed dashboard.py [streamlit opts]

The same server as `streamlit run`, except that ScriptRunner._run_script is wrapped to write
{"wall_ms", "cpu_ms", "end"} per run, so a load test can tell the server's share of a page's
time from the browser's.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time


def install(path: str) -> None:
    from streamlit.runtime.scriptrunner import script_runner

    original = script_runner.ScriptRunner._run_script
    lock = threading.Lock()
    out = open(path, "a", buffering=1, encoding="utf-8")  # noqa: SIM115 (open for the process)

    def timed(runner, rerun_data):
        started, cpu = time.perf_counter(), time.thread_time()
        try:
            return original(runner, rerun_data)
        finally:
            record = {
                "wall_ms": (time.perf_counter() - started) * 1000,
                "cpu_ms": (time.thread_time() - cpu) * 1000,
                "end": time.time(),
            }
            with lock:
                out.write(json.dumps(record) + "\n")

    script_runner.ScriptRunner._run_script = timed


def main() -> None:
    install(os.environ["BAIHUA_RUN_LOG"])
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
