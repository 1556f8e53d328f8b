"""The programme builder: changes show on the client's day at once and never rewrite history."""

from __future__ import annotations

import datetime as dt
import secrets

from app.adherence import adherence, local_today
from app.models import Completion, Plan, PlanItem
from tests.conftest import make_exercise, make_plan

EVERY_DAY = [str(d) for d in range(7)]


def _history(patient, therapist):
    """Three daily items since 30 days ago; the first ticked every past day, others half."""
    plan, items = make_plan(patient, therapist, items=3)
    today = local_today(patient)
    for ago in range(1, 31):
        day = today - dt.timedelta(days=ago)
        for n, item in enumerate(items):
            if n == 0 or ago % 2:
                Completion.create(key=secrets.token_urlsafe(12), plan_item=item, client=patient,
                                  day=day, slot=1, logged_by=patient, logged_by_role="client")
    return plan, items


def test_plan_edits_show_on_the_clients_day_without_touching_the_past(
        app, auth, client, therapist, patient):
    plan, (first, second, third) = _history(patient, therapist)
    today = local_today(patient)
    start, yesterday = today - dt.timedelta(days=30), today - dt.timedelta(days=1)
    before = adherence(patient, start, yesterday)
    ticks_before = Completion.select().count()
    new_ex = make_exercise("Peg board")

    auth.login(therapist)
    base = f"/clients/{patient.id}/programme/items"
    assert auth.post(f"{base}/{first.id}/edit", {"sets": "4", "reps": "12",
                                                 "times_per_day": "1",
                                                 "days": EVERY_DAY}).status_code == 303
    assert auth.post(f"{base}/{second.id}/pause").status_code == 303
    assert auth.post(f"{base}/{third.id}/remove").status_code == 303
    assert auth.post(base, {"exercise": new_ex.id, "reps": "5", "times_per_day": "2",
                            "days": EVERY_DAY, "instructions": "Left hand first"}
                     ).status_code == 303

    # The past is exactly as it was.
    assert adherence(patient, start, yesterday) == before
    assert Completion.select().count() == ticks_before
    old = PlanItem.get_by_id(first.id)
    assert (old.status, old.end_date) == ("replaced", yesterday)
    assert (PlanItem.get_by_id(second.id).status, PlanItem.get_by_id(second.id).end_date) == (
        "paused", yesterday)
    assert PlanItem.get_by_id(third.id).status == "removed"

    # The client's day shows the change at once.
    auth.logout()
    auth.login(patient)
    page = client.get("/today").get_data(as_text=True)
    assert "4 sets of 12" in page
    assert "Peg board" in page and "Left hand first" in page
    assert "Exercise 2" not in page and "Exercise 3" not in page
    assert Plan.select().where(Plan.client == patient).count() == 1


def test_resume_brings_a_paused_item_back_from_today(auth, client, therapist, patient):
    _plan, (first, *_rest) = _history(patient, therapist)
    today = local_today(patient)
    auth.login(therapist)
    base = f"/clients/{patient.id}/programme/items"
    auth.post(f"{base}/{first.id}/pause")
    auth.post(f"{base}/{first.id}/resume")
    new = PlanItem.get(PlanItem.replaces == first.id)
    assert (new.status, new.start_date, new.end_date) == ("active", today, None)
    assert new.sets == first.sets and new.reps == first.reps
    assert PlanItem.get_by_id(first.id).end_date == today - dt.timedelta(days=1)


def test_adding_to_a_client_without_a_plan_creates_one(auth, client, therapist, patient):
    ex = make_exercise("Card sorting")
    auth.login(therapist)
    response = auth.post(f"/clients/{patient.id}/programme/items",
                         {"exercise": ex.id, "days": ["0", "2", "4"], "times_per_day": "1"})
    assert response.status_code == 303
    plan = Plan.get(Plan.client == patient)
    (item,) = plan.items
    assert item.days_of_week == 0b10101 and item.start_date == local_today(patient)


def test_reorder_moves_items_and_answers_htmx_with_the_list(auth, client, therapist, patient):
    _plan, (first, second, third) = make_plan(patient, therapist, items=3)
    auth.login(therapist)
    response = auth.post(f"/clients/{patient.id}/programme/items/{third.id}/move",
                         {"direction": "up"}, htmx=True)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<html" not in html and 'id="plan"' in html
    assert html.index("Exercise 3") < html.index("Exercise 2")
    order = [i.exercise.title for i in PlanItem.select().order_by(PlanItem.position)]
    assert order == ["Exercise 1", "Exercise 3", "Exercise 2"]
    # A plain form post (no JavaScript) is sent back to the builder.
    plain = auth.post(f"/clients/{patient.id}/programme/items/{first.id}/move",
                      {"direction": "down"})
    assert plain.status_code == 303


def test_bad_dosage_is_refused_with_a_message_and_nothing_changes(
        auth, client, therapist, patient):
    _plan, (first, *_rest) = make_plan(patient, therapist, items=1)
    auth.login(therapist)
    for data, words in [({"sets": "-1", "days": EVERY_DAY}, "Sets must be"),
                        ({"reps": "lots", "days": EVERY_DAY}, "Repetitions must be"),
                        ({"times_per_day": "9", "days": EVERY_DAY}, "Times per day"),
                        ({"sets": "2"}, "at least one day"),
                        ({"days": ["9"]}, "Day of the week")]:
        response = auth.post(f"/clients/{patient.id}/programme/items/{first.id}/edit", data)
        assert response.status_code == 422
        assert words in response.get_data(as_text=True)
    assert PlanItem.select().count() == 1 and PlanItem.get().status == "active"


def test_builder_filters_the_library(auth, client, therapist, patient):
    board = make_exercise("Balance board", category="balance", specialties="geriatrics")
    board.equipment = '["Wobble board"]'
    board.save()
    make_exercise("Pencil grip", category="handwriting", specialties="paediatrics")
    auth.login(therapist)
    page = client.get(f"/clients/{patient.id}/programme?category=balance").get_data(as_text=True)
    assert "Balance board" in page and "Pencil grip" not in page
    page = client.get("/library?specialty=paediatrics").get_data(as_text=True)
    assert "Pencil grip" in page and "Balance board" not in page
    page = client.get("/library?equipment=wobble+board").get_data(as_text=True)
    assert "Balance board" in page and "Pencil grip" not in page
    page = client.get("/library?q=pencil").get_data(as_text=True)
    assert "Pencil grip" in page and "Balance board" not in page


def test_printable_programme_lists_steps_and_dosage(auth, client, therapist, patient):
    make_plan(patient, therapist, items=2)
    auth.login(therapist)
    page = client.get(f"/clients/{patient.id}/programme/print").get_data(as_text=True)
    assert "Home programme for Pat Client" in page
    assert "2 sets of 10" in page and "Squeeze" in page and "Stop if it hurts" in page
