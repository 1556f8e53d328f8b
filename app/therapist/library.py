"""The exercise library: search and filter, and the therapist's own exercises."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from .. import audit, programme
from ..content.library import CATEGORIES, SPECIALTIES
from ..uploads import UploadError, save_image
from . import bp, exercises
from .common import me


def filters() -> dict:
    """The library filters from the query string."""
    args = request.args
    return {"text": args.get("q", "")[:100], "category": args.get("category", "")[:40],
            "specialty": args.get("specialty", "")[:40],
            "equipment": args.get("equipment", "")[:100], "own_only": args.get("own") == "1"}


def library_context(therapist) -> dict:
    """Everything the search form and its results need."""
    chosen = filters()
    return {"filters": chosen, "results": programme.search_library(therapist, **chosen),
            "categories": CATEGORIES, "specialties": SPECIALTIES,
            "equipment": programme.equipment_choices(therapist)}


@bp.get("/library")
def library():
    """Search and filter the shared library and this therapist's own exercises."""
    return render_template("therapist/library.html", **library_context(me()))


def _form_page(exercise=None, form=None, error=None, status=200):
    return render_template("therapist/exercise_form.html", exercise=exercise,
                           form=form or {}, error=error, categories=CATEGORIES,
                           specialties=SPECIALTIES), status


def _picture():
    """The uploaded picture's URL, '' when none was sent. :raise UploadError:"""
    upload = request.files.get("picture")
    if upload is None or not upload.filename:
        return ""
    return save_image(upload.stream, current_app.config["UPLOAD_FOLDER"],
                      current_app.config["UPLOAD_MAX_BYTES"])


@bp.get("/library/new")
def new_exercise():
    """The form for an exercise of the therapist's own."""
    return _form_page(form={"sets": 0, "reps": 0, "hold_seconds": 0, "minutes": 0})


@bp.post("/library/new")
def create_exercise():
    """Store a new exercise of the therapist's own, with an optional picture."""
    try:
        data = exercises.parse_exercise(request.form, request.form.getlist("specialties"))
        image = _picture()
    except (exercises.ExerciseError, UploadError) as error:
        return _form_page(form=_echo(), error=str(error), status=422)
    exercise = exercises.create_exercise(me(), data, image)
    audit.record("create_exercise", target=f"exercise {exercise.id}")
    flash(_("Exercise saved. Only you can see it."))
    return redirect(url_for("therapist.library", own="1") + f"#ex-{exercise.id}", 303)


def _echo() -> dict:
    values = request.form.to_dict()
    values["specialty_list"] = request.form.getlist("specialties")
    return values


def _own_or_404(exercise_id):
    try:
        return exercises.own_exercise(me(), exercise_id)
    except exercises.NotFound:
        abort(404)


@bp.get("/library/<exercise_id>/edit")
def edit_exercise(exercise_id):
    """The form for one of the therapist's own exercises."""
    exercise = _own_or_404(exercise_id)
    return _form_page(exercise, exercises.form_values(exercise))


@bp.post("/library/<exercise_id>/edit")
def update_exercise(exercise_id):
    """Store changes to one of the therapist's own exercises."""
    exercise = _own_or_404(exercise_id)
    try:
        data = exercises.parse_exercise(request.form, request.form.getlist("specialties"))
        image = _picture()
    except (exercises.ExerciseError, UploadError) as error:
        return _form_page(exercise, _echo(), str(error), 422)
    exercises.update_exercise(exercise, data, image or None)
    audit.record("update_exercise", target=f"exercise {exercise.id}")
    flash(_("Exercise updated."))
    return redirect(url_for("therapist.library", own="1") + f"#ex-{exercise.id}", 303)


@bp.post("/library/<exercise_id>/copy")
def copy_exercise(exercise_id):
    """Make an own copy of a library item and open it to adapt."""
    try:
        original = programme.exercise_for(me(), exercise_id)
    except programme.NotFound:
        abort(404)
    copy = exercises.copy_exercise(me(), original)
    audit.record("copy_exercise", target=f"exercise {original.id} -> {copy.id}")
    flash(_("This is your own copy. Change what you need and save."))
    return redirect(url_for("therapist.edit_exercise", exercise_id=copy.id), 303)
