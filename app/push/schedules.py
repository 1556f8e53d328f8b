"""Reminder times per client: set by the therapist as a suggestion, adjusted by the client."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..db import atomic
from ..models import ALL_DAYS, ReminderDelivery, ReminderSchedule, User
from ..reminders import parse_time

MAX_TIMES = 4


class ScheduleError(ValueError):
    """Reminder settings we can't save; the message is shown on the form."""


def current(client: User) -> list[ReminderSchedule]:
    """The client's active reminder times, earliest first."""
    return list(ReminderSchedule.select().where(ReminderSchedule.client == client,
                                                ReminderSchedule.is_active == True)  # noqa: E712
                .order_by(ReminderSchedule.local_time))


def days_of(schedules: list[ReminderSchedule]) -> int:
    """The days the reminders go out (every day when there are none yet)."""
    return schedules[0].days_of_week if schedules else ALL_DAYS


def parse_times(values) -> list[str]:
    """Distinct 'HH:MM' times from form fields; blanks ignored."""
    times = []
    for value in values:
        value = (value or "").strip()
        if not value:
            continue
        moment = parse_time(value) if len(value) <= 8 else None
        if moment is None:
            raise ScheduleError(_l("Please enter times like 09:00."))
        text = moment.strftime("%H:%M")
        if text not in times:
            times.append(text)
    if len(times) > MAX_TIMES:
        raise ScheduleError(_l("You can have up to %(n)s reminders a day.", n=MAX_TIMES))
    return sorted(times)


def parse_days(values) -> int:
    """A Monday=bit 0 mask from checked day numbers (0-6)."""
    mask = 0
    for value in values:
        if str(value).strip() not in {str(n) for n in range(7)}:
            raise ScheduleError(_l("Please choose days from the list."))
        mask |= 1 << int(value)
    if not mask:
        raise ScheduleError(_l("Please choose at least one day."))
    return mask


def parse_quiet(start, end) -> tuple[str | None, str | None]:
    """Quiet hours: both blank (none) or two times."""
    start, end = (start or "").strip(), (end or "").strip()
    if not start and not end:
        return None, None
    a = parse_time(start) if len(start) <= 8 else None
    b = parse_time(end) if len(end) <= 8 else None
    if a is None or b is None:
        raise ScheduleError(_l("Please give both a start and an end for quiet hours."))
    return a.strftime("%H:%M"), b.strftime("%H:%M")


def set_schedule(client: User, times: list[str], days: int, by: User) -> None:
    """Make these the client's reminder times; unchanged times keep their history."""
    with atomic():
        kept = set()
        for schedule in current(client):
            if schedule.local_time in times:
                kept.add(schedule.local_time)
                if schedule.days_of_week != days:
                    ReminderSchedule.update(days_of_week=days, set_by=by).where(
                        ReminderSchedule.id == schedule.id).execute()
            elif ReminderDelivery.select().where(
                    ReminderDelivery.schedule == schedule).exists():
                ReminderSchedule.update(is_active=False).where(
                    ReminderSchedule.id == schedule.id).execute()
            else:
                schedule.delete_instance()
        for text in times:
            if text not in kept:
                ReminderSchedule.create(client=client, local_time=text, days_of_week=days,
                                        set_by=by)


def set_quiet_hours(client: User, start: str | None, end: str | None) -> None:
    """Save the client's quiet hours (no reminders from start until end)."""
    with atomic():
        User.update(quiet_start=start, quiet_end=end).where(User.id == client.id).execute()


def recent_deliveries(client: User, limit: int = 14) -> list[ReminderDelivery]:
    """The latest reminders for this client, newest first (for the therapist)."""
    return list(ReminderDelivery.select(ReminderDelivery, ReminderSchedule)
                .join(ReminderSchedule)
                .where(ReminderSchedule.client == client)
                .order_by(ReminderDelivery.local_date.desc(), ReminderSchedule.local_time.desc())
                .limit(limit))
