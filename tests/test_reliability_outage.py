"""Database outage: /healthz says 503, pages say so kindly, and the app recovers alone."""

from __future__ import annotations

import os
import socket
import threading
import time
import urllib.parse
from contextlib import contextmanager

import pytest
from flask import request_started

from app import create_app
from app import db as database
from tests.conftest import PG_URL, Auth, _fresh_request_globals, make_user
from tests.test_reliability import _drop_postgres_database, _fresh_postgres_database


class SwitchableProxy:
    """A TCP proxy to PostgreSQL that can be 'unplugged' (connections refused) and back."""

    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.up = True
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.up:
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            self.open += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()

    def unplug(self):
        self.up = False
        for s in self.open:  # drop live connections too, as a database restart would
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self.open = []

    def plug_in(self):
        self.up = True

    def close(self):
        self.unplug()
        self.listener.close()


@contextmanager
def outage_app(tmp_path):
    """An app whose database can be taken away (yields app, take_away, bring_back)."""
    if PG_URL:
        name = f"hw_outage_{os.getpid()}"
        real = urllib.parse.urlsplit(_fresh_postgres_database(name))
        proxy = SwitchableProxy(real.hostname, real.port or 5432)
        url = urllib.parse.urlunsplit(real._replace(
            netloc=f"{real.username}@127.0.0.1:{proxy.port}"))
        take_away, bring_back = proxy.unplug, proxy.plug_in
    else:
        folder = tmp_path / "data"
        url = f"sqlite:///{folder / 'outage.db'}"

        def take_away():  # the disk the database lives on goes away
            folder.rename(tmp_path / "data-gone")

        def bring_back():
            (tmp_path / "data-gone").rename(folder)

    app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "outage",
                      "SERVER_NAME": "localhost"})
    database.migrate()
    request_started.connect(_fresh_request_globals, app)
    try:
        with app.app_context():
            yield app, take_away, bring_back
    finally:
        request_started.disconnect(_fresh_request_globals, app)
        database.db.close()
        if PG_URL:
            proxy.close()
            _drop_postgres_database(name)


def _within_seconds(ask, status, seconds=5.0):
    """The first answer with this status, asked again until it comes (SQLite's pool looks
    at the database file once a second, so a disk taken away shows within that)."""
    deadline = time.monotonic() + seconds
    while True:
        answer = ask()
        if answer.status_code == status or time.monotonic() > deadline:
            assert answer.status_code == status
            return answer
        time.sleep(0.05)


@pytest.mark.parametrize("path", ["/today", "/settings"])
def test_pages_say_sorry_during_an_outage_and_work_again_after(tmp_path, path):
    with outage_app(tmp_path) as (app, take_away, bring_back):
        person = make_user("client", "outage@example.test", timezone="UTC")
        browser = app.test_client()
        Auth(browser).login(person)
        database.db.close()
        assert browser.get("/healthz").status_code == 200

        take_away()
        health = _within_seconds(lambda: browser.get("/healthz"), 503)
        assert health.json["database"] is False
        page = browser.get(path)
        assert page.status_code == 503
        assert b"Homeward is having trouble right now" in page.data
        for leak in (b"Traceback", b"OperationalError", b"sqlite", b"psycopg", b"File \""):
            assert leak not in page.data
        assert browser.get(path, headers={"Accept": "application/json"}).json["error"]

        bring_back()
        _within_seconds(lambda: browser.get("/healthz"), 200)
        assert browser.get(path).status_code == 200, "still signed in once it is back"
