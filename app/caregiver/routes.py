"""The caregiver's home: linked clients."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from .. import adherence
from ..access import linked_clients
from ..today import cards_for, progress
from . import bp


@bp.get("/care")
def care():
    """The clients this caregiver helps, each with today's progress."""
    rows = []
    for client in linked_clients(current_user):
        done, total = progress(cards_for(client, adherence.local_today(client)))
        rows.append({"client": client, "done": done, "total": total})
    return render_template("caregiver/care.html", rows=rows)
