"""Adherence numbers on a week worked out by hand."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest

from app import adherence, ticks
from app.models import Completion, Plan, PlanItem, User
from tests.conftest import make_exercise, make_user

MON = dt.date(2026, 6, 1)
DAY = {name: MON + dt.timedelta(days=n)
       for n, name in enumerate(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])}
MON_WED_FRI = 0b0010101
_keys = itertools.count()


@pytest.fixture
def week(patient, therapist):
    """The week of Monday 1 June 2026, hand-computed.

    A: daily, twice a day, from Monday.                  due 2 a day = 14
    B: Mon/Wed/Fri, from Wednesday (not due on Monday).  due Wed, Fri = 2
    C: daily once until Wednesday, then edited to twice a day from Thursday
       (a new PlanItem; the old one ends).               due 3 + 8 = 11
    P: paused with no end date: never due.
    Due per day: Mon 3, Tue 3, Wed 4, Thu 4, Fri 5, Sat 4, Sun 4 = 27.
    """
    plan = Plan.create(client=patient, therapist=therapist, start_date=dt.date(2026, 5, 1))
    ex_a, ex_b, ex_c, ex_p = (make_exercise(t) for t in ("A", "B", "C", "P"))
    a = PlanItem.create(plan=plan, exercise=ex_a, times_per_day=2, start_date=MON)
    b = PlanItem.create(plan=plan, exercise=ex_b, days_of_week=MON_WED_FRI, start_date=DAY["wed"])
    c1 = PlanItem.create(plan=plan, exercise=ex_c, start_date=dt.date(2026, 5, 1),
                         end_date=DAY["wed"], status="replaced")
    c2 = PlanItem.create(plan=plan, exercise=ex_c, times_per_day=2, start_date=DAY["thu"],
                         replaces=c1)
    PlanItem.create(plan=plan, exercise=ex_p, start_date=dt.date(2026, 5, 1), status="paused")
    done = {  # day: [(item, slot)]            done / due
        "mon": [(a, 1), (c1, 1)],             # 2 / 3  partial
        "tue": [],                            # 0 / 3
        "wed": [(a, 1), (a, 2), (b, 1), (c1, 1)],  # 4 / 4
        "thu": [(a, 1), (c2, 2)],             # 2 / 4  partial
        "fri": [(b, 1)],                      # 1 / 5
        "sat": [(a, 1), (a, 2), (c2, 1), (c2, 2)],  # 4 / 4
        "sun": [],                            # 0 / 4
    }
    for name, slots in done.items():
        for item, slot in slots:
            ticks.record_tick(patient, patient, item, DAY[name], slot, f"hand-key-{next(_keys):04}")
    return {"a": a, "b": b, "c1": c1, "c2": c2, "ex_c": ex_c}


def test_daily_counts_match_the_hand_computed_week(patient, week):
    per_day = adherence.client_days(patient, DAY["mon"], DAY["sun"])
    got = {d.strftime("%a").lower(): (c.done, c.due) for d, c in per_day.items()}
    assert got == {"mon": (2, 3), "tue": (0, 3), "wed": (4, 4), "thu": (2, 4),
                   "fri": (1, 5), "sat": (4, 4), "sun": (0, 4)}
    assert per_day[DAY["mon"]].share == pytest.approx(2 / 3)


def test_week_adherence_is_13_of_27(patient, week):
    assert adherence.adherence(patient, DAY["mon"], DAY["sun"]) == pytest.approx(13 / 27)
    ((monday, count),) = adherence.weekly(patient, DAY["sun"], weeks=1)
    assert monday == MON and (count.done, count.due) == (13, 27)


def test_days_before_an_item_started_are_not_missed(patient, week):
    # Only C's first version existed on the Sunday before: 1 due, not 4.
    before = adherence.client_days(patient, MON - dt.timedelta(days=1), MON - dt.timedelta(1))
    assert {d: (c.done, c.due) for d, c in before.items()} == {
        MON - dt.timedelta(days=1): (0, 1)}


def test_days_after_the_plan_ended_are_not_missed(patient, week):
    plan = Plan.get()
    plan.end_date = DAY["fri"]
    plan.save()
    per_day = adherence.client_days(patient, DAY["mon"], DAY["sun"])
    assert DAY["sat"] not in per_day and DAY["sun"] not in per_day
    total = adherence.summarise(per_day)
    assert (total.done, total.due) == (9, 19)


def test_per_exercise_joins_the_versions_of_an_edited_item(patient, week):
    stats = adherence.per_exercise(patient, DAY["mon"], DAY["sun"])
    c = stats[week["ex_c"].id]
    assert (c["done"], c["due"]) == (5, 11)
    assert (c["days"][DAY["thu"]].done, c["days"][DAY["thu"]].due) == (1, 2)


def test_streak_counts_days_in_a_row_ending_yesterday_when_today_is_empty(patient, week):
    assert adherence.streak(patient, DAY["sun"]) == 4  # Wed, Thu, Fri, Sat
    assert adherence.streak(patient, DAY["sat"]) == 4
    assert adherence.streak(patient, DAY["tue"]) == 1  # Monday only


def test_streak_is_broken_by_two_empty_days_and_ignores_later_ticks(patient, week):
    # Sunday and Monday empty: the streak that ended on Saturday is over by Tuesday.
    assert adherence.streak(patient, DAY["sun"] + dt.timedelta(days=2)) == 0
    # On Thursday the streak is Wed + Thu, whatever was ticked on the days after.
    assert adherence.streak(patient, DAY["thu"]) == 2
    assert adherence.streak(patient, DAY["sat"], limit=2) == 3  # Thu, Fri, Sat: no further


def _ticked_on(patient, therapist, days):
    plan = Plan.create(client=patient, therapist=therapist, start_date=dt.date(2024, 1, 1))
    item = PlanItem.create(plan=plan, exercise=make_exercise("Daily"),
                           start_date=dt.date(2024, 1, 1))
    Completion.insert_many([
        {"key": f"streak-{n:04}", "plan_item": item, "client": patient, "day": day, "slot": 1,
         "completed_at": dt.datetime(day.year, day.month, day.day, 9), "logged_by": patient,
         "logged_by_role": "client", "note": ""}
        for n, day in enumerate(days)]).execute()


W = adherence.STREAK_WINDOW  # days read first; then 4 × W before those, then the rest


@pytest.mark.parametrize("runs, expected", [
    ([(0, 200)], 200),  # read in three windows
    ([(0, W), (W + 1, W + 30)], W),  # the gap is the first day before the first window
    ([(1, W + 2), (W + 3, W + 20)], W + 1),  # ends yesterday; the gap is in the second window
    ([(0, 5 * W), (5 * W + 1, 5 * W + 9)], 5 * W),  # the gap: just before the third window
    ([(0, 400)], 367),  # no further back than the limit (366 days before today)
    ([(2, 30)], 0),  # nothing today or yesterday
])
def test_long_streaks_are_counted_to_the_first_gap(patient, therapist, runs, expected):
    today = dt.date(2026, 6, 30)
    _ticked_on(patient, therapist, [today - dt.timedelta(days=n)
                                    for first, last in runs for n in range(first, last)])
    assert adherence.streak(patient, today) == expected


def test_an_edited_item_cannot_be_ticked_outside_its_own_dates(patient, week):
    with pytest.raises(ticks.TickError):
        ticks.record_tick(patient, patient, week["c1"], DAY["thu"], 1, "old-version-key")
    with pytest.raises(ticks.TickError):
        ticks.record_tick(patient, patient, week["b"], DAY["tue"], 1, "not-due-day-key")


def test_weekly_ratings_average_each_week(patient, week):
    ticks.record_tick(patient, patient, week["c2"], DAY["fri"], 1, "rated-key-1",
                      difficulty=6, pain=2)
    ticks.record_tick(patient, patient, week["c2"], DAY["fri"], 2, "rated-key-2", difficulty=3)
    trend = adherence.weekly_ratings(patient, DAY["sun"], weeks=2)
    assert trend[week["ex_c"].id] == [(MON - dt.timedelta(weeks=1), None, None),
                                      (MON, 4.5, 2.0)]


def _by_the_rule(client_ids, start, end):
    """Per client and per item: due and done slots per day; per client: pain per day.

    Worked out one day and one slot at a time with is_due(), the rule every figure must
    follow, from every plan item and tick of the clients.
    """
    items = list(PlanItem.select(PlanItem, Plan).join(Plan).where(Plan.client.in_(client_ids)))
    ticks = list(Completion.select().where(Completion.client.in_(client_ids),
                                           Completion.day.between(start, end)))
    done = {(t.plan_item_id, t.day, t.slot) for t in ticks}
    per_client = {cid: {} for cid in client_ids}
    per_item = {}
    for item in items:
        per_item[item.id] = {}
        for day in adherence.days(start, end):
            if adherence.is_due(item, day):
                slots = range(1, item.times_per_day + 1)
                count = [len(slots), sum((item.id, day, slot) in done for slot in slots)]
                per_item[item.id][day] = count
                total = per_client[item.plan.client_id].setdefault(day, [0, 0])
                total[0] += count[0]
                total[1] += count[1]
    pain = {cid: {} for cid in client_ids}
    for t in ticks:
        if t.pain is not None:
            total = pain[t.client_id].setdefault(t.day, [0, 0])
            total[0] += t.pain
            total[1] += 1
    return items, per_client, per_item, pain


@pytest.fixture
def awkward(patient, therapist):
    """Two clients with random schedules (items starting and ending mid-range, some
    weekdays only, up to three times a day, paused or removed with and without an end
    date, a plan that ended) and random ticks, some of them for a day or a slot the
    item does not have (old data): those must never count as done."""
    rng = random.Random(7)
    other = make_user("client", "other@example.test", "Other", therapist=therapist)
    for person, plan_end in ((patient, None), (other, MON - dt.timedelta(days=3))):
        plan = Plan.create(client=person, therapist=therapist, start_date=MON - dt.timedelta(60),
                           end_date=plan_end)
        for n in range(10):
            start = MON - dt.timedelta(days=rng.randint(-5, 40))
            end = rng.choice([None, start + dt.timedelta(days=rng.randint(0, 30))])
            item = PlanItem.create(plan=plan, exercise=make_exercise(f"Ex {person.id}-{n}"),
                                   start_date=start, end_date=end,
                                   status=rng.choice(["active", "paused", "removed", "replaced"]),
                                   days_of_week=rng.randint(1, 127),
                                   times_per_day=rng.randint(1, 3))
            for day in rng.sample(range(-40, 7), 25):
                for slot in rng.sample([1, 2, 3, 4], rng.randint(1, 3)):
                    Completion.create(key=f"awkward-{next(_keys):05}", plan_item=item,
                                      client=person, day=MON + dt.timedelta(days=day),
                                      slot=slot, logged_by=person, logged_by_role="client",
                                      pain=rng.choice([None, None, rng.randint(0, 10)]))
    return [patient.id, other.id]


@pytest.mark.parametrize("first, last", [(-35, 6), (-6, 0), (0, 0), (3, 2)])
def test_every_figure_follows_is_due_slot_by_slot(awkward, first, last):
    start, end = MON + dt.timedelta(days=first), MON + dt.timedelta(days=last)
    items, expected, per_item, pain = _by_the_rule(awkward, start, end)
    got = adherence.daily_counts(awkward, start, end)
    assert {cid: {d: [c.due, c.done] for d, c in per_day.items()}
            for cid, per_day in got.items()} == expected
    tallies = adherence.tallies(awkward, start, end)
    for cid in awkward:
        for day in adherence.days(start, end):
            count = tallies[cid].count(day, day)
            assert [count.due, count.done] == expected[cid].get(day, [0, 0])
            total, number = pain[cid].get(day, [0, 0])
            assert tallies[cid].mean_pain(day, day) == (
                round(total / number, 1) if number else None)
    client = User.get_by_id(awkward[0])
    exercises = {}  # every exercise of an item overlapping the range, even if never due
    for item in adherence.items_for([client.id], start, end):
        entry = exercises.setdefault(item.exercise_id, {"due": 0, "done": 0, "days": {}})
        for day, (due, done) in per_item[item.id].items():
            entry["due"] += due
            entry["done"] += done
            entry["days"][day] = [due, done]
    stats = adherence.per_exercise(client, start, end)
    assert {ex: {"due": e["due"], "done": e["done"],
                 "days": {d: [c.due, c.done] for d, c in e["days"].items()}}
            for ex, e in stats.items()} == exercises


def test_tallies_add_up_windows_like_summarise(awkward):
    start, end = MON - dt.timedelta(days=30), MON + dt.timedelta(days=6)
    per_day = adherence.daily_counts(awkward, start, end)
    tallies = adherence.tallies(awkward, start, end)
    for cid in awkward:
        for first, last in [(start, end), (MON - dt.timedelta(7), MON - dt.timedelta(1)),
                            (MON, MON), (end, start)]:
            expected = adherence.summarise({d: c for d, c in per_day[cid].items()
                                            if first <= d <= last})
            got = tallies[cid].count(first, last)
            assert (got.due, got.done, got.share) == (expected.due, expected.done,
                                                      expected.share)
