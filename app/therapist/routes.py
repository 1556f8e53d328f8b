"""The therapist's caseload."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from ..models import User
from . import bp


@bp.get("/clients")
def clients():
    """Every client on this therapist's caseload."""
    caseload = User.select().where(User.therapist == current_user.id, User.role == "client")
    return render_template("therapist/clients.html", clients=list(caseload.order_by(User.name)))
