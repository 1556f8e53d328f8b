"""A therapist's own exercises: written from scratch or copied from the library to adapt."""

from __future__ import annotations

import json

from flask_babel import lazy_gettext as _l

from ..content.library import CATEGORIES, SPECIALTIES
from ..db import atomic
from ..models import Exercise, User
from ..programme import DOSAGE_FIELDS, LABELS, ProgrammeError, _int

COPIED_FIELDS = ("title", "category", "specialties", "purpose", "steps", "safety", "equipment",
                 "image", "sets", "reps", "hold_seconds", "minutes")


class ExerciseError(ValueError):
    """An exercise form that can't be stored; the message is shown on the form."""


class NotFound(LookupError):
    """Not one of this therapist's own exercises."""


def own_exercise(therapist: User, exercise_id) -> Exercise:
    """One of the therapist's own exercises (the only ones they may change). :raise NotFound:"""
    try:
        exercise_id = int(exercise_id)
    except (TypeError, ValueError):
        raise NotFound() from None
    found = Exercise.get_or_none(Exercise.id == exercise_id, Exercise.owner == therapist)
    if found is None:
        raise NotFound()
    return found


def _lines(text: str, label, limit: int = 30) -> list[str]:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if len(lines) > limit or any(len(line) > 500 for line in lines):
        raise ExerciseError(_l("%(label)s: up to %(n)s lines of 500 characters.",
                               label=label, n=limit))
    return lines


def parse_exercise(form, specialties: list[str]) -> dict:
    """Validate the exercise form. :raise ExerciseError:"""
    title = (form.get("title") or "").strip()
    if not title or len(title) > 120:
        raise ExerciseError(_l("Please give the exercise a title (up to 120 characters)."))
    category = form.get("category", "")
    if category not in CATEGORIES:
        raise ExerciseError(_l("Choose a category."))
    chosen = [s for s in specialties if s in SPECIALTIES]
    purpose = (form.get("purpose") or "").strip()
    if len(purpose) > 1000:
        raise ExerciseError(_l("Please keep “why this helps” under 1000 characters."))
    steps = _lines(form.get("steps"), _l("Steps"))
    if not steps:
        raise ExerciseError(_l("Write at least one step, one per line."))
    data = {"title": title, "category": category, "specialties": ",".join(chosen),
            "purpose": purpose, "steps": json.dumps(steps),
            "safety": json.dumps(_lines(form.get("safety"), _l("Safety notes"))),
            "equipment": json.dumps(_lines(form.get("equipment"), _l("Equipment")))}
    try:
        for name, high in DOSAGE_FIELDS.items():
            data[name] = _int(form.get(name), LABELS[name], 0, high)
    except ProgrammeError as error:
        raise ExerciseError(str(error)) from None
    return data


def form_values(exercise: Exercise) -> dict:
    """The exercise as the form shows it (lists one per line)."""
    values = {name: getattr(exercise, name) for name in COPIED_FIELDS}
    for name in ("steps", "safety", "equipment"):
        values[name] = "\n".join(json.loads(getattr(exercise, name) or "[]"))
    values["specialty_list"] = exercise.specialty_list
    return values


def create_exercise(therapist: User, data: dict, image: str = "") -> Exercise:
    """A new exercise only this therapist sees."""
    with atomic():
        return Exercise.create(owner=therapist, image=image, **data)


def update_exercise(exercise: Exercise, data: dict, image: str | None = None) -> Exercise:
    """Change one of the therapist's own exercises (plans show the change at once)."""
    if image:
        data = {**data, "image": image}
    with atomic():
        Exercise.update(**data).where(Exercise.id == exercise.id).execute()
    return Exercise.get_by_id(exercise.id)


def copy_exercise(therapist: User, exercise: Exercise) -> Exercise:
    """The therapist's own copy of a library item, to adapt; it remembers its original."""
    fields = {name: getattr(exercise, name) for name in COPIED_FIELDS}
    fields["title"] = str(_l("%(title)s (my version)", title=exercise.title))[:120]
    with atomic():
        return Exercise.create(owner=therapist, copied_from=exercise, **fields)
