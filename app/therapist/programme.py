"""The programme builder: add, change, reorder, pause, resume and remove plan items."""

from __future__ import annotations

from flask import abort, flash, render_template, request, url_for
from flask_babel import gettext as _

from .. import programme as plans
from ..htmx import fragment_or_redirect
from ..vocab import WEEKDAYS
from . import bp
from .common import changed, client_today, me, open_record
from .library import library_context


def _context(client, **extra):
    plan = plans.active_plan(client)
    return {"client": client, "section": "programme", "plan": plan,
            "items": plans.current_items(plan), "weekdays": WEEKDAYS,
            "today": client_today(client), **library_context(me()), **extra}


@bp.get("/clients/<client_id>/programme")
def programme(client_id):
    """The client's home programme, with the library to add from."""
    client = open_record(client_id, "view_programme")
    return render_template("therapist/programme.html", **_context(client))


def _refused(client, message, item_id=None):
    return render_template("therapist/programme.html", **_context(
        client, error=message, error_item=item_id)), 422


def _done(client, message):
    """The updated list for htmx, or back to the builder for a plain form."""
    if not request.headers.get("HX-Request"):
        flash(message)
    return fragment_or_redirect("therapist/_plan_items.html",
                                url_for("therapist.programme", client_id=client.id) + "#plan",
                                message=message, **_context(client))


@bp.post("/clients/<client_id>/programme/items")
def add_item(client_id):
    """Add an exercise to the plan (making the plan if there is none), due from today."""
    client = open_record(client_id)
    try:
        exercise = plans.exercise_for(me(), request.form.get("exercise"))
        schedule = plans.parse_schedule(request.form, request.form.getlist("days"))
    except plans.NotFound:
        return _refused(client, _("Choose an exercise from the library."))
    except plans.ProgrammeError as error:
        return _refused(client, str(error))
    plan = plans.ensure_plan(client, me(), client_today(client))
    item = plans.add_item(plan, exercise, schedule, client_today(client))
    changed(client, "add_plan_item", f"item {item.id}")
    return _done(client, _("Added: %(title)s", title=exercise.title))


def _item_or_404(client, item_id):
    try:
        return plans.item_for(client, item_id)
    except plans.NotFound:
        abort(404)


@bp.post("/clients/<client_id>/programme/items/<item_id>/edit")
def edit_item(client_id, item_id):
    """Change dosage or schedule from today on (past days keep what they had)."""
    client = open_record(client_id)
    item = _item_or_404(client, item_id)
    try:
        schedule = plans.parse_schedule(request.form, request.form.getlist("days"))
        new = plans.edit_item(item, schedule, client_today(client))
    except plans.ProgrammeError as error:
        return _refused(client, str(error), item.id)
    changed(client, "edit_plan_item", f"item {item.id} -> {new.id}")
    return _done(client, _("Changed from today: %(title)s", title=item.exercise.title))


@bp.post("/clients/<client_id>/programme/items/<item_id>/pause")
def pause_item(client_id, item_id):
    """Pause an item from today."""
    client = open_record(client_id)
    item = _item_or_404(client, item_id)
    plans.pause_item(item, client_today(client))
    changed(client, "pause_plan_item", f"item {item.id}")
    return _done(client, _("Paused: %(title)s", title=item.exercise.title))


@bp.post("/clients/<client_id>/programme/items/<item_id>/resume")
def resume_item(client_id, item_id):
    """Start a paused item again from today."""
    client = open_record(client_id)
    item = _item_or_404(client, item_id)
    new = plans.resume_item(item, client_today(client))
    changed(client, "resume_plan_item", f"item {item.id} -> {new.id}")
    return _done(client, _("Resumed: %(title)s", title=item.exercise.title))


@bp.post("/clients/<client_id>/programme/items/<item_id>/remove")
def remove_item(client_id, item_id):
    """Take an item off the plan from today; its past ticks stay."""
    client = open_record(client_id)
    item = _item_or_404(client, item_id)
    plans.remove_item(item, client_today(client))
    changed(client, "remove_plan_item", f"item {item.id}")
    return _done(client, _("Removed: %(title)s", title=item.exercise.title))


@bp.post("/clients/<client_id>/programme/items/<item_id>/move")
def move_item(client_id, item_id):
    """Move an item up or down the list."""
    client = open_record(client_id)
    item = _item_or_404(client, item_id)
    direction = request.form.get("direction", "")
    plans.move_item(item, direction)
    changed(client, "move_plan_item", f"item {item.id} {direction[:8]}")
    return _done(client, _("Moved %(direction)s: %(title)s",
                           direction=_("up") if direction == "up" else _("down"),
                           title=item.exercise.title))


@bp.get("/clients/<client_id>/programme/print")
def print_programme(client_id):
    """A clean handout of the plan: pictures, steps, dosage."""
    client = open_record(client_id, "print_programme")
    items = [i for i in plans.current_items(plans.active_plan(client)) if i.status == "active"]
    return render_template("therapist/print.html", client=client, items=items,
                           weekdays=WEEKDAYS, today=client_today(client))
