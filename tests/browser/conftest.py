"""Browser tests: a real server (gunicorn) with the demo loaded, driven by Playwright + Chromium.

Debian's /usr/bin/chromium is used (Playwright's own browser download does not work here);
`make test` installs it when missing.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
DEMO_PASSWORD = "homeward-demo"
DEMO_TOTP = "HOMEWARDDEMOTOTP"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """A gunicorn server on 127.0.0.1 with its own instance folder and the demo data."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.database_url = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp / 'live.db'}"
        self.env = dict(os.environ, HOMEWARD_INSTANCE=str(tmp / "instance"),
                        DATABASE_URL=self.database_url, FLASK_APP="app",
                        PUSH_ALLOWED_HOSTS="127.0.0.1,localhost", PYTHONUNBUFFERED="1")
        self.process = None

    def flask(self, *args, check=True):
        """Run a `flask --app app ...` command against this server's database."""
        return subprocess.run([sys.executable, "-m", "flask", "--app", "app", *args], cwd=ROOT,
                              env=self.env, check=check, capture_output=True, text=True)

    def reset_demo(self):
        """Put the demo data back as it was (for tests that change it)."""
        self.flask("demo", "--reset")

    def start(self):
        self.flask("migrate")
        self.reset_demo()
        self.log = open(self.tmp / "server.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--workers", "2", "--threads", "4",
             "--bind", f"127.0.0.1:{self.port}", "app:create_app()"],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=1) as r:  # noqa: S310
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("live server did not start: " + (self.tmp / "server.log").read_text())

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(10)
            self.log.close()

    def query(self, sql: str, params=()):
        """Rows from the server's database (read-only checks from tests)."""
        if self.database_url.startswith("sqlite:///"):
            with sqlite3.connect(self.database_url[len("sqlite:///"):]) as conn:
                return conn.execute(sql, params).fetchall()
        import psycopg

        with psycopg.connect(self.database_url) as conn:
            return conn.execute(sql.replace("?", "%s"), params).fetchall()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The running server; `.url` is its base URL."""
    server = LiveServer(tmp_path_factory.mktemp("live")).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


def _context(browser, live_server, viewport, **kwargs):
    return browser.new_context(base_url=live_server.url, viewport=viewport, **kwargs)


@pytest.fixture
def context(browser, live_server):
    """A fresh browser profile with a phone-sized screen."""
    ctx = _context(browser, live_server, PHONE)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    """A page in a fresh phone-sized browser profile."""
    return context.new_page()


@pytest.fixture
def desktop_page(browser, live_server):
    """A page in a fresh desktop-sized browser profile."""
    ctx = _context(browser, live_server, DESKTOP)
    yield ctx.new_page()
    ctx.close()


def sign_in(page, email: str, password: str = DEMO_PASSWORD):
    """Sign in through the real form; answers the TOTP step when one is asked for."""
    page.goto("/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("form[action^='/login'] button[type=submit]")
    page.wait_for_load_state()
    code_input = page.locator("input[name=code]")
    if code_input.count():
        from app.auth.totp import totp  # pyotp alone refuses the 80-bit demo secret

        code_input.fill(totp(DEMO_TOTP).now())
        page.locator("form:has(input[name=code]) button[type=submit]").first.click()
        page.wait_for_load_state()
    return page


def demo_totp_code() -> str:
    """The current code for the demo therapists' TOTP secret (80 bits: demo only)."""
    import pyotp

    class DemoTOTP(pyotp.TOTP):
        min_secret_length_bits = 80

    return DemoTOTP(DEMO_TOTP).now()


@pytest.fixture
def login():
    """`login(page, email)` signs a demo user in."""
    return sign_in


@pytest.fixture(scope="session")
def profiles(browser, live_server):
    """Signed-in browser profiles, one sign-in per role (tests/browser/a11y.py)."""
    from tests.browser.a11y import Profiles

    return Profiles(browser, live_server)


@pytest.fixture(scope="session")
def ids(live_server):
    """Real ids from the live server's demo database (tests/browser/a11y.py)."""
    from tests.browser.a11y import Ids

    return Ids(live_server)
