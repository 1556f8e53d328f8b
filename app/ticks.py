"""Ticks: recording that a slot of a plan item was done, once, whoever sends it how often."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from typing import NamedTuple

from flask_babel import lazy_gettext as _l
from peewee import IntegrityError

from .adherence import is_due, local_today
from .compiled import Compiled, CompiledInsert
from .db import execute_quick, is_sqlite
from .ids import record_id
from .models import Completion, Plan, PlanItem, User, utcnow
from .today import items_on

# Level of help given, in a caregiver's words, mapped to the FIM-style scale
# (7 complete independence ... 1 total assistance).
ASSISTANCE_LEVELS = {
    7: _l("Did it alone"),
    5: _l("I watched or set things up"),
    4: _l("A little hands-on help"),
    3: _l("A lot of help"),
    2: _l("I did most of it"),
}
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


class TickError(ValueError):
    """A tick that cannot be stored; the message is shown to the person."""


class NotFound(LookupError):
    """The plan item is not one of this client's."""


# Every tick runs these: compiled once (app/compiled.py).
_client_item = Compiled(
    lambda client, item_id: PlanItem.select(PlanItem, Plan).join(Plan)
    .where(PlanItem.id == item_id, Plan.client == client),
    lambda client, item_id: [item_id, client.id])
_completion_by_key = Compiled(lambda key: Completion.select().where(Completion.key == key),
                              lambda key: [key])
_client_completion = Compiled(  # with its plan item: the answer is that item's card
    lambda client, completion_id: Completion.select(Completion, PlanItem).join(PlanItem)
    .where(Completion.id == completion_id, Completion.client == client),
    lambda client, completion_id: [completion_id, client.id])
_insert_completion = CompiledInsert(Completion, quick=True)  # a transaction of its own
_delete_completion = Compiled(lambda completion_id: Completion.delete()  # SQLite < 3.35
                              .where(Completion.id == completion_id),
                              lambda completion_id: [completion_id], quick=True)
_take_back = Compiled(  # what the answer needs, from the row the DELETE removed
    lambda client, completion_id: Completion.delete()
    .where(Completion.id == completion_id, Completion.client == client)
    .returning(Completion.plan_item, Completion.day, Completion.slot),
    lambda client, completion_id: [completion_id, client.id], quick=True)
# SQLite understands DELETE ... RETURNING from 3.35 on (PostgreSQL always has).
SQLITE_RETURNING = sqlite3.sqlite_version_info >= (3, 35, 0)


def plan_item_for(client: User, item_id) -> PlanItem:
    """The client's plan item with this id, or NotFound."""
    wanted = record_id(item_id)
    item = _client_item.one(client, wanted) if wanted is not None else None
    if item is None:
        raise NotFound()
    return item


def item_and_day(client: User, item_id, day_value, backdate_days: int):
    """(item, day, the client's items on that day) for a tick sent with these form values.

    The day's items are read once: the tick's item is usually among them, and the
    answer (the day's cards) is made from them too. A foreign item is NotFound, before
    a wrong day is a TickError.
    """
    wanted = record_id(item_id)
    if wanted is None:
        raise NotFound()
    try:
        day = parse_day(day_value, client, backdate_days)
    except TickError:
        plan_item_for(client, wanted)
        raise
    on_day = items_on(client, day)
    item = next((i for i in on_day if i.id == wanted), None)
    return item or plan_item_for(client, wanted), day, on_day


def parse_rating(value, label) -> int | None:
    """A 0-10 rating from a form value; blank is None; anything else is a TickError."""
    if value is None or str(value).strip() == "":
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        raise TickError(_l("%(label)s must be a number from 0 to 10.", label=label)) from None
    if not 0 <= number <= 10:
        raise TickError(_l("%(label)s must be a number from 0 to 10.", label=label))
    return number


def parse_day(value, client: User, backdate_days: int) -> dt.date:
    """The local date a tick is for: today by default, never the future, not too far back."""
    today = local_today(client)
    if value in (None, ""):
        return today
    try:
        day = dt.date.fromisoformat(str(value))
    except ValueError:
        raise TickError(_l("That date is not valid.")) from None
    if day > today:
        raise TickError(_l("You can't tick an exercise for a day that hasn't come yet."))
    if day < today - dt.timedelta(days=backdate_days):
        raise TickError(
            _l("You can only tick exercises from the last %(n)s days.", n=backdate_days + 1)
        )
    return day


def parse_made_at(value, backdate_days: int) -> dt.datetime:
    """When an offline tick was really made (UTC), if the phone said so believably; else now.

    The outbox replays ticks later with the time they were made; a time in the future
    or further back than ticks may go is not believed.
    """
    now = utcnow()
    if not value:
        return now
    try:
        made = dt.datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    except ValueError:
        return now
    if made.tzinfo is not None:
        made = made.astimezone(dt.UTC).replace(tzinfo=None)
    if made > now or made < now - dt.timedelta(days=backdate_days + 1):
        return now
    return made


def record_tick(actor: User, client: User, item: PlanItem, day: dt.date, slot, key: str,
                assistance=None, difficulty=None, pain=None, note: str = "",
                completed_at: dt.datetime | None = None):
    """Store one tick; returns (completion, created). A repeat of a key or slot is not a new row.

    The same key sent twice, or a second tick for a slot already done (say the client
    and the caregiver both tick it), answers with the completion already stored. The
    row is simply inserted and the database's unique keys catch a repeat, so a new tick
    costs one statement (a transaction of its own, in one round trip; on PostgreSQL one
    that does not wait for the disk, see db.execute_quick).
    """
    key = (key or "").strip()
    if not KEY_PATTERN.match(key):
        raise TickError(_l("This tick is missing its unique key. Please reload the page."))
    try:
        slot, assistance, difficulty, pain, note = _checked(
            item, day, slot, assistance, difficulty, pain, note)
    except TickError:
        # A tick sent again (an offline phone replaying it) is answered with the one
        # stored, even if it would not be accepted as a new tick today.
        stored = _stored(client, key)
        if stored is None:
            raise
        return stored, False
    try:
        made = _insert_completion.create(
            key=key, plan_item=item, client=client, day=day, slot=slot,
            completed_at=completed_at or utcnow(), logged_by=actor, logged_by_role=actor.role,
            assistance=assistance, difficulty=difficulty, pain=pain, note=note,
        )
        return made, True
    except IntegrityError:
        # The key or the slot is stored already (sent twice, or a race): answer with it.
        stored = _stored(client, key) or Completion.get_or_none(
            Completion.plan_item == item, Completion.day == day, Completion.slot == slot)
        if stored is None:
            raise
        return stored, False


def _stored(client: User, key: str) -> Completion | None:
    """The completion already stored under a key; NotFound when it is someone else's."""
    stored = _completion_by_key.one(key)
    if stored is not None and stored.client_id != client.id:
        raise NotFound()
    return stored


def _checked(item: PlanItem, day: dt.date, slot, assistance, difficulty, pain, note):
    """A new tick's values, checked and converted; TickError names the first problem."""
    try:
        slot = int(slot)
    except (TypeError, ValueError):
        raise TickError(_l("That time of day is not valid.")) from None
    if not is_due(item, day):
        raise TickError(_l("This exercise is not on your plan for that day."))
    if not 1 <= slot <= item.times_per_day:
        raise TickError(_l("That time of day is not valid."))
    if assistance not in (None, ""):
        try:
            assistance = int(assistance)
        except ValueError:
            assistance = -1
        if assistance not in ASSISTANCE_LEVELS:
            raise TickError(_l("Please choose how much help was given."))
    else:
        assistance = None
    difficulty = parse_rating(difficulty, _l("How hard it was"))
    pain = parse_rating(pain, _l("Pain"))
    note = (note or "").strip()
    if len(note) > 1000:
        raise TickError(_l("Please keep the note under 1000 characters."))
    return slot, assistance, difficulty, pain, note


def completion_for(client: User, completion_id) -> Completion:
    """The client's completion with this id, or NotFound."""
    wanted = record_id(completion_id)
    completion = _client_completion.one(client, wanted) if wanted is not None else None
    if completion is None:
        raise NotFound()
    return completion


def rate(completion: Completion, difficulty=None, pain=None, note=None) -> Completion:
    """Add how hard it was, pain and a note to a tick; only the values given change."""
    changes = {}
    if difficulty not in (None, ""):
        changes["difficulty"] = parse_rating(difficulty, _l("How hard it was"))
    if pain not in (None, ""):
        changes["pain"] = parse_rating(pain, _l("Pain"))
    if note is not None:
        note = note.strip()
        if len(note) > 1000:
            raise TickError(_l("Please keep the note under 1000 characters."))
        changes["note"] = note
    if changes:  # one UPDATE: a transaction of its own (db.execute_quick)
        execute_quick(*Completion.update(**changes).where(Completion.id == completion.id).sql())
        for field, value in changes.items():
            setattr(completion, field, value)
    return completion


class TakenBack(NamedTuple):
    """What an undo took back: the tick's id, plan item, day and slot, and the client's
    items on that day (today.items_on, read to find the item; the answer's cards reuse
    them)."""

    completion_id: int
    item: PlanItem
    day: dt.date
    slot: int
    on_day: tuple[PlanItem, ...] | None


def take_back(client: User, completion_id) -> TakenBack:
    """Take back the client's tick with this id, for the answer's card. NotFound when the
    client has no such tick (someone else's, or gone already).

    One statement, DELETE ... RETURNING, where reading the tick first and then deleting it
    took two. The plan item comes from the day's items, which are kept (today.items_on).
    """
    wanted = record_id(completion_id)
    if wanted is None:
        raise NotFound()
    # Each DELETE is a transaction of its own (db.execute_quick).
    if is_sqlite() and not SQLITE_RETURNING:  # read the tick first, then delete it
        completion = completion_for(client, wanted)
        _delete_completion.cursor(completion.id)
        return TakenBack(wanted, completion.plan_item, completion.day, completion.slot, None)
    # Every row is read: SQLite's statement, and with it the write, is only finished when
    # it has handed back its last row.
    rows = _take_back.cursor(client, wanted).fetchall()
    if not rows:
        raise NotFound()
    item_id, day, slot = rows[0][:3]
    day = Completion.day.python_value(day)
    on_day = items_on(client, day)
    item = next((i for i in on_day if i.id == item_id), None)
    return TakenBack(wanted, item or plan_item_for(client, item_id), day, slot, on_day)
