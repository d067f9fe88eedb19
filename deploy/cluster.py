#!/usr/bin/env python3
"""Baihua on one host the way it runs in production: nginx in front of N Streamlit replicas that
read one library.

    python deploy/cluster.py start [--replicas N] [--port P] [--data DIR] [--state-dir .cluster]
    python deploy/cluster.py stop [--keep-nginx]    # --keep-nginx: replicas down, nginx up
    python deploy/cluster.py start-replicas         # the replicas again, under that nginx
    python deploy/cluster.py status                 # JSON: nginx, supervisor, each replica
    python deploy/cluster.py restart-rolling        # one replica at a time, drained first
    python deploy/cluster.py config --replica HOST:PORT … [--listen 80]   # nginx.conf for hosts

Defaults come from BAIHUA_REPLICAS (2), CLUSTER_PORT (8080) and BAIHUA_DATA (data). `start`
returns once nginx answers and every replica's /_stcore/health says ok. Everything it runs is
recorded in the state folder: cluster.json (ports, library), the pid files of nginx, of the
supervisor and of each replica, the generated nginx.conf, logs/ and the shared cookie secret.

The supervisor is a small background process (`cluster.py supervise`) that owns the replicas:
it restarts one that exits, and one whose /_stcore/health has failed for 30 s on end. nginx is
the Debian package, run as the current user with `nginx -c <state>/nginx.conf -p <state>`.

Only the standard library is used: the load driver in benchmarks/ imports this module too.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
TEMPLATE = DEPLOY / "nginx.conf"
DEFAULT_STATE = ".cluster"
FIRST_REPLICA_PORT = 8501
START_TIMEOUT = 150.0  # two replicas starting at once on two busy cores take ~10-40 s
POLL = 0.5  # the supervisor's round: exit check every round, health every other round
# A replica that answers no health check for this long is restarted (not sooner: under heavy
# load a page run is slow); BAIHUA_UNHEALTHY_AFTER overrides it (the tests use a few seconds).
UNHEALTHY_AFTER = float(os.environ.get("BAIHUA_UNHEALTHY_AFTER") or 30.0)
START_GRACE = 120.0  # …counted from its start once it has answered, or this long after start


# --- the replicas and the nginx configuration ------------------------------------------------


@dataclass(frozen=True)
class Replica:
    index: int
    host: str
    port: int

    @property
    def name(self) -> str:
        return f"r{self.index}"

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def origin(self) -> str:
        return f"http://{self.address}"


def _server_line(replica: Replica, down: set[int], backup: bool = False) -> str:
    flags = " backup" if backup else " max_fails=1 fail_timeout=5s"
    return f"        server {replica.address}{flags}{' down' if replica.index in down else ''};"


def _upstreams(replicas: list[Replica], down: set[int]) -> str:
    blocks = [
        "    upstream baihua_any {\n        least_conn;\n"
        + "\n".join(_server_line(r, down) for r in replicas)
        + "\n        keepalive 16;\n    }"
    ]
    for own in replicas:
        lines = [_server_line(own, down)]
        lines += [_server_line(r, down, backup=True) for r in replicas if r != own]
        blocks.append(
            f"    upstream baihua_{own.name} {{\n"
            + "\n".join(lines)
            + "\n        keepalive 8;\n    }"
        )
    return "\n".join(blocks)


def _served_by(replica: Replica) -> str:
    pattern = replica.address.replace(".", r"\.")
    return f'        "~(^|, ){pattern}$" {replica.name};'


def render_config(
    replicas: list[Replica],
    listen: str,
    state: Path,
    html: Path = DEPLOY,
    down: set[int] | frozenset[int] = frozenset(),
    user: str | None = None,
) -> str:
    """deploy/nginx.conf with its fields filled; `down` replicas are drained (marked down).
    `user` runs the workers (nginx as root); None: the current user when root, else none."""
    down = set(down)
    if user is None and os.geteuid() == 0:  # else nginx's workers run as nobody
        import pwd

        user = pwd.getpwuid(os.getuid()).pw_name
    fields = {
        "@@USER@@": f"user {user};" if user else "",
        "@@STATE@@": str(state),
        "@@HTML@@": str(html),
        "@@LISTEN@@": listen,
        "@@UPSTREAMS@@": _upstreams(replicas, down),
        "@@ROUTES@@": "\n".join(f"        {r.name} baihua_{r.name};" for r in replicas),
        "@@SERVED_BY@@": "\n".join(_served_by(r) for r in replicas),
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    for field, value in fields.items():
        text = text.replace(field, value)
    return text


# --- small process helpers -------------------------------------------------------------------


def _nginx() -> str:
    found = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if not found:
        raise ClusterError(
            "nginx is not installed. Install the Debian package: sudo apt-get install nginx"
            " (make cluster does it when run as root)"
        )
    return found


class ClusterError(RuntimeError):
    """A plain-worded reason why the cluster could not start or stop."""


def _read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text().strip())
    except (OSError, ValueError):
        return None


def _alive(pid: int | None, marker: str) -> bool:
    """The process exists and its command line names `marker` (a recycled pid is not ours)."""
    if not pid:
        return False
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    zombie = stat.rsplit(")", 1)[-1].split()[0] == "Z"
    return not zombie and marker.encode() in cmdline


def _wait_gone(pid: int, marker: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid, marker):
            return True
        time.sleep(0.1)
    return not _alive(pid, marker)


def _end(pid: int | None, marker: str, group: bool = False, timeout: float = 15.0) -> None:
    """SIGTERM, then SIGKILL after `timeout`; `group`: the whole process group of `pid`."""
    if not _alive(pid, marker):
        return
    send = os.killpg if group else os.kill
    with contextlib.suppress(ProcessLookupError, PermissionError):
        send(pid, signal.SIGTERM)
    if not _wait_gone(pid, marker, timeout):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            send(pid, signal.SIGKILL)
        _wait_gone(pid, marker, 5)


def _get(url: str, timeout: float = 2.0) -> tuple[int, str, dict]:
    """(status, body, headers) of a GET, never through a proxy from the environment."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=timeout) as response:
            body = response.read().decode("utf-8", "replace")
            return response.status, body, dict(response.headers)
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace"), dict(err.headers)


def healthy(origin: str, timeout: float = 2.0) -> bool:
    try:
        status, body, _ = _get(origin + "/_stcore/health", timeout)
    except OSError:
        return False
    return status == 200 and body.strip() == "ok"


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _replica_ports(n: int, first: int) -> list[int]:
    """first, first+1, … where free (another port when one is taken); first=0: any free ports."""
    ports: list[int] = []
    for i in range(n):
        wanted = first + i if first else 0
        port = wanted if wanted and _port_free(wanted) else free_port()
        while port in ports:
            port = free_port()
        ports.append(port)
    return ports


def _streamlit() -> list[str]:
    for candidate in (Path(sys.executable).parent / "streamlit", ROOT / ".venv/bin/streamlit"):
        if candidate.exists():
            return [str(candidate)]
    return [sys.executable, "-m", "streamlit"]


# --- the state folder ------------------------------------------------------------------------


class State:
    """Paths in the state folder (.cluster/ by default), and the cluster recorded there."""

    def __init__(self, folder: str | Path = DEFAULT_STATE):
        self.dir = Path(folder).resolve()
        self.logs = self.dir / "logs"
        self.conf = self.dir / "nginx.conf"
        self.record = self.dir / "cluster.json"
        self.nginx_pid = self.dir / "nginx.pid"
        self.supervisor_pid = self.dir / "supervisor.pid"
        self.drain = self.dir / "drain.json"
        self.secret = self.dir / "cookie_secret"

    def replica_pid(self, index: int) -> Path:
        return self.dir / f"replica-{index}.pid"

    def load(self) -> dict:
        try:
            return json.loads(self.record.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise ClusterError(f"no cluster recorded in {self.dir} (start it first)") from err

    def replicas(self) -> list[Replica]:
        return [Replica(i, "127.0.0.1", port) for i, port in enumerate(self.load()["ports"])]

    def cookie_secret(self) -> str:
        """One secret for every replica, made once: an XSRF token or a sign-in cookie signed by
        one replica is accepted by the others (a session moved by a failover keeps working)."""
        if not self.secret.exists():
            self.secret.write_text(secrets.token_hex(32))
            self.secret.chmod(0o600)
        return self.secret.read_text().strip()

    def write_config(self) -> None:
        down = set(json.loads(self.drain.read_text())) if self.drain.exists() else set()
        listen = f"127.0.0.1:{self.load()['port']}"
        self.conf.write_text(render_config(self.replicas(), listen, self.dir, DEPLOY, down))


# --- nginx -----------------------------------------------------------------------------------


def _nginx_cmd(state: State, *extra: str) -> list[str]:
    error_log = str(state.dir / "nginx-error.log")
    return [_nginx(), "-c", str(state.conf), "-p", str(state.dir), "-e", error_log, *extra]


def _run_nginx(state: State, *extra: str) -> None:
    run = subprocess.run(_nginx_cmd(state, *extra), capture_output=True, text=True, timeout=30)
    if run.returncode != 0:
        raise ClusterError(f"nginx {' '.join(extra)} failed:\n{run.stderr.strip()}")


def _reload_nginx(state: State) -> None:
    """New workers read the new configuration; the old ones finish what they were serving."""
    state.write_config()
    _run_nginx(state, "-t", "-q")
    pid = _read_pid(state.nginx_pid)
    if not _alive(pid, "nginx"):
        raise ClusterError("nginx is not running")
    os.kill(pid, signal.SIGHUP)
    time.sleep(1.0)  # the master starts new workers within milliseconds; leave it a margin


# --- start, stop, status ---------------------------------------------------------------------


def start(
    replicas: int | None = None,
    port: int | None = None,
    data: str | Path | None = None,
    state_dir: str | Path = DEFAULT_STATE,
    first_replica_port: int = FIRST_REPLICA_PORT,
    timeout: float = START_TIMEOUT,
) -> dict:
    """Start nginx and the supervisor (which starts the replicas); return status() once
    nginx answers and every replica is healthy. first_replica_port=0: any free ports."""
    replicas = replicas or int(os.environ.get("BAIHUA_REPLICAS") or 2)
    port = port or int(os.environ.get("CLUSTER_PORT") or 8080)
    data = Path(data or os.environ.get("BAIHUA_DATA") or ROOT / "data")
    data = (data if data.is_absolute() else ROOT / data).resolve()
    state = State(state_dir)
    _check_can_start(state, replicas, port, data)
    for folder in (state.dir, state.logs):
        folder.mkdir(parents=True, exist_ok=True)
    state.drain.unlink(missing_ok=True)
    record = {
        "port": port,
        "data": str(data),
        "ports": _replica_ports(replicas, first_replica_port),
    }
    state.record.write_text(json.dumps(record, indent=2))
    state.cookie_secret()
    state.write_config()
    _run_nginx(state, "-t", "-q")
    _spawn_supervisor(state)
    _run_nginx(state)
    try:
        _wait_ready(state, timeout)
    except ClusterError:
        stop(state.dir)
        raise
    return status(state.dir)


def start_replicas(state_dir: str | Path = DEFAULT_STATE, timeout: float = START_TIMEOUT) -> dict:
    """Bring the replicas back under a running nginx (after `stop --keep-nginx`)."""
    state = State(state_dir)
    if _alive(_read_pid(state.supervisor_pid), "cluster.py"):
        raise ClusterError("the replicas are already running")
    if not _alive(_read_pid(state.nginx_pid), "nginx"):
        raise ClusterError("nginx is not running: use start")
    _spawn_supervisor(state)
    _wait_ready(state, timeout)
    return status(state.dir)


def _check_can_start(state: State, replicas: int, port: int, data: Path) -> None:
    _nginx()
    if replicas < 1:
        raise ClusterError("BAIHUA_REPLICAS must be at least 1")
    if _alive(_read_pid(state.supervisor_pid), "cluster.py") or _alive(
        _read_pid(state.nginx_pid), "nginx"
    ):
        raise ClusterError(f"a cluster is already running from {state.dir}: stop it first")
    if not data.is_dir():
        raise ClusterError(f"the library {data} does not exist")
    if not _port_free(port):
        raise ClusterError(f"port {port} is taken: set CLUSTER_PORT to a free port")


def _spawn_supervisor(state: State) -> None:
    with (state.logs / "supervisor.log").open("ab") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                str(Path(__file__).resolve()),
                "supervise",
                "--state-dir",
                str(state.dir),
            ],
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    state.supervisor_pid.write_text(str(process.pid))
    # Until it has exec'd, the child's command line is still ours: wait for its own.
    deadline = time.monotonic() + 30
    while not _alive(process.pid, "cluster.py") and time.monotonic() < deadline:
        if process.poll() is not None:
            raise ClusterError(f"the supervisor exited; see {state.logs}/supervisor.log")
        time.sleep(0.05)


def _wait_ready(state: State, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    origin = f"http://127.0.0.1:{state.load()['port']}"
    while time.monotonic() < deadline:
        if not _alive(_read_pid(state.supervisor_pid), "cluster.py"):
            raise ClusterError(f"the supervisor stopped; see {state.logs}/supervisor.log")
        if all(healthy(r.origin) for r in state.replicas()) and healthy(origin):
            return
        time.sleep(0.25)
    raise ClusterError(
        f"the cluster did not answer within {timeout:.0f}s; logs in {state.logs}:\n"
        + _log_tails(state)
    )


def _log_tails(state: State, lines: int = 15) -> str:
    out = []
    for log in sorted(state.logs.glob("*.log")) + [state.dir / "nginx-error.log"]:
        with contextlib.suppress(OSError):
            tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
            out.append(f"--- {log.name}\n" + "\n".join(tail))
    return "\n".join(out)


def stop(state_dir: str | Path = DEFAULT_STATE, keep_nginx: bool = False) -> None:
    """Stop the supervisor and the replicas, then nginx (unless keep_nginx)."""
    state = State(state_dir)
    _end(_read_pid(state.supervisor_pid), "cluster.py", timeout=30)
    for pid_file in state.dir.glob("replica-*.pid"):  # left by a supervisor that was killed
        _end(_read_pid(pid_file), "streamlit", group=True)
        pid_file.unlink(missing_ok=True)
    state.supervisor_pid.unlink(missing_ok=True)
    if not keep_nginx:
        _end(_read_pid(state.nginx_pid), "nginx")
        state.nginx_pid.unlink(missing_ok=True)


def status(state_dir: str | Path = DEFAULT_STATE) -> dict:
    state = State(state_dir)
    record = state.load()
    nginx_pid = _read_pid(state.nginx_pid)
    replicas = []
    for r in state.replicas():
        pid = _read_pid(state.replica_pid(r.index))
        replicas.append(
            {
                "name": r.name,
                "port": r.port,
                "origin": r.origin,
                "pid": pid,
                "alive": _alive(pid, "streamlit"),
                "healthy": healthy(r.origin, timeout=1.0),
            }
        )
    return {
        "url": f"http://127.0.0.1:{record['port']}",  # nginx listens on IPv4 loopback only
        "port": record["port"],
        "data": record["data"],
        "state_dir": str(state.dir),
        "nginx": {
            "pid": nginx_pid,
            "alive": _alive(nginx_pid, "nginx"),
            "access_log": str(state.dir / "nginx-access.log"),
        },
        "supervisor": {
            "pid": _read_pid(state.supervisor_pid),
            "alive": _alive(_read_pid(state.supervisor_pid), "cluster.py"),
        },
        "replicas": replicas,
    }


def restart_rolling(state_dir: str | Path = DEFAULT_STATE, timeout: float = START_TIMEOUT) -> None:
    """Restart the replicas one at a time: drain one in nginx (marked down, reload), stop it,
    let the supervisor start it again, wait for its health, put it back; then the next."""
    state = State(state_dir)
    if not _alive(_read_pid(state.supervisor_pid), "cluster.py"):
        raise ClusterError("the supervisor is not running: start the cluster first")
    try:
        for replica in state.replicas():
            state.drain.write_text(json.dumps([replica.index]))
            _reload_nginx(state)
            old = _read_pid(state.replica_pid(replica.index))
            _end(old, "streamlit", group=True)
            _wait_restarted(state, replica, old, timeout)
    finally:
        state.drain.unlink(missing_ok=True)
        _reload_nginx(state)


def _wait_restarted(state: State, replica: Replica, old: int | None, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pid = _read_pid(state.replica_pid(replica.index))
        if pid != old and _alive(pid, "streamlit") and healthy(replica.origin):
            return
        time.sleep(0.25)
    raise ClusterError(f"replica {replica.name} did not come back within {timeout:.0f}s")


# --- the supervisor --------------------------------------------------------------------------


class Supervisor:
    """Starts every replica and keeps them running; on SIGTERM stops them and exits."""

    def __init__(self, state: State):
        self.state = state
        self.record = state.load()
        self.replicas = state.replicas()
        self.processes: dict[int, subprocess.Popen] = {}
        self.started: dict[int, float] = {}
        self.last_ok: dict[int, float] = {}
        self.quick_deaths: dict[int, int] = {}
        self.stopping = False

    def log(self, message: str) -> None:
        print(time.strftime("%Y-%m-%d %H:%M:%S"), message, flush=True)

    def spawn(self, replica: Replica) -> None:
        env = dict(os.environ)
        env.update(
            BAIHUA_DATA=self.record["data"],
            STREAMLIT_SERVER_HEADLESS="true",
            STREAMLIT_SERVER_COOKIE_SECRET=self.state.cookie_secret(),
        )
        env.pop("STREAMLIT_SERVER_PORT", None)
        command = [
            *_streamlit(), "run", "dashboard.py",
            "--server.port", str(replica.port), "--server.address", replica.host,
        ]  # fmt: skip
        with (self.state.logs / f"replica-{replica.index}.log").open("ab") as log:
            process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        self.processes[replica.index] = process
        self.started[replica.index] = time.monotonic()
        self.last_ok.pop(replica.index, None)
        self.state.replica_pid(replica.index).write_text(str(process.pid))
        self.log(f"replica {replica.name} started on {replica.address}, pid {process.pid}")

    def check(self, replica: Replica, probe: bool) -> None:
        process = self.processes[replica.index]
        now = time.monotonic()
        if process.poll() is not None:
            self.log(f"replica {replica.name} exited with code {process.returncode}")
            self.restart(replica, quick=now - self.started[replica.index] < 10)
            return
        if not probe:
            return
        if healthy(replica.origin, timeout=2.0):
            self.last_ok[replica.index] = now
            self.quick_deaths[replica.index] = 0
            return
        since = self.last_ok.get(replica.index)
        if (since and now - since > UNHEALTHY_AFTER) or (
            since is None and now - self.started[replica.index] > START_GRACE
        ):
            self.log(f"replica {replica.name} failed its health checks: restarting it")
            _end(process.pid, "streamlit", group=True, timeout=3)  # a hung one ignores SIGTERM
            process.wait(timeout=10)
            self.restart(replica, quick=False)

    def restart(self, replica: Replica, quick: bool) -> None:
        deaths = self.quick_deaths.get(replica.index, 0) + 1 if quick else 0
        self.quick_deaths[replica.index] = deaths
        if deaths > 1:  # it dies as soon as it starts: do not spin, wait longer each time
            self.sleep(min(2.0**deaths, 30.0))
        if not self.stopping:
            self.spawn(replica)

    def sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(0.1)

    def run(self) -> None:
        signal.signal(signal.SIGTERM, self.on_term)
        signal.signal(signal.SIGINT, self.on_term)
        for replica in self.replicas:
            self.spawn(replica)
        rounds = 0
        while not self.stopping:
            for replica in self.replicas:
                if not self.stopping:
                    self.check(replica, probe=rounds % 2 == 0)
            rounds += 1
            self.sleep(POLL)
        self.shutdown()

    def on_term(self, signum, frame) -> None:
        self.stopping = True

    def shutdown(self) -> None:
        for index, process in self.processes.items():
            _end(process.pid, "streamlit", group=True)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=5)
            self.state.replica_pid(index).unlink(missing_ok=True)
        self.log("supervisor stopped")


# --- command line ----------------------------------------------------------------------------


def config_for_hosts(
    replicas: list[str], listen: str, state: str, html: str, user: str = "www-data"
) -> str:
    """nginx.conf for replicas on several hosts (`config --replica HOST:PORT …`)."""
    import ipaddress

    parsed = []
    for i, text in enumerate(replicas):
        host, _, port = text.rpartition(":")
        try:
            ipaddress.IPv4Address(host)
        except ValueError as err:
            # nginx names the replica that answered by its address ($upstream_addr), which is
            # what the sticky cookie holds: a host name would never match it.
            raise ClusterError(f"give each replica as IPv4:PORT, not {text!r}") from err
        parsed.append(Replica(i, host, int(port)))
    return render_config(parsed, listen, Path(state), Path(html), user=user)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    begin = sub.add_parser("start", help="start nginx and the replicas")
    begin.add_argument("--replicas", type=int, default=None)
    begin.add_argument("--port", type=int, default=None)
    begin.add_argument("--data", default=None)
    begin.add_argument(
        "--first-replica-port", type=int, default=FIRST_REPLICA_PORT,
        help="replicas listen on this port and the next ones (0: any free ports)",
    )  # fmt: skip
    end = sub.add_parser("stop", help="stop the replicas and nginx")
    end.add_argument("--keep-nginx", action="store_true", help="stop only the replicas")
    sub.add_parser("start-replicas", help="start the replicas again under a running nginx")
    sub.add_parser("status", help="print the cluster's state as JSON")
    sub.add_parser("restart-rolling", help="restart the replicas one at a time")
    sub.add_parser("supervise", help=argparse.SUPPRESS)
    conf = sub.add_parser("config", help="print an nginx.conf for replicas on several hosts")
    conf.add_argument("--replica", action="append", required=True, metavar="HOST:PORT")
    conf.add_argument("--listen", default="80")
    conf.add_argument("--state", default="/var/lib/nginx/baihua")
    conf.add_argument("--html", default="/usr/share/nginx/baihua")
    conf.add_argument("--user", default="www-data", help="nginx's worker user (Debian: www-data)")
    for command in sub.choices.values():
        command.add_argument("--state-dir", default=DEFAULT_STATE)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "start":
            out = start(
                args.replicas, args.port, args.data, args.state_dir, args.first_replica_port
            )
            print(json.dumps(out, indent=2, ensure_ascii=False))
            n = len(out["replicas"])
            print(f"Baihua is served at http://localhost:{out['port']} by {n} replicas.")
        elif args.command == "stop":
            stop(args.state_dir, keep_nginx=args.keep_nginx)
        elif args.command == "start-replicas":
            start_replicas(args.state_dir)
        elif args.command == "status":
            print(json.dumps(status(args.state_dir), indent=2, ensure_ascii=False))
        elif args.command == "restart-rolling":
            restart_rolling(args.state_dir)
        elif args.command == "supervise":
            Supervisor(State(args.state_dir)).run()
        elif args.command == "config":
            text = config_for_hosts(args.replica, args.listen, args.state, args.html, args.user)
            print(text, end="")
    except ClusterError as err:
        print(f"cluster: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
