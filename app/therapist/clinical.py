"""The therapist's clinical records: assessments, goals, home modifications, guides.

Plain functions with no Flask request in them: views parse nothing but the form
dict they pass here; every problem comes back as a ClinicalError with plain words.
"""

from __future__ import annotations

import datetime as dt
import json

from flask_babel import lazy_gettext as _l
from peewee import IntegrityError

from ..compiled import Compiled, CompiledPerSize
from ..db import atomic
from ..ids import record_id
from ..models import (
    Assessment,
    AssessmentItem,
    Goal,
    GoalCheckin,
    Guide,
    GuideAssignment,
    HomeModification,
    User,
    utcnow,
)
from ..vocab import (
    AREAS,
    GAS_LEVELS,
    INDEPENDENCE,
    MODIFICATION_STATUSES,
    MODIFICATIONS,
    ROOMS,
)

GAS_FIELDS = {-2: "gas_minus2", -1: "gas_minus1", 0: "gas_0", 1: "gas_plus1", 2: "gas_plus2"}
LONG_TEXT = 4000


class ClinicalError(ValueError):
    """Input that can't be stored; the message is shown on the form."""


class NotFound(LookupError):
    """Not a record of this client."""


def _as_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _text(form, name, limit=LONG_TEXT, label=None) -> str:
    value = (form.get(name) or "").strip()
    if len(value) > limit:
        raise ClinicalError(_l("%(label)s is too long (up to %(n)s characters).",
                               label=label or name, n=limit))
    return value


def _date(value, label, required=False) -> dt.date | None:
    value = (value or "").strip()
    if not value:
        if required:
            raise ClinicalError(_l("Please give %(label)s.", label=label))
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ClinicalError(_l("%(label)s is not a valid date.", label=label)) from None


def parse_level(value) -> int | None:
    """An independence level 1-7 from a form; blank is None. :raise ClinicalError:"""
    value = (value or "").strip() if isinstance(value, str) else value
    if value in (None, ""):
        return None
    number = _as_int(value)
    if number not in INDEPENDENCE:
        raise ClinicalError(_l("The independence level must be from 1 to 7."))
    return number


def parse_gas(value) -> int:
    """A GAS score -2..+2 from a form. :raise ClinicalError:"""
    number = _as_int((value or "").strip() if isinstance(value, str) else value)
    if number not in GAS_LEVELS:
        raise ClinicalError(_l("The goal attainment score must be -2, -1, 0, +1 or +2."))
    return number


# -- assessments ---------------------------------------------------------------------------

_assessments_of = Compiled(  # on every client record: compiled once (app/compiled.py)
    lambda client: Assessment.select().where(Assessment.client == client)
    .order_by(Assessment.assessed_on.desc(), Assessment.id.desc()),
    lambda client: [client.id])


def assessments_of(client: User) -> list[Assessment]:
    """The client's assessments, newest first."""
    return _assessments_of(client)


def assessment_for(client: User, assessment_id) -> Assessment:
    """One of the client's assessments. :raise NotFound:"""
    found = Assessment.get_or_none(Assessment.id == record_id(assessment_id),
                                   Assessment.client == client)
    if found is None:
        raise NotFound()
    return found


def items_by_area(assessment: Assessment | None) -> dict[str, AssessmentItem]:
    """The assessment's items keyed by area."""
    if assessment is None:
        return {}
    return {i.area: i for i in assessment.items}


def answers_of(item: AssessmentItem | None) -> dict:
    """The follow-up answers of an item as a dict."""
    if item is None:
        return {}
    try:
        return json.loads(item.answers or "{}")
    except ValueError:
        return {}


def parse_assessment(form, client: User) -> dict:
    """Validate an assessment form into {fields, items}. :raise ClinicalError:"""
    kind = form.get("kind", "initial")
    if kind not in ("initial", "reeval"):
        raise ClinicalError(_l("Choose initial assessment or re-evaluation."))
    baseline = None
    if kind == "reeval":
        baseline = Assessment.get_or_none(Assessment.id == record_id(form.get("baseline")),
                                          Assessment.client == client)
        if baseline is None:
            raise ClinicalError(_l("A re-evaluation needs the assessment it compares with."))
    fields = {
        "kind": kind, "baseline": baseline,
        "assessed_on": _date(form.get("assessed_on"), _l("the date of the assessment"),
                             required=True),
        "history": _text(form, "history", label=_l("History")),
        "priorities": _text(form, "priorities", label=_l("Priorities")),
        "motivation": _text(form, "motivation", label=_l("Motivation")),
        "private_notes": _text(form, "private_notes", label=_l("Private notes")),
    }
    items = {}
    for area, spec in AREAS.items():
        try:
            level = parse_level(form.get(f"level_{area}"))
        except ClinicalError:
            raise ClinicalError(_l("%(area)s: the independence level must be from 1 to 7.",
                                   area=spec["label"])) from None
        answers = {key: _text(form, f"answer_{area}_{key}", 500, label=question)
                   for key, question in spec["questions"]}
        answers = {k: v for k, v in answers.items() if v}
        notes = _text(form, f"notes_{area}", 1000, label=spec["label"])
        if level is not None or answers or notes:
            items[area] = {"level": level, "answers": answers, "notes": notes}
    if not items:
        raise ClinicalError(_l("Rate at least one area of daily life."))
    return {"fields": fields, "items": items}


def save_assessment(client: User, therapist: User, data: dict,
                    assessment: Assessment | None = None) -> Assessment:
    """Create an assessment, or replace the contents of an existing one."""
    with atomic():
        if assessment is None:
            assessment = Assessment.create(client=client, therapist=therapist, **data["fields"])
        else:
            for name, value in data["fields"].items():
                setattr(assessment, name, value)
            assessment.save()
            AssessmentItem.delete().where(AssessmentItem.assessment == assessment).execute()
        for area, item in data["items"].items():
            AssessmentItem.create(assessment=assessment, area=area, level=item["level"],
                                  answers=json.dumps(item["answers"]), notes=item["notes"])
    return assessment


def compare(baseline: Assessment, reeval: Assessment) -> list[dict]:
    """Area by area: baseline level, new level and whether it improved, stayed or worsened."""
    before, after = items_by_area(baseline), items_by_area(reeval)
    rows = []
    for area, spec in AREAS.items():
        if area not in before and area not in after:
            continue
        old = before[area].level if area in before else None
        new = after[area].level if area in after else None
        if old is None or new is None:
            change = "unknown"
        elif new > old:
            change = "better"
        elif new < old:
            change = "worse"
        else:
            change = "same"
        rows.append({"area": area, "label": spec["label"], "domain": spec["domain"],
                     "before": old, "after": new, "change": change,
                     "before_item": before.get(area), "after_item": after.get(area)})
    return rows


# -- goals ----------------------------------------------------------------------------------

_goals_of = Compiled(lambda client: Goal.select().where(Goal.client == client)
                     .order_by(Goal.created_at.desc()), lambda client: [client.id])


def goals_of(client: User) -> list[Goal]:
    """Active goals first (soonest target first), then closed ones, newest first."""
    goals = _goals_of(client)
    active = sorted((g for g in goals if g.status == "active"),
                    key=lambda g: (g.target_date is None, g.target_date or dt.date.max))
    return active + [g for g in goals if g.status != "active"]


def goal_for(client: User, goal_id) -> Goal:
    """One of the client's goals. :raise NotFound:"""
    found = Goal.get_or_none(Goal.id == record_id(goal_id), Goal.client == client)
    if found is None:
        raise NotFound()
    return found


def parse_goal(form) -> dict:
    """Validate a goal form. :raise ClinicalError:"""
    area = form.get("area", "")
    if area not in AREAS:
        raise ClinicalError(_l("Choose the area of daily life this goal is about."))
    title = _text(form, "title", 200, label=_l("Goal"))
    if not title:
        raise ClinicalError(_l("Please write the goal in the client's own words."))
    data = {
        "area": area, "title": title,
        "description": _text(form, "description", label=_l("SMART statement")),
        "baseline": _text(form, "baseline", label=_l("Baseline")),
        "target": _text(form, "target", label=_l("Target")),
        "target_date": _date(form.get("target_date"), _l("the target date")),
    }
    for level, name in GAS_FIELDS.items():
        data[name] = _text(form, name, 1000, label=GAS_LEVELS[level])
    if not data["gas_0"]:
        raise ClinicalError(_l("Describe the expected outcome (level 0) of the goal ladder."))
    return data


def create_goal(client: User, therapist: User, data: dict) -> Goal:
    """Store a new active goal."""
    with atomic():
        return Goal.create(client=client, therapist=therapist, **data)


def record_gas(goal: Goal, therapist: User, score, note: str = "") -> GoalCheckin:
    """Record the therapist's GAS score for a goal today."""
    score = parse_gas(score)
    note = (note or "").strip()
    if len(note) > 1000:
        raise ClinicalError(_l("Please keep the note under 1000 characters."))
    with atomic():
        return GoalCheckin.create(goal=goal, by=therapist, gas_score=score, note=note)


def close_goal(goal: Goal, status: str, next_step: str = "") -> Goal:
    """Mark a goal achieved (with what comes next) or discontinued."""
    if status not in ("achieved", "discontinued"):
        raise ClinicalError(_l("A goal can be marked achieved or stopped."))
    next_step = (next_step or "").strip()
    if len(next_step) > 1000:
        raise ClinicalError(_l("Please keep the next step under 1000 characters."))
    with atomic():
        Goal.update(status=status, next_step=next_step, closed_at=utcnow()).where(
            Goal.id == goal.id).execute()
    goal.status, goal.next_step = status, next_step
    return goal


def reopen_goal(goal: Goal) -> None:
    """Put a closed goal back to active (a mistaken click)."""
    with atomic():
        Goal.update(status="active", closed_at=None).where(Goal.id == goal.id).execute()


_checkins_of = CompiledPerSize(  # on every client record: SQL kept per number of goals
    lambda ids: GoalCheckin.select().where(GoalCheckin.goal.in_(ids))
    .order_by(GoalCheckin.created_at, GoalCheckin.id),
    lambda ids: list(ids))


def checkins_by_goal(goals) -> dict[int, dict]:
    """For each goal: the client's latest COPM-style ratings, the first ones, and GAS history."""
    ids = [g.id for g in goals]
    out = {gid: {"copm": [], "gas": []} for gid in ids}
    if not ids:
        return out
    for c in _checkins_of(ids):
        if c.gas_score is not None:
            out[c.goal_id]["gas"].append(c)
        if c.performance is not None or c.satisfaction is not None:
            out[c.goal_id]["copm"].append(c)
    return out


# -- home modifications ---------------------------------------------------------------------

def modifications_of(client: User) -> dict[str, list[HomeModification]]:
    """The client's home checklist grouped by room, in the order of vocab.ROOMS."""
    rows = list(HomeModification.select().where(HomeModification.client == client)
                .order_by(HomeModification.id))
    return {room: [m for m in rows if m.room == room] for room in ROOMS
            if any(m.room == room for m in rows)}


def modification_for(client: User, mod_id) -> HomeModification:
    """One of the client's home modifications. :raise NotFound:"""
    found = HomeModification.get_or_none(HomeModification.id == record_id(mod_id),
                                         HomeModification.client == client)
    if found is None:
        raise NotFound()
    return found


def parse_modification(form, new: bool) -> dict:
    """Validate a home-modification form. :raise ClinicalError:"""
    data = {}
    if new:
        if form.get("room") not in ROOMS:
            raise ClinicalError(_l("Choose a room."))
        if form.get("kind") not in MODIFICATIONS:
            raise ClinicalError(_l("Choose the change to make."))
        data.update(room=form["room"], kind=form["kind"])
    status = form.get("status", "recommended")
    if status not in MODIFICATION_STATUSES:
        raise ClinicalError(_l("Choose a status."))
    data["status"] = status
    data["notes"] = _text(form, "notes", 1000, label=_l("Notes"))
    return data


def save_modification(client: User, therapist: User, data: dict,
                      mod: HomeModification | None = None) -> HomeModification:
    """Add a modification to the checklist, or update its status and notes."""
    with atomic():
        if mod is None:
            return HomeModification.create(client=client, updated_by=therapist, **data)
        HomeModification.update(updated_at=utcnow(), updated_by=therapist, **data).where(
            HomeModification.id == mod.id).execute()
    return mod


def delete_modification(mod: HomeModification) -> None:
    """Take an item off the checklist."""
    with atomic():
        mod.delete_instance()


# -- guides -----------------------------------------------------------------------------------

def guides_available(therapist: User) -> list[Guide]:
    """Shared guides and this therapist's own, by title."""
    return list(Guide.select().where(Guide.owner.is_null() | (Guide.owner == therapist))
                .order_by(Guide.title))


def assign_guide(client: User, therapist: User, guide_id) -> Guide:
    """Assign a guide for the client's caregivers (again is a no-op). :raise NotFound:"""
    guide = Guide.get_or_none(Guide.id == record_id(guide_id),
                              Guide.owner.is_null() | (Guide.owner == therapist))
    if guide is None:
        raise NotFound()
    try:
        with atomic():
            GuideAssignment.create(guide=guide, client=client, assigned_by=therapist)
    except IntegrityError:
        pass
    return guide


def unassign_guide(client: User, assignment_id) -> None:
    """Take a guide off the client's list (caregivers' progress on it goes too)."""
    found = GuideAssignment.get_or_none(GuideAssignment.id == record_id(assignment_id),
                                        GuideAssignment.client == client)
    if found is None:
        raise NotFound()
    with atomic():
        found.delete_instance(recursive=True)
