"""What a worker keeps between requests stays small: one copy of an exercise for every
client's kept plan items, and kept cards one byte per character (docs/benchmarks.md)."""

from __future__ import annotations

import datetime as dt
import re

from app import cards
from app.models import Exercise, Plan, PlanItem, User
from app.today import items_on
from tests.conftest import make_plan


def _fresh(user: User) -> User:
    """The user as a request loads it (with plan_revision, which the kept items key on)."""
    return User.get_by_id(user.id)


def test_kept_plan_items_of_two_clients_share_one_exercise_and_follow_its_edits(
        app, patient, stranger, therapist, other_therapist):
    _plan, (mine,) = make_plan(patient, therapist, items=1)
    theirs = Plan.create(client=stranger, therapist=other_therapist,
                         start_date=mine.start_date)
    PlanItem.create(plan=theirs, exercise=mine.exercise, position=0, sets=3, reps=5,
                    start_date=mine.start_date)
    day = dt.date.today()
    (a,), (b,) = items_on(_fresh(patient), day), items_on(_fresh(stranger), day)
    assert a.exercise is b.exercise, "one copy of the exercise for both clients"
    assert a.plan is not b.plan and (a.plan.client_id, b.plan.client_id) == (
        patient.id, stranger.id)
    assert (a.sets, b.sets) == (2, 3), "each client keeps their own dosage"
    assert items_on(_fresh(patient), day)[0] is a, "kept until the plan changes"

    Exercise.update(title="Towel wring").where(Exercise.id == mine.exercise_id).execute()
    (a2,), (b2,) = items_on(_fresh(patient), day), items_on(_fresh(stranger), day)
    assert a2.exercise.title == b2.exercise.title == "Towel wring"
    assert a2.exercise is b2.exercise and a2.exercise is not a.exercise
    assert a.exercise.title == "Exercise 1", "what another request holds is never changed"


def test_kept_cards_and_progress_take_one_byte_per_character(auth, patient, therapist,
                                                            monkeypatch):
    monkeypatch.setattr(cards, "_cache", {})  # only this test's cards, not earlier tests'
    _plan, items = make_plan(patient, therapist, items=2)
    PlanItem.update(times_per_day=2).where(PlanItem.id == items[0].id).execute()
    auth.login(patient)
    page = first = auth.client.get("/today").data.decode()
    day = re.search(r'name="day" value="([^"]+)"', page).group(1)
    for item, slot in ((items[0], 1), (items[0], 2), (items[1], 1)):
        key = re.search(r'name="key" value="([^"]+)"', page).group(1)
        answer = auth.post("/today/tick", {"item": item.id, "slot": slot, "day": day,
                                           "key": key}, htmx=True)
        assert answer.status_code == 200
        page = auth.client.get("/today").data.decode()
    # Morning and evening labels and the safety note on the first visit; done badges and
    # the star of a day complete on the last.
    assert all(symbol in first for symbol in ("&#9728;", "&#9790;", "&#9888;"))
    assert all(symbol in page for symbol in ("&#10003;", "&#9733;"))
    kept = list(cards._cache.values())
    assert len(kept) >= 4 and all(max(map(ord, html)) < 256 for html in kept), (
        "a character beyond Latin-1 makes Python keep the whole card two bytes per character")
