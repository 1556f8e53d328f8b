"""Reliability under load and faults: parallel writers, a crash, racing migrations."""

from __future__ import annotations

import http.client
import http.cookiejar
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from app import db as database
from app.models import Completion
from tests.conftest import PASSWORD, PG_URL, make_plan, make_user

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn serving the test database, in its own process group (so kill -9 hits all)."""

    def __init__(self, tmp: Path, database_url: str, workers: int = 4):
        self.tmp, self.workers = tmp, workers
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = dict(os.environ, HOMEWARD_INSTANCE=str(tmp / "instance"),
                        DATABASE_URL=database_url, SECRET_KEY="reliability-secret",
                        PYTHONUNBUFFERED="1")
        self.process = None

    def start(self):
        self.log = open(self.tmp / f"server-{self.port}.log", "a")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--workers", str(self.workers),
             "--bind", f"127.0.0.1:{self.port}", "app:create_app()"],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as r:  # noqa: S310
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("server did not start: " + Path(self.log.name).read_text())

    def kill_hard(self):
        """kill -9 the master and every worker at once."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)
        self.log.close()

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(20)
            self.log.close()


class Browser:
    """One signed-in person: cookies and the CSRF token, over real HTTP."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.token = ""

    def _csrf(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as response:
            return re.search(r'name="csrf-token" content="([^"]+)"',
                             response.read().decode()).group(1)

    def login(self, email: str):
        data = urllib.parse.urlencode({"email": email, "password": PASSWORD,
                                       "csrf_token": self._csrf("/login")}).encode()
        with self.opener.open(self.base + "/login", data=data, timeout=30) as response:
            assert "/today" in response.url, "sign-in failed"
        self.token = self._csrf("/offline")
        return self

    def tick(self, item_id: int, day: str, key: str) -> int:
        data = urllib.parse.urlencode({"item": item_id, "slot": 1, "day": day,
                                       "key": key}).encode()
        request = urllib.request.Request(self.base + "/today/tick", data=data, headers={
            "HX-Request": "true", "X-CSRFToken": self.token})
        try:
            with self.opener.open(request, timeout=60) as response:
                response.read()
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


def _clients_with_plans(therapist, count, items):
    """`count` clients (UTC) on the therapist's caseload, each with `items` daily items."""
    people = []
    for n in range(count):
        person = make_user("client", f"load{n}@example.test", therapist=therapist,
                           timezone="UTC")
        _plan, plan_items = make_plan(person, therapist, items=items)
        people.append((person, [i.id for i in plan_items]))
    return people


def _utc_today() -> str:
    return time.strftime("%Y-%m-%d", time.gmtime())


@pytest.fixture
def server_db(app, therapist):
    """The test database's URL (SQLite file or TEST_DATABASE_URL), shared with a server."""
    return app.config["DATABASE_URL"]


def test_200_parallel_ticks_from_20_clients_on_4_workers_are_all_stored(
        tmp_path, server_db, therapist):
    people = _clients_with_plans(therapist, 20, 10)
    database.db.close()
    server = Server(tmp_path, server_db, workers=4).start()
    try:
        browsers = [(Browser(server.url).login(p.email), items) for p, items in people]
        day = _utc_today()

        def practise(browser_items):
            browser, items = browser_items
            return [browser.tick(item, day, uuid.uuid4().hex) for item in items]

        with ThreadPoolExecutor(max_workers=20) as pool:
            statuses = [s for result in pool.map(practise, browsers) for s in result]
    finally:
        server.stop()
    assert statuses.count(200) == 200, f"errors: {sorted(set(statuses))}"
    database.db.connect(reuse_if_open=True)
    assert Completion.select().count() == 200
    per_client = {p.id: Completion.select().where(Completion.client == p).count()
                  for p, _ in people}
    assert set(per_client.values()) == {10}


def test_every_answered_tick_survives_kill_9_and_the_database_stays_sound(
        tmp_path, server_db, therapist):
    people = _clients_with_plans(therapist, 8, 40)
    database.db.close()
    server = Server(tmp_path, server_db, workers=2).start()
    acknowledged, lock = [], threading.Lock()
    day = _utc_today()
    browsers = [(Browser(server.url).login(p.email), items) for p, items in people]

    def practise(browser_items):
        browser, items = browser_items
        for item in items:
            key = uuid.uuid4().hex
            try:
                status = browser.tick(item, day, key)
            except (OSError, http.client.HTTPException):  # the server is gone, maybe
                return  # halfway through an answer: that tick was not acknowledged
            if status == 200:
                with lock:
                    acknowledged.append(key)

    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = [pool.submit(practise, b) for b in browsers]
        deadline = time.monotonic() + 120
        while len(acknowledged) < 60 and time.monotonic() < deadline:
            time.sleep(0.01)
        server.kill_hard()  # in the middle of the load
        for future in futures:
            future.result()
    assert 60 <= len(acknowledged) < 320

    if server_db.startswith("sqlite:///"):
        with sqlite3.connect(server_db[len("sqlite:///"):]) as raw:
            assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    restarted = Server(tmp_path, server_db, workers=2).start()  # recovers by itself
    restarted.stop()
    database.db.connect(reuse_if_open=True)
    stored = {c.key for c in Completion.select(Completion.key)}
    missing = set(acknowledged) - stored
    assert not missing, f"{len(missing)} ticks were answered 200 but are gone"


def _migrate_in_parallel(url: str, tmp_path: Path, processes: int = 4):
    env = dict(os.environ, DATABASE_URL=url, HOMEWARD_INSTANCE=str(tmp_path / "instance"),
               SECRET_KEY="migrate-secret")
    runs = [subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "migrate"],
                             cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for _ in range(processes)]
    return [(run.wait(120), *run.communicate()) for run in runs]


def _fresh_postgres_database(name: str) -> str:
    import psycopg

    admin = urllib.parse.urlsplit(PG_URL)
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urllib.parse.urlunsplit(admin._replace(path="/" + name))


def _drop_postgres_database(name: str):
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_four_migrators_at_once_apply_each_migration_exactly_once(tmp_path):
    migrations = sorted(p.stem for p in (ROOT / "migrations").glob("[0-9]*.py"))
    name = f"hw_migrate_{os.getpid()}"
    url = _fresh_postgres_database(name) if PG_URL else f"sqlite:///{tmp_path / 'race.db'}"
    try:
        results = _migrate_in_parallel(url, tmp_path)
        assert [code for code, _out, _err in results] == [0, 0, 0, 0], results
        applied = re.findall(r"applied (\S+)", "".join(out for _c, out, _e in results))
        assert sorted(applied) == migrations  # each once, by exactly one process
        probe = database.make_database(url)
        with probe.connection_context():
            rows = [r[0] for r in probe.execute_sql("SELECT name FROM schema_migration")]
        probe.close_all()  # pooled: closing the context only gave the connection back
        assert sorted(rows) == migrations
    finally:
        if PG_URL:
            _drop_postgres_database(name)
