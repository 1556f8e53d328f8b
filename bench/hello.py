"""The ceiling: the smallest Flask app, served with the same gunicorn settings as Homeward."""

from __future__ import annotations

from flask import Flask


def create_app() -> Flask:
    """A Flask app that answers 'hello' (and a health check for the bench's start-up wait)."""
    app = Flask(__name__)

    @app.get("/")
    def hello():
        return "hello"

    @app.get("/healthz")
    def healthz():
        return {"status": "ok"}

    return app
