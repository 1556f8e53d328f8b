"""Caregiver training guides: which guides are assigned for a client, and how far each
caregiver has got with them (opened, practised, not confident yet).

A guide is assigned per client; progress is kept per caregiver and per assignment, so
a caregiver who helps two clients with the same guide has a record for each.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from peewee import IntegrityError

from .compiled import CompiledPerSize
from .db import atomic
from .ids import record_id as _as_id
from .models import CaregiverLink, Guide, GuideAssignment, GuideProgress, GuideStep, User, utcnow

STATUSES = {
    "not_opened": _l("Not opened yet"),
    "opened": _l("Opened, not practised yet"),
    "practised": _l("Practised"),
    "not_confident": _l("Not confident yet"),
}
# What a caregiver can say about a guide with the two buttons on its page.
CHOICES = ("practised", "not_confident")


class NotFound(LookupError):
    """The guide is not assigned for any client this caregiver helps now."""


class GuideError(ValueError):
    """A request about a guide that cannot be stored; the message is shown."""


@dataclass
class Step:
    position: int
    title: str
    body: str
    safety: str
    image: str


def _linked_client_ids(caregiver: User) -> list[int]:
    return [
        link.client_id
        for link in CaregiverLink.active().where(CaregiverLink.caregiver == caregiver)
    ]


def assignments_for_caregiver(caregiver: User) -> list[GuideAssignment]:
    """Every guide assignment for the clients this caregiver helps now, newest first."""
    ids = _linked_client_ids(caregiver)
    if not ids:
        return []
    return list(
        GuideAssignment.select(GuideAssignment, Guide, User)
        .join(Guide)
        .switch(GuideAssignment)
        .join(User, on=(GuideAssignment.client == User.id))
        .where(GuideAssignment.client.in_(ids))
        .order_by(GuideAssignment.assigned_at.desc(), GuideAssignment.id.desc())
    )


def progress_by_assignment(caregiver: User, assignments) -> dict[int, GuideProgress]:
    """This caregiver's progress rows, by assignment id."""
    ids = [a.id for a in assignments]
    if not ids:
        return {}
    return {
        p.assignment_id: p
        for p in GuideProgress.select().where(
            GuideProgress.caregiver == caregiver, GuideProgress.assignment.in_(ids)
        )
    }


def guides_for_caregiver(caregiver: User) -> list[dict]:
    """One row per assigned guide: the guide, the clients it is for and this caregiver's status."""
    assignments = assignments_for_caregiver(caregiver)
    progress = progress_by_assignment(caregiver, assignments)
    rows: dict[int, dict] = {}
    for a in assignments:
        row = rows.setdefault(a.guide_id, {"guide": a.guide, "clients": [], "status": None,
                                           "assigned_at": a.assigned_at})
        row["clients"].append(a.client)
        status = progress[a.id].status if a.id in progress else "not_opened"
        # With the same guide for two clients, show the least advanced status.
        row["status"] = _least(row["status"], status)
    return list(rows.values())


_ORDER = ["not_opened", "not_confident", "opened", "practised"]


def _least(a: str | None, b: str) -> str:
    if a is None:
        return b
    return min(a, b, key=_ORDER.index)


def unread_for(caregiver: User, client: User) -> list[GuideAssignment]:
    """Guides assigned for this client that this caregiver has not opened yet."""
    return unread_for_clients(caregiver, [client.id])


def _unread_query(client_ids, caregiver):
    opened = GuideProgress.select(GuideProgress.assignment).where(
        GuideProgress.caregiver == caregiver
    )
    return (GuideAssignment.select(GuideAssignment, Guide)
            .join(Guide)
            .where(GuideAssignment.client.in_(client_ids), GuideAssignment.id.not_in(opened))
            .order_by(GuideAssignment.assigned_at.desc(), GuideAssignment.id.desc()))


# On every caregiver page: compiled once per number of clients (app/compiled.py).
_UNREAD = CompiledPerSize(_unread_query, lambda ids, caregiver: [*ids, caregiver.id])


def unread_for_clients(caregiver: User, client_ids) -> list[GuideAssignment]:
    """Unopened guide assignments for these clients (one query), newest first."""
    return _UNREAD(list(client_ids), caregiver)


def guide_for_caregiver(caregiver: User, guide_id) -> tuple[Guide, list[GuideAssignment]]:
    """A guide assigned for one of the caregiver's linked clients, with those assignments.

    :raise NotFound: when it is not assigned for anyone this caregiver helps now.
    """
    guide_id = _as_id(guide_id)
    ids = _linked_client_ids(caregiver)
    if guide_id is None or not ids:
        raise NotFound()
    assignments = list(
        GuideAssignment.select(GuideAssignment, User)
        .join(User, on=(GuideAssignment.client == User.id))
        .where(GuideAssignment.guide == guide_id, GuideAssignment.client.in_(ids))
        .order_by(User.name)
    )
    if not assignments:
        raise NotFound()
    return Guide.get_by_id(guide_id), assignments


def mark_opened(caregiver: User, assignments) -> int:
    """Record the first view of a guide (later views change nothing); returns rows added."""
    added = 0
    have = progress_by_assignment(caregiver, assignments)
    for a in assignments:
        if a.id in have:
            continue
        try:
            with atomic():
                GuideProgress.create(assignment=a, caregiver=caregiver, status="opened")
            added += 1
        except IntegrityError:
            pass  # opened at the same moment on another device
    return added


def set_status(caregiver: User, assignments, status: str) -> None:
    """Say "I practised this" or "I'm not confident yet" for a guide."""
    if status not in CHOICES:
        raise GuideError(_l("Please choose one of the two buttons."))
    mark_opened(caregiver, assignments)
    with atomic():
        GuideProgress.update(status=status, updated_at=utcnow()).where(
            GuideProgress.caregiver == caregiver,
            GuideProgress.assignment.in_([a.id for a in assignments]),
        ).execute()


def status_of(caregiver: User, assignments) -> str:
    """This caregiver's status for a guide (the least advanced over its assignments)."""
    progress = progress_by_assignment(caregiver, assignments)
    status = None
    for a in assignments:
        status = _least(status, progress[a.id].status if a.id in progress else "not_opened")
    return status or "not_opened"


def progress_for_client(client: User) -> list[dict]:
    """For the therapist: each guide assigned for the client and every caregiver's status.

    Caregivers are those linked now; one who never opened a guide shows "not_opened".
    Returns [{"guide", "assignment", "caregivers": [{"caregiver", "status", "label",
    "updated_at"}]}], newest assignment first.
    """
    carers = list(
        User.select()
        .join(CaregiverLink, on=(CaregiverLink.caregiver == User.id))
        .where(CaregiverLink.client == client, CaregiverLink.revoked_at.is_null())
        .order_by(User.name)
        .distinct()
    )
    assignments = list(
        GuideAssignment.select(GuideAssignment, Guide)
        .join(Guide)
        .where(GuideAssignment.client == client)
        .order_by(GuideAssignment.assigned_at.desc(), GuideAssignment.id.desc())
    )
    rows = {}
    if assignments:
        rows = {
            (p.assignment_id, p.caregiver_id): p
            for p in GuideProgress.select().where(
                GuideProgress.assignment.in_([a.id for a in assignments])
            )
        }
    out = []
    for a in assignments:
        people = []
        for carer in carers:
            p = rows.get((a.id, carer.id))
            status = p.status if p else "not_opened"
            people.append({"caregiver": carer, "status": status, "label": STATUSES[status],
                           "updated_at": p.updated_at if p else None})
        out.append({"guide": a.guide, "assignment": a, "caregivers": people})
    return out


def steps_of(guide: Guide, locale: str = "en") -> list[Step]:
    """The guide's steps in order, in the reader's language where translated."""
    translated = []
    if locale != "en" and guide.translations:
        translated = json.loads(guide.translations or "{}").get(locale, {}).get("steps", [])
    steps = []
    query = GuideStep.select().where(GuideStep.guide == guide).order_by(GuideStep.position)
    for n, step in enumerate(query):
        t = translated[n] if n < len(translated) and isinstance(translated[n], dict) else {}
        steps.append(Step(step.position, t.get("title") or step.title,
                          t.get("body") or step.body, t.get("safety") or step.safety,
                          step.image))
    return steps
