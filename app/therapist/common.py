"""What every client-record view shares: the access guard with its audit row, and errors."""

from __future__ import annotations

from flask import render_template, request
from flask_login import current_user

from .. import audit
from ..access import client_for_therapist
from ..adherence import local_today


def me():
    """The signed-in therapist."""
    return current_user._get_current_object()


def open_record(client_id, action: str = "view_record", target: str = ""):
    """The client on this therapist's caseload (404 otherwise), with the view audited."""
    client = client_for_therapist(client_id)
    if request.method == "GET":
        audit.record(action, client=client, target=target or request.path)
    return client


def changed(client, action: str, target: str = "") -> None:
    """Audit a change to the client's record."""
    audit.record(action, client=client, target=target or request.path)


def client_today(client):
    """The client's own calendar date: plans change from that day."""
    return local_today(client)


def refuse(template: str, message: str, status: int = 422, **context):
    """Show the form again with the problem, nothing stored."""
    return render_template(template, error=message, form=request.form, **context), status
