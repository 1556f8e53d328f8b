"""Signing in and out, joining by invite, and each person's own settings."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from . import routes  # noqa: E402,F401
