"""Discharge: the therapist ends a client's programme; the record becomes read-only."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import here
from ..access import client_for_therapist
from ..errors import render_error
from ..models import CaregiverLink, User
from ..security import role_required
from . import account, bp
from .forms import ConfirmForm

# What still works for (or on) a discharged client's record: signing in and out,
# settings, passkeys, push opt-out, and this blueprint (export, close, readmit).
OPEN_AFTER_DISCHARGE = ("auth.", "rights.", "push.", "pages.", "static")


@bp.get("/clients/<int:client_id>/discharge")
@role_required("therapist")
def discharge_page(client_id):
    """Ask the therapist to confirm a discharge (or a readmission)."""
    client = client_for_therapist(client_id)
    return render_template("rights/discharge.html", client=client, form=ConfirmForm())


@bp.post("/clients/<int:client_id>/discharge")
@role_required("therapist")
def discharge(client_id):
    """Discharge: no more ticks, plan changes or reminders; everything stays readable."""
    client = client_for_therapist(client_id)
    if ConfirmForm().validate_on_submit():
        account.discharge(client, current_user._get_current_object())
        flash(_("%(name)s is discharged. Their record is kept, read-only.", name=client.name))
    return redirect(url_for("rights.discharge_page", client_id=client.id), code=303)


@bp.post("/clients/<int:client_id>/readmit")
@role_required("therapist")
def readmit(client_id):
    """Undo a discharge: practice and reminders start again."""
    client = client_for_therapist(client_id)
    if ConfirmForm().validate_on_submit():
        account.readmit(client, current_user._get_current_object())
        flash(_("%(name)s is active again.", name=client.name))
    return redirect(url_for("rights.discharge_page", client_id=client.id), code=303)


def _record_client() -> User | None:
    """The client whose record this request would change, when we can tell."""
    me = here.user()
    if me.role == "client":
        return me
    raw = str((here.request().view_args or {}).get("client_id", ""))
    if not raw.isdigit() or len(raw) > 18:
        return None
    client = User.get_or_none(User.id == int(raw), User.role == "client")
    # Only for someone who may see the record: for anyone else the view's guard answers
    # 404 (and logs it), so a discharge never shows through to a stranger.
    if client is None:
        return None
    if me.role == "therapist" and client.therapist_id == me.id:
        return client
    if me.role == "caregiver" and CaregiverLink.active().where(
            CaregiverLink.caregiver == me.id,
            CaregiverLink.client == client.id).exists():
        return client
    return None


@bp.before_app_request
def _read_only_after_discharge():
    """Refuse changes to a discharged client's record (ticks, plan, goals ...)."""
    asked, me = here.request(), here.user()
    if asked.method in ("GET", "HEAD", "OPTIONS") or not me.is_authenticated:
        return None
    if (asked.endpoint or "static").startswith(OPEN_AFTER_DISCHARGE):
        return None
    client = _record_client()
    if client is None or client.discharged_at is None:
        return None
    if me.role == "client":
        message = _("Your programme with your therapist has ended, so this can't be changed "
                    "now. You can still look at everything and download it.")
    else:
        message = _("This client is discharged: their record is read-only.")
    return render_error(409, message)
