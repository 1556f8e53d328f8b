"""Reminders: which are due when, and the worker that sends each one exactly once.

A reminder occurrence is (schedule, client-local date). It is due from the moment
its local time comes round in the client's own time zone, for a catch-up window
(a worker that was down a few minutes still sends it; a stale one is not sent at
midnight). Before anything is sent the occurrence is claimed by inserting its
unique ReminderDelivery row in a transaction of its own: whoever fails to insert
it (IntegrityError) lost the race and moves on. A worker that dies after the
claim never resends it; reminders are sent at most once, never twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import signal
import time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click
from flask.cli import AppGroup
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from peewee import IntegrityError

from .db import atomic, db, is_sqlite
from .models import PushSubscription, ReminderDelivery, ReminderSchedule, User, utcnow

log = logging.getLogger(__name__)
cli = AppGroup("reminders", help="Send practice reminders.")

CATCH_UP = dt.timedelta(hours=2)  # how late a reminder may still go out
REMINDER_TTL = 4 * 3600  # seconds a push service keeps it for a phone that is off
TOPIC = "homeward-reminder"  # a newer reminder replaces one not yet delivered
MAX_ATTEMPTS = 5
BACKOFF = 60  # seconds before the first retry; doubles each time


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


def claim(schedule: ReminderSchedule, day: dt.date) -> ReminderDelivery | None:
    """Insert the occurrence's unique delivery row; None when someone else already has it."""
    try:
        with atomic():
            return ReminderDelivery.create(schedule=schedule, local_date=day, status="claimed",
                                           claimed_at=utcnow())
    except IntegrityError:
        return None


def claim_retries(at: dt.datetime, limit: int = 200) -> list[ReminderDelivery]:
    """Deliveries waiting for another try whose time has come, each taken by one worker."""
    now = at.astimezone(dt.UTC).replace(tzinfo=None)
    waiting = ReminderDelivery.select().where(ReminderDelivery.status == "retry",
                                              ReminderDelivery.next_attempt_at <= now)
    if is_sqlite():
        # SQLite has one writer at a time: a conditional update takes each row once.
        taken = []
        for delivery in waiting.order_by(ReminderDelivery.id).limit(limit):
            with atomic():
                count = ReminderDelivery.update(status="claimed", claimed_at=utcnow()).where(
                    ReminderDelivery.id == delivery.id, ReminderDelivery.status == "retry"
                ).execute()
            if count:
                taken.append(delivery)
        return taken
    with atomic():
        # Rows another worker is taking right now are skipped, not waited for.
        rows = list(waiting.order_by(ReminderDelivery.id).limit(limit)
                    .for_update(skip_locked=True))
        if rows:
            ReminderDelivery.update(status="claimed", claimed_at=utcnow()).where(
                ReminderDelivery.id.in_([r.id for r in rows])).execute()
    return rows


def reminder_text(client: User, day: dt.date) -> dict | None:
    """Title and body of a kind, specific reminder; None when the day's practice is done.

    Only what is on the lock screen anyway goes in: how many exercises are left and
    which one comes next. Never pain, notes or diagnosis.
    """
    from .templating import ex_text
    from .today import cards_for

    cards = cards_for(client, day)
    left = [card for card in cards if not card.done]
    if not left:
        return None
    with force_locale(client.language or "en"):
        first = ex_text(left[0].exercise, "title")
        if len(left) == len(cards):
            body = ngettext("Time for your exercise: %(first)s.",
                            "Time for your %(num)s exercises: %(first)s first.",
                            len(left), first=first)
        else:
            body = ngettext("One exercise left for today: %(first)s.",
                            "%(num)s exercises left for today: %(first)s next.",
                            len(left), first=first)
        return {"title": _("Time to practise"), "body": body, "url": "/today",
                "tag": TOPIC, "kind": "reminder"}


def _finish(delivery: ReminderDelivery, status: str, error: str = "", **fields) -> str:
    with atomic():
        ReminderDelivery.update(status=status, error=error[:1000], **fields).where(
            ReminderDelivery.id == delivery.id).execute()
    return status


def deliver(delivery: ReminderDelivery, at: dt.datetime, sender) -> str:
    """Send one claimed reminder (or skip it); returns the delivery's new status."""
    from .push.subscriptions import deliver as push

    client = User.get_by_id(delivery.schedule.client_id)
    if not eligible_clients().where(User.id == client.id).exists():
        return _finish(delivery, "skipped", "client not active")
    if in_quiet_hours(client, at.astimezone(zone(client)).time()):
        return _finish(delivery, "skipped", "quiet hours")
    payload = reminder_text(client, delivery.local_date)
    if payload is None:
        return _finish(delivery, "skipped", "practice already done")
    devices = list(PushSubscription.select().where(PushSubscription.user == client))
    if not devices:
        return _finish(delivery, "skipped", "no devices")
    attempts = delivery.attempts + 1
    results = [push(sender, d, payload, ttl=REMINDER_TTL, topic=TOPIC) for d in devices]
    errors = "; ".join(r.error for r in results if r.error)
    if any(r.ok for r in results):
        return _finish(delivery, "sent", errors, sent_at=utcnow(), attempts=attempts)
    retry = [r for r in results if r.outcome == "retry"]
    if retry and attempts < MAX_ATTEMPTS:
        wait = max([BACKOFF * 2 ** (attempts - 1)] + [r.retry_after or 0 for r in retry])
        later = (at + dt.timedelta(seconds=wait)).replace(tzinfo=None)
        return _finish(delivery, "retry", errors, attempts=attempts, next_attempt_at=later)
    return _finish(delivery, "failed", errors or "no device accepted it", attempts=attempts)


def send_due(at: dt.datetime | None = None, sender=None) -> dict[str, int]:
    """One pass: claim and send every reminder due at `at` (default now); counts by status."""
    from .push.vapid import sender as make_sender

    at = (at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    counts = {"sent": 0, "skipped": 0, "retry": 0, "failed": 0}
    claimed = [d for d in (claim(s, day) for s, day in due_occurrences(at)) if d]
    claimed += claim_retries(at)
    if not claimed:
        return counts
    sender = sender or make_sender()
    for delivery in claimed:
        try:
            status = deliver(delivery, at, sender)
        except Exception as error:  # one bad reminder must not stop the others
            log.exception("reminder %s failed", delivery.id)
            status = _finish(delivery, "failed", f"error: {error}")
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
