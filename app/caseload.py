"""The caseload: each client's recent practice in numbers, and who needs attention first.

Everything is fetched for the whole caseload at once (a fixed number of queries,
whatever its size); each client's "today" is their own local date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from flask import current_app, render_template
from flask_babel import format_decimal, get_locale
from markupsafe import Markup
from peewee import fn

from . import i18n, pagecache
from .adherence import _as_date, tallies, zone_today
from .compiled import Compiled, CompiledPerSize
from .i18n import gettext, ngettext
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
    cells: Cells | None = None  # its text, worked out with the row
    html: str | None = field(default=None, compare=False)  # its <tr>, link as a marker

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


def percent(share: float | None, locale: str | None = None) -> str:
    """0.8 -> '80%' (in the reader's locale); None -> an em dash."""
    if share is None:
        return i18n.percent(share)
    return _percent_in(locale or str(get_locale()), share)


def decimal(value: float, locale: str | None = None) -> str:
    """4.5 -> '4.5' ('4,5' in Spanish), as the template global format_decimal writes it."""
    return _decimal_in(locale or str(get_locale()), value)


# Babel's number formatting was a tenth of the caseload page (three figures a row), and
# the same numbers come back on every visit: keep the text per locale and number. Only
# called with the request's own locale, so the formatting functions use that one.
@lru_cache(maxsize=4096)
def _percent_in(locale: str, share: float) -> str:
    return i18n.percent(share)


@lru_cache(maxsize=4096)
def _decimal_in(locale: str, value: float) -> str:
    return format_decimal(value)


def _clients_query(therapist: User, search: str = ""):
    query = (User.select(User.id, User.name, User.timezone, User.revision)
             .where(User.therapist == therapist, User.role == "client",
                    User.is_active == True))  # noqa: E712
    if search:
        query = query.where(fn.LOWER(User.name).contains(search.lower()))
    return query.order_by(User.name)


_ALL_CLIENTS = Compiled(_clients_query, lambda therapist: [therapist.id, "client", True])
_SEARCH = Compiled(_clients_query, lambda therapist, search: [
    therapist.id, "client", True, f"%{search.lower()}%"])


def _clients(therapist: User, search: str = "") -> list[tuple]:
    """The therapist's active clients by name as plain rows (id, name, time zone,
    revision): what the page shows of them and what their kept rows go by. Plain rows,
    not models: every visit reads them, and a model per client cost more than the rest."""
    search = (search or "").strip()[:120]
    if any(c in search for c in "%_\\"):  # peewee escapes them: another SQL text
        return list(_clients_query(therapist, search).tuples())
    cursor = _SEARCH.cursor(therapist, search) if search else _ALL_CLIENTS.cursor(therapist)
    try:
        return [tuple(row) for row in cursor.fetchall()]
    finally:
        cursor.close()


def _facts_query(client_ids: list):
    last_day = Completion.select(fn.MAX(Completion.day)).where(Completion.client == User.id)
    has_plan = fn.EXISTS(Plan.select(Plan.id).where(Plan.client == User.id,
                                                    Plan.is_active == True))  # noqa: E712
    return User.select(User.id, last_day.alias("last_day"),
                       has_plan.alias("has_plan")).where(User.id.in_(client_ids))


_FACTS = CompiledPerSize(_facts_query, lambda ids: [True, *ids])


def _facts(client_ids: list) -> dict[int, tuple]:
    """(day of the last tick or None, has an active plan) of each client: index look-ups."""
    return {row.id: (row.last_day, bool(row.has_plan)) for row in _FACTS(client_ids)}


def _goals_query(client_ids: list, last: dt.date):
    return (Goal.select(Goal.id, Goal.client, Goal.title, Goal.target_date)
            .where(Goal.client.in_(client_ids), Goal.status == "active",
                   Goal.target_date.is_null(False),
                   Goal.target_date <= last + dt.timedelta(days=GOAL_SOON_DAYS))
            .order_by(Goal.target_date))


_GOALS = CompiledPerSize(_goals_query, lambda ids, last: [
    *ids, "active", last + dt.timedelta(days=GOAL_SOON_DAYS)])


def _goals(client_ids: list, last: dt.date) -> dict[int, list[Goal]]:
    """Active goals with a target date up to GOAL_SOON_DAYS after last, by client, soonest
    first; only the fields the page shows."""
    goals: dict[int, list[Goal]] = {}
    for goal in _GOALS(client_ids, last):
        goals.setdefault(goal.client_id, []).append(goal)
    return goals


ROWS_LIMIT = 20_000  # rows kept per process (a few hundred bytes each); the oldest go first


class Listing(NamedTuple):
    """The caseload's clients, each one's local date and the key their row is kept under."""

    clients: list
    todays: dict
    keys: dict


def listing(therapist: User, search: str = "", at: dt.datetime | None = None) -> Listing:
    """Who is on the caseload (one query) and what each row is kept under: the client's
    revision (which the database moves on with every tick, plan change or goal:
    migrations/0009_page_revision.py), name, time zone, local date and the reader's
    language."""
    clients = _clients(therapist, search)
    by_zone: dict[str, dt.date] = {}  # a caseload has a handful of time zones
    todays, keys = {}, {}
    locale = str(get_locale())
    for client_id, name, zone, revision in clients:
        today = by_zone.get(zone)
        if today is None:
            today = by_zone[zone] = zone_today(zone, at)
        todays[client_id] = today
        keys[client_id] = (client_id, revision, name, zone, today, locale)
    return Listing(clients, todays, keys)


def build_rows(therapist: User, search: str = "", at: dt.datetime | None = None,
               listed: Listing | None = None):
    """Every client of the therapist with their numbers, needing attention first.

    A client's row is worked out once for its key (see listing()) and kept per process; a
    visit works out only the rows that changed. Under TESTING every kept row is worked out
    again and compared.
    """
    clients, todays, keys = listed or listing(therapist, search, at)
    if not clients:
        return []
    locale = str(get_locale())
    kept = pagecache.store("caseload_rows")
    found = {key[0]: kept.get(key) for key in keys.values()}
    missing = [User(id=client_id, name=name, timezone=zone, revision=revision)
               for client_id, name, zone, revision in clients
               if found[client_id] is None or current_app.testing]
    if missing:
        fresh = _work_out(missing, todays, locale)
        for client in missing:
            row = fresh[client.id]
            key = keys[client.id]
            if found[client.id] is not None and found[client.id] != row:
                raise AssertionError(f"caseload kept a stale row for key {key!r}")
            pagecache.put("caseload_rows", key, row, ROWS_LIMIT)
            found[client.id] = row
    rows = list(found.values())
    rows.sort(key=lambda r: (-r.score, r.client.name.lower()))
    return rows


def _work_out(clients: list[User], todays: dict[int, dt.date], locale: str) -> dict:
    """Each client's row: their practice over the last 30 days, goals due, and reasons."""
    ids = [c.id for c in clients]
    days = {todays[i] for i in ids}
    first = min(days) - dt.timedelta(days=30)  # the oldest day any figure uses
    last = max(days)
    counts = tallies(ids, first, last)
    goals = _goals(ids, last)
    facts = _facts(ids)
    rows = {}
    for client in clients:
        today = todays[client.id]
        yesterday = today - dt.timedelta(days=1)
        tally = counts[client.id]
        last_day, has_plan = facts[client.id]
        row = CaseloadRow(client=client, today=today,
                          last_activity=None if last_day is None else _as_date(last_day),
                          has_plan=has_plan)
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
        row.cells = _cells(row, locale)
        rows[client.id] = row
    return rows


class Cells(NamedTuple):
    """What a row of the caseload table shows, worked out in Python: in the template each
    figure was a call (and a look-up of the locale), and the row's link a url_for."""

    url: str
    attention: bool  # the row is highlighted
    idle_days: int | None
    done_7: str
    trend_7: str | None  # 'up', 'down' or '' against the week before; None: nothing to compare
    done_30: str
    pain: str | None  # the mean pain this week, None when there are no ratings
    pain_trend: str
    goals: Markup | None  # "title (date); ..." of the goals due soon, None when there are none


_URL = "\x00record-url\x00"


def row_htmls(rows: list[CaseloadRow], record_url) -> list[Markup]:
    """Each row's <tr>: rendered once per kept row (most of the page's time was these
    rows), with the link to the client's record filled in per request."""
    out = []
    for row in rows:
        if row.html is None:
            cell = (row.cells or _cells(row, str(get_locale())))._replace(url=_URL)
            row.html = render_template("therapist/_caseload_row.html", row=row, cell=cell)
        out.append(Markup(row.html.replace(_URL, record_url(row.client.id))))
    return out


def _cells(row: CaseloadRow, locale: str) -> Cells:
    """A row's text in the locale, without its link (kept with the row)."""
    now, before = row.adherence_7, row.adherence_prev_7
    trend = None
    if now is not None and before is not None:
        change = int(round((now - before) * 100, 0))  # as Jinja's |round|int
        trend = "up" if change >= 10 else "down" if change <= -10 else ""
    goals = None
    if row.goals_due:
        goals = Markup("; ").join(
            Markup("%s (%s)") % (g.title, i18n.format_date(g.target_date, "d MMM"))
            for g in row.goals_due)
    return Cells("", row.score >= 4, row.idle_days, percent(now, locale), trend,
                 percent(row.adherence_30, locale),
                 None if row.pain_now is None else decimal(row.pain_now, locale),
                 row.pain_trend, goals)


def reasons_for(row: CaseloadRow, was_due: int) -> list[Reason]:
    """Why this client may need attention, in words, most pressing first.

    was_due: the slots due in the 30 days before today.
    """
    reasons = []
    today = row.today
    if not row.has_plan:
        reasons.append(Reason(3, gettext("no home programme yet")))
    elif row.last_activity is None and was_due:
        reasons.append(Reason(5, gettext("no practice logged yet")))
    elif row.idle_days is not None and row.idle_days >= IDLE_DAYS and was_due:
        reasons.append(Reason(4 + min(row.idle_days, 14) // 3, ngettext(
            "no practice for %(num)s day", "no practice for %(num)s days", row.idle_days)))
    now, before = row.adherence_7, row.adherence_prev_7
    if now is not None and before is not None and before - now >= ADHERENCE_DROP:
        reasons.append(Reason(3 + round((before - now) * 5), gettext(
            "adherence down from %(before)s to %(now)s", before=percent(before),
            now=percent(now))))
    if (row.pain_now is not None and row.pain_before is not None
            and row.pain_now - row.pain_before >= PAIN_RISE):
        reasons.append(Reason(4 + round(row.pain_now - row.pain_before), gettext(
            "pain up from %(before)s to %(now)s", before=_num(row.pain_before),
            now=_num(row.pain_now))))
    for goal in row.goals_due:
        target = _as_date(goal.target_date)
        if target < today:
            reasons.append(Reason(2, gettext("goal past its target date: %(title)s",
                                             title=goal.title)))
        else:
            reasons.append(Reason(1, ngettext("goal due in %(num)s day: %(title)s",
                                              "goal due in %(num)s days: %(title)s",
                                              (target - today).days, title=goal.title)))
    reasons.sort(key=lambda r: -r.weight)
    return reasons


def _num(value: float) -> str:
    """2.0 -> '2', 2.5 -> '2.5'."""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
