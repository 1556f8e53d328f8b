"""Configuration read from the environment, with secrets kept in instance/ when absent."""

from __future__ import annotations

import datetime as dt
import os
import secrets


def instance_secret(instance_path: str, name: str, make) -> str:
    """Read instance/<name>, creating it with make() (mode 0600) the first time."""
    os.makedirs(instance_path, exist_ok=True)
    path = os.path.join(instance_path, name)
    try:
        with open(path) as fh:
            return fh.read().strip()
    except FileNotFoundError:
        value = make()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(value)
        return value


def from_environment(instance_path: str) -> dict:
    """The app's settings: environment first, instance/ files second, defaults last."""
    production = os.environ.get("HOMEWARD_ENV", "development") == "production"
    default_db = "sqlite:///" + os.path.join(instance_path, "homeward.db")
    secret = os.environ.get("SECRET_KEY") or instance_secret(
        instance_path, "secret_key", lambda: secrets.token_hex(32)
    )
    return {
        "SECRET_KEY": secret,
        "DATABASE_URL": os.environ.get("DATABASE_URL", default_db),
        "PRODUCTION": production,
        "PUSH_ALLOWED_HOSTS": os.environ.get("PUSH_ALLOWED_HOSTS", ""),
        "VAPID_SUBJECT": os.environ.get("VAPID_SUBJECT", "mailto:admin@homeward.invalid"),
        "VAPID_PRIVATE_KEY": os.environ.get("VAPID_PRIVATE_KEY", ""),
        "VAPID_PUBLIC_KEY": os.environ.get("VAPID_PUBLIC_KEY", ""),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "SESSION_COOKIE_NAME": "__Host-session" if production else "session",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_DURATION": dt.timedelta(days=90),
        # The longest any session may live (a client's "keep me signed in"); each role's
        # shorter idle and absolute limits are checked by app/sessions.py.
        "PERMANENT_SESSION_LIFETIME": dt.timedelta(days=90),
        # The session cookie is written again only when the session changes, not on every
        # answer to a "keep me signed in" phone: app/sessions.py stamps "last seen" at
        # most once a minute, and that rewrite also moves the cookie's expiry on.
        "SESSION_REFRESH_EACH_REQUEST": False,
        "WTF_CSRF_TIME_LIMIT": None,
        "MAX_CONTENT_LENGTH": 4 * 1024 * 1024,
        "UPLOAD_MAX_BYTES": 2 * 1024 * 1024,
        "UPLOAD_FOLDER": os.path.join(instance_path, "uploads"),
        "INVITE_DAYS": 7,
        "BACKDATE_DAYS": 2,
        "BABEL_DEFAULT_LOCALE": "en",
        "LANGUAGES": ["en", "es"],
    }
