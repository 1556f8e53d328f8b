"""The adherence review of one client: heatmaps, rating trends, notes and who logged what."""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _

from .. import adherence, charts
from ..compiled import Compiled
from ..i18n import format_date
from ..models import Completion, Exercise, PlanItem, User
from ..ticks import ASSISTANCE_LEVELS

WEEKS = 6


def _labels(per_day) -> tuple[dict, dict]:
    shares, labels = {}, {}
    for day, count in per_day.items():
        shares[day] = count.share
        if count.due:
            labels[day] = _("%(done)s of %(due)s done", done=count.done, due=count.due)
    return shares, labels


def heatmaps(client: User, today: dt.date, weeks: int = WEEKS) -> list[dict]:
    """One calendar per exercise due in the last weeks, plus the whole programme first."""
    start = today - dt.timedelta(days=today.weekday()) - dt.timedelta(weeks=weeks - 1)
    stats = adherence.per_exercise(client, start, today)
    titles = dict(Exercise.select(Exercise.id, Exercise.title)
                  .where(Exercise.id.in_(list(stats) or [0])).tuples())
    overall = adherence.daily_counts([client.id], start, today)[client.id]
    shares, labels = _labels(overall)
    out = [{"title": _("Whole programme"), "due": sum(c.due for c in overall.values()),
            "done": sum(c.done for c in overall.values()),
            "chart": charts.heatmap(shares, today, weeks, labels,
                                    title=_("Whole programme: practice calendar"),
                                    chart_id="heat-all")}]
    for ex_id, entry in sorted(stats.items(), key=lambda kv: titles.get(kv[0], "")):
        shares, labels = _labels(entry["days"])
        title = titles.get(ex_id, "")
        out.append({"title": title, "due": entry["due"], "done": entry["done"],
                    "chart": charts.heatmap(shares, today, weeks, labels,
                                            title=_("%(title)s: practice calendar", title=title),
                                            chart_id=f"heat-{ex_id}")})
    return out


def trend_chart(client: User, today: dt.date, days: int = 28):
    """Mean difficulty and pain per day over the last weeks, as a line chart."""
    start = today - dt.timedelta(days=days - 1)
    by_day = {d: (diff, pain) for d, diff, pain in adherence.rating_trend(client, start, today)}
    points = [start + dt.timedelta(days=n) for n in range(days)]
    label = [format_date(d, "d MMM") for d in points]
    series = [(_("How hard (0–10)"), [(label[i], by_day.get(d, (None, None))[0])
                                      for i, d in enumerate(points)]),
              (_("Pain (0–10)"), [(label[i], by_day.get(d, (None, None))[1])
                                  for i, d in enumerate(points)])]
    return charts.line_chart(series, y_max=10, title=_("How hard and how painful, by day"),
                             x_title=_("Day"), chart_id="trend", width=640, height=240)


def recent_ticks(client: User, today: dt.date, days: int = 14, limit: int = 200):
    """Ticks of the last days, newest first, with exercise and who logged them."""
    start = today - dt.timedelta(days=days - 1)
    return list(Completion.select(Completion, PlanItem, Exercise, User)
                .join(PlanItem).join(Exercise)
                .switch(Completion).join(User, on=(Completion.logged_by == User.id))
                .where(Completion.client == client, Completion.day >= start)
                .order_by(Completion.day.desc(), Completion.completed_at.desc())
                .limit(limit))


_notes = Compiled(  # on every client record: compiled once (app/compiled.py)
    lambda client, limit: Completion.select(Completion, PlanItem, Exercise)
    .join(PlanItem).join(Exercise)
    .where(Completion.client == client, Completion.note != "")
    .order_by(Completion.completed_at.desc()).limit(limit),
    lambda client, limit: [client.id, "", limit])


def notes(client: User, limit: int = 20):
    """The latest notes the client or a caregiver left on ticks."""
    return _notes(client, limit)


def assistance_words(level) -> str:
    """How much help was given, in words."""
    return str(ASSISTANCE_LEVELS.get(level, "")) if level else ""
