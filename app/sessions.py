"""Sessions that really end: a fresh session at sign-in, idle and absolute time limits.

Flask keeps the session in a signed cookie, so the server cannot delete it; instead
each session carries when it started and when it was last used, and every request
checks both against the limits for the person's role. A session the server wants to
end right away (password change, deactivation, reset) is refused by
app.security.load_user through User.session_version.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time

from flask import current_app, flash, g, request, session
from flask.sessions import SecureCookieSessionInterface
from flask_babel import gettext as _
from flask_login import current_user, logout_user, user_loaded_from_cookie, user_logged_in
from itsdangerous import BadSignature

from . import here

LOGIN_AT = "login_at"
SEEN_AT = "seen_at"
LONG = "long_session"
SEEN_PRECISION = 60  # seconds: the cookie is rewritten at most once a minute

DEFAULT_LIMITS = {
    # role: (idle, absolute) for an ordinary session
    "therapist": (dt.timedelta(minutes=30), dt.timedelta(hours=12)),
    "admin": (dt.timedelta(minutes=30), dt.timedelta(hours=12)),
    "client": (dt.timedelta(hours=2), dt.timedelta(hours=24)),
    "caregiver": (dt.timedelta(hours=2), dt.timedelta(hours=24)),
}
# "Keep me signed in" on a person's own phone: still ended by session_version.
DEFAULT_LONG_LIMITS = {
    "client": (dt.timedelta(days=30), dt.timedelta(days=90)),
    "caregiver": (dt.timedelta(days=14), dt.timedelta(days=30)),
}


def limits_for(role: str, long: bool) -> tuple[dt.timedelta, dt.timedelta]:
    """(idle, absolute) limits for a role; long sessions only for roles that allow them."""
    config = here.app().config
    long_limits = config.get("SESSION_LONG_LIMITS", DEFAULT_LONG_LIMITS)
    if long and role in long_limits:
        return long_limits[role]
    limits = config.get("SESSION_LIMITS", DEFAULT_LIMITS)
    return limits.get(role, limits["therapist"])


def expired(role: str, login_at: float, seen_at: float, long: bool, now: float) -> bool:
    """True when a session has been idle too long or has lived too long."""
    idle, absolute = limits_for(role, long)
    return now - seen_at > idle.total_seconds() or now - login_at > absolute.total_seconds()


def _start_session(sender, user, **extra):
    """At sign-in: drop everything from before (a new session), stamp the times."""
    keep = {k: session[k] for k in ("_user_id", "_fresh", "_id") if k in session}
    wants_long = session.get("_remember") == "set"
    session.clear()
    session.update(keep)
    # The CSRF token went with the old session: forget this request's cached copy too.
    g.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)
    now = int(time.time())
    session[LOGIN_AT] = now
    session[SEEN_AT] = now
    # "Remember me" becomes a long-lived session cookie with its own server-side limits,
    # not flask-login's remember cookie (which has no expiry the server can check).
    long = wants_long and user.role in current_app.config.get(
        "SESSION_LONG_LIMITS", DEFAULT_LONG_LIMITS)
    session[LONG] = bool(long)
    session.permanent = bool(long)


def _refuse_cookie_login(sender, user, **extra):
    """A remember cookie carries no start time: ask for a fresh sign-in instead."""
    session[LOGIN_AT] = 0


def check_session():
    """End the session of a signed-in person whose time is up (before any view runs)."""
    user = current_user._get_current_object()  # loads the person: the first use
    if not user.is_authenticated:
        error = g.pop("database_error", None)  # set by app.security.load_user
        if error is not None and request.endpoint != "pages.healthz":
            raise error
        return None
    now = time.time()
    session = here.session()
    login_at = session.get(LOGIN_AT)
    if login_at is None:  # a session made before these limits existed
        login_at = session[LOGIN_AT] = int(now)
    seen_at = session.get(SEEN_AT, login_at)
    if expired(user.role, login_at, seen_at, session.get(LONG, False), now):
        from .audit import record

        record("session_expired", actor=user)
        logout_user()
        for key in (LOGIN_AT, SEEN_AT, LONG, "second_factor_for"):
            session.pop(key, None)
        flash(_("For your privacy, you were signed out after a while. Please sign in again."))
        return None
    if now - seen_at >= SEEN_PRECISION:
        session[SEEN_AT] = int(now)
    return None


_FLAT = (str, int, float, bool, type(None))
OPENED_LIMIT = 20_000


class SignedCookieSessions(SecureCookieSessionInterface):
    """Flask's signed cookie, unchanged in format, made cheaper to check on every request.

    Flask builds a new signing serializer for each request and hands HMAC a Python
    function for SHA-1, which sends it down the standard library's slow pure-Python
    path; hashlib's own constructor takes OpenSSL's. The serializer is kept per set of
    keys (a new SECRET_KEY or fallback list gives a new one).

    A phone sends the same cookie with every request until the session changes (at
    most once a minute, see SEEN_PRECISION), so what a cookie opened to is kept, per
    serializer and exact cookie text, with the time it was signed: the same text is not
    checked and decoded again, but its age still is, on every request, as Flask does
    (a cookie older than the session lifetime, or signed in the future, opens to an
    empty session). Only sessions of plain values are kept (a flashed message, a list,
    is not), so no request can change what another one is handed.
    """

    digest_method = staticmethod(hashlib.sha1)

    def __init__(self):
        self._serializers: dict[tuple, object] = {}
        self._opened: dict[tuple, tuple[int, dict]] = {}

    def get_signing_serializer(self, app):
        if not app.secret_key:
            return None
        keys = (tuple(app.config["SECRET_KEY_FALLBACKS"] or ()), app.secret_key)
        serializer = self._serializers.get(keys)
        if serializer is None:
            serializer = self._serializers[keys] = super().get_signing_serializer(app)
        return serializer

    def open_session(self, app, request):
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        value = request.cookies.get(self.get_cookie_name(app))
        if not value:
            return self.session_class()
        max_age = int(app.permanent_session_lifetime.total_seconds())
        opened = self._opened.get((serializer, value))
        if opened is None:
            try:
                data, signed = serializer.loads(value, max_age=max_age, return_timestamp=True)
            except BadSignature:
                return self.session_class()
            if all(type(v) in _FLAT for v in data.values()):
                if len(self._opened) >= OPENED_LIMIT:
                    self._opened.clear()
                self._opened[(serializer, value)] = (int(signed.timestamp()), data)
            return self.session_class(data)
        signed_at, data = opened
        age = int(time.time()) - signed_at
        if age > max_age or age < 0:  # as itsdangerous's SignatureExpired
            return self.session_class()
        if app.testing and serializer.loads(value, max_age=max_age) != data:
            raise RuntimeError("a kept session differs from what its cookie holds")
        return self.session_class(data)  # a new dict: the kept one is never changed


def init_app(app):
    """Check session limits on every request; start a new session at every sign-in."""
    app.session_interface = SignedCookieSessions()
    # Connected once for every app (no sender), so test apps are not kept alive.
    user_logged_in.connect(_start_session)
    user_loaded_from_cookie.connect(_refuse_cookie_login)
    app.before_request(check_session)
