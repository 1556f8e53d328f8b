"""Today's practice: the day in the client's own time zone, ticks, ratings, undo."""

from __future__ import annotations

import datetime as dt

import pytest

from app import adherence, ticks
from app.models import Completion, PlanItem
from tests.conftest import make_plan, make_user

KEY = "key-0123456789abcdef"


def tick_data(item, key=KEY, **extra):
    data = {"item": item.id, "slot": 1, "key": key}
    data.update(extra)
    return data


@pytest.fixture
def plan(patient, therapist):
    """Three daily exercises, the first twice a day."""
    _plan, items = make_plan(patient, therapist, items=3)
    PlanItem.update(times_per_day=2).where(PlanItem.id == items[0].id).execute()
    return [PlanItem.get_by_id(i.id) for i in items]


@pytest.fixture
def signed_in(auth, patient):
    auth.login(patient)
    return auth


# ---------------------------------------------------------------- time zones
AT = dt.datetime(2026, 6, 15, 23, 30)  # a Monday, 23:30 UTC


def test_local_today_at_2330_utc_is_tomorrow_in_auckland_and_today_in_los_angeles(app):
    kiwi = make_user("client", "kiwi@example.test", timezone="Pacific/Auckland")
    angeleno = make_user("client", "la@example.test", timezone="America/Los_Angeles")
    assert adherence.local_today(kiwi, AT) == dt.date(2026, 6, 16)
    assert adherence.local_today(angeleno, AT) == dt.date(2026, 6, 15)
    assert adherence.local_now(kiwi, AT).hour == 11
    assert adherence.local_now(angeleno, AT).hour == 16


def test_today_page_shows_the_slots_of_the_clients_own_date(app, client, auth, therapist,
                                                           monkeypatch):
    monkeypatch.setattr(adherence, "utcnow", lambda: AT)
    tuesday_only = 1 << 1
    for email, zone in [("kiwi@example.test", "Pacific/Auckland"),
                        ("la@example.test", "America/Los_Angeles")]:
        person = make_user("client", email, therapist=therapist, timezone=zone)
        _plan, (item,) = make_plan(person, therapist, items=1, start=dt.date(2026, 6, 1),
                                   times_per_day=2, days=tuesday_only)
    auth.login("kiwi@example.test")
    page = client.get("/today").get_data(as_text=True)
    assert "Tuesday, June 16, 2026" in page
    assert page.count('class="tick-form"') == 2  # morning and evening
    assert "Morning" in page and "Evening" in page
    assert "0 of 2 done" in page
    auth.logout()
    auth.login("la@example.test")
    page = client.get("/today").get_data(as_text=True)
    assert "Monday, June 15, 2026" in page
    assert 'class="tick-form"' not in page
    assert "Nothing planned for this day" in page


def test_tick_defaults_to_the_clients_local_date(app, client, auth, therapist, monkeypatch):
    monkeypatch.setattr(adherence, "utcnow", lambda: AT)
    kiwi = make_user("client", "kiwi@example.test", therapist=therapist,
                     timezone="Pacific/Auckland")
    _plan, (item,) = make_plan(kiwi, therapist, items=1, start=dt.date(2026, 6, 1))
    auth.login(kiwi)
    auth.post("/today/tick", tick_data(item))
    assert Completion.get().day == dt.date(2026, 6, 16)


# ---------------------------------------------------------------- ticks
def test_done_with_htmx_answers_with_the_card_and_progress_fragment(signed_in, plan):
    response = signed_in.post("/today/tick", tick_data(plan[1]), htmx=True)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in body
    assert f'id="card-{plan[1].id}-1"' in body
    assert 'id="progress"' in body and 'hx-swap-oob="true"' in body
    assert "1 of 4 done" in body
    assert 'aria-live="polite"' in body and "Well done!" in body
    assert "How hard was it?" in body and "Undo" in body


def test_done_without_javascript_redirects_back_to_today(signed_in, client, plan):
    response = signed_in.post("/today/tick", tick_data(plan[1]))
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/today#card-{plan[1].id}-1")
    assert "HX-Request" in response.headers["Vary"]
    page = client.get("/today").get_data(as_text=True)
    assert "Well done!" in page and "1 of 4 done" in page


def test_second_tick_with_same_key_is_stored_once(signed_in, plan):
    first = signed_in.post("/today/tick", tick_data(plan[1]), htmx=True)
    second = signed_in.post("/today/tick", tick_data(plan[1]), htmx=True)
    assert Completion.select().count() == 1
    assert second.status_code == first.status_code == 200
    assert "1 of 4 done" in second.get_data(as_text=True)


def test_client_and_caregiver_ticking_the_same_slot_store_one_completion(signed_in, patient,
                                                                        caregiver, plan):
    signed_in.post("/today/tick", tick_data(plan[0], slot=2))
    day = adherence.local_today(patient)
    stored, created = ticks.record_tick(caregiver, patient, plan[0], day, 2, "carer-key-12345",
                                        assistance=5)
    assert not created
    assert Completion.select().count() == 1
    assert stored.logged_by_role == "client"


def test_two_slots_of_a_twice_daily_item_are_two_ticks(signed_in, plan):
    signed_in.post("/today/tick", tick_data(plan[0], key="morning-key-1", slot=1))
    response = signed_in.post("/today/tick", tick_data(plan[0], key="evening-key-1", slot=2),
                              htmx=True)
    assert Completion.select().count() == 2
    assert "2 of 4 done" in response.get_data(as_text=True)


def test_ticking_everything_shows_the_encouraging_message(signed_in, client, plan):
    keys = iter(f"all-done-key-{n}" for n in range(10))
    for item in plan:
        for slot in range(1, item.times_per_day + 1):
            response = signed_in.post("/today/tick", tick_data(item, key=next(keys), slot=slot),
                                      htmx=True)
    body = response.get_data(as_text=True)
    assert "4 of 4 done" in body and "All done for today" in body
    assert "1 day in a row with practice" in client.get("/today").get_data(as_text=True)


def _days_ago(patient, n):
    return (adherence.local_today(patient) - dt.timedelta(days=n)).isoformat()


@pytest.mark.parametrize("change, message", [
    ({"day": "future"}, "come yet"),
    ({"day": "too-old"}, "last 3 days"),
    ({"day": "31-02-2026"}, "date is not valid"),
    ({"difficulty": "11"}, "from 0 to 10"),
    ({"pain": "-1"}, "from 0 to 10"),
    ({"pain": "lots"}, "from 0 to 10"),
    ({"key": ""}, "unique key"),
    ({"key": "short"}, "unique key"),
    ({"key": "has spaces in it!"}, "unique key"),
    ({"slot": "3"}, "time of day is not valid"),
    ({"slot": "x"}, "time of day is not valid"),
    ({"note": "x" * 1001}, "under 1000 characters"),
])
def test_bad_tick_is_refused_with_a_message_and_nothing_stored(signed_in, patient, plan,
                                                               change, message):
    data = tick_data(plan[0])
    data.update(change)
    if data.get("day") == "future":
        data["day"] = _days_ago(patient, -1)
    elif data.get("day") == "too-old":
        data["day"] = _days_ago(patient, 3)
    for htmx in (True, False):
        response = signed_in.post("/today/tick", data, htmx=htmx)
        assert response.status_code == 422
        assert message in response.get_data(as_text=True)
    assert Completion.select().count() == 0


def test_tick_for_the_oldest_allowed_day_is_stored(signed_in, patient, plan):
    response = signed_in.post("/today/tick", tick_data(plan[1], day=_days_ago(patient, 2)))
    assert response.status_code == 303
    assert Completion.get().day == adherence.local_today(patient) - dt.timedelta(days=2)


def test_today_page_states_the_backdating_limit(signed_in, client, patient, plan):
    page = client.get("/today").get_data(as_text=True)
    assert "Forgot to tick yesterday?" in page
    assert "today and the 2 days before" in page
    earlier = client.get(f"/today?day={_days_ago(patient, 2)}").get_data(as_text=True)
    assert "You are ticking exercises for" in earlier
    refused = client.get(f"/today?day={_days_ago(patient, 5)}").get_data(as_text=True)
    assert "last 3 days" in refused


def test_tick_for_another_clients_item_is_not_found(signed_in, stranger, other_therapist):
    _plan, (theirs,) = make_plan(stranger, other_therapist, items=1)
    assert signed_in.post("/today/tick", tick_data(theirs)).status_code == 404
    assert signed_in.post("/today/tick", {"item": "abc", "key": KEY}).status_code == 404
    assert Completion.select().count() == 0


def test_tick_for_an_inactive_item_is_refused(signed_in, patient, plan):
    yesterday = adherence.local_today(patient) - dt.timedelta(days=1)
    PlanItem.update(status="paused").where(PlanItem.id == plan[1].id).execute()
    PlanItem.update(status="removed", end_date=yesterday).where(
        PlanItem.id == plan[2].id).execute()
    for item in plan[1:]:
        response = signed_in.post("/today/tick", tick_data(item, key=f"inactive-{item.id}-k"))
        assert response.status_code == 422
        assert "not on your plan for that day" in response.get_data(as_text=True)
    assert Completion.select().count() == 0
    # The removed item was still due yesterday, so a late tick for yesterday counts.
    late = signed_in.post("/today/tick", tick_data(plan[2], key="late-tick-key",
                                                   day=yesterday.isoformat()))
    assert late.status_code == 303
    assert Completion.select().count() == 1


@pytest.fixture(params=["returning", "read first"])
def undo_way(request, monkeypatch):
    """Undo as one DELETE ... RETURNING, and as SQLite before 3.35 does it (read, then
    delete); on PostgreSQL both are the first."""
    if request.param == "read first":
        monkeypatch.setattr(ticks, "SQLITE_RETURNING", False)
    return request.param


def test_undo_takes_back_a_tick(signed_in, plan, undo_way):
    signed_in.post("/today/tick", tick_data(plan[1]))
    done = Completion.get()
    response = signed_in.post(f"/completions/{done.id}/undo", htmx=True)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert Completion.select().count() == 0
    assert "0 of 4 done" in body and 'class="tick-form"' in body
    assert "Tick taken back" in body
    plain = signed_in.post(f"/completions/{done.id}/undo")
    assert plain.status_code == 404


def test_undo_of_a_late_tick_for_an_exercise_since_taken_off_the_plan(signed_in, plan,
                                                                      undo_way):
    yesterday = adherence.local_today(plan[0].plan.client) - dt.timedelta(days=1)
    signed_in.post("/today/tick", tick_data(plan[2], day=yesterday.isoformat()))
    done = Completion.get()
    PlanItem.update(status="removed", end_date=yesterday - dt.timedelta(days=1)).where(
        PlanItem.id == plan[2].id).execute()
    response = signed_in.post(f"/completions/{done.id}/undo", htmx=True)
    assert response.status_code == 200
    assert "Tick taken back" in response.get_data(as_text=True)
    assert Completion.select().count() == 0


def test_a_client_cannot_undo_or_rate_another_clients_tick(signed_in, stranger,
                                                           other_therapist, undo_way):
    _plan, (theirs,) = make_plan(stranger, other_therapist, items=1)
    theirs_done, _ = ticks.record_tick(stranger, stranger, theirs,
                                       adherence.local_today(stranger), 1, "stranger-key-1")
    assert signed_in.post(f"/completions/{theirs_done.id}/undo").status_code == 404
    assert signed_in.post(f"/completions/{theirs_done.id}/rate",
                          {"pain": "3"}).status_code == 404
    assert Completion.select().count() == 1
    assert Completion.get().pain is None


def test_rating_after_a_tick_is_one_tap_each_and_checked(signed_in, plan):
    signed_in.post("/today/tick", tick_data(plan[1]))
    done = Completion.get()
    signed_in.post(f"/completions/{done.id}/rate", {"difficulty": "4"}, htmx=True)
    response = signed_in.post(f"/completions/{done.id}/rate", {"pain": "2"}, htmx=True)
    assert "How hard: 4 of 10 · Pain: 2 of 10" in response.get_data(as_text=True)
    refused = signed_in.post(f"/completions/{done.id}/rate", {"pain": "12"})
    assert refused.status_code == 422
    signed_in.post(f"/completions/{done.id}/rate", {"note": "Easier today"})
    stored = Completion.get_by_id(done.id)
    assert (stored.difficulty, stored.pain, stored.note) == (4, 2, "Easier today")


def test_cards_explain_why_and_how(signed_in, client, plan):
    page = client.get("/today").get_data(as_text=True)
    assert "Why this helps:" in page and "Stronger grip for jars and cups." in page
    assert "2 sets of 10" in page
    assert "How to do it safely" in page and "Stop if it hurts" in page
    assert page.count('name="key"') == 4
    assert 'href="/equipment"' in page


def test_equipment_page_lists_each_thing_once_with_its_exercises(signed_in, client, plan):
    page = client.get("/equipment").get_data(as_text=True)
    assert page.count('class="equipment-name">Putty<') == 1
    assert "Exercise 1" in page and "Exercise 3" in page


def test_larger_text_setting_reaches_the_page(auth, client, patient, app):
    patient.larger_text = True
    patient.high_contrast = True
    patient.save()
    auth.login(patient)
    page = client.get("/today").get_data(as_text=True)
    assert "text-large" in page and "contrast-high" in page
    with open(f"{app.static_folder}/css/app.css") as fh:
        css = fh.read()
    assert "html:has(> body.text-large)" in css
