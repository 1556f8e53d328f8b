"""The day's practice for a client: one card per due slot, with its tick if done."""

from __future__ import annotations

import datetime as dt
import threading
import weakref
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext

from .adherence import STOPPED, is_due, overlapping
from .compiled import Compiled, checking, same_models
from .db import db
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


def _items_on_query(client: User, day: dt.date):
    """The client's plan items whose dates include the day (any weekday), plan order."""
    return (
        PlanItem.select(PlanItem, Exercise, Plan)
        .join(Exercise)
        .switch(PlanItem)
        .join(Plan)
        .where(Plan.client == client, *overlapping(day, day))
        .order_by(PlanItem.position, PlanItem.id)
    )


_items_on = Compiled(_items_on_query, lambda client, day: [client.id, day, day, *STOPPED])


def _completions_on_query(client: User, day: dt.date):
    """The client's ticks of one day, with the name of who logged each."""
    return (Completion.select(Completion, User.id, User.name)
            .join(User, on=(Completion.logged_by == User.id))
            .where(Completion.client == client, Completion.day == day))


_completions_on = Compiled(_completions_on_query, lambda client, day: [client.id, day])


# The day's items per client and day, kept per process (and per database) until the
# client's plan_revision moves on: the database moves it with every change to their plan,
# its items or an exercise they use (migrations/0010_plan_revision.py), and a tick does
# not, so a tick, its undo and the Today page after them read the plan once between edits.
# The items are shared: callers only read them. Under TESTING every hit is read afresh
# and compared, so the suite fails if the revision ever misses a change.
ITEMS_LIMIT = 5_000
_kept_items: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_items_lock = threading.Lock()
# Kept items share one instance per exercise and per plan with the same contents: the
# same library exercise serves every client's day that uses it, and a day's items one
# plan, instead of a copy per item, client and day (a day of six items took 31 KB of a
# worker's memory, a quarter of that with the copies shared: docs/benchmarks.md).
_SHARED_RELATIONS = ("exercise", "plan")
_shared_rows: weakref.WeakValueDictionary = weakref.WeakValueDictionary()


def _share_relations(items: tuple[PlanItem, ...]) -> None:
    """Point each item's exercise and plan at the kept instance with the same contents
    (under _items_lock: items just read, that no one else holds yet)."""
    for item in items:
        for name in _SHARED_RELATIONS:
            related = item.__rel__.get(name)
            if related is None:
                continue
            try:
                key = (type(related), tuple(related.__data__.items()))
                item.__rel__[name] = _shared_rows.setdefault(key, related)
            except TypeError:  # a value that cannot be a key: this one keeps its copy
                continue


def items_on(client: User, day: dt.date) -> tuple[PlanItem, ...]:
    """The client's plan items whose dates include the day, due that weekday or not,
    in plan order, with their exercises and plans."""
    revision = client.__data__.get("plan_revision")
    if revision is None:  # a row read without it: nothing to key on
        return tuple(_items_on(client, day))
    database, key = db.obj, (client.id, revision, day)
    kept = _kept_items.get(database)
    items = kept.get(key) if kept is not None else None
    if items is not None and not checking():
        return items
    fresh = tuple(_items_on(client, day))
    if items is not None:
        if not same_models(list(items), list(fresh)):
            raise AssertionError(f"kept plan items are stale for client {client.id} on {day}")
        return items
    with _items_lock:
        kept = _kept_items.setdefault(database, {})
        if len(kept) >= ITEMS_LIMIT:
            kept.clear()
        _share_relations(fresh)
        kept[key] = fresh
    return fresh


def active_items(client: User, day: dt.date, on_day=None) -> list[PlanItem]:
    """The client's plan items due on a local date, in plan order, with their exercises.

    For a past day this is the plan as it was then (an item edited since shows its
    old version), so the cards match what adherence counts. ``on_day``: the day's
    items_on, when the caller has read them already.
    """
    return [item for item in (items_on(client, day) if on_day is None else on_day)
            if is_due(item, day)]


def current_items(client: User, day: dt.date) -> list[PlanItem]:
    """Items of the plan as it stands on the day, whichever weekdays they are due."""
    return [item for item in items_on(client, day)
            if any(is_due(item, day + dt.timedelta(days=n)) for n in range(7))]


def equipment_for(items: list[PlanItem]) -> list[tuple[str, list[Exercise]]]:
    """Each thing needed (in the reader's language) with the exercises that use it."""
    from .templating import ex_list

    needed: dict[str, tuple[str, list[Exercise]]] = {}
    for item in items:
        for thing in ex_list(item.exercise, "equipment"):
            name, users = needed.setdefault(thing.strip().casefold(), (thing.strip(), []))
            if item.exercise not in users:
                users.append(item.exercise)
    return sorted(needed.values(), key=lambda pair: pair[0].casefold())


def cards_for(client: User, day: dt.date, on_day: list[PlanItem] | None = None) -> list[Card]:
    """A card for every slot due on the day, each with its completion when done."""
    items = active_items(client, day, on_day)
    done = {(c.plan_item_id, c.slot): c for c in _completions_on(client, day)}
    return [
        Card(item, item.exercise, slot, done.get((item.id, slot)))
        for item in items
        for slot in range(1, item.times_per_day + 1)
    ]


def card_for(client: User, item: PlanItem, day: dt.date, slot: int,
             cards: list[Card] | None = None) -> Card:
    """One card, after a tick or an undo: taken from the day's cards when given."""
    for card in cards or ():
        if card.item.id == item.id and card.slot == slot:
            return card
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
