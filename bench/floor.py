"""The floor: Homeward itself with one more route that does nothing.

`POST /bench/floor` goes through everything any signed-in POST goes through before its
view runs (the session cookie, the session's time limits, loading the person and their
one query, Flask-WTF's CSRF check, the second-factor gate, form parsing, the security
headers on the way out) and then answers a few bytes. Served with the same gunicorn
settings beside the app and the hello ceiling, it shows how much of the ceiling is left
for a tick's own work: the row, the card and the progress it answers with.

Only the load test serves this app; Homeward never registers the route.
"""

from __future__ import annotations

from flask import request
from flask_login import current_user, login_required


def create_app():
    from app import create_app as homeward

    return add_floor(homeward())


def add_floor(app):
    """Homeward with the floor's route added (also used by bench/instructions.py)."""

    @login_required
    def floor():
        return f"{request.form.get('item', '')} {current_user.id}"

    app.add_url_rule("/bench/floor", "bench_floor", floor, methods=["POST"])
    return app
