"""Ticks replayed from the offline outbox keep the time they were really made."""

from __future__ import annotations

import datetime as dt
import secrets

from app.models import Completion, utcnow
from tests.conftest import make_plan


def _tick(auth, item, **extra):
    data = {"key": secrets.token_urlsafe(12), "item": item.id, "slot": 1}
    data.update(extra)
    return auth.post("/today/tick", data, htmx=True)


def test_replayed_tick_keeps_the_time_it_was_made_offline(auth, patient, therapist):
    _plan, items = make_plan(patient, therapist, items=1)
    auth.login(patient)
    made = (utcnow() - dt.timedelta(hours=3)).replace(microsecond=0)
    response = _tick(auth, items[0], made_at=made.isoformat() + "Z")
    assert response.status_code == 200
    assert Completion.get().completed_at.replace(microsecond=0) == made


def test_unbelievable_offline_times_are_replaced_by_now(auth, patient, therapist):
    _plan, items = make_plan(patient, therapist, items=3)
    auth.login(patient)
    before = utcnow() - dt.timedelta(seconds=5)
    future = (utcnow() + dt.timedelta(days=1)).isoformat() + "Z"
    ancient = (utcnow() - dt.timedelta(days=30)).isoformat() + "Z"
    for item, made_at in zip(items, [future, ancient, "not a time"], strict=True):
        assert _tick(auth, item, made_at=made_at).status_code == 200
    for completion in Completion.select():
        assert before <= completion.completed_at <= utcnow() + dt.timedelta(seconds=5)


def test_discharged_client_is_told_the_programme_has_ended(auth, client, patient, therapist):
    from app.rights.account import discharge

    make_plan(patient, therapist, items=1)
    discharge(patient, therapist)
    auth.login(patient)
    page = client.get("/today")
    assert page.status_code == 200
    assert b"Your programme with your therapist has ended." in page.data
