"""The caseload: each client's recent practice in numbers, and who needs attention first.

Everything is fetched for the whole caseload at once (a fixed number of queries,
whatever its size); each client's "today" is their own local date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from flask_babel import format_decimal, get_locale, ngettext
from flask_babel import lazy_gettext as _l
from peewee import fn

from . import i18n
from .adherence import _as_date, local_today, tallies
from .models import Completion, Goal, Plan, User

IDLE_DAYS = 3  # this many days without a tick is worth a call
ADHERENCE_DROP = 0.2  # a fall of 20 points week on week
PAIN_RISE = 2  # mean pain up by 2 or more week on week
GOAL_SOON_DAYS = 14


@dataclass
class Reason:
    weight: int
    text: str


@dataclass
class CaseloadRow:
    client: User
    today: dt.date
    last_activity: dt.date | None = None
    adherence_7: float | None = None
    adherence_prev_7: float | None = None
    adherence_30: float | None = None
    pain_now: float | None = None
    pain_before: float | None = None
    has_plan: bool = False
    goals_due: list[Goal] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)

    @property
    def score(self) -> int:
        """How urgently this client needs a look: the sum of the reasons' weights."""
        return sum(r.weight for r in self.reasons)

    @property
    def idle_days(self) -> int | None:
        """Whole days since the last tick (None when never)."""
        return None if self.last_activity is None else (self.today - self.last_activity).days

    @property
    def pain_trend(self) -> str:
        """'up', 'down', 'same' or '' when there are not enough ratings."""
        if self.pain_now is None or self.pain_before is None:
            return ""
        if self.pain_now - self.pain_before >= 1:
            return "up"
        if self.pain_before - self.pain_now >= 1:
            return "down"
        return "same"


def percent(share: float | None) -> str:
    """0.8 -> '80%' (in the reader's locale); None -> an em dash."""
    if share is None:
        return i18n.percent(share)
    return _percent_in(str(get_locale()), share)


def decimal(value: float) -> str:
    """4.5 -> '4.5' ('4,5' in Spanish), as the template global format_decimal writes it."""
    return _decimal_in(str(get_locale()), value)


# Babel's number formatting was a tenth of the caseload page (three figures a row), and
# the same numbers come back on every visit: keep the text per locale and number. Only
# called with the request's own locale, so the formatting functions use that one.
@lru_cache(maxsize=4096)
def _percent_in(locale: str, share: float) -> str:
    return i18n.percent(share)


@lru_cache(maxsize=4096)
def _decimal_in(locale: str, value: float) -> str:
    return format_decimal(value)


def _clients(therapist: User, search: str = ""):
    """The therapist's active clients by name, with the day of their last tick (`last_day`)
    and whether they have an active plan (`has_plan`).

    One query: only what the page shows is read (id, name, time zone), and the two
    subqueries per client are index look-ups.
    """
    last_day = Completion.select(fn.MAX(Completion.day)).where(Completion.client == User.id)
    has_plan = fn.EXISTS(Plan.select(Plan.id).where(Plan.client == User.id,
                                                    Plan.is_active == True))  # noqa: E712
    query = (User.select(User.id, User.name, User.timezone, last_day.alias("last_day"),
                         has_plan.alias("has_plan"))
             .where(User.therapist == therapist, User.role == "client",
                    User.is_active == True))  # noqa: E712
    search = (search or "").strip()[:120]
    if search:
        query = query.where(fn.LOWER(User.name).contains(search.lower()))
    return list(query.order_by(User.name))


def build_rows(therapist: User, search: str = "", at: dt.datetime | None = None):
    """Every client of the therapist with their numbers, needing attention first."""
    clients = _clients(therapist, search)
    if not clients:
        return []
    ids = [c.id for c in clients]
    todays = {c.id: local_today(c, at) for c in clients}
    first = min(todays.values()) - dt.timedelta(days=30)  # the oldest day any figure uses
    last = max(todays.values())
    counts = tallies(ids, first, last)
    goals: dict[int, list[Goal]] = {}  # by client; only the fields the page shows
    for goal in Goal.select(Goal.id, Goal.client, Goal.title, Goal.target_date).where(
            Goal.client.in_(ids), Goal.status == "active", Goal.target_date.is_null(False),
            Goal.target_date <= last + dt.timedelta(days=GOAL_SOON_DAYS)).order_by(
                Goal.target_date):
        goals.setdefault(goal.client_id, []).append(goal)
    rows = []
    for client in clients:
        today = todays[client.id]
        yesterday = today - dt.timedelta(days=1)
        tally = counts[client.id]
        last_day = client.last_day
        row = CaseloadRow(client=client, today=today,
                          last_activity=None if last_day is None else _as_date(last_day),
                          has_plan=bool(client.has_plan))
        row.adherence_7 = tally.count(today - dt.timedelta(days=7), yesterday).share
        row.adherence_prev_7 = tally.count(today - dt.timedelta(days=14),
                                           today - dt.timedelta(days=8)).share
        month = tally.count(today - dt.timedelta(days=30), yesterday)
        row.adherence_30 = month.share
        row.pain_now = tally.mean_pain(today - dt.timedelta(days=6), today)
        row.pain_before = tally.mean_pain(today - dt.timedelta(days=20),
                                          today - dt.timedelta(days=7))
        row.goals_due = [g for g in goals.get(client.id, ())
                         if _as_date(g.target_date) <= today + dt.timedelta(GOAL_SOON_DAYS)]
        row.reasons = reasons_for(row, month.due)
        rows.append(row)
    rows.sort(key=lambda r: (-r.score, r.client.name.lower()))
    return rows


def reasons_for(row: CaseloadRow, was_due: int) -> list[Reason]:
    """Why this client may need attention, in words, most pressing first.

    was_due: the slots due in the 30 days before today.
    """
    reasons = []
    today = row.today
    if not row.has_plan:
        reasons.append(Reason(3, str(_l("no home programme yet"))))
    elif row.last_activity is None and was_due:
        reasons.append(Reason(5, str(_l("no practice logged yet"))))
    elif row.idle_days is not None and row.idle_days >= IDLE_DAYS and was_due:
        reasons.append(Reason(4 + min(row.idle_days, 14) // 3, ngettext(
            "no practice for %(num)s day", "no practice for %(num)s days", row.idle_days)))
    now, before = row.adherence_7, row.adherence_prev_7
    if now is not None and before is not None and before - now >= ADHERENCE_DROP:
        reasons.append(Reason(3 + round((before - now) * 5), str(_l(
            "adherence down from %(before)s to %(now)s", before=percent(before),
            now=percent(now)))))
    if (row.pain_now is not None and row.pain_before is not None
            and row.pain_now - row.pain_before >= PAIN_RISE):
        reasons.append(Reason(4 + round(row.pain_now - row.pain_before), str(_l(
            "pain up from %(before)s to %(now)s", before=_num(row.pain_before),
            now=_num(row.pain_now)))))
    for goal in row.goals_due:
        target = _as_date(goal.target_date)
        if target < today:
            reasons.append(Reason(2, str(_l("goal past its target date: %(title)s",
                                             title=goal.title))))
        else:
            reasons.append(Reason(1, ngettext("goal due in %(num)s day: %(title)s",
                                              "goal due in %(num)s days: %(title)s",
                                              (target - today).days, title=goal.title)))
    reasons.sort(key=lambda r: -r.weight)
    return reasons


def _num(value: float) -> str:
    """2.0 -> '2', 2.5 -> '2.5'."""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
