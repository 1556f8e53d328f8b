"""Kept pages (app/pagecache.py), kept plan items (app/today.py) and the revisions the
database moves on for them (migrations/0009_page_revision.py, 0010_plan_revision.py):
whatever changes what a page shows, by whatever path, shows on the next visit."""

from __future__ import annotations

import datetime as dt
import logging
import re

import pytest

from app import pagecache
from app.models import Completion, Exercise, Goal, Message, Plan, PlanItem, User
from tests.conftest import csrf_from, make_plan, make_user


def revision(user) -> int:
    return User.get_by_id(user.id).revision


def plan_revision(user) -> int:
    return User.get_by_id(user.id).plan_revision


def _keys(page: bytes) -> list[str]:
    return re.findall(r'name="key" value="([^"]+)"', page.decode())


def _day(page: bytes) -> str:
    return re.search(rb'name="day" value="([^"]+)"', page).group(1).decode()


@pytest.fixture
def items(patient, therapist):
    return make_plan(patient, therapist, items=2)[1]


@pytest.fixture
def as_patient(auth, patient, items):
    auth.login(patient)
    return auth


# -- what moves a client's revision on ------------------------------------------------------

def test_ticks_made_changed_and_taken_back_move_only_their_clients_revision(
        patient, stranger, therapist, other_therapist, items):
    other_item = make_plan(stranger, other_therapist, items=1)[1][0]
    before, others = revision(patient), revision(stranger)
    tick = Completion.create(key="k" * 22, plan_item=items[0], client=patient,
                             day=dt.date.today(), slot=1, logged_by=patient,
                             logged_by_role="client")
    assert revision(patient) == before + 1
    Completion.update(pain=3).where(Completion.id == tick.id).execute()
    assert revision(patient) == before + 2
    tick.delete_instance()
    assert revision(patient) == before + 3
    assert revision(stranger) == others
    PlanItem.update(sets=5).where(PlanItem.id == other_item.id).execute()
    assert revision(stranger) == others + 1 and revision(patient) == before + 3


def test_plan_goal_and_message_changes_move_the_revision_on(patient, therapist, items):
    before = revision(patient)
    PlanItem.update(reps=12).where(PlanItem.id == items[0].id).execute()
    Plan.update(is_active=False).where(Plan.client == patient).execute()
    goal = Goal.create(client=patient, therapist=therapist, area="self_care", title="Make tea")
    Goal.update(title="Make a pot of tea").where(Goal.id == goal.id).execute()
    message = Message.create(client=patient, sender=therapist, body="Keep going!")
    Message.update(read_at=dt.datetime.now()).where(Message.id == message.id).execute()
    assert revision(patient) == before + 6


def test_an_exercise_edit_moves_on_every_client_whose_plan_uses_it(
        patient, stranger, therapist, other_therapist, items):
    make_plan(stranger, other_therapist, items=1)
    before, others = revision(patient), revision(stranger)
    Exercise.update(title="Towel wring").where(Exercise.id == items[0].exercise_id).execute()
    assert revision(patient) == before + 1
    assert revision(stranger) == others, "the stranger's plan does not use that exercise"


def test_a_new_name_moves_on_the_clients_who_see_it(patient, stranger, therapist, caregiver):
    before, others = revision(patient), revision(stranger)
    User.update(name="Cara Carer-Jones").where(User.id == caregiver.id).execute()
    assert revision(patient) == before + 1
    User.update(name="Dr Theo").where(User.id == therapist.id).execute()
    assert revision(patient) == before + 2
    User.update(larger_text=True).where(User.id == therapist.id).execute()
    assert revision(patient) == before + 2, "only a new name is shown to clients"
    assert revision(stranger) == others


def test_the_plan_revision_moves_with_the_plan_its_items_and_exercises_only(
        patient, stranger, therapist, other_therapist, items):
    make_plan(stranger, other_therapist, items=1)
    before, others = plan_revision(patient), plan_revision(stranger)
    tick = Completion.create(key="p" * 22, plan_item=items[0], client=patient,
                             day=dt.date.today(), slot=1, logged_by=patient,
                             logged_by_role="client")
    tick.delete_instance()
    Goal.create(client=patient, therapist=therapist, area="self_care", title="Make tea")
    Message.create(client=patient, sender=therapist, body="Keep going!")
    assert plan_revision(patient) == before, "ticks, goals and messages leave the plan alone"
    PlanItem.update(reps=12).where(PlanItem.id == items[0].id).execute()
    assert plan_revision(patient) == before + 1
    Exercise.update(title="Towel wring").where(Exercise.id == items[1].exercise_id).execute()
    assert plan_revision(patient) == before + 2
    plan = Plan.get(Plan.client == patient)
    PlanItem.create(plan=plan, exercise=items[0].exercise_id, position=9,
                    start_date=plan.start_date)
    assert plan_revision(patient) == before + 3
    PlanItem.delete().where(PlanItem.id == items[1].id).execute()
    assert plan_revision(patient) == before + 4
    Plan.update(is_active=False).where(Plan.id == plan.id).execute()
    Plan.create(client=patient, therapist=therapist, start_date=dt.date.today())
    assert plan_revision(patient) == before + 6
    assert plan_revision(stranger) == others


def test_stale_kept_plan_items_fail_the_tests_loudly(as_patient, patient, items, caplog):
    """The TESTING guard for kept items: a change that failed to move plan_revision on
    would leave old items kept; here it is put back by hand to show the guard catches it."""
    as_patient.client.get("/today")
    kept = plan_revision(patient)
    PlanItem.update(reps=15).where(PlanItem.id == items[0].id).execute()
    User.update(plan_revision=kept).where(User.id == patient.id).execute()
    with caplog.at_level(logging.ERROR):
        response = as_patient.client.get("/today")
    assert response.status_code == 500
    assert "kept plan items are stale" in caplog.text


# -- Today, kept ------------------------------------------------------------------------------

def test_a_kept_today_page_still_gets_fresh_keys_and_the_sessions_token(as_patient, app):
    first = as_patient.client.get("/today")
    second = as_patient.client.get("/today")
    assert len(pagecache.store()) == 1
    assert len(_keys(second.data)) == 2 and not set(_keys(first.data)) & set(_keys(second.data))
    token = csrf_from(second)
    fields = re.findall(r'name="csrf_token" value="([^"]+)"', second.data.decode())
    assert fields and set(fields) == {token}
    assert "\x00" not in second.data.decode()
    # Apart from the one-time keys, the same page.
    strip = re.compile(rb'name="key" value="[^"]+"')
    assert strip.sub(b"", first.data) == strip.sub(b"", second.data)


def test_changes_made_anywhere_show_on_the_next_visit(as_patient, patient, therapist,
                                                     caregiver, items):
    assert b"Exercise 1" in as_patient.client.get("/today").data
    # The therapist edits the library and the plan; the carer ticks; a message arrives.
    Exercise.update(title="Towel wring").where(Exercise.id == items[0].exercise_id).execute()
    PlanItem.update(instructions="Slowly, please").where(PlanItem.id == items[0].id).execute()
    Completion.create(key="c" * 22, plan_item=items[1], client=patient, day=dt.date.today(),
                      slot=1, logged_by=caregiver, logged_by_role="caregiver")
    Message.create(client=patient, sender=therapist, body="Lovely work this week")
    page = as_patient.client.get("/today").data.decode()
    assert "Towel wring" in page and "Exercise 1" not in page
    assert "Slowly, please" in page
    assert "1 of 2 done" in page and "Cara Carer" in page
    assert "Lovely work this week" in page
    User.update(name="Cara Jones").where(User.id == caregiver.id).execute()
    page = as_patient.client.get("/today").data.decode()
    assert "Cara Jones" in page and "Cara Carer" not in page


def test_the_clients_own_settings_show_at_once(as_patient, patient):
    as_patient.client.get("/today")
    User.update(language="es", larger_text=True).where(User.id == patient.id).execute()
    page = as_patient.client.get("/today").data.decode()
    assert 'lang="es"' in page and "Hoy" in page and "text-large" in page


def test_a_flashed_message_is_shown_once(as_patient, items):
    page = as_patient.client.get("/today")
    response = as_patient.post("/today/tick", {"item": items[0].id, "slot": 1,
                                               "key": _keys(page.data)[0],
                                               "day": _day(page.data)})
    assert response.status_code == 303
    assert b"Well done!" in as_patient.client.get("/today").data
    assert b"Well done!" not in as_patient.client.get("/today").data


def test_another_day_is_kept_apart_from_today(as_patient):
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    today_page = as_patient.client.get("/today").data.decode()
    other = as_patient.client.get(f"/today?day={yesterday}").data.decode()
    assert "You are ticking exercises for" in other
    assert "You are ticking exercises for" not in today_page


def test_a_stale_page_fails_the_tests_loudly(as_patient, patient, items, caplog):
    """The TESTING guard: if a change ever failed to move the revision on, the kept page
    would be served; here the revision is put back by hand to show the guard catches it."""
    as_patient.client.get("/today")
    kept = revision(patient)
    Completion.create(key="s" * 22, plan_item=items[0], client=patient,  # done elsewhere
                      day=dt.date.today(), slot=1, logged_by=patient, logged_by_role="client")
    User.update(revision=kept).where(User.id == patient.id).execute()
    with caplog.at_level(logging.ERROR):
        response = as_patient.client.get("/today")
    assert response.status_code == 500
    assert "page cache served a stale client.today page" in caplog.text
    assert "argon2" not in caplog.text, "no password hash in a key"


def test_a_full_store_drops_its_oldest_page(as_patient, monkeypatch, app):
    monkeypatch.setattr(pagecache, "LIMIT", 1)
    as_patient.client.get("/today")
    as_patient.client.get(f"/today?day={(dt.date.today() - dt.timedelta(days=1)).isoformat()}")
    assert len(pagecache.store()) == 1
    assert b"Exercise 1" in as_patient.client.get("/today").data


def test_the_signed_csrf_token_is_reused_within_a_session_and_still_accepted(as_patient,
                                                                          items):
    first = as_patient.client.get("/today")
    second = as_patient.client.get("/today")
    assert csrf_from(first) == csrf_from(second)
    response = as_patient.post("/today/tick", {
        "item": items[0].id, "slot": 1, "key": _keys(second.data)[0], "day": _day(second.data),
        "csrf_token": csrf_from(second)}, htmx=True)
    assert response.status_code == 200
    as_patient.logout()
    as_patient.login(User.get(User.email == "pat@example.test"))
    assert csrf_from(as_patient.client.get("/today")) != csrf_from(second)


# -- the caseload, kept row by row ----------------------------------------------------------------

@pytest.fixture
def as_therapist(auth, therapist, patient, items):
    auth.login(therapist)
    return auth


def _row(page: str, name: str) -> str:
    return re.search(rf"<tr[^>]*>\s*<th[^>]*><a[^>]*>{name}</a>.*?</tr>", page, re.S).group(0)


def test_the_caseload_shows_a_tick_a_goal_and_a_new_client_at_once(as_therapist, patient,
                                                                   therapist, items):
    page = as_therapist.client.get("/clients").data.decode()
    assert "Never" in _row(page, "Pat Client")
    Completion.create(key="t" * 22, plan_item=items[0], client=patient, day=dt.date.today(),
                      slot=1, logged_by=patient, logged_by_role="client")
    Goal.create(client=patient, therapist=therapist, area="self_care", title="Dress without help",
                target_date=dt.date.today() + dt.timedelta(days=3))
    make_user("client", "new@example.test", "Nia New", therapist=therapist)
    page = as_therapist.client.get("/clients").data.decode()
    row = _row(page, "Pat Client")
    assert "Today" in row and "Never" not in row
    assert "Dress without help" in row
    assert "Nia New" in page


def test_a_kept_caseload_follows_the_therapists_language_and_search(as_therapist, therapist):
    assert b"Pat Client" in as_therapist.client.get("/clients").data
    assert b"Pat Client" not in as_therapist.client.get("/clients?q=zzz").data
    User.update(language="es").where(User.id == therapist.id).execute()
    page = as_therapist.client.get("/clients").data.decode()
    assert "Pat Client" in page and "Nunca" in page
