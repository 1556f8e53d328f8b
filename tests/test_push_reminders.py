"""Practice reminders: due in the client's own time zone, sent once, skipped when not needed."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import threading

import pytest

from app import reminders
from app.models import (
    Completion,
    Exercise,
    Plan,
    PlanItem,
    PushSubscription,
    ReminderDelivery,
    ReminderSchedule,
    User,
    utcnow,
)
from app.push.vapid import ensure_keys
from tests.conftest import make_exercise, make_plan, make_user
from tests.pushservice import PushService

START = dt.date(2025, 1, 1)


@pytest.fixture
def service(app):
    with PushService() as running:
        running.vapid_key = ensure_keys(app).application_server_key
        yield running
    assert running.errors == []


def reminded_client(therapist, service, email="rose@example.test", timezone="Europe/London",
                    time="09:00", items=3, **fields):
    """A client with a daily plan, a reminder at `time` local and one subscribed phone."""
    client = make_user("client", email, therapist=therapist, timezone=timezone, **fields)
    make_plan(client, therapist, items=items, start=START)
    ReminderSchedule.create(client=client, local_time=time, set_by=therapist)
    browser = service.browser()
    keys = browser.subscription()["keys"]
    PushSubscription.create(user=client, endpoint=browser.endpoint, p256dh=keys["p256dh"],
                            auth=keys["auth"])
    return client, browser


def utc(text: str) -> dt.datetime:
    return reminders.parse_at(text)


def sent_at(*instants) -> list[int]:
    """How many reminders each one-off pass sent."""
    return [reminders.send_due(utc(at))["sent"] for at in instants]


@pytest.mark.parametrize("zone, day, due_utc, before, after", [
    # New York springs forward on 8 March 2026: 09:00 is 13:00 UTC (EDT), not 14:00.
    ("America/New_York", "2026-03-08", "2026-03-08T13:00:00", "2026-03-08T12:59:00",
     "2026-03-08T14:00:00"),
    # ... and falls back on 1 November 2026: 09:00 is 14:00 UTC (EST), not 13:00.
    ("America/New_York", "2026-11-01", "2026-11-01T14:00:00", "2026-11-01T13:00:00",
     "2026-11-01T14:30:00"),
    # London springs forward on 29 March 2026: 09:00 BST is 08:00 UTC.
    ("Europe/London", "2026-03-29", "2026-03-29T08:00:00", "2026-03-29T07:59:00",
     "2026-03-29T09:00:00"),
    # ... and falls back on 25 October 2026: 09:00 GMT is 09:00 UTC.
    ("Europe/London", "2026-10-25", "2026-10-25T09:00:00", "2026-10-25T08:00:00",
     "2026-10-25T09:59:00"),
])
def test_nine_oclock_reminder_on_clock_change_days_goes_once_at_the_right_instant(
        therapist, service, zone, day, due_utc, before, after):
    client, browser = reminded_client(therapist, service, timezone=zone)
    assert sent_at(before, due_utc, after) == [0, 1, 0]
    assert len(service.messages_for(browser)) == 1
    delivery = ReminderDelivery.get()
    assert delivery.local_date == dt.date.fromisoformat(day)
    assert delivery.status == "sent"


@pytest.mark.parametrize("zone, missing_utc, before", [
    # 02:30 does not exist in New York on 8 March 2026: it goes at 03:30 EDT (07:30 UTC).
    ("America/New_York", "2026-03-08T07:30:00", "2026-03-08T07:29:00"),
    # 01:30 does not exist in London on 29 March 2026: it goes at 02:30 BST (01:30 UTC).
    ("Europe/London", "2026-03-29T01:30:00", "2026-03-29T01:29:00"),
])
def test_reminder_at_a_time_skipped_by_the_clocks_still_goes_once(therapist, service, zone,
                                                                   missing_utc, before):
    time = "02:30" if zone == "America/New_York" else "01:30"
    client, browser = reminded_client(therapist, service, timezone=zone, time=time)
    later = (utc(missing_utc) + dt.timedelta(minutes=45)).isoformat()
    assert sent_at(before, missing_utc, later) == [0, 1, 0]
    assert len(service.messages_for(browser)) == 1


def test_reminder_in_the_hour_that_happens_twice_goes_once(therapist, service):
    # 01:30 happens twice in New York on 1 November 2026 (05:30 and 06:30 UTC).
    client, browser = reminded_client(therapist, service, timezone="America/New_York",
                                      time="01:30")
    assert sent_at("2026-11-01T05:29:00", "2026-11-01T05:30:00", "2026-11-01T06:30:00",
                   "2026-11-01T06:45:00") == [0, 1, 0, 0]
    assert len(service.messages_for(browser)) == 1


def test_worker_down_briefly_still_sends_but_an_old_reminder_is_not_sent(therapist, service):
    early, first = reminded_client(therapist, service, email="a@example.test")
    assert sent_at("2026-06-01T09:30:00") == [1]  # 09:00 BST was 08:00 UTC: 90 min late
    assert sent_at("2026-06-02T10:01:00") == [0]  # over 2 hours late: too old to help
    assert len(service.messages_for(first)) == 1


def test_reminder_tells_how_many_exercises_and_which_first_without_health_details(
        therapist, service):
    client, browser = reminded_client(therapist, service)
    day = dt.date(2026, 6, 1)
    from app.models import PlanItem

    first, second, _third = PlanItem.select().order_by(PlanItem.position)
    Completion.create(key="k" * 10, plan_item=first, client=client, day=day, slot=1,
                      logged_by=client, logged_by_role="client", pain=8,
                      note="My wrist hurt a lot after the stroke")
    assert sent_at("2026-06-01T08:00:00") == [1]
    [payload] = service.messages_for(browser)
    assert payload["body"] == "2 exercises left for today: Exercise 2 next."
    assert payload["url"] == "/today"
    text = json.dumps(payload).lower()
    for private in ("pain", "wrist", "stroke", "note", "8"):
        assert private not in text
    [got] = service.received
    assert got.size < 4096
    assert got.headers["topic"] == reminders.TOPIC
    assert got.headers["urgency"] == "normal"
    assert int(got.headers["ttl"]) >= 3600  # hours, so a phone that is off still gets it


def test_first_reminder_of_the_day_names_the_first_exercise(therapist, service):
    client, browser = reminded_client(therapist, service)
    sent_at("2026-06-01T08:00:00")
    [payload] = service.messages_for(browser)
    assert payload["body"] == "Time for your 3 exercises: Exercise 1 first."


def test_no_reminder_when_the_days_practice_is_done(therapist, service):
    client, browser = reminded_client(therapist, service, items=1)
    from app.models import PlanItem

    Completion.create(key="done-key-1", plan_item=PlanItem.get(), client=client,
                      day=dt.date(2026, 6, 1), slot=1, logged_by=client, logged_by_role="client")
    assert sent_at("2026-06-01T08:00:00") == [0]
    assert service.received == []
    delivery = ReminderDelivery.get()
    assert (delivery.status, delivery.error) == ("skipped", "practice already done")


def test_quiet_hours_hold_reminders_back(therapist, service):
    client, browser = reminded_client(therapist, service)
    User.update(quiet_start="21:00", quiet_end="09:30").where(User.id == client.id).execute()
    assert sent_at("2026-06-01T08:00:00") == [0]
    assert ReminderDelivery.get().error == "quiet hours"
    assert service.received == []


def test_discharged_and_inactive_clients_get_no_reminders(therapist, service):
    gone, _b1 = reminded_client(therapist, service, email="gone@example.test")
    off, _b2 = reminded_client(therapist, service, email="off@example.test")
    User.update(discharged_at=utcnow()).where(User.id == gone.id).execute()
    User.update(is_active=False).where(User.id == off.id).execute()
    assert sent_at("2026-06-01T08:00:00") == [0]
    assert service.received == []
    assert ReminderDelivery.select().count() == 0


def test_reminder_only_on_its_days(therapist, service):
    client, browser = reminded_client(therapist, service)
    ReminderSchedule.update(days_of_week=0b0000001).execute()  # Mondays only
    # 1 June 2026 is a Monday, 2 June a Tuesday.
    assert sent_at("2026-06-01T08:00:00", "2026-06-02T08:00:00") == [1, 0]


def test_busy_push_service_is_retried_later_with_back_off(therapist, service):
    client, browser = reminded_client(therapist, service)
    service.answer(browser, 429)  # with Retry-After: 120
    assert reminders.send_due(utc("2026-06-01T08:00:00"))["retry"] == 1
    delivery = ReminderDelivery.get()
    assert delivery.status == "retry" and delivery.attempts == 1
    assert delivery.next_attempt_at == dt.datetime(2026, 6, 1, 8, 2)
    assert sent_at("2026-06-01T08:01:00") == [0]  # not yet
    service.answer(browser, 500)
    assert reminders.send_due(utc("2026-06-01T08:02:00"))["retry"] == 1
    delivery = ReminderDelivery.get()
    assert delivery.attempts == 2
    assert delivery.next_attempt_at == dt.datetime(2026, 6, 1, 8, 4)  # doubled: 2 minutes
    assert sent_at("2026-06-01T08:04:00", "2026-06-01T08:30:00") == [1, 0]
    assert len(service.messages_for(browser)) == 1
    assert ReminderDelivery.get().status == "sent"


def test_retries_give_up_after_a_few_tries(therapist, service):
    client, browser = reminded_client(therapist, service)
    service.answer(browser, *[503] * reminders.MAX_ATTEMPTS)
    at = utc("2026-06-01T08:00:00")
    for _ in range(reminders.MAX_ATTEMPTS):
        reminders.send_due(at)
        at += dt.timedelta(hours=1)
    delivery = ReminderDelivery.get()
    assert delivery.status == "failed" and delivery.attempts == reminders.MAX_ATTEMPTS
    assert "503" in delivery.error


def test_expired_subscription_is_deleted_when_a_reminder_meets_410(therapist, service):
    client, browser = reminded_client(therapist, service)
    service.answer(browser, 410)
    reminders.send_due(utc("2026-06-01T08:00:00"))
    assert PushSubscription.select().count() == 0
    assert ReminderDelivery.get().status == "failed"


def test_other_refusals_are_recorded_not_retried(therapist, service):
    client, browser = reminded_client(therapist, service)
    service.answer(browser, 403)
    assert reminders.send_due(utc("2026-06-01T08:00:00"))["failed"] == 1
    delivery = ReminderDelivery.get()
    assert delivery.status == "failed" and "403" in delivery.error
    assert PushSubscription.get().failures == 1


def test_a_reminder_claimed_by_a_worker_that_died_is_not_sent_again(therapist, service):
    client, _browser = reminded_client(therapist, service)
    [(schedule, day)] = reminders.due_occurrences(utc("2026-06-01T08:00:00"))
    assert reminders.claim(schedule, day) is not None  # then the worker was killed
    assert sent_at("2026-06-01T08:00:00", "2026-06-01T08:05:00") == [0, 0]
    assert service.received == []


def test_send_due_command_prints_how_many_were_sent(runner, therapist, service):
    reminded_client(therapist, service, email="one@example.test")
    reminded_client(therapist, service, email="two@example.test", timezone="America/New_York")
    result = runner.invoke(args=["reminders", "send-due", "--at", "2026-06-01T08:00:00+00:00"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1 reminders sent")
    # No offset means UTC: 13:00 UTC is 09:00 in New York in June.
    result = runner.invoke(args=["reminders", "send-due", "--at", "2026-06-01T13:00:00"])
    assert result.output.startswith("1 reminders sent")
    assert len(service.received) == 2


def test_send_due_refuses_a_bad_instant(runner):
    result = runner.invoke(args=["reminders", "send-due", "--at", "next tuesday"])
    assert result.exit_code == 2
    assert "ISO 8601" in result.output


def add_phone(client, service):
    """Another subscribed phone for the client."""
    browser = service.browser()
    keys = browser.subscription()["keys"]
    PushSubscription.create(user=client, endpoint=browser.endpoint, p256dh=keys["p256dh"],
                            auth=keys["auth"])
    return browser


def add_item(client, title, position, **fields):
    """A plan item (its own exercise called `title`) on the client's plan."""
    fields.setdefault("start_date", START)
    return PlanItem.create(plan=Plan.get(Plan.client == client), exercise=make_exercise(title),
                           position=position, sets=2, reps=10, **fields)


def tick(client, item, day, slot=1):
    Completion.create(key=f"k-{item.id}-{slot}-{day}", plan_item=item, client=client, day=day,
                      slot=slot, logged_by=client, logged_by_role="client")


def test_each_reminder_of_a_pass_in_several_batches_tells_that_clients_own_day(
        monkeypatch, therapist, service):
    monkeypatch.setattr(reminders, "BATCH", 2)
    day = dt.date(2026, 6, 1)  # a Monday
    partly, partly_phone = reminded_client(therapist, service, email="a@example.test", items=0)
    putty = add_item(partly, "Putty squeeze", 0, times_per_day=2)
    add_item(partly, "Tendon glides", 1)
    tick(partly, putty, day, slot=1)
    spanish, spanish_phone = reminded_client(therapist, service, email="b@example.test",
                                             items=0, language="es")
    add_item(spanish, "Peg board", 0)
    add_item(spanish, "Wrist circles", 1)
    paused, paused_phone = reminded_client(therapist, service, email="c@example.test", items=0)
    add_item(paused, "Paused one", 0, status="paused")
    add_item(paused, "Weekends only", 1, days_of_week=0b1100000)
    add_item(paused, "Button board", 2)
    done, done_phone = reminded_client(therapist, service, email="d@example.test", items=0)
    tick(done, add_item(done, "Coin pick-up", 0), day)
    fresh, fresh_phone = reminded_client(therapist, service, email="e@example.test", items=2)

    counts = reminders.send_due(utc("2026-06-01T08:00:00"))
    assert (counts["sent"], counts["skipped"]) == (4, 1)
    assert [m["body"] for m in service.messages_for(partly_phone)] == [
        "2 exercises left for today: Putty squeeze next."]
    assert service.messages_for(spanish_phone) == [{
        "title": "Hora de practicar", "body": "Hora de sus 2 ejercicios: primero Peg board.",
        "url": "/today", "tag": reminders.TOPIC, "kind": "reminder"}]
    assert [m["body"] for m in service.messages_for(paused_phone)] == [
        "Time for your exercise: Button board."]
    assert service.messages_for(done_phone) == []
    assert [m["body"] for m in service.messages_for(fresh_phone)] == [
        "Time for your 2 exercises: Exercise 1 first."]
    skipped = ReminderDelivery.get(ReminderDelivery.status == "skipped")
    assert (skipped.schedule.client_id, skipped.error) == (done.id, "practice already done")


def test_each_phone_and_reminder_keeps_its_own_answer_in_a_batch(monkeypatch, therapist,
                                                                 service):
    monkeypatch.setattr(reminders, "BATCH", 2)
    two_phones, old_phone = reminded_client(therapist, service, email="a@example.test")
    new_phone = add_phone(two_phones, service)
    service.answer(old_phone, 410)
    busy, busy_phone = reminded_client(therapist, service, email="b@example.test")
    service.answer(busy_phone, 503)
    refused, refused_phone = reminded_client(therapist, service, email="c@example.test")
    service.answer(refused_phone, 403)
    fine, fine_phone = reminded_client(therapist, service, email="d@example.test")

    counts = reminders.send_due(utc("2026-06-01T08:00:00"))
    assert (counts["sent"], counts["retry"], counts["failed"]) == (2, 1, 1)
    status = {d.schedule.client_id: d for d in ReminderDelivery.select()}
    assert status[two_phones.id].status == "sent" and "410" in status[two_phones.id].error
    assert status[busy.id].status == "retry"
    assert status[busy.id].next_attempt_at == dt.datetime(2026, 6, 1, 8, 1)
    assert status[refused.id].status == "failed" and "403" in status[refused.id].error
    assert status[fine.id].status == "sent" and status[fine.id].error == ""
    assert status[fine.id].sent_at is not None and status[fine.id].attempts == 1
    # The expired phone is forgotten; the others remember how they did.
    phones = {p.endpoint: p for p in PushSubscription.select()}
    assert old_phone.endpoint not in phones
    assert phones[new_phone.endpoint].last_success_at is not None
    assert phones[fine_phone.endpoint].failures == 0
    assert (phones[busy_phone.endpoint].failures, phones[refused_phone.endpoint].failures) == (
        1, 1)
    assert len(service.messages_for(new_phone)) == len(service.messages_for(fine_phone)) == 1


def test_a_reminder_whose_text_cannot_be_made_fails_alone(therapist, service):
    broken, broken_phone = reminded_client(therapist, service, email="a@example.test",
                                           language="es")
    Exercise.update(translations="{not json").where(
        Exercise.id.in_(PlanItem.select(PlanItem.exercise))).execute()
    fine, fine_phone = reminded_client(therapist, service, email="b@example.test")

    counts = reminders.send_due(utc("2026-06-01T08:00:00"))
    assert (counts["sent"], counts["failed"]) == (1, 1)
    assert service.messages_for(broken_phone) == []
    assert len(service.messages_for(fine_phone)) == 1
    failed = ReminderDelivery.get(ReminderDelivery.status == "failed")
    assert failed.schedule.client_id == broken.id and failed.error.startswith("error:")


def test_a_reminder_removed_as_a_pass_starts_does_not_hold_up_the_others(monkeypatch,
                                                                        therapist, service):
    removed, removed_phone = reminded_client(therapist, service, email="a@example.test")
    kept, kept_phone = reminded_client(therapist, service, email="b@example.test")
    found = reminders.due_occurrences

    def found_then_removed(at):
        due = found(at)
        ReminderSchedule.delete().where(ReminderSchedule.client == removed).execute()
        return due

    monkeypatch.setattr(reminders, "due_occurrences", found_then_removed)
    assert sent_at("2026-06-01T08:00:00") == [1]
    assert service.messages_for(removed_phone) == []
    assert len(service.messages_for(kept_phone)) == 1


def _many_clients(therapist, service, count=12):
    browsers = []
    for n in range(count):
        zone = ["Europe/London", "America/New_York"][n % 2]
        time = "09:00" if zone == "Europe/London" else "04:00"  # both 08:00 UTC in June
        _client, browser = reminded_client(therapist, service, email=f"c{n}@example.test",
                                           timezone=zone, time=time, items=1)
        browsers.append(browser)
    return browsers


@pytest.mark.parametrize("batch", [reminders.BATCH, 3])
def test_two_workers_at_once_send_each_reminder_once(monkeypatch, app, therapist, service,
                                                     batch):
    monkeypatch.setattr(reminders, "BATCH", batch)
    browsers = _many_clients(therapist, service)
    start = threading.Barrier(2)
    totals, errors = [], []

    def worker():
        try:
            with app.app_context():
                start.wait()
                totals.append(reminders.send_due(utc("2026-06-01T08:00:00"))["sent"])
        except Exception as error:  # surfaced below
            errors.append(error)
        finally:
            from app.db import db

            if not db.is_closed():
                db.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sum(totals) == len(browsers)
    assert sorted(len(service.messages_for(b)) for b in browsers) == [1] * len(browsers)


def test_two_worker_processes_at_once_send_each_reminder_once(app, therapist, service):
    browsers = _many_clients(therapist, service)
    from app.db import db

    db.close()
    env = dict(os.environ, DATABASE_URL=app.config["DATABASE_URL"],
               HOMEWARD_INSTANCE=app.instance_path, PUSH_ALLOWED_HOSTS="127.0.0.1",
               SECRET_KEY="test-secret")
    command = [sys.executable, "-m", "flask", "--app", "app", "reminders", "send-due",
               "--at", "2026-06-01T08:00:00Z"]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    workers = [subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [w.communicate(timeout=120) for w in workers]
    assert [w.returncode for w in workers] == [0, 0], outputs
    sent = [int(out.split()[0]) for out, _err in outputs]
    assert sum(sent) == len(browsers)
    assert sorted(len(service.messages_for(b)) for b in browsers) == [1] * len(browsers)
    assert ReminderDelivery.select().where(ReminderDelivery.status == "sent").count() == len(
        browsers)
