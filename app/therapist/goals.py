"""Goals: SMART goals with a GAS ladder, GAS scores, closing, and the client's own ratings."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..vocab import AREAS, GAS_LEVELS, GOAL_STATUSES, INDEPENDENCE
from . import bp, clinical
from .common import changed, me, open_record


def _prefill(client) -> dict:
    """A new goal started from an assessed area: its level becomes the baseline."""
    area = request.args.get("area", "")
    if area not in AREAS:
        return {}
    baseline = ""
    for assessment in clinical.assessments_of(client):
        item = clinical.items_by_area(assessment).get(area)
        if item is not None and item.level:
            baseline = _("%(level)s (assessed %(date)s)", level=INDEPENDENCE[item.level],
                         date=assessment.assessed_on.isoformat())
            break
    return {"area": area, "baseline": baseline}


def _context(client, form=None, error=None, error_goal=None):
    goals = clinical.goals_of(client)
    return {"client": client, "section": "goals", "goals": goals,
            "checkins": clinical.checkins_by_goal(goals), "areas": AREAS,
            "gas_levels": GAS_LEVELS, "gas_fields": clinical.GAS_FIELDS,
            "statuses": GOAL_STATUSES, "form": form if form is not None else _prefill(client),
            "error": error, "error_goal": error_goal}


@bp.get("/clients/<client_id>/goals")
def goals(client_id):
    """The client's goals with their ladders, GAS scores and the client's own ratings."""
    client = open_record(client_id, "view_goals")
    return render_template("therapist/goals.html", **_context(client))


@bp.post("/clients/<client_id>/goals")
def create_goal(client_id):
    """Set a new SMART goal."""
    client = open_record(client_id)
    try:
        data = clinical.parse_goal(request.form)
    except clinical.ClinicalError as error:
        return render_template("therapist/goals.html",
                               **_context(client, form=request.form, error=str(error))), 422
    goal = clinical.create_goal(client, me(), data)
    changed(client, "create_goal", f"goal {goal.id}")
    flash(_("Goal added."))
    return redirect(url_for("therapist.goals", client_id=client.id) + f"#goal-{goal.id}", 303)


def _goal_or_404(client, goal_id):
    try:
        return clinical.goal_for(client, goal_id)
    except clinical.NotFound:
        abort(404)


@bp.post("/clients/<client_id>/goals/<goal_id>/gas")
def score_goal(client_id, goal_id):
    """Record a Goal Attainment Scaling score (-2..+2)."""
    client = open_record(client_id)
    goal = _goal_or_404(client, goal_id)
    try:
        clinical.record_gas(goal, me(), request.form.get("gas_score"), request.form.get("note"))
    except clinical.ClinicalError as error:
        return render_template("therapist/goals.html", **_context(
            client, error=str(error), error_goal=goal.id)), 422
    changed(client, "score_goal", f"goal {goal.id}")
    flash(_("Score recorded."))
    return redirect(url_for("therapist.goals", client_id=client.id) + f"#goal-{goal.id}", 303)


@bp.post("/clients/<client_id>/goals/<goal_id>/close")
def close_goal(client_id, goal_id):
    """Mark a goal achieved (with the next step) or stopped."""
    client = open_record(client_id)
    goal = _goal_or_404(client, goal_id)
    try:
        clinical.close_goal(goal, request.form.get("status", ""), request.form.get("next_step"))
    except clinical.ClinicalError as error:
        return render_template("therapist/goals.html", **_context(
            client, error=str(error), error_goal=goal.id)), 422
    changed(client, f"goal_{goal.status}", f"goal {goal.id}")
    flash(_("Goal marked: %(status)s.", status=GOAL_STATUSES[goal.status]))
    return redirect(url_for("therapist.goals", client_id=client.id) + f"#goal-{goal.id}", 303)


@bp.post("/clients/<client_id>/goals/<goal_id>/reopen")
def reopen_goal(client_id, goal_id):
    """Put a closed goal back to active."""
    client = open_record(client_id)
    goal = _goal_or_404(client, goal_id)
    clinical.reopen_goal(goal)
    changed(client, "reopen_goal", f"goal {goal.id}")
    flash(_("Goal is active again."))
    return redirect(url_for("therapist.goals", client_id=client.id) + f"#goal-{goal.id}", 303)
