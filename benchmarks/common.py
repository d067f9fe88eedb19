"""What the benchmarks share: paths, statistics, a Streamlit server on a free loopback port,
and the process memory and CPU time read from /proc."""

from __future__ import annotations

import contextlib
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
STREAMLIT = str(Path(sys.executable).with_name("streamlit"))
HOST = "127.0.0.1"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
CACHE = Path(tempfile.gettempdir()) / "baihua-bench"


def stats(values: list[float]) -> dict:
    """Median, min and max (None when nothing was measured)."""
    if not values:
        return {"n": 0, "median": None, "min": None, "max": None}
    return {
        "n": len(values),
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
    }


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile, q in 0..100."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float | None:
    """Resident memory of one process (VmRSS), in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def pss_mb(pid: int) -> float:
    """Proportional set size (shared pages split among their users), in MB."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return 0.0
    return 0.0


def descendants(pid: int) -> set[int]:
    """`pid` and every process below it (children of any of its threads, and theirs)."""
    found, todo = {pid}, [pid]
    while todo:
        for task in Path(f"/proc/{todo.pop()}/task").glob("*"):
            with contextlib.suppress(OSError):
                for kid in map(int, (task / "children").read_text().split()):
                    if kid not in found:
                        found.add(kid)
                        todo.append(kid)
    return found


def children_pss_mb(pid: int) -> float:
    """Memory of every descendant (kaleido's Chromium), as PSS: Chromium's processes share
    most of their pages, so adding up their RSS would count them many times over."""
    return sum(pss_mb(kid) for kid in descendants(pid) - {pid})


def stat_seconds(stat: Path) -> float:
    """User + system CPU seconds in a /proc stat file (a process's, or one thread's)."""
    fields = stat.read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process so far."""
    return stat_seconds(Path(f"/proc/{pid}/stat"))


def machine() -> dict:
    mem_kb = 0
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "nproc": os.cpu_count(),
        "memory_gib": round(mem_kb / 2**20, 1),
        "cpu": cpu,
        "python": platform.python_version(),
        "kernel": platform.release(),
    }


def versions() -> dict:
    from importlib.metadata import version

    out = {}
    for name in ("streamlit", "plotly", "pandas", "kaleido", "playwright"):
        with contextlib.suppress(Exception):
            out[name] = version(name)
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        out["chromium"] = subprocess.run(
            [CHROMIUM, "--version"], capture_output=True, text=True, timeout=20
        ).stdout.strip()
    return out


def git_state() -> dict:
    def git(*args: str) -> str:
        try:
            return subprocess.run(
                ["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=20
            ).stdout
        except (OSError, subprocess.SubprocessError):
            return ""

    dirty = [line[3:] for line in git("status", "--porcelain").splitlines() if line.strip()]
    return {"commit": git("rev-parse", "--short", "HEAD").strip(), "dirty": dirty}


@dataclass
class Server:
    """A `streamlit run` child process on a free loopback port."""

    proc: subprocess.Popen
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def pid(self) -> int:
        return self.proc.pid

    def rss(self) -> float | None:
        return rss_mb(self.proc.pid)


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
            return resp.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def streamlit_server(
    script: Path,
    port: int | None = None,
    env: dict | None = None,
    timeout: float = 60,
    run_log: Path | None = None,
) -> Iterator[Server]:
    """Start `streamlit run script` on 127.0.0.1 and stop it (this process only) afterwards.

    With `run_log`, the server is benchmarks.serve_timed: the same, plus one line per script
    run with its wall and CPU time.
    """
    port = port or free_port()
    CACHE.mkdir(parents=True, exist_ok=True)
    log = CACHE / f"server-{script.stem}-{port}.log"
    full_env = {**os.environ, **(env or {})}
    full_env.setdefault("BAIHUA_DATA", str(ROOT / "data"))
    if run_log is not None:
        full_env["BAIHUA_RUN_LOG"] = str(run_log)
    command = [PY, "-m", "benchmarks.serve_timed"] if run_log else [STREAMLIT, "run"]
    args = [
        *command,
        str(script),
        "--server.address",
        HOST,
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    with log.open("w") as out:
        proc = subprocess.Popen(args, cwd=ROOT, env=full_env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(proc, port, log)
    try:
        deadline = time.monotonic() + timeout
        while not _healthy(server.url):
            if proc.poll() is not None:
                raise RuntimeError(f"streamlit exited early; see {log}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not answer within {timeout} s; see {log}")
            time.sleep(0.2)
        yield server
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)


def run_worker(module: str, args: list[str], timeout: float, env: dict | None = None) -> dict:
    """Run `python -m module args` in a fresh process; its last stdout line is JSON."""
    full_env = {**os.environ, **(env or {})}
    try:
        done = subprocess.run(
            [PY, "-m", module, *args],
            cwd=ROOT,
            env=full_env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as exc:
        return {"error": f"timed out after {timeout:.0f} s", "stderr": str(exc.stderr)[-2000:]}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"error": f"exit {done.returncode}", "stderr": done.stderr[-3000:]}
    return json.loads(lines[-1])
