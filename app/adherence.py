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
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from itertools import accumulate
from typing import NamedTuple
from zoneinfo import ZoneInfo

from peewee import fn

from .compiled import Compiled, CompiledPerSize
from .models import ALL_DAYS, Completion, Plan, PlanItem, User, utcnow


def local_now(user: User, at: dt.datetime | None = None) -> dt.datetime:
    """The wall-clock time for the user at the given UTC instant (default now)."""
    return _zone_now(user.timezone, at)


def _zone_now(zone: str, at: dt.datetime | None = None) -> dt.datetime:
    at = at or utcnow()
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone(ZoneInfo(zone))


def local_today(user: User, at: dt.datetime | None = None) -> dt.date:
    """The user's calendar date in their own time zone."""
    return _zone_now(user.timezone, at).date()


def zone_today(zone: str, at: dt.datetime | None = None) -> dt.date:
    """The calendar date in a time zone (by name) at the given UTC instant (default now)."""
    return _zone_now(zone, at).date()


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


def overlapping(start: dt.date, end: dt.date) -> tuple:
    """Conditions for plan items whose dates overlap [start, end] and that can be due
    (an item paused or removed without an end date never is): every plan-item query
    of adherence, Today and reminders filters by these."""
    return (
        PlanItem.start_date <= end,
        (PlanItem.end_date.is_null()) | (PlanItem.end_date >= start),
        ~((PlanItem.status.in_(STOPPED)) & PlanItem.end_date.is_null()),
    )


def items_for(client_ids, start: dt.date, end: dt.date):
    """Plan items of these clients (any plan, any status) that overlap the date range."""
    return list(
        PlanItem.select(PlanItem, Plan)
        .join(Plan)
        .where(
            Plan.client.in_(list(client_ids)),
            *overlapping(start, end),
        )
    )


def _as_date(value) -> dt.date:
    # SQLite hands back ISO strings for dates in .tuples() queries.
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


class _Schedule(NamedTuple):
    """What decides when a plan item is due, read without building model instances."""

    id: int
    client_id: int
    exercise_id: int
    start_date: dt.date
    last_day: dt.date | None  # last_due_day(): its own end or its plan's, whichever is first
    days_of_week: int
    times_per_day: int


def _schedules_query(client_ids, start: dt.date, end: dt.date):
    return (
        PlanItem.select(PlanItem.id, Plan.client, PlanItem.exercise, PlanItem.start_date,
                        PlanItem.end_date, Plan.end_date, PlanItem.days_of_week,
                        PlanItem.times_per_day)
        .join(Plan)
        .where(
            Plan.client.in_(client_ids),
            *overlapping(start, end),
        )
    )


_SCHEDULES = CompiledPerSize(_schedules_query,
                             lambda client_ids, start, end: [*client_ids, end, start, *STOPPED])


def _schedules(client_ids, start: dt.date, end: dt.date) -> list[_Schedule]:
    """The plan items of items_for() as plain tuples (the same rows, in the same order).

    Run as raw SQL rows: peewee's per-value conversions cost more than the query.
    """
    out = []
    for item_id, client_id, exercise_id, first, own_end, plan_end, weekdays, times in (
            _SCHEDULES.cursor(list(client_ids), start, end).fetchall()):
        ends = [_as_date(d) for d in (own_end, plan_end) if d is not None]
        out.append(_Schedule(item_id, client_id, exercise_id, _as_date(first),
                             min(ends) if ends else None, weekdays, times))
    return out


class _Days:
    """The days of a range, numbered from its start (0, 1, ...), with the weekday rule of
    is_due() worked out once per set of weekdays instead of once per item and day."""

    def __init__(self, start: dt.date, end: dt.date):
        self.start, self.end = start, end
        self.size = (end - start).days + 1
        self._weekday = [(start.weekday() + n) % 7 for n in range(self.size)]
        self._on: dict[int, list[int]] = {}  # days_of_week: the day numbers on those weekdays

    def span(self, item: _Schedule) -> tuple[int, int] | None:
        """The numbers of the first and last days of the range within the item's dates,
        None when they do not meet."""
        first = max(self.start, item.start_date)
        last = self.end if item.last_day is None else min(self.end, item.last_day)
        if first > last:
            return None
        return (first - self.start).days, (last - self.start).days

    def due(self, item: _Schedule) -> list[int]:
        """The day numbers on which the item is due, in order: between its start and its
        last day, on the weekdays it names (bit 0 = Monday). The query in _schedules() has
        already left out stopped items without an end date, which are never due."""
        span = self.span(item)
        if span is None:
            return []
        on = self._on.get(item.days_of_week)
        if on is None:
            on = self._on[item.days_of_week] = [
                n for n, weekday in enumerate(self._weekday)
                if item.days_of_week >> weekday & 1]
        return on[bisect_left(on, span[0]):bisect_right(on, span[1])]

    def numbers(self) -> dict:
        """Day number by the value a driver hands back for a date: ISO text (SQLite) or a
        date (PostgreSQL)."""
        number = {}
        for n in range(self.size):
            day = self.start + dt.timedelta(days=n)
            number[day] = number[day.isoformat()] = n
        return number

    def number(self, value) -> int:
        """The day number of a date stored in some other shape than numbers() knows."""
        return (_as_date(str(value)[:10]) - self.start).days


def _ticks_query(client_ids, start: dt.date, end: dt.date):
    return (Completion.select(Completion.client, Completion.plan_item, Completion.day,
                              Completion.slot, Completion.pain)
            .where(Completion.client.in_(client_ids), Completion.day.between(start, end)))


_TICKS = CompiledPerSize(_ticks_query, lambda client_ids, start, end: [*client_ids, start, end])


@dataclass
class _Practice:
    """What was due and done per plan item, and the pain ratings per client, per day of a
    range (lists indexed by day number from the range's start)."""

    items: list[_Schedule]
    due: dict[int, list[int]]  # item id: the day numbers it is due on, in order
    done: dict[int, list[int]]  # item id: its slots ticked per day (read on due days only)
    pain_total: dict[int, list[int]]  # client id: sum of the day's pain ratings (any tick)
    pain_count: dict[int, list[int]]  # client id: number of those ratings


def _practice(client_ids, start: dt.date, end: dt.date) -> _Practice:
    """Plan items and ticks of these clients in the range: two queries, whatever their number.

    A tick counts as done only for a slot its item has
    (1..times_per_day) on a day the item is due: `done` is only ever read on due days.
    Every tick is read once as a raw row (no model instance, no per-value conversion):
    a caseload's month is thousands of them.
    """
    client_ids = list(client_ids)
    days = _Days(start, end)
    items = _schedules(client_ids, start, end)
    practice = _Practice(items, {}, {}, {cid: [0] * days.size for cid in client_ids},
                         {cid: [0] * days.size for cid in client_ids})
    counting = {}  # item id: (slots a day, slots done by day number)
    for item in items:
        practice.due[item.id] = days.due(item)
        practice.done[item.id] = done = [0] * days.size
        counting[item.id] = (item.times_per_day, done)
    number = days.numbers()
    for client_id, item_id, day, slot, pain in _TICKS.cursor(client_ids, start, end).fetchall():
        n = number.get(day)
        if n is None:
            n = days.number(day)
        entry = counting.get(item_id)
        if entry is not None:
            times_per_day, done = entry
            if 1 <= slot <= times_per_day:
                done[n] += 1
        if pain is not None:
            practice.pain_total[client_id][n] += pain
            practice.pain_count[client_id][n] += 1
    return practice


def daily_counts(client_ids, start: dt.date, end: dt.date) -> dict[int, dict[dt.date, DayCount]]:
    """Due and done slots per client per day, in two queries whatever the number of clients."""
    client_ids = list(client_ids)
    result: dict[int, dict[dt.date, DayCount]] = {cid: {} for cid in client_ids}
    practice = _practice(client_ids, start, end)
    for item in practice.items:
        per_day = result[item.client_id]
        done = practice.done[item.id]
        for n in practice.due[item.id]:
            count = per_day.setdefault(start + dt.timedelta(days=n), DayCount())
            count.due += item.times_per_day
            count.done += done[n]
    return result


@dataclass
class Tally:
    """One client's practice per day of a range, as lists indexed by day number from start.

    For pages that add up many windows of many clients (the caseload): sums of list
    slices instead of a DayCount per client per day.
    """

    start: dt.date
    due: list[int]  # slots due
    done: list[int]  # of those, done
    pain_total: list[int]  # sum of the pain ratings of every tick of the day
    pain_count: list[int]  # number of those ratings

    def _span(self, first: dt.date, last: dt.date) -> slice:
        lo = max((first - self.start).days, 0)
        return slice(lo, max((last - self.start).days + 1, lo))

    def count(self, first: dt.date, last: dt.date) -> DayCount:
        """Due and done slots from first to last (inclusive) added together."""
        span = self._span(first, last)
        return DayCount(due=sum(self.due[span]), done=sum(self.done[span]))

    def mean_pain(self, first: dt.date, last: dt.date) -> float | None:
        """Mean pain rating from first to last (one decimal), None when none was given."""
        span = self._span(first, last)
        count = sum(self.pain_count[span])
        return round(sum(self.pain_total[span]) / count, 1) if count else None


def tallies(client_ids, start: dt.date, end: dt.date) -> dict[int, Tally]:
    """Per client, for each day from start to end: due and done slots (as daily_counts) and
    the pain ratings of the ticks logged for them. Two queries, whatever their number.

    The rule of _practice(), with less work per tick (a caseload's month is thousands
    of them): each tick is added straight to its client's day, and what was due is
    added up a run of days at a time.
    """
    client_ids = list(client_ids)
    days = _Days(start, end)
    size = days.size
    steps = {cid: [0] * (size + 1) for cid in client_ids}  # changes in slots due, by day
    done = {cid: [0] * size for cid in client_ids}
    counting = {}  # item id: (slots a day, 1 on the days it is due, its client's done)
    for item in _schedules(client_ids, start, end):
        times, change, due = item.times_per_day, steps[item.client_id], bytearray(size)
        if item.days_of_week & ALL_DAYS == ALL_DAYS:  # every day of its span
            span = days.span(item)
            if span is not None:
                lo, hi = span
                change[lo] += times
                change[hi + 1] -= times
                due[lo:hi + 1] = b"\1" * (hi + 1 - lo)
        else:
            for n in days.due(item):
                change[n] += times
                change[n + 1] -= times
                due[n] = 1
        counting[item.id] = (times, due, done[item.client_id])
    out = {cid: Tally(start, list(accumulate(steps[cid]))[:size], done[cid], [0] * size,
                      [0] * size) for cid in client_ids}
    pains = {cid: (tally.pain_total, tally.pain_count) for cid, tally in out.items()}
    number = days.numbers()
    day_number, item_counting = number.get, counting.get
    for client_id, item_id, day, slot, pain in _TICKS.cursor(client_ids, start, end).fetchall():
        n = day_number(day)
        if n is None:
            n = days.number(day)
        entry = item_counting(item_id)
        if entry is not None and entry[1][n] and 0 < slot <= entry[0]:
            entry[2][n] += 1
        if pain is not None:
            total, count = pains[client_id]
            total[n] += pain
            count[n] += 1
    return out


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


def _streak_days_query(client: User, start: dt.date, today: dt.date):
    """The days with a tick from start to today, newest first."""
    return (Completion.select(Completion.day)
            .where(Completion.client == client, Completion.day.between(start, today))
            .distinct()
            .order_by(Completion.day.desc()))


_streak_days = Compiled(_streak_days_query,
                        lambda client, start, today: [client.id, start, today])


STREAK_WINDOW = 31  # days read first: most streaks end inside a month


def streak(client: User, today: dt.date, limit: int = 366) -> int:
    """Days in a row with at least one item done, ending today (or yesterday if today is empty).

    A gentle count: today not being done yet does not break yesterday's streak.
    Reads the days newest first and stops at the first gap. They are asked for a window
    at a time (the last STREAK_WINDOW days, then four times as many before those, up to
    `limit` days back): PostgreSQL gathers every row of the range before it hands back
    the first, so one query for the whole year cost more than the rest of a tick's reads.
    """
    oldest = today - dt.timedelta(days=limit)
    count, expected = 0, None
    end, window = today, STREAK_WINDOW
    while end >= oldest:
        start = max(end - dt.timedelta(days=window - 1), oldest)
        cursor = _streak_days.cursor(client, start, end)
        try:
            for (value,) in cursor:
                day = _as_date(value)
                if expected is None:  # the newest day: the streak ends today or yesterday
                    if (today - day).days > 1:
                        return 0
                    expected = day
                if day != expected:
                    return count
                count += 1
                expected = day - dt.timedelta(days=1)
        finally:
            cursor.close()
        if expected is None:  # nothing ticked today or yesterday
            return 0
        if expected != start - dt.timedelta(days=1):  # a gap at the window's start
            return count
        end, window = expected, window * 4
    return count


def per_exercise(client: User, start: dt.date, end: dt.date):
    """For each exercise in the range: due/done and the mean difficulty and pain by day."""
    practice = _practice([client.id], start, end)
    stats: dict[int, dict] = {}
    for item in practice.items:
        entry = stats.setdefault(
            item.exercise_id, {"exercise_id": item.exercise_id, "due": 0, "done": 0, "days": {}}
        )
        done = practice.done[item.id]
        for n in practice.due[item.id]:
            day_entry = entry["days"].setdefault(start + dt.timedelta(days=n), DayCount())
            entry["due"] += item.times_per_day
            entry["done"] += done[n]
            day_entry.due += item.times_per_day
            day_entry.done += done[n]
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
