"""Pages for everyone: the front door and the health check."""

from __future__ import annotations

from flask import Blueprint, jsonify, redirect, url_for
from flask_login import current_user

from .auth.routes import home_url
from .db import db

bp = Blueprint("pages", __name__)


@bp.get("/")
def index():
    """Send each person to their own home page."""
    if current_user.is_authenticated:
        return redirect(home_url(current_user))
    return redirect(url_for("auth.login"))


@bp.get("/healthz")
def healthz():
    """200 when the database answers, 503 when it does not."""
    try:
        db.execute_sql("SELECT 1").fetchone()
    except Exception:  # any database failure means unhealthy
        return jsonify(status="unavailable", database=False), 503
    return jsonify(status="ok", database=True)
