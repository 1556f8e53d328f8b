"""Training guides for caregivers: the list, a guide (whole or one step per screen), and
"I practised this" / "I'm not confident yet"."""

from __future__ import annotations

from flask import abort, flash, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from .. import audit, guides
from ..htmx import fragment_or_redirect, is_htmx
from . import bp


def _me():
    return current_user._get_current_object()


def _guide(guide_id):
    """The guide and its assignments for this caregiver's clients. :raise 404: otherwise."""
    try:
        return guides.guide_for_caregiver(_me(), guide_id)
    except guides.NotFound:
        # Like the access guards: log the denial, answer 404 so ids reveal nothing.
        audit.record("denied", target=request.path, outcome="denied")
        abort(404)


@bp.get("/guides", endpoint="guides")
def guides_list():
    """Every guide assigned for the people this caregiver helps."""
    return render_template("caregiver/guides.html", rows=guides.guides_for_caregiver(_me()),
                           statuses=guides.STATUSES)


def _step_number(steps):
    """The ?step=N asked for (1-based), None for the whole guide. :raise 404: out of range."""
    value = request.args.get("step")
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except ValueError:
        abort(404)
    if not 1 <= number <= len(steps):
        abort(404)
    return number


@bp.get("/guides/<guide_id>")
def guides_show(guide_id):
    """A guide: all steps on one page, or one step per screen with ?step=N."""
    me = _me()
    guide, assignments = _guide(guide_id)
    steps = guides.steps_of(guide, str(get_locale() or "en"))
    number = _step_number(steps)
    guides.mark_opened(me, assignments)
    return render_template(
        "caregiver/guide.html", guide=guide, steps=steps, number=number,
        step=steps[number - 1] if number else None,
        clients=[a.client for a in assignments], answer=guides.status_of(me, assignments),
        statuses=guides.STATUSES,
    )


@bp.post("/guides/<guide_id>/progress")
def guides_progress(guide_id):
    """Record "I practised this" or "I'm not confident yet" for the guide."""
    me = _me()
    guide, assignments = _guide(guide_id)
    try:
        guides.set_status(me, assignments, request.form.get("status", ""))
    except guides.GuideError as error:
        if is_htmx():
            return render_template("errors/_message.html", message=str(error)), 422
        flash(str(error))
        return render_template(
            "caregiver/guide.html", guide=guide, steps=guides.steps_of(
                guide, str(get_locale() or "en")), number=None, step=None,
            clients=[a.client for a in assignments], answer=guides.status_of(me, assignments),
            statuses=guides.STATUSES, error=str(error),
        ), 422
    answer = guides.status_of(me, assignments)
    message = (_("Great. Your therapist will see that you practised this.")
               if answer == "practised" else
               _("Thanks for saying so. Your therapist will see this and can show you again."))
    if not is_htmx():
        flash(message)
    back = url_for("caregiver.guides_show", guide_id=guide.id,
                   step=request.form.get("step") or None)
    return fragment_or_redirect("caregiver/_guide_progress.html", back, guide=guide,
                                answer=answer, statuses=guides.STATUSES, message=message,
                                number=request.form.get("step"))
