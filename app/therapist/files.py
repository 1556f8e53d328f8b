"""Uploaded pictures, served to anyone signed in, under names nobody can guess."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, send_file
from flask_login import login_required

from ..uploads import stored_path

bp = Blueprint("uploads", __name__)


@bp.get("/uploads/<name>")
@login_required
def picture(name):
    """A stored picture with its real content type; never sniffed, never run."""
    found = stored_path(current_app.config["UPLOAD_FOLDER"], name)
    if found is None:
        abort(404)
    path, content_type = found
    response = send_file(path, mimetype=content_type, max_age=86400)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
