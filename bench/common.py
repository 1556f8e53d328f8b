"""Shared pieces of the benchmark scripts: databases, the app, a gunicorn server, the machine."""

from __future__ import annotations

import contextlib
import json
import os
import platform
import re
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
RESULTS = os.path.join(BENCH, "results")
PYTHON = sys.executable
BENCH_INSTANCE = os.environ.get("BENCH_INSTANCE", os.path.join(tempfile.gettempdir(),
                                                               "homeward-bench"))
SQLITE_URL = "sqlite:///" + os.path.join(BENCH_INSTANCE, "bench.db")
PG_URL = os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/homeward_bench")
SECRET_KEY = "homeward-bench-secret-not-for-production"
PASSWORD = "bench-password"
# Base32, only for the seeded bench therapists (used if sign-in asks for a second factor).
TOTP_SECRET = "HOMEWARDBENCHTOTPSECRETKEY234567"


def bench_env(url: str, **extra) -> dict:
    """The environment every benchmark process runs the app with."""
    os.makedirs(BENCH_INSTANCE, exist_ok=True)
    env = dict(os.environ)
    env.update({"DATABASE_URL": url, "SECRET_KEY": SECRET_KEY, "HOMEWARD_INSTANCE": BENCH_INSTANCE,
                "PYTHONPATH": ROOT, "HOMEWARD_ENV": "development"})
    env.update({k: str(v) for k, v in extra.items()})
    return env


def engine(url: str) -> str:
    """'sqlite' or 'postgresql'."""
    return "sqlite" if url.startswith("sqlite") else "postgresql"


def ensure_pg_database(url: str) -> None:
    """Create the PostgreSQL database named in url (via the `postgres` database) if missing."""
    import psycopg
    from playhouse.db_url import parse

    params = parse(url)
    name = params.pop("database")
    params.pop("autorollback", None)
    if "password" in params and params["password"] is None:
        params.pop("password")
    conn = psycopg.connect(dbname="postgres", autocommit=True, **params)
    try:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        conn.close()


def reset_database(url: str) -> None:
    """An empty database at url: a new SQLite file, or an emptied PostgreSQL schema."""
    if engine(url) == "sqlite":
        path = url[len("sqlite:///"):]
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.remove(path + suffix)
        return
    ensure_pg_database(url)
    import psycopg
    from playhouse.db_url import parse

    params = parse(url)
    name = params.pop("database")
    conn = psycopg.connect(dbname=name, autocommit=True,
                           **{k: v for k, v in params.items() if v is not None})
    try:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")
    finally:
        conn.close()


def make_app(url: str):
    """The Homeward app bound to url (for scripts that write or read through the models)."""
    os.environ.update({k: v for k, v in bench_env(url).items() if k != "PYTHONPATH"})
    if ROOT not in sys.path:
        sys.path.insert(0, ROOT)
    from app import create_app

    return create_app({"DATABASE_URL": url, "SECRET_KEY": SECRET_KEY,
                       "PUSH_ALLOWED_HOSTS": "127.0.0.1,localhost"})


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def procfile_web() -> list[str]:
    """The Procfile's web command as argv, with its ${VAR:-default}s resolved (no env)."""
    with open(os.path.join(ROOT, "Procfile")) as fh:
        line = next(line for line in fh if line.startswith("web:"))
    command = line.split(":", 1)[1].strip()
    command = re.sub(r"\$\{(\w+):-([^}]*)\}", lambda m: os.environ.get(m.group(1), m.group(2)),
                     command)
    return shlex.split(command)


def gunicorn_argv(app_spec: str, port: int) -> list[str]:
    """The Procfile's gunicorn settings (workers, threads, logging) bound to 127.0.0.1:port."""
    argv = procfile_web()
    out, skip = [], False
    for i, arg in enumerate(argv):
        if skip:
            skip = False
            continue
        if arg == "--bind":
            out += ["--bind", f"127.0.0.1:{port}"]
            skip = True
        elif i == len(argv) - 1 and not arg.startswith("-"):
            out.append(app_spec)
        else:
            out.append(arg)
    out[0] = os.path.join(os.path.dirname(PYTHON), "gunicorn")
    return out


def server_settings() -> dict:
    """Workers and threads of the Procfile's web process, as the load test runs them."""
    argv = procfile_web()
    get = lambda flag: argv[argv.index(flag) + 1] if flag in argv else "?"  # noqa: E731
    return {"workers": get("--workers"), "threads": get("--threads"),
            "access_log": "--access-logfile" in argv}


class Server:
    """A gunicorn server started with the Procfile's settings; a context manager."""

    def __init__(self, app_spec: str, url: str, health: str = "/healthz", **env):
        self.port = free_port()
        self.app_spec, self.health = app_spec, health
        self.env = bench_env(url, **env)
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = None

    def __enter__(self):
        self.log = open(os.path.join(BENCH_INSTANCE, f"gunicorn-{self.port}.log"), "wb")
        self.proc = subprocess.Popen(gunicorn_argv(self.app_spec, self.port), cwd=ROOT,
                                     env=self.env, stdout=subprocess.DEVNULL, stderr=self.log,
                                     start_new_session=True)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log.name}")
            try:
                with urllib.request.urlopen(self.base + self.health, timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer in 60 s")

    def cpu_seconds(self) -> float:
        """CPU time (user + system) used so far by the gunicorn master and its workers."""
        tick = os.sysconf("SC_CLK_TCK")
        pids = [self.proc.pid]
        with contextlib.suppress(OSError):
            with open(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children") as fh:
                pids += [int(p) for p in fh.read().split()]
        total = 0
        for pid in pids:
            with contextlib.suppress(OSError, IndexError, ValueError):
                with open(f"/proc/{pid}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / tick

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()


def machine() -> dict:
    """What the figures were measured on."""
    import sqlite3

    cpu = platform.processor()
    with contextlib.suppress(OSError):
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    ram = "?"
    with contextlib.suppress(OSError):
        with open("/proc/meminfo") as fh:
            kb = int(next(line for line in fh if line.startswith("MemTotal")).split()[1])
            ram = f"{kb / 1024 / 1024:.1f} GiB"
    pg = "?"
    with contextlib.suppress(Exception):
        import psycopg

        ensure_pg_database(PG_URL)
        from playhouse.db_url import parse

        params = parse(PG_URL)
        name = params.pop("database")
        with psycopg.connect(dbname=name, **{k: v for k, v in params.items() if v}) as conn:
            pg = conn.execute("SHOW server_version").fetchone()[0]
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram": ram, "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version, "postgresql": pg, "os": platform.platform()}


def save(name: str, data) -> str:
    """Write a result as JSON under bench/results/ and return its path."""
    os.makedirs(RESULTS, exist_ok=True)
    path = os.path.join(RESULTS, name)
    with open(path, "w") as fh:
        json.dump(data, fh, indent=2, default=str)
    return path


def load(name: str):
    """A result saved by save(), or None."""
    try:
        with open(os.path.join(RESULTS, name)) as fh:
            return json.load(fh)
    except FileNotFoundError:
        return None
