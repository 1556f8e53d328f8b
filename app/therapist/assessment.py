"""Assessments: the initial one and re-evaluations shown beside their baseline."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..adherence import local_today
from ..vocab import AREAS, INDEPENDENCE
from . import bp, clinical
from .common import changed, me, open_record


def _form_context(client, assessment=None, form=None, error=None):
    assessments = clinical.assessments_of(client)
    initial = [a for a in assessments if a.kind == "initial"]
    prefill = {}
    if assessment is not None:
        prefill = {"kind": assessment.kind, "baseline": str(assessment.baseline_id or ""),
                   "assessed_on": assessment.assessed_on.isoformat(),
                   "history": assessment.history, "priorities": assessment.priorities,
                   "motivation": assessment.motivation,
                   "private_notes": assessment.private_notes}
        for area, item in clinical.items_by_area(assessment).items():
            prefill[f"level_{area}"] = str(item.level or "")
            prefill[f"notes_{area}"] = item.notes
            for key, answer in clinical.answers_of(item).items():
                prefill[f"answer_{area}_{key}"] = answer
    elif request.args.get("kind") == "reeval" and initial:
        # A re-evaluation starts from the baseline's answers, to be changed where they differ.
        base = initial[0]
        prefill = {"kind": "reeval", "baseline": str(base.id),
                   "priorities": base.priorities, "motivation": base.motivation}
        for area, item in clinical.items_by_area(base).items():
            for key, answer in clinical.answers_of(item).items():
                prefill[f"answer_{area}_{key}"] = answer
    prefill.setdefault("assessed_on", local_today(client).isoformat())
    prefill.setdefault("kind", "initial")
    return {"client": client, "section": "assessments", "assessment": assessment,
            "baselines": initial, "areas": AREAS, "levels": INDEPENDENCE,
            "form": form if form is not None else prefill, "error": error}


@bp.get("/clients/<client_id>/assessments")
def assessments(client_id):
    """Every assessment of the client, newest first."""
    client = open_record(client_id, "view_assessments")
    return render_template("therapist/assessments.html", client=client, section="assessments",
                           assessments=clinical.assessments_of(client))


@bp.get("/clients/<client_id>/assessments/new")
def new_assessment(client_id):
    """The assessment form: a level and follow-up answers per area of daily life."""
    client = open_record(client_id, "view_assessments")
    return render_template("therapist/assessment_form.html", **_form_context(client))


@bp.post("/clients/<client_id>/assessments/new")
def create_assessment(client_id):
    """Store a new assessment or re-evaluation."""
    client = open_record(client_id)
    try:
        data = clinical.parse_assessment(request.form, client)
    except clinical.ClinicalError as error:
        return render_template("therapist/assessment_form.html", **_form_context(
            client, form=request.form, error=str(error))), 422
    assessment = clinical.save_assessment(client, me(), data)
    changed(client, "create_assessment", f"assessment {assessment.id}")
    flash(_("Assessment saved."))
    return redirect(url_for("therapist.assessment", client_id=client.id,
                            assessment_id=assessment.id), 303)


def _assessment_or_404(client, assessment_id):
    try:
        return clinical.assessment_for(client, assessment_id)
    except clinical.NotFound:
        abort(404)


@bp.get("/clients/<client_id>/assessments/<assessment_id>")
def assessment(client_id, assessment_id):
    """One assessment; a re-evaluation side by side with its baseline."""
    client = open_record(client_id, "view_assessment")
    found = _assessment_or_404(client, assessment_id)
    baseline = found.baseline if found.kind == "reeval" else None
    rows = clinical.compare(baseline, found) if baseline else clinical.compare(found, found)
    return render_template("therapist/assessment.html", client=client, section="assessments",
                           assessment=found, baseline=baseline, rows=rows,
                           levels=INDEPENDENCE, answers_of=clinical.answers_of, areas=AREAS,
                           reevals=list(found.reevaluations) if found.kind == "initial" else [])


@bp.get("/clients/<client_id>/assessments/<assessment_id>/edit")
def edit_assessment(client_id, assessment_id):
    """The assessment form filled in, to correct it."""
    client = open_record(client_id, "view_assessment")
    found = _assessment_or_404(client, assessment_id)
    return render_template("therapist/assessment_form.html", **_form_context(client, found))


@bp.post("/clients/<client_id>/assessments/<assessment_id>/edit")
def update_assessment(client_id, assessment_id):
    """Store corrections to an assessment."""
    client = open_record(client_id)
    found = _assessment_or_404(client, assessment_id)
    try:
        data = clinical.parse_assessment(request.form, client)
        if data["fields"]["baseline"] is not None and data["fields"]["baseline"].id == found.id:
            raise clinical.ClinicalError(_("An assessment can't be its own baseline."))
    except clinical.ClinicalError as error:
        return render_template("therapist/assessment_form.html", **_form_context(
            client, found, form=request.form, error=str(error))), 422
    clinical.save_assessment(client, me(), data, found)
    changed(client, "update_assessment", f"assessment {found.id}")
    flash(_("Assessment updated."))
    return redirect(url_for("therapist.assessment", client_id=client.id,
                            assessment_id=found.id), 303)

