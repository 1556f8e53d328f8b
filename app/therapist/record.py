"""A client's record: summary, progress review, caregivers and guides, home checklist."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from peewee import JOIN

from .. import guides, links
from ..adherence import local_today
from ..caseload import build_rows, percent
from ..compiled import Compiled
from ..db import atomic
from ..invites import create_invite
from ..models import AuditEvent, User
from ..programme import active_plan, current_items
from ..vocab import MODIFICATION_STATUSES, MODIFICATIONS, ROOMS
from . import bp, clinical, review
from .common import changed, me, open_record, refuse

_access_log = Compiled(  # the record's last 15 audit events: compiled once (app/compiled.py)
    lambda client: AuditEvent.select(AuditEvent, User)
    .join(User, on=(AuditEvent.actor == User.id), join_type=JOIN.LEFT_OUTER)
    .where(AuditEvent.client == client)
    .order_by(AuditEvent.id.desc()).limit(15),
    lambda client: [client.id, 15])


def _summary_row(client):
    for row in build_rows(me(), client.name):
        if row.client.id == client.id:
            return row
    return None


@bp.get("/clients/<client_id>")
def record(client_id):
    """The summary of a client's record, with its recent access log."""
    client = open_record(client_id)
    goals = [g for g in clinical.goals_of(client) if g.status == "active"]
    log = _access_log(client)
    assessments = clinical.assessments_of(client)
    return render_template(
        "therapist/record.html", client=client, row=_summary_row(client), percent=percent,
        goals=goals, checkins=clinical.checkins_by_goal(goals), log=log,
        latest=assessments[0] if assessments else None, assessments=assessments,
        items=current_items(active_plan(client)), notes=review.notes(client, 5),
        caregivers=links.caregivers_of(client), section="summary")


@bp.get("/clients/<client_id>/progress")
def progress(client_id):
    """Adherence review: calendars per exercise, rating trends, notes, who logged each tick."""
    client = open_record(client_id, "view_progress")
    today = local_today(client)
    return render_template(
        "therapist/progress.html", client=client, today=today, section="progress",
        heatmaps=review.heatmaps(client, today), trend=review.trend_chart(client, today),
        ticks=review.recent_ticks(client, today), notes=review.notes(client),
        assistance_words=review.assistance_words)


def _care_context(client):
    return {"client": client, "section": "care", "caregivers": links.caregivers_of(client),
            "guide_progress": guides.progress_for_client(client),
            "available": clinical.guides_available(me())}


@bp.get("/clients/<client_id>/care")
def care(client_id):
    """Caregivers linked to the client, caregiver invites, and training guides."""
    client = open_record(client_id, "view_care")
    return render_template("therapist/care.html", **_care_context(client))


@bp.post("/clients/<client_id>/care/invite")
def invite_caregiver(client_id):
    """Make a single-use invite link for a caregiver of this client."""
    client = open_record(client_id)
    name = (request.form.get("name") or "").strip()
    if len(name) > 120:
        return refuse("therapist/care.html", _("Please keep the name under 120 characters."),
                      **_care_context(client))
    days = current_app.config.get("INVITE_DAYS", 7)
    with atomic():
        invite, token = create_invite(me(), "caregiver", days=days, client=client, name=name)
    changed(client, "invite_caregiver", f"invite {invite.id}")
    return render_template("therapist/invite_link.html", invite=invite, days=days,
                           link=url_for("auth.join", token=token, _external=True),
                           who=name or _("a caregiver of %(name)s", name=client.name),
                           back=url_for("therapist.care", client_id=client.id))


@bp.post("/clients/<client_id>/care/guides")
def assign_guide(client_id):
    """Assign a training guide for the client's caregivers."""
    client = open_record(client_id)
    try:
        guide = clinical.assign_guide(client, me(), request.form.get("guide"))
    except clinical.NotFound:
        return refuse("therapist/care.html", _("Choose a guide from the list."),
                      **_care_context(client))
    changed(client, "assign_guide", f"guide {guide.id}")
    flash(_("Guide assigned: %(title)s", title=guide.title))
    return redirect(url_for("therapist.care", client_id=client.id), 303)


@bp.post("/clients/<client_id>/care/guides/<assignment_id>/remove")
def unassign_guide(client_id, assignment_id):
    """Take a guide off the client's list."""
    client = open_record(client_id)
    try:
        clinical.unassign_guide(client, assignment_id)
    except clinical.NotFound:
        abort(404)
    changed(client, "unassign_guide", f"assignment {assignment_id}")
    flash(_("Guide removed."))
    return redirect(url_for("therapist.care", client_id=client.id), 303)


def _home_context(client):
    return {"client": client, "section": "home", "rooms": ROOMS, "kinds": MODIFICATIONS,
            "statuses": MODIFICATION_STATUSES, "by_room": clinical.modifications_of(client)}


@bp.get("/clients/<client_id>/home")
def home(client_id):
    """The home-modification checklist, room by room."""
    client = open_record(client_id, "view_home")
    return render_template("therapist/home.html", **_home_context(client))


@bp.post("/clients/<client_id>/home")
def add_modification(client_id):
    """Recommend a change in one room of the home."""
    client = open_record(client_id)
    try:
        data = clinical.parse_modification(request.form, new=True)
    except clinical.ClinicalError as error:
        return refuse("therapist/home.html", str(error), **_home_context(client))
    mod = clinical.save_modification(client, me(), data)
    changed(client, "add_home_modification", f"modification {mod.id}")
    flash(_("Added to the checklist."))
    return redirect(url_for("therapist.home", client_id=client.id), 303)


@bp.post("/clients/<client_id>/home/<mod_id>")
def update_modification(client_id, mod_id):
    """Change the status and notes of a checklist item."""
    client = open_record(client_id)
    try:
        mod = clinical.modification_for(client, mod_id)
        data = clinical.parse_modification(request.form, new=False)
    except clinical.NotFound:
        abort(404)
    except clinical.ClinicalError as error:
        return refuse("therapist/home.html", str(error), **_home_context(client))
    clinical.save_modification(client, me(), data, mod)
    changed(client, "update_home_modification", f"modification {mod.id}")
    flash(_("Checklist updated."))
    return redirect(url_for("therapist.home", client_id=client.id) + f"#mod-{mod.id}", 303)


@bp.post("/clients/<client_id>/home/<mod_id>/delete")
def delete_modification(client_id, mod_id):
    """Take an item off the checklist."""
    client = open_record(client_id)
    try:
        mod = clinical.modification_for(client, mod_id)
    except clinical.NotFound:
        abort(404)
    clinical.delete_modification(mod)
    changed(client, "delete_home_modification", f"modification {mod_id}")
    flash(_("Removed from the checklist."))
    return redirect(url_for("therapist.home", client_id=client.id), 303)
