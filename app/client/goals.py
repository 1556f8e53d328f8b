"""A client's goals and their own COPM-style check-ins (no Flask request in here)."""

from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from ..adherence import local_now
from ..db import atomic
from ..models import Goal, GoalCheckin, User, utcnow
from ..ticks import NotFound

STATUS_ORDER = {"active": 0, "achieved": 1}


class CheckinError(ValueError):
    """A check-in that cannot be stored; the message is shown on the form."""


def goals_for(client: User) -> list[Goal]:
    """Goals the client is working on (nearest target date first), then achieved ones."""
    goals = Goal.select().where(Goal.client == client, Goal.status.in_(list(STATUS_ORDER)))
    return sorted(goals, key=lambda g: (STATUS_ORDER[g.status],
                                        g.target_date or dt.date.max, g.id))


def goal_for(client: User, goal_id) -> Goal:
    """The client's goal with this id, or NotFound."""
    try:
        goal_id = int(goal_id)
    except (TypeError, ValueError):
        raise NotFound() from None
    goal = Goal.get_or_none(Goal.id == goal_id, Goal.client == client)
    if goal is None:
        raise NotFound()
    return goal


def own_checkins(goal: Goal) -> list[GoalCheckin]:
    """The client's own ratings of a goal (not the therapist's GAS scores), oldest first."""
    return list(
        GoalCheckin.select()
        .where(GoalCheckin.goal == goal, GoalCheckin.by == goal.client_id,
               (GoalCheckin.performance.is_null(False)) | (GoalCheckin.satisfaction.is_null(False)))
        .order_by(GoalCheckin.created_at, GoalCheckin.id)
    )


def parse_score(value, label) -> int:
    """A 1-10 rating from a form value; anything else (blank included) is a CheckinError."""
    text = "" if value is None else str(value).strip()
    if not text:
        raise CheckinError(_l("Please choose a number for “%(label)s”.", label=label))
    try:
        number = int(text)
    except ValueError:
        raise CheckinError(_l("“%(label)s” must be a number from 1 to 10.", label=label)) from None
    if not 1 <= number <= 10:
        raise CheckinError(_l("“%(label)s” must be a number from 1 to 10.", label=label))
    return number


PERFORMANCE = _l("How well you do it")
SATISFACTION = _l("How happy you are with it")


def check_in(client: User, goal: Goal, performance, satisfaction, note: str = "") -> GoalCheckin:
    """Store the client's ratings; a second check-in on the same local day replaces the first.

    One point per day keeps the chart honest when a form is sent twice.
    """
    if goal.status != "active":
        raise CheckinError(_l("This goal is finished, so it needs no more check-ins."))
    performance = parse_score(performance, PERFORMANCE)
    satisfaction = parse_score(satisfaction, SATISFACTION)
    note = (note or "").strip()
    if len(note) > 1000:
        raise CheckinError(_l("Please keep the note under 1000 characters."))
    now = utcnow()
    local = local_now(client, now)
    day_start = (local.replace(hour=0, minute=0, second=0, microsecond=0)
                 .astimezone(dt.UTC).replace(tzinfo=None))
    with atomic():
        existing = (GoalCheckin.select()
                    .where(GoalCheckin.goal == goal, GoalCheckin.by == client,
                           GoalCheckin.created_at >= day_start,
                           GoalCheckin.performance.is_null(False))
                    .order_by(GoalCheckin.id.desc()).first())
        if existing is not None:
            existing.performance, existing.satisfaction = performance, satisfaction
            existing.note, existing.created_at = note, now
            existing.save()
            return existing
        return GoalCheckin.create(goal=goal, by=client, created_at=now, performance=performance,
                                  satisfaction=satisfaction, note=note)
