"""Adherence: what was due, what was done. One module, so every role sees the same numbers.

A slot is one occurrence of a plan item on a local date (an item done twice a day
has slots 1 and 2). A plan item is due on the days of the week it names, between
its start and end dates (and within its plan's end date); days outside that range
are neither done nor missed. A plan edit ends the old item and starts a new one, so
each past day keeps the schedule it had. An item paused or removed without an end
date is not due at all (there is no record of when it stopped).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from peewee import fn

from .models import Completion, Plan, PlanItem, User, utcnow


def local_now(user: User, at: dt.datetime | None = None) -> dt.datetime:
    """The wall-clock time for the user at the given UTC instant (default now)."""
    at = at or utcnow()
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone(ZoneInfo(user.timezone))


def local_today(user: User, at: dt.datetime | None = None) -> dt.date:
    """The user's calendar date in their own time zone."""
    return local_now(user, at).date()


def days(start: dt.date, end: dt.date):
    """Every date from start to end, inclusive."""
    for n in range((end - start).days + 1):
        yield start + dt.timedelta(days=n)


@dataclass
class DayCount:
    due: int = 0
    done: int = 0

    @property
    def share(self) -> float | None:
        """Done as a share of due (0..1), or None when nothing was due."""
        return self.done / self.due if self.due else None


STOPPED = ("paused", "removed")


def last_due_day(item: PlanItem) -> dt.date | None:
    """The item's last possible due date: its own end or its plan's, whichever is first."""
    ends = [d for d in (item.end_date, item.plan.end_date) if d is not None]
    return min(ends) if ends else None


def is_due(item: PlanItem, day: dt.date) -> bool:
    """True when a slot of this item is due on the local date (the one rule every view uses)."""
    if item.status in STOPPED and item.end_date is None:
        return False
    end = last_due_day(item)
    if end is not None and day > end:
        return False
    return item.due_on(day)


def items_for(client_ids, start: dt.date, end: dt.date):
    """Plan items of these clients (any plan, any status) that overlap the date range."""
    return list(
        PlanItem.select(PlanItem, Plan)
        .join(Plan)
        .where(
            Plan.client.in_(list(client_ids)),
            PlanItem.start_date <= end,
            (PlanItem.end_date.is_null()) | (PlanItem.end_date >= start),
            ~((PlanItem.status.in_(STOPPED)) & PlanItem.end_date.is_null()),
        )
    )


def _due_days(item: PlanItem, start: dt.date, end: dt.date):
    """The dates in [start, end] on which the item is due."""
    last = last_due_day(item)
    stop = min(end, last) if last is not None else end
    for day in days(max(start, item.start_date), stop):
        if is_due(item, day):
            yield day


def done_slots(client_ids, start: dt.date, end: dt.date) -> set[tuple[int, dt.date, int]]:
    """(plan item id, day, slot) of every completion of these clients in the range."""
    rows = (
        Completion.select(Completion.plan_item, Completion.day, Completion.slot)
        .where(Completion.client.in_(list(client_ids)), Completion.day.between(start, end))
        .tuples()
    )
    return {(item_id, _as_date(day), slot) for item_id, day, slot in rows}


def _as_date(value) -> dt.date:
    # SQLite hands back ISO strings for dates in .tuples() queries.
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def daily_counts(client_ids, start: dt.date, end: dt.date) -> dict[int, dict[dt.date, DayCount]]:
    """Due and done slots per client per day, in two queries whatever the number of clients."""
    client_ids = list(client_ids)
    result: dict[int, dict[dt.date, DayCount]] = {cid: {} for cid in client_ids}
    done = done_slots(client_ids, start, end)
    for item in items_for(client_ids, start, end):
        per_day = result[item.plan.client_id]
        for day in _due_days(item, start, end):
            count = per_day.setdefault(day, DayCount())
            for slot in range(1, item.times_per_day + 1):
                count.due += 1
                if (item.id, day, slot) in done:
                    count.done += 1
    return result


def summarise(per_day: dict[dt.date, DayCount]) -> DayCount:
    """All the days added together."""
    total = DayCount()
    for count in per_day.values():
        total.due += count.due
        total.done += count.done
    return total


def adherence(client: User, start: dt.date, end: dt.date) -> float | None:
    """Share of due slots done between start and end (None when nothing was due)."""
    return summarise(daily_counts([client.id], start, end)[client.id]).share


def weekly(client: User, end: dt.date, weeks: int = 12) -> list[tuple[dt.date, DayCount]]:
    """(Monday, counts) for each of the last `weeks` weeks ending with end's week."""
    last_monday = end - dt.timedelta(days=end.weekday())
    first = last_monday - dt.timedelta(weeks=weeks - 1)
    per_day = daily_counts([client.id], first, end)[client.id]
    out = []
    for w in range(weeks):
        monday = first + dt.timedelta(weeks=w)
        week_days = {d: c for d, c in per_day.items() if monday <= d < monday + dt.timedelta(7)}
        out.append((monday, summarise(week_days)))
    return out


def streak(client: User, today: dt.date, limit: int = 366) -> int:
    """Days in a row with at least one item done, ending today (or yesterday if today is empty).

    A gentle count: today not being done yet does not break yesterday's streak.
    """
    start = today - dt.timedelta(days=limit)
    rows = (
        Completion.select(Completion.day)
        .where(Completion.client == client, Completion.day.between(start, today))
        .distinct()
        .tuples()
    )
    active = {_as_date(d) for (d,) in rows}
    day = today if today in active else today - dt.timedelta(days=1)
    count = 0
    while day in active:
        count += 1
        day -= dt.timedelta(days=1)
    return count


def per_exercise(client: User, start: dt.date, end: dt.date):
    """For each exercise in the range: due/done and the mean difficulty and pain by day."""
    done = done_slots([client.id], start, end)
    stats: dict[int, dict] = {}
    for item in items_for([client.id], start, end):
        entry = stats.setdefault(
            item.exercise_id, {"exercise_id": item.exercise_id, "due": 0, "done": 0, "days": {}}
        )
        for day in _due_days(item, start, end):
            day_entry = entry["days"].setdefault(day, DayCount())
            for slot in range(1, item.times_per_day + 1):
                entry["due"] += 1
                day_entry.due += 1
                if (item.id, day, slot) in done:
                    entry["done"] += 1
                    day_entry.done += 1
    return stats


def rating_trend(client: User, start: dt.date, end: dt.date, exercise_id: int | None = None):
    """Mean difficulty and pain per day (days with ratings only), oldest first."""
    query = (
        Completion.select(
            Completion.day,
            fn.AVG(Completion.difficulty).alias("difficulty"),
            fn.AVG(Completion.pain).alias("pain"),
        )
        .join(PlanItem)
        .where(Completion.client == client, Completion.day.between(start, end))
        .group_by(Completion.day)
        .order_by(Completion.day)
    )
    if exercise_id is not None:
        query = query.where(PlanItem.exercise == exercise_id)
    return [
        (_as_date(row.day), _round(row.difficulty), _round(row.pain))
        for row in query
        if row.difficulty is not None or row.pain is not None
    ]


def _round(value):
    return None if value is None else round(float(value), 1)


def client_days(client: User, start: dt.date, end: dt.date) -> dict[dt.date, DayCount]:
    """Due and done slots per day for one client (days with nothing due are absent)."""
    return daily_counts([client.id], start, end)[client.id]


def weeks_back(end: dt.date, weeks: int = 12) -> dt.date:
    """The Monday that starts the first of `weeks` whole weeks ending with end's week."""
    return end - dt.timedelta(days=end.weekday()) - dt.timedelta(weeks=weeks - 1)


def weekly_ratings(client: User, end: dt.date, weeks: int = 12) -> dict[int, list]:
    """Per exercise id: [(Monday, mean difficulty, mean pain)] for each week, None when unrated.

    Every week of the range is listed (so charts share one x axis); an exercise
    appears only if it was rated at least once in the range.
    """
    first = weeks_back(end, weeks)
    rows = (
        Completion.select(PlanItem.exercise, Completion.day, Completion.difficulty,
                          Completion.pain)
        .join(PlanItem)
        .where(Completion.client == client, Completion.day.between(first, end),
               (Completion.difficulty.is_null(False)) | (Completion.pain.is_null(False)))
        .tuples()
    )
    sums: dict[int, dict[int, list[list[int]]]] = defaultdict(lambda: defaultdict(lambda: [[], []]))
    for exercise_id, day, difficulty, pain in rows:
        week = (_as_date(day) - first).days // 7
        if difficulty is not None:
            sums[exercise_id][week][0].append(difficulty)
        if pain is not None:
            sums[exercise_id][week][1].append(pain)
    out = {}
    for exercise_id, per_week in sums.items():
        out[exercise_id] = [
            (first + dt.timedelta(weeks=w), _mean(per_week[w][0]), _mean(per_week[w][1]))
            if w in per_week else (first + dt.timedelta(weeks=w), None, None)
            for w in range(weeks)
        ]
    return out


def _mean(values):
    return round(sum(values) / len(values), 1) if values else None
