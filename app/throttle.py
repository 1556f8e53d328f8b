"""Sign-in throttling kept in the database, so it holds across every server process.

Two counters slow down password guessing: one per account and address (a person who
mistypes is slowed, an attacker elsewhere is not able to lock them out) and one per
address (one machine trying many accounts). After a few free tries each failure
doubles the wait, up to a cap: nobody is ever locked out for longer than MAX_WAIT.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math

from flask import current_app, request
from flask_babel import ngettext
from peewee import CharField, DateTimeField, IntegerField

from . import here
from .db import atomic, is_sqlite
from .models import BaseModel, utcnow

ACCOUNT_FREE_TRIES = 5
ADDRESS_FREE_TRIES = 30
FIRST_WAIT = dt.timedelta(seconds=30)
MAX_WAIT = dt.timedelta(minutes=15)
FORGET_AFTER = dt.timedelta(hours=24)  # a quiet day wipes the slate clean
THROTTLED_ENDPOINTS = {"auth.login_post"}


class LoginThrottle(BaseModel):
    """Failed sign-ins for one key (a hash of account and address, or of an address)."""

    key = CharField(max_length=64, unique=True)
    failures = IntegerField(default=0)
    last_failure_at = DateTimeField(null=True)
    locked_until = DateTimeField(null=True)


def _key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def keys_for(email: str, address: str) -> dict[str, int]:
    """The counters a sign-in attempt touches, with their free tries."""
    email = (email or "").strip().lower()[:120]  # as the audit log keeps it
    return {_key("account", email, address): ACCOUNT_FREE_TRIES,
            _key("address", address): ADDRESS_FREE_TRIES}


def wait_after(failures: int, free: int) -> dt.timedelta:
    """How long to wait after `failures` failures: nothing, then doubling, then the cap."""
    if failures < free:
        return dt.timedelta(0)
    doublings = min(failures - free, 20)
    return min(FIRST_WAIT * (2**doublings), MAX_WAIT)


def retry_after(email: str, address: str, now: dt.datetime | None = None) -> int:
    """Seconds until this account may be tried again from this address (0: now)."""
    now = now or utcnow()
    rows = LoginThrottle.select().where(LoginThrottle.key.in_(list(keys_for(email, address))))
    waits = [(r.locked_until - now).total_seconds() for r in rows if r.locked_until]
    return max([0, *(math.ceil(w) for w in waits)])


def note_failure(email: str, address: str, now: dt.datetime | None = None) -> None:
    """Count one failed sign-in against the account+address and the address."""
    now = now or utcnow()
    for key, free in keys_for(email, address).items():
        with atomic():
            LoginThrottle.insert(key=key, failures=0).on_conflict_ignore().execute()
            query = LoginThrottle.select().where(LoginThrottle.key == key)
            row = (query if is_sqlite() else query.for_update()).get()
            stale = row.last_failure_at and now - row.last_failure_at > FORGET_AFTER
            failures = 1 if stale else row.failures + 1
            LoginThrottle.update(
                failures=failures, last_failure_at=now,
                locked_until=now + wait_after(failures, free) if failures >= free else None,
            ).where(LoginThrottle.id == row.id).execute()


def note_success(email: str, address: str) -> None:
    """A right password clears the account+address counter (not the address one)."""
    account_key = next(iter(keys_for(email, address)))
    with atomic():
        LoginThrottle.delete().where(LoginThrottle.key == account_key).execute()


def _on_audit(event) -> None:
    """Count sign-ins from the audit log: every sign-in, good or bad, is recorded there."""
    if event.action != "login":
        return
    address = event.ip or ""
    if event.outcome == "failed":
        note_failure(event.target, address)
    elif event.outcome == "ok" and event.actor_id:
        from .models import User

        user = User.get_or_none(User.id == event.actor_id)
        if user is not None:
            note_success(user.email, address)


def init_app(app):
    """Refuse sign-in attempts while their counter says wait (429 with a clear message)."""
    from . import audit

    audit.add_listener(_on_audit)

    @app.before_request
    def _throttle():
        asked = here.request()
        if asked.method != "POST" or asked.endpoint not in THROTTLED_ENDPOINTS:
            return None
        wait = retry_after(request.form.get("email", ""), request.remote_addr or "")
        if wait <= 0:
            return None
        from .audit import record
        from .errors import render_error

        record("login", target=request.form.get("email", "")[:120], outcome="throttled")
        minutes = max(1, math.ceil(wait / 60))
        current_app.logger.info("sign-in throttled for %s s", wait)
        response, status = render_error(429, ngettext(
            "Too many sign-in tries. For your safety, please wait %(num)s minute and try "
            "again. If you have forgotten your password, ask your therapist for a new "
            "sign-in link.",
            "Too many sign-in tries. For your safety, please wait %(num)s minutes and try "
            "again. If you have forgotten your password, ask your therapist for a new "
            "sign-in link.", minutes))
        response = current_app.make_response((response, status))
        response.headers["Retry-After"] = str(wait)
        return response
