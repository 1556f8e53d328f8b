"""Fixtures: an app on a fresh database per test, users of each role, signed-in clients."""

from __future__ import annotations

import datetime as dt
import os
import re

import pyotp
import pytest
from flask import g, request_started

from app import create_app
from app import db as database
from app.models import CaregiverLink, Exercise, Plan, PlanItem, User
from app.passwords import hash_password

PASSWORD = "correct-horse-42"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # therapists' authenticator app in tests
_HASH = hash_password(PASSWORD)
PG_URL = os.environ.get("TEST_DATABASE_URL")


def _truncate_postgres():
    """Empty every table (all migrations' tables, not just MODELS) between tests."""
    names = [t for t in database.db.get_tables() if t != "schema_migration"]
    tables = ", ".join(f'"{name}"' for name in names)
    database.db.execute_sql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")


def _fresh_request_globals(sender, **extra):
    for name in list(g):
        g.pop(name)


@pytest.fixture
def app(tmp_path):
    """An app bound to an empty, migrated database (SQLite file, or TEST_DATABASE_URL)."""
    url = PG_URL or f"sqlite:///{tmp_path / 'test.db'}"
    app = create_app({
        "TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "test-secret",
        "SERVER_NAME": "localhost", "PUSH_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "UPLOAD_FOLDER": str(tmp_path / "uploads"),
    })
    app.instance_path = str(tmp_path / "instance")
    database.migrate()
    if PG_URL:
        _truncate_postgres()
    # Each request gets a fresh `g`, as in production: the test's app context below is
    # otherwise reused by every request, and flask-login would keep the signed-in user
    # cached there (so an ended session would look alive to the next request).
    request_started.connect(_fresh_request_globals, app)
    with app.app_context():
        yield app
    request_started.disconnect(_fresh_request_globals, app)
    if not database.db.is_closed():
        database.db.close()


@pytest.fixture
def client(app):
    """A browser-like test client for the app."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner for the app's commands."""
    return app.test_cli_runner()


def csrf_from(response) -> str:
    """The CSRF token from a page's <meta name="csrf-token">."""
    match = re.search(rb'name="csrf-token" content="([^"]+)"', response.data)
    assert match, "page has no csrf-token meta"
    return match.group(1).decode()


class Auth:
    """Sign in and out as a given user, carrying the CSRF token for later posts."""

    def __init__(self, client):
        self.client = client
        self.token = None

    def login(self, user_or_email, password=PASSWORD, remember=False):
        email = getattr(user_or_email, "email", user_or_email)
        page = self.client.get("/login")
        token = csrf_from(page)
        response = self.client.post("/login", data={
            "email": email, "password": password, "csrf_token": token,
            "remember": "y" if remember else "",
        })
        if "/signin/second-factor" in response.headers.get("Location", ""):
            response = self.second_factor(email, response)
        self.refresh()
        return response

    def second_factor(self, email, response):
        """Complete the therapist's second step with the user's TOTP code, when enrolled."""
        user = User.get_or_none(User.email == email)
        if user is None or not user.totp_secret:
            return response
        location = response.headers["Location"]
        page = self.client.get(location)
        return self.client.post(location, data={
            "code": pyotp.TOTP(user.totp_secret).now(), "csrf_token": csrf_from(page)})

    def refresh(self, path="/login"):
        """Pick up a CSRF token from any page (the session keeps it)."""
        self.token = csrf_from(self.client.get("/offline"))
        return self.token

    def post(self, path, data=None, htmx=False, **kwargs):
        data = dict(data or {})
        data.setdefault("csrf_token", self.token or self.refresh())
        headers = kwargs.pop("headers", {})
        if htmx:
            headers["HX-Request"] = "true"
        return self.client.post(path, data=data, headers=headers, **kwargs)

    def logout(self):
        return self.post("/logout")


@pytest.fixture
def auth(client):
    """Sign-in helper bound to the test client."""
    return Auth(client)


def make_user(role, email, name=None, therapist=None, timezone="Europe/London",
              **fields) -> User:
    """A user with the test password; therapists and admins have TOTP set up (TOTP_SECRET)."""
    if role in ("therapist", "admin"):
        fields.setdefault("totp_secret", TOTP_SECRET)
    return User.create(email=email, role=role, name=name or email.split("@")[0].title(),
                       therapist=therapist, timezone=timezone, password_hash=_HASH, **fields)


@pytest.fixture
def therapist(app):
    return make_user("therapist", "ther@example.test", "Theo Therapist")


@pytest.fixture
def other_therapist(app):
    return make_user("therapist", "other@example.test", "Olive Other")


@pytest.fixture
def patient(app, therapist):
    """A client on the therapist's caseload (named patient: `client` is the test client)."""
    return make_user("client", "pat@example.test", "Pat Client", therapist=therapist)


@pytest.fixture
def stranger(app, other_therapist):
    """A client of another therapist."""
    return make_user("client", "stranger@example.test", "Stella Stranger",
                     therapist=other_therapist)


@pytest.fixture
def caregiver(app, patient):
    carer = make_user("caregiver", "carer@example.test", "Cara Carer")
    CaregiverLink.create(caregiver=carer, client=patient)
    return carer


def make_exercise(title="Putty squeeze", **fields) -> Exercise:
    fields.setdefault("category", "fine_motor")
    return Exercise.create(title=title, purpose="Stronger grip for jars and cups.",
                           steps='["Squeeze", "Let go"]', safety='["Stop if it hurts"]',
                           equipment='["Putty"]', sets=2, reps=10, **fields)


def make_plan(patient, therapist, items=3, start=None, times_per_day=1, days=0b1111111):
    """An active plan with `items` daily plan items starting at `start` (default 30 days ago)."""
    start = start or dt.date.today() - dt.timedelta(days=30)
    plan = Plan.create(client=patient, therapist=therapist, start_date=start)
    made = []
    for n in range(items):
        ex = make_exercise(f"Exercise {n + 1}")
        made.append(PlanItem.create(plan=plan, exercise=ex, position=n, sets=2, reps=10,
                                    times_per_day=times_per_day, days_of_week=days,
                                    start_date=start))
    return plan, made
