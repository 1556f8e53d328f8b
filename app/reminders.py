"""Reminders: which are due when, and the worker that sends each one exactly once.

A reminder occurrence is (schedule, client-local date). It is due from the moment
its local time comes round in the client's own time zone, for a catch-up window
(a worker that was down a few minutes still sends it; a stale one is not sent at
midnight). Before anything is sent the occurrence is claimed by inserting its
unique ReminderDelivery row: occurrences are claimed in batches, one transaction
per batch, and a row someone else inserted first is simply not ours. A worker that
dies after a claim never resends it; reminders are sent at most once, never twice.

A batch's texts and devices are read in a few queries, its push messages are
posted on a small pool of threads, and its outcomes are written in one transaction:
a handful of commits per few hundred reminders rather than three per reminder.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import signal
import time
from concurrent.futures import Executor, ThreadPoolExecutor
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click
from flask.cli import AppGroup
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from peewee import IntegrityError

from .adherence import is_due, overlapping
from .db import atomic, db, is_sqlite
from .models import (
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
from .webpush_send import SendResult

log = logging.getLogger(__name__)
cli = AppGroup("reminders", help="Send practice reminders.")

CATCH_UP = dt.timedelta(hours=2)  # how late a reminder may still go out
REMINDER_TTL = 4 * 3600  # seconds a push service keeps it for a phone that is off
TOPIC = "homeward-reminder"  # a newer reminder replaces one not yet delivered
MAX_ATTEMPTS = 5
BACKOFF = 60  # seconds before the first retry; doubles each time
BATCH = 500  # occurrences claimed together, and sent and recorded together
SEND_THREADS = 16  # push messages in flight at once: a send is mostly waiting for the service


def zone(user: User) -> ZoneInfo:
    """The user's time zone (UTC when the stored name is unknown)."""
    try:
        return ZoneInfo(user.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def parse_time(text: str | None) -> dt.time | None:
    """'HH:MM' to a time; None when blank or not a time."""
    try:
        return dt.time.fromisoformat((text or "").strip()[:5]) if text else None
    except ValueError:
        return None


def parse_at(text: str | None) -> dt.datetime:
    """An ISO 8601 instant as an aware UTC datetime; no offset means UTC; None means now."""
    if not text:
        return dt.datetime.now(dt.UTC)
    at = dt.datetime.fromisoformat(text.strip())
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone(dt.UTC)


def scheduled_instant(day: dt.date, local_time: dt.time, tz: ZoneInfo) -> dt.datetime:
    """The UTC instant a local wall-clock time happens on a day.

    On the day clocks go forward a time in the gap (02:30) does not exist: it is read
    with the offset from before the change, so it happens once, just after the jump
    (03:30). On the day clocks go back a repeated time happens at its first occurrence.
    """
    local = dt.datetime.combine(day, local_time).replace(tzinfo=tz, fold=0)
    return local.astimezone(dt.UTC)


def in_quiet_hours(user: User, moment: dt.time) -> bool:
    """True when a local time falls in the user's quiet hours (which may span midnight)."""
    start, end = parse_time(user.quiet_start), parse_time(user.quiet_end)
    if start is None or end is None or start == end:
        return False
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end


def eligible_clients():
    """Clients who get reminders: active accounts, not discharged."""
    return User.select().where(User.role == "client", User.is_active == True,  # noqa: E712
                               User.discharged_at.is_null())


def due_occurrences(at: dt.datetime) -> list[tuple[ReminderSchedule, dt.date]]:
    """(schedule, local date) of every reminder whose time came in the last CATCH_UP."""
    schedules = (
        ReminderSchedule.select(ReminderSchedule, User)
        .join(User, on=(ReminderSchedule.client == User.id))
        .where(ReminderSchedule.is_active == True,  # noqa: E712
               User.id.in_(eligible_clients().select(User.id)))
    )
    due = []
    for schedule in schedules:
        local_time = parse_time(schedule.local_time)
        if local_time is None:
            continue
        tz = zone(schedule.client)
        today = at.astimezone(tz).date()
        for day in (today - dt.timedelta(days=1), today):
            if not schedule.days_of_week & (1 << day.weekday()):
                continue
            when = scheduled_instant(day, local_time, tz)
            if when <= at < when + CATCH_UP:
                due.append((schedule, day))
    return due


def claim_many(occurrences: list[tuple[ReminderSchedule, dt.date]]) -> list[ReminderDelivery]:
    """Claim many occurrences in one transaction; the deliveries this worker won.

    Each occurrence's unique delivery row is inserted "or ignored" (ON CONFLICT DO
    NOTHING): a row another worker inserted first stays theirs and is not returned.
    On PostgreSQL an insert that meets another worker's row not yet committed waits
    for it, so callers claim in one order (schedule, date) and never deadlock.
    """
    if not occurrences:
        return []
    now = utcnow()
    schedules = {schedule.id: schedule for schedule, _day in occurrences}
    rows = [{"schedule": schedule.id, "local_date": day, "status": "claimed", "claimed_at": now}
            for schedule, day in occurrences]
    query = (ReminderDelivery.insert_many(rows).on_conflict_ignore()
             .returning(ReminderDelivery.id, ReminderDelivery.schedule,
                        ReminderDelivery.local_date))
    try:
        with atomic():
            won = list(query.tuples().execute())
    except IntegrityError:
        # A schedule deleted since it was found due (its foreign key fails the whole
        # insert): claim one at a time, passing over the ones that fail.
        if len(occurrences) == 1:
            return []
        return [won for occurrence in occurrences for won in claim_many([occurrence])]
    return [ReminderDelivery(id=pk, schedule=schedules[schedule_id], local_date=day,
                             status="claimed", claimed_at=now)
            for pk, schedule_id, day in won]


def claim(schedule: ReminderSchedule, day: dt.date) -> ReminderDelivery | None:
    """Claim one occurrence; None when someone else already has it."""
    won = claim_many([(schedule, day)])
    return won[0] if won else None


def claim_retries(at: dt.datetime, limit: int = 200) -> list[ReminderDelivery]:
    """Deliveries waiting for another try whose time has come, each taken by one worker."""
    now = at.astimezone(dt.UTC).replace(tzinfo=None)
    waiting = (ReminderDelivery.select()
               .where(ReminderDelivery.status == "retry", ReminderDelivery.next_attempt_at <= now)
               .order_by(ReminderDelivery.id).limit(limit))
    with atomic():
        if is_sqlite():
            # The IMMEDIATE transaction holds SQLite's only write lock: no other worker
            # can take these rows between this read and the update below.
            rows = list(waiting)
        else:
            # Rows another worker is taking right now are skipped, not waited for.
            rows = list(waiting.for_update(skip_locked=True))
        if rows:
            ReminderDelivery.update(status="claimed", claimed_at=utcnow()).where(
                ReminderDelivery.id.in_([r.id for r in rows])).execute()
    return rows


def _due_slots(occurrences) -> dict[tuple[int, dt.date], list[tuple[Exercise, bool]]]:
    """(exercise, done) for each slot due on each (client, local date), in plan order.

    The same plan items and ticks as Today's cards (today.cards_for, whose item query
    is repeated here), read for many clients at once: per date, one query for the
    plan items and one for the day's ticks.
    """
    clients_by_day: dict[dt.date, set[int]] = {}
    for client, day in occurrences:
        clients_by_day.setdefault(day, set()).add(client.id)
    slots: dict[tuple[int, dt.date], list[tuple[Exercise, bool]]] = {}
    for day, ids in clients_by_day.items():
        for client_id in ids:
            slots[(client_id, day)] = []
        items = (
            # Only the columns the due rule and the text need (not the exercise's steps).
            PlanItem.select(PlanItem.id, PlanItem.times_per_day, PlanItem.days_of_week,
                            PlanItem.start_date, PlanItem.end_date, PlanItem.status,
                            Exercise.id, Exercise.title, Exercise.translations,
                            Plan.id, Plan.client, Plan.end_date)
            .join(Exercise)
            .switch(PlanItem)
            .join(Plan)
            .where(Plan.client.in_(ids), *overlapping(day, day))
            .order_by(PlanItem.position, PlanItem.id)
        )
        done = set(Completion.select(Completion.client, Completion.plan_item, Completion.slot)
                   .where(Completion.client.in_(ids), Completion.day == day).tuples())
        for item in items:
            if not is_due(item, day):
                continue
            client_id = item.plan.client_id
            for slot in range(1, item.times_per_day + 1):
                slots[(client_id, day)].append(
                    (item.exercise, (client_id, item.id, slot) in done))
    return slots


def _payload(slots: list[tuple[Exercise, bool]]) -> dict | None:
    """The reminder for a day's slots, in the current locale; None when all are done."""
    from .templating import ex_text

    left = [exercise for exercise, done in slots if not done]
    if not left:
        return None
    first = ex_text(left[0], "title")
    if len(left) == len(slots):
        body = ngettext("Time for your exercise: %(first)s.",
                        "Time for your %(num)s exercises: %(first)s first.",
                        len(left), first=first)
    else:
        body = ngettext("One exercise left for today: %(first)s.",
                        "%(num)s exercises left for today: %(first)s next.",
                        len(left), first=first)
    return {"title": _("Time to practise"), "body": body, "url": "/today",
            "tag": TOPIC, "kind": "reminder"}


def reminder_text(client: User, day: dt.date) -> dict | None:
    """Title and body of a kind, specific reminder; None when the day's practice is done.

    Only what is on the lock screen anyway goes in: how many exercises are left and
    which one comes next. Never pain, notes or diagnosis.
    """
    slots = _due_slots([(client, day)])[(client.id, day)]
    with force_locale(client.language or "en"):
        return _payload(slots)


def reminder_texts(occurrences) -> dict[tuple[int, dt.date], dict | None | Exception]:
    """reminder_text for many (client, local date) at once, keyed by (client id, date).

    A reminder whose text could not be made has the error instead (and is logged).
    """
    slots = _due_slots(occurrences)
    by_language: dict[str, list[tuple[User, dt.date]]] = {}
    for client, day in occurrences:
        by_language.setdefault(client.language or "en", []).append((client, day))
    texts = {}
    for language, group in by_language.items():
        try:
            with force_locale(language):
                for client, day in group:
                    try:
                        texts[(client.id, day)] = _payload(slots[(client.id, day)])
                    except Exception as error:  # one bad reminder must not stop the others
                        log.exception("reminder text for client %s failed", client.id)
                        texts[(client.id, day)] = error
        except Exception as error:  # a language Babel does not know
            log.exception("reminder texts in %r failed", language)
            for client, day in group:
                texts[(client.id, day)] = error
    return texts


def _send(sender, device: PushSubscription, payload: dict) -> SendResult:
    """Post one reminder to one device (on a pool thread: no database here)."""
    try:
        return sender.send(device.endpoint, device.p256dh, device.auth, payload,
                           ttl=REMINDER_TTL, topic=TOPIC)
    except Exception as error:  # one bad device must not stop the others
        log.exception("reminder push to subscription %s failed", device.id)
        return SendResult("failed", error=f"error: {error}"[:300])


def _outcome(delivery: ReminderDelivery, results: list[SendResult], at: dt.datetime,
             now: dt.datetime) -> tuple[str, dict]:
    """A delivery's new status and fields, from what its devices' push services said."""
    attempts = delivery.attempts + 1
    errors = "; ".join(r.error for r in results if r.error)
    if any(r.ok for r in results):
        return "sent", {"error": errors, "sent_at": now, "attempts": attempts}
    retry = [r for r in results if r.outcome == "retry"]
    if retry and attempts < MAX_ATTEMPTS:
        wait = max([BACKOFF * 2 ** (attempts - 1)] + [r.retry_after or 0 for r in retry])
        later = (at + dt.timedelta(seconds=wait)).replace(tzinfo=None)
        return "retry", {"error": errors, "attempts": attempts, "next_attempt_at": later}
    return "failed", {"error": errors or "no device accepted it", "attempts": attempts}


def _skip(reason: str) -> tuple[str, dict]:
    return "skipped", {"error": reason}


def _record(outcomes: dict[int, tuple[str, dict]], sends=()) -> None:
    """Write a batch's outcomes in one transaction.

    outcomes: delivery id -> (status, fields); deliveries with the same ones share an
    UPDATE. sends: (subscription, SendResult) pairs, kept by
    push.subscriptions.note_results (deleted when gone, last success noted, failures
    counted).
    """
    from .push.subscriptions import note_results

    groups: dict[tuple, list[int]] = {}
    for delivery_id, (status, fields) in outcomes.items():
        fields = {**fields, "error": fields.get("error", "")[:1000]}
        groups.setdefault((status, tuple(sorted(fields.items()))), []).append(delivery_id)
    with atomic():
        note_results(sends)
        for (status, fields), ids in groups.items():
            ReminderDelivery.update(status=status, **dict(fields)).where(
                ReminderDelivery.id.in_(ids)).execute()


def _deliver_many(deliveries: list[ReminderDelivery], at: dt.datetime, sender,
                  pool: Executor | None) -> dict[int, str]:
    outcomes: dict[int, tuple[str, dict]] = {}
    # Who each reminder is for, as they are now (a retry may find them discharged).
    client_of = dict(ReminderSchedule.select(ReminderSchedule.id, ReminderSchedule.client)
                     .where(ReminderSchedule.id.in_({d.schedule_id for d in deliveries}))
                     .tuples())
    clients = {client.id: client for client in eligible_clients().where(
        User.id.in_(set(client_of.values())))}
    wanted = []
    for delivery in deliveries:
        client = clients.get(client_of.get(delivery.schedule_id))
        if client is None:
            outcomes[delivery.id] = _skip("client not active")
        elif in_quiet_hours(client, at.astimezone(zone(client)).time()):
            outcomes[delivery.id] = _skip("quiet hours")
        else:
            wanted.append((delivery, client))
    texts = reminder_texts([(client, delivery.local_date) for delivery, client in wanted])
    devices: dict[int, list[PushSubscription]] = {}
    for device in (PushSubscription.select()
                   .where(PushSubscription.user.in_({client.id for _d, client in wanted}))
                   .order_by(PushSubscription.id)):
        devices.setdefault(device.user_id, []).append(device)
    jobs = []  # (delivery, device, payload): one push message each
    for delivery, client in wanted:
        text = texts[(client.id, delivery.local_date)]
        if isinstance(text, Exception):
            outcomes[delivery.id] = ("failed", {"error": f"error: {text}"})
        elif text is None:
            outcomes[delivery.id] = _skip("practice already done")
        elif not devices.get(client.id):
            outcomes[delivery.id] = _skip("no devices")
        else:
            jobs.extend((delivery, device, text) for device in devices[client.id])

    def send(job):
        return _send(sender, job[1], job[2])

    results = list(pool.map(send, jobs) if pool else map(send, jobs))
    by_delivery: dict[int, tuple[ReminderDelivery, list[SendResult]]] = {}
    for (delivery, _device, _payload), result in zip(jobs, results, strict=True):
        by_delivery.setdefault(delivery.id, (delivery, []))[1].append(result)
    now = utcnow()
    for delivery, sent in by_delivery.values():
        outcomes[delivery.id] = _outcome(delivery, sent, at, now)
    _record(outcomes, [(device, result) for (_d, device, _p), result
                       in zip(jobs, results, strict=True)])
    return {delivery_id: status for delivery_id, (status, _fields) in outcomes.items()}


def deliver_many(deliveries: list[ReminderDelivery], at: dt.datetime, sender,
                 pool: Executor | None = None) -> list[str]:
    """Send claimed reminders (or skip them) as one batch; their new statuses, in order.

    A few queries for the whole batch (clients, plans, ticks, devices), the push
    messages posted on `pool`'s threads (one after another without a pool), and every
    outcome written in one transaction at the end.
    """
    if not deliveries:
        return []
    try:
        statuses = _deliver_many(deliveries, at, sender, pool)
    except Exception as error:  # one bad batch must not stop the others
        log.exception("reminders %s… failed", deliveries[0].id)
        _record({d.id: ("failed", {"error": f"error: {error}"}) for d in deliveries})
        return ["failed"] * len(deliveries)
    return [statuses[d.id] for d in deliveries]


def deliver(delivery: ReminderDelivery, at: dt.datetime, sender) -> str:
    """Send one claimed reminder (or skip it); returns the delivery's new status."""
    return deliver_many([delivery], at, sender)[0]


def send_due(at: dt.datetime | None = None, sender=None) -> dict[str, int]:
    """One pass: claim and send every reminder due at `at` (default now); counts by status.

    Due occurrences go in batches of BATCH: claimed in one transaction, then sent
    (SEND_THREADS messages in flight at once) and recorded in another. Then the retries
    whose time has come, likewise.
    """
    from .push.vapid import sender as make_sender

    at = (at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    counts = {"sent": 0, "skipped": 0, "retry": 0, "failed": 0}
    # One order for every worker, so that two claiming at once never deadlock.
    due = sorted(due_occurrences(at), key=lambda occurrence: (occurrence[0].id, occurrence[1]))
    batches = (due[start:start + BATCH] for start in range(0, len(due), BATCH))
    with ThreadPoolExecutor(SEND_THREADS, thread_name_prefix="reminders") as pool:
        for claimed in itertools.chain((claim_many(batch) for batch in batches),
                                       [claim_retries(at)]):
            if not claimed:
                continue
            sender = sender or make_sender()
            for status in deliver_many(claimed, at, sender, pool):
                counts[status] = counts.get(status, 0) + 1
    return counts


def _summary(counts: dict[str, int]) -> str:
    return (f"{counts['sent']} reminders sent ({counts['skipped']} skipped, "
            f"{counts['retry']} to retry, {counts['failed']} failed)")


@cli.command("send-due")
@click.option("--at", "at_text", metavar="ISO-DATETIME",
              help="Send what is due at this instant (UTC when no offset). Default: now.")
def send_due_command(at_text):
    """Send every reminder due now (or --at) exactly once, print how many, exit."""
    try:
        at = parse_at(at_text)
    except ValueError:
        raise click.BadParameter("use an ISO 8601 instant such as 2026-11-28T17:00:00+00:00",
                                 param_hint="--at") from None
    click.echo(_summary(send_due(at)))


@cli.command("run")
@click.option("--interval", default=30, help="Seconds between passes.")
def run_command(interval):
    """The worker loop: send due reminders, sleep, repeat (stops cleanly on SIGTERM)."""
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_args: stopping.append(True))
    click.echo("reminder worker started")
    while not stopping:
        try:
            counts = send_due()
            if any(counts.values()):
                click.echo(_summary(counts))
        except Exception:  # a database hiccup: log it and try again next pass
            log.exception("reminder pass failed")
        finally:
            if not db.is_closed():
                db.close()
        for _second in range(max(1, interval)):
            if stopping:
                break
            time.sleep(1)
    click.echo("reminder worker stopped")
