"""CSV downloads of a client's practice and goal check-ins."""

from __future__ import annotations

from flask import Response

from .. import exports
from . import bp
from .common import open_record


def _csv(text: str, filename: str) -> Response:
    response = Response(text, mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.get("/clients/<client_id>/export/completions.csv")
def export_completions(client_id):
    """Every tick of the client as CSV."""
    client = open_record(client_id, "export_completions")
    return _csv(exports.completions_csv(client), f"completions-{client.id}.csv")


@bp.get("/clients/<client_id>/export/checkins.csv")
def export_checkins(client_id):
    """Every goal check-in of the client as CSV."""
    client = open_record(client_id, "export_checkins")
    return _csv(exports.checkins_csv(client), f"goal-checkins-{client.id}.csv")
