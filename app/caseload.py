"""The caseload: each client's recent practice in numbers, and who needs attention first.

Everything is fetched for the whole caseload at once (a fixed number of queries,
whatever its size); each client's "today" is their own local date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from peewee import fn

from . import i18n
from .adherence import _as_date, daily_counts, local_today, summarise
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
    return i18n.percent(share)


def _clients(therapist: User, search: str = ""):
    query = User.select().where(User.therapist == therapist, User.role == "client",
                                User.is_active == True)  # noqa: E712
    search = (search or "").strip()[:120]
    if search:
        query = query.where(fn.LOWER(User.name).contains(search.lower()))
    return list(query.order_by(User.name))


def _last_activity(client_ids) -> dict[int, dt.date]:
    rows = (Completion.select(Completion.client, fn.MAX(Completion.day))
            .where(Completion.client.in_(client_ids)).group_by(Completion.client).tuples())
    return {cid: _as_date(day) for cid, day in rows if day is not None}


def _pain_by_day(client_ids, start: dt.date, end: dt.date) -> dict[int, dict[dt.date, tuple]]:
    """(sum of pain, number of ratings) per client per day."""
    rows = (Completion.select(Completion.client, Completion.day, fn.SUM(Completion.pain),
                              fn.COUNT(Completion.pain))
            .where(Completion.client.in_(client_ids), Completion.day.between(start, end),
                   Completion.pain.is_null(False))
            .group_by(Completion.client, Completion.day).tuples())
    out: dict[int, dict[dt.date, tuple]] = {}
    for cid, day, total, count in rows:
        out.setdefault(cid, {})[_as_date(day)] = (float(total), int(count))
    return out


def _mean_pain(per_day: dict, start: dt.date, end: dt.date) -> float | None:
    total = count = 0
    for day, (s, n) in per_day.items():
        if start <= day <= end:
            total += s
            count += n
    return round(total / count, 1) if count else None


def _share(per_day, start, end) -> float | None:
    return summarise({d: c for d, c in per_day.items() if start <= d <= end}).share


def build_rows(therapist: User, search: str = "", at: dt.datetime | None = None):
    """Every client of the therapist with their numbers, needing attention first."""
    clients = _clients(therapist, search)
    if not clients:
        return []
    ids = [c.id for c in clients]
    todays = {c.id: local_today(c, at) for c in clients}
    first = min(todays.values()) - dt.timedelta(days=31)
    last = max(todays.values())
    counts = daily_counts(ids, first, last)
    last_seen = _last_activity(ids)
    pain = _pain_by_day(ids, first, last)
    with_plan = {cid for (cid,) in Plan.select(Plan.client).where(
        Plan.client.in_(ids), Plan.is_active == True).tuples()}  # noqa: E712
    goals = list(Goal.select().where(
        Goal.client.in_(ids), Goal.status == "active", Goal.target_date.is_null(False),
        Goal.target_date <= last + dt.timedelta(days=GOAL_SOON_DAYS)).order_by(Goal.target_date))
    rows = []
    for client in clients:
        today = todays[client.id]
        yesterday = today - dt.timedelta(days=1)
        per_day = counts[client.id]
        row = CaseloadRow(client=client, today=today, last_activity=last_seen.get(client.id),
                          has_plan=client.id in with_plan)
        row.adherence_7 = _share(per_day, today - dt.timedelta(days=7), yesterday)
        row.adherence_prev_7 = _share(per_day, today - dt.timedelta(days=14),
                                      today - dt.timedelta(days=8))
        row.adherence_30 = _share(per_day, today - dt.timedelta(days=30), yesterday)
        client_pain = pain.get(client.id, {})
        row.pain_now = _mean_pain(client_pain, today - dt.timedelta(days=6), today)
        row.pain_before = _mean_pain(client_pain, today - dt.timedelta(days=20),
                                     today - dt.timedelta(days=7))
        row.goals_due = [g for g in goals if g.client_id == client.id
                         and _as_date(g.target_date) <= today + dt.timedelta(GOAL_SOON_DAYS)]
        row.reasons = reasons_for(row, per_day)
        rows.append(row)
    rows.sort(key=lambda r: (-r.score, r.client.name.lower()))
    return rows


def reasons_for(row: CaseloadRow, per_day) -> list[Reason]:
    """Why this client may need attention, in words, most pressing first."""
    reasons = []
    today = row.today
    was_due = summarise({d: c for d, c in per_day.items()
                         if today - dt.timedelta(days=30) <= d < today}).due
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
