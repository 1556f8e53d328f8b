"""Editing a client's home programme without rewriting its history.

A plan item's schedule never changes once practice may have been logged against it.
An edit ends the old item yesterday (status "replaced") and starts a new one today;
a pause ends it yesterday (status "paused"); a resume starts a new item today; a
removal ends it yesterday (status "removed"). Past days keep the schedule they had,
so adherence for them never moves. Only an item that started today and has no
ticks yet is changed in place: it has no history to protect.
"""

from __future__ import annotations

import datetime as dt
import json

from flask_babel import lazy_gettext as _l
from peewee import fn

from .compiled import Compiled
from .db import atomic
from .models import ALL_DAYS, Completion, Exercise, Plan, PlanItem, User

CURRENT = ("active", "paused")
DOSAGE_FIELDS = {"sets": 20, "reps": 200, "hold_seconds": 600, "minutes": 240}


class ProgrammeError(ValueError):
    """A change that can't be made; the message is shown on the form."""


class NotFound(LookupError):
    """Not an item of this client's plan."""


# Read on every record and programme page: compiled once (app/compiled.py).
_active_plan = Compiled(
    lambda client: Plan.select().where(Plan.client == client, Plan.is_active == True)  # noqa: E712
    .order_by(Plan.id.desc()).limit(1),
    lambda client: [client.id, True, 1])
_current_items = Compiled(
    lambda plan: PlanItem.select(PlanItem, Exercise).join(Exercise)
    .where(PlanItem.plan == plan, PlanItem.status.in_(CURRENT))
    .order_by(PlanItem.position, PlanItem.id),
    lambda plan: [plan.id, *CURRENT])


def active_plan(client: User) -> Plan | None:
    """The client's active plan, if any."""
    return _active_plan.one(client)


def ensure_plan(client: User, therapist: User, today: dt.date) -> Plan:
    """The client's active plan, created (empty, from today) when there is none."""
    plan = active_plan(client)
    if plan is None:
        plan = Plan.create(client=client, therapist=therapist, start_date=today)
    return plan


def current_items(plan: Plan | None) -> list[PlanItem]:
    """The items of the plan as it stands: active and paused, in order, with exercises."""
    if plan is None:
        return []
    return _current_items(plan)


def item_for(client: User, item_id) -> PlanItem:
    """A current item of the client's active plan. :raise NotFound:"""
    try:
        item_id = int(item_id)
    except (TypeError, ValueError):
        raise NotFound() from None
    item = (PlanItem.select(PlanItem, Plan).join(Plan)
            .where(PlanItem.id == item_id, Plan.client == client, Plan.is_active == True,  # noqa: E712
                   PlanItem.status.in_(CURRENT)).first())
    if item is None:
        raise NotFound()
    return item


def _int(value, label, low, high, default=0) -> int:
    text = str(value if value is not None else "").strip()
    if text == "":
        return default
    try:
        number = int(text)
    except ValueError:
        raise ProgrammeError(_l("%(label)s must be a whole number from %(low)s to %(high)s.",
                                label=label, low=low, high=high)) from None
    if not low <= number <= high:
        raise ProgrammeError(_l("%(label)s must be a whole number from %(low)s to %(high)s.",
                                label=label, low=low, high=high))
    return number


LABELS = {"sets": _l("Sets"), "reps": _l("Repetitions"), "hold_seconds": _l("Hold (seconds)"),
          "minutes": _l("Minutes")}


def parse_schedule(form, days: list[str]) -> dict:
    """Dosage, times a day, weekdays and instructions from a form. :raise ProgrammeError:"""
    values = {name: _int(form.get(name), LABELS[name], 0, high)
              for name, high in DOSAGE_FIELDS.items()}
    values["times_per_day"] = _int(form.get("times_per_day"), _l("Times per day"), 1, 6, 1)
    mask = 0
    for day in days:
        number = _int(day, _l("Day of the week"), 0, 6)
        mask |= 1 << number
    if not mask:
        raise ProgrammeError(_l("Choose at least one day of the week."))
    values["days_of_week"] = mask
    instructions = (form.get("instructions") or "").strip()
    if len(instructions) > 1000:
        raise ProgrammeError(_l("Please keep the instructions under 1000 characters."))
    values["instructions"] = instructions
    return values


def defaults_for(exercise: Exercise) -> dict:
    """The exercise's default dosage, every day, once a day."""
    return {"sets": exercise.sets, "reps": exercise.reps, "hold_seconds": exercise.hold_seconds,
            "minutes": exercise.minutes, "times_per_day": 1, "days_of_week": ALL_DAYS,
            "instructions": ""}


def add_item(plan: Plan, exercise: Exercise, schedule: dict, today: dt.date) -> PlanItem:
    """Add an exercise at the end of the plan, due from today."""
    with atomic():
        last = (PlanItem.select(PlanItem.position).where(PlanItem.plan == plan)
                .order_by(PlanItem.position.desc()).first())
        return PlanItem.create(plan=plan, exercise=exercise, start_date=today,
                               position=(last.position + 1) if last else 0, **schedule)


def _untouched(item: PlanItem, today: dt.date) -> bool:
    """True for an item that began today and has no ticks: it has no past to keep."""
    return item.start_date >= today and not Completion.select().where(
        Completion.plan_item == item).exists()


def _end(item: PlanItem, today: dt.date, status: str) -> None:
    PlanItem.update(end_date=today - dt.timedelta(days=1), status=status).where(
        PlanItem.id == item.id).execute()


def _copy(item: PlanItem, today: dt.date, **changes) -> PlanItem:
    fields = {name: getattr(item, name) for name in (
        "sets", "reps", "hold_seconds", "minutes", "times_per_day", "days_of_week",
        "instructions", "position")}
    fields.update(changes)
    return PlanItem.create(plan=item.plan_id, exercise=item.exercise_id, start_date=today,
                           replaces=item, status="active", **fields)


def edit_item(item: PlanItem, schedule: dict, today: dt.date) -> PlanItem:
    """Change dosage or schedule from today on; returns the item that is now current."""
    if item.status != "active":
        raise ProgrammeError(_l("Resume this exercise before changing it."))
    with atomic():
        if _untouched(item, today):
            PlanItem.update(**schedule).where(PlanItem.id == item.id).execute()
            return PlanItem.get_by_id(item.id)
        _end(item, today, "replaced")
        return _copy(item, today, **schedule)


def pause_item(item: PlanItem, today: dt.date) -> None:
    """Stop an item from today; it stays on the plan, paused, ready to resume."""
    if item.status != "active":
        return
    with atomic():
        _end(item, today, "paused")


def resume_item(item: PlanItem, today: dt.date) -> PlanItem:
    """Start a paused item again from today (a new item; the pause stays in the past)."""
    if item.status != "paused":
        return item
    with atomic():
        if item.start_date >= today:
            # Paused the same day it was added: just switch it back on.
            PlanItem.update(end_date=None, status="active").where(
                PlanItem.id == item.id).execute()
            return PlanItem.get_by_id(item.id)
        PlanItem.update(status="replaced").where(PlanItem.id == item.id).execute()
        return _copy(item, today)


def remove_item(item: PlanItem, today: dt.date) -> None:
    """Take an item off the plan from today; its past ticks stay."""
    with atomic():
        if item.status == "paused":
            PlanItem.update(status="removed").where(PlanItem.id == item.id).execute()
        else:
            _end(item, today, "removed")


def move_item(item: PlanItem, direction: str) -> None:
    """Swap an item with its neighbour above ('up') or below ('down')."""
    items = current_items(item.plan)
    ids = [i.id for i in items]
    if item.id not in ids or direction not in ("up", "down"):
        return
    index = ids.index(item.id)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(items):
        return
    items[index], items[other] = items[other], items[index]
    with atomic():
        for position, each in enumerate(items):
            if each.position != position:
                PlanItem.update(position=position).where(PlanItem.id == each.id).execute()


# -- the exercise library as a therapist sees it ------------------------------------------

def visible_exercises(therapist: User):
    """Shared library items and this therapist's own (never another therapist's)."""
    return Exercise.select().where(Exercise.owner.is_null() | (Exercise.owner == therapist))


def exercise_for(therapist: User, exercise_id) -> Exercise:
    """A library item this therapist may use. :raise NotFound:"""
    try:
        exercise_id = int(exercise_id)
    except (TypeError, ValueError):
        raise NotFound() from None
    found = visible_exercises(therapist).where(Exercise.id == exercise_id).first()
    if found is None:
        raise NotFound()
    return found


def search_library(therapist: User, text: str = "", category: str = "", specialty: str = "",
                   equipment: str = "", own_only: bool = False) -> list[Exercise]:
    """Library items matching words in the title or purpose and the chosen filters."""
    query = visible_exercises(therapist)
    text = (text or "").strip()[:100].lower()
    if text:
        query = query.where(fn.LOWER(Exercise.title).contains(text)
                            | fn.LOWER(Exercise.purpose).contains(text))
    if category:
        query = query.where(Exercise.category == category)
    if own_only:
        query = query.where(Exercise.owner == therapist)
    exercises = list(query.order_by(Exercise.title))
    if specialty:
        exercises = [e for e in exercises if specialty in e.specialty_list]
    if equipment:
        wanted = equipment.strip().lower()
        exercises = [e for e in exercises
                     if any(wanted == thing.lower() for thing in e.equipment_list)]
    return exercises


def equipment_choices(therapist: User) -> list[str]:
    """Every piece of equipment named in the visible library, sorted."""
    seen: dict[str, str] = {}
    for (raw,) in visible_exercises(therapist).select(Exercise.equipment).tuples():
        for thing in json.loads(raw or "[]"):
            seen.setdefault(thing.strip().lower(), thing.strip())
    return sorted(seen.values(), key=str.lower)
