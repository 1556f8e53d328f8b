"""The day's practice for a client: one card per due slot, with its tick if done."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext

from .models import Completion, Exercise, Plan, PlanItem, User


@dataclass
class Card:
    item: PlanItem
    exercise: Exercise
    slot: int
    completion: Completion | None

    @property
    def done(self) -> bool:
        return self.completion is not None

    @property
    def dom_id(self) -> str:
        return f"card-{self.item.id}-{self.slot}"


def active_items(client: User, day: dt.date) -> list[PlanItem]:
    """The client's plan items due on a local date, in plan order, with their exercises."""
    items = (
        PlanItem.select(PlanItem, Exercise, Plan)
        .join(Exercise)
        .switch(PlanItem)
        .join(Plan)
        .where(Plan.client == client, PlanItem.status == "active", PlanItem.start_date <= day,
               (PlanItem.end_date.is_null()) | (PlanItem.end_date >= day))
        .order_by(PlanItem.position, PlanItem.id)
    )
    return [item for item in items if item.due_on(day)]


def cards_for(client: User, day: dt.date) -> list[Card]:
    """A card for every slot due on the day, each with its completion when done."""
    items = active_items(client, day)
    done = {
        (c.plan_item_id, c.slot): c
        for c in Completion.select().where(
            Completion.client == client, Completion.day == day,
            Completion.plan_item.in_([i.id for i in items]),
        )
    }
    return [
        Card(item, item.exercise, slot, done.get((item.id, slot)))
        for item in items
        for slot in range(1, item.times_per_day + 1)
    ]


def card_for(client: User, item: PlanItem, day: dt.date, slot: int) -> Card:
    """One card, after a tick or an undo."""
    completion = Completion.get_or_none(
        Completion.plan_item == item, Completion.day == day, Completion.slot == slot
    )
    return Card(item, item.exercise, slot, completion)


def dosage_text(item) -> str:
    """Dosage in plain words: '2 sets of 10, hold 5 seconds', '10 minutes'."""
    parts = []
    if item.sets and item.reps:
        parts.append(ngettext("%(num)s set of %(reps)s", "%(num)s sets of %(reps)s",
                              item.sets, reps=item.reps))
    elif item.reps:
        parts.append(ngettext("%(num)s time", "%(num)s times", item.reps))
    elif item.sets:
        parts.append(ngettext("%(num)s set", "%(num)s sets", item.sets))
    if item.hold_seconds:
        parts.append(ngettext("hold %(num)s second", "hold %(num)s seconds", item.hold_seconds))
    if item.minutes:
        parts.append(ngettext("%(num)s minute", "%(num)s minutes", item.minutes))
    return ", ".join(parts) or _("As your therapist showed you")


def slot_label(item: PlanItem, slot: int) -> str:
    """'Morning' / 'Afternoon' / 'Evening' style labels for multi-slot items."""
    if item.times_per_day <= 1:
        return ""
    names = {2: [_("Morning"), _("Evening")], 3: [_("Morning"), _("Afternoon"), _("Evening")]}
    labels = names.get(item.times_per_day)
    if labels:
        return labels[slot - 1]
    return _("Time %(n)s of %(total)s", n=slot, total=item.times_per_day)


def progress(cards: list[Card]) -> tuple[int, int]:
    """(done, total) slots for the day."""
    return sum(1 for c in cards if c.done), len(cards)
