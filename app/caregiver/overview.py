"""What a caregiver needs to know about each client: today's progress, practice due now,
new guides and home changes still to make. Plain functions, no request inside.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from peewee import fn

from .. import adherence, guides
from ..compiled import CompiledPerSize
from ..db import atomic
from ..ids import record_id
from ..models import (
    Completion,
    Exercise,
    GuideAssignment,
    HomeModification,
    Plan,
    PlanItem,
    User,
    utcnow,
)
from ..today import Card, progress

# When each slot of the day "opens": the first at 07:00, the last at 17:00, the rest
# spread between. A slot not done after it opened is "due now".
FIRST_SLOT_HOUR, LAST_SLOT_HOUR = 7, 17
OPEN_MODIFICATIONS = ("recommended", "in_progress")


class NotFound(LookupError):
    """The home modification is not one of this client's."""


def slot_opens_at(times_per_day: int, slot: int) -> dt.time:
    """The local time a slot of a plan item becomes due."""
    if times_per_day <= 1:
        return dt.time(FIRST_SLOT_HOUR)
    step = (LAST_SLOT_HOUR - FIRST_SLOT_HOUR) * 60 / (times_per_day - 1)
    minutes = round(FIRST_SLOT_HOUR * 60 + (slot - 1) * step)
    return dt.time(minutes // 60, minutes % 60)


def due_now(cards: list[Card], now: dt.time) -> list[Card]:
    """Cards not done yet whose slot has opened by the given local time."""
    return [c for c in cards
            if not c.done and slot_opens_at(c.item.times_per_day, c.slot) <= now]


@dataclass
class ClientSummary:
    client: User
    done: int
    total: int
    due_now: list[Card] = field(default_factory=list)
    new_guides: list[GuideAssignment] = field(default_factory=list)
    home_to_do: int = 0

    @property
    def needs_attention(self) -> bool:
        return bool(self.due_now or self.new_guides)


def summary(caregiver: User, client: User, at: dt.datetime | None = None) -> ClientSummary:
    """Today's progress and what needs the caregiver, for one client."""
    return summaries(caregiver, [client], at)[0]


# The caregiver's pages run these for every client shown: compiled once per number of
# clients (app/compiled.py).
_HOME_TO_DO = CompiledPerSize(
    lambda ids: HomeModification.select(HomeModification.client, fn.COUNT(HomeModification.id))
    .where(HomeModification.client.in_(ids), HomeModification.status.in_(OPEN_MODIFICATIONS))
    .group_by(HomeModification.client),
    lambda ids: [*ids, *OPEN_MODIFICATIONS])
_ITEMS = CompiledPerSize(
    lambda ids, first, last: PlanItem.select(PlanItem, Exercise, Plan)
    .join(Exercise).switch(PlanItem).join(Plan)
    .where(Plan.client.in_(ids), PlanItem.start_date <= last,
           (PlanItem.end_date.is_null()) | (PlanItem.end_date >= first))
    .order_by(PlanItem.position, PlanItem.id),
    lambda ids, first, last: [*ids, last, first])
_TICKS = CompiledPerSize(
    lambda ids, first, last: Completion.select()
    .where(Completion.client.in_(ids), Completion.day.between(first, last)),
    lambda ids, first, last: [*ids, first, last])


def summaries(caregiver: User, clients: list[User],
              at: dt.datetime | None = None) -> list[ClientSummary]:
    """summary() for several clients in a fixed number of queries, however many there are."""
    if not clients:
        return []
    now = {c.id: adherence.local_now(c, at) for c in clients}
    cards = _cards_by_client(clients, {cid: n.date() for cid, n in now.items()})
    new_guides = defaultdict(list)
    for a in guides.unread_for_clients(caregiver, [c.id for c in clients]):
        new_guides[a.client_id].append(a)
    home = dict(_HOME_TO_DO.cursor([c.id for c in clients]).fetchall())
    out = []
    for client in clients:
        day_cards = cards[client.id]
        done, total = progress(day_cards)
        out.append(ClientSummary(
            client=client, done=done, total=total,
            due_now=due_now(day_cards, now[client.id].time()),
            new_guides=new_guides[client.id], home_to_do=home.get(client.id, 0),
        ))
    return out


def _cards_by_client(clients: list[User], days: dict[int, dt.date]) -> dict[int, list[Card]]:
    """Each client's cards for their own local date (the same rule as today.cards_for)."""
    ids = [c.id for c in clients]
    first, last = min(days.values()), max(days.values())
    items = defaultdict(list)
    for item in _ITEMS(ids, first, last):
        if adherence.is_due(item, days[item.plan.client_id]):
            items[item.plan.client_id].append(item)
    done = {
        (c.plan_item_id, c.slot): c
        for c in _TICKS(ids, first, last)
        if _as_date(c.day) == days[c.client_id]
    }
    return {
        cid: [Card(item, item.exercise, slot, done.get((item.id, slot)))
              for item in items[cid] for slot in range(1, item.times_per_day + 1)]
        for cid in ids
    }


def _as_date(value) -> dt.date:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def modifications(client: User) -> list[HomeModification]:
    """The client's home checklist: still to do first, then installed, then not needed."""
    order = {"recommended": 0, "in_progress": 0, "installed": 1, "not_needed": 2}
    rows = HomeModification.select().where(HomeModification.client == client)
    return sorted(rows, key=lambda m: (order.get(m.status, 3), m.room, m.kind, m.id))


def modification_for(client: User, mod_id) -> HomeModification:
    """One of the client's home modifications. :raise NotFound: otherwise."""
    mod = HomeModification.get_or_none(HomeModification.id == record_id(mod_id),
                                       HomeModification.client == client)
    if mod is None:
        raise NotFound()
    return mod


def mark_installed(mod: HomeModification, by: User) -> HomeModification:
    """Record that a recommended change has been made in the home."""
    with atomic():
        HomeModification.update(status="installed", updated_at=utcnow(), updated_by=by).where(
            HomeModification.id == mod.id
        ).execute()
    mod.status, mod.updated_by = "installed", by
    return mod
