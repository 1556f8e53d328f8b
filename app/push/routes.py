"""PWA files served from the site root."""

from __future__ import annotations

from flask import render_template

from . import bp


@bp.get("/offline")
def offline():
    """Shown by the service worker when a page can't be reached."""
    return render_template("offline.html")
