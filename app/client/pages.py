"""The client's goals and progress history."""

from __future__ import annotations

from flask import abort, flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import adherence, charts
from ..htmx import fragment_or_redirect, is_htmx
from ..i18n import format_date, percent
from ..models import Exercise
from ..ticks import NotFound
from ..vocab import AREAS
from . import bp
from . import goals as goal_domain

HISTORY_WEEKS = 12


def _me():
    return current_user._get_current_object()


def goal_view(client, goal, error=None, saved=False):
    """A goal with its check-ins and their chart, ready for the template."""
    checkins = goal_domain.own_checkins(goal)
    points = [(format_date(adherence.local_now(client, c.created_at).date(), "d MMM"), c)
              for c in checkins]
    chart = None
    if checkins:
        chart = charts.line_chart(
            [(_("How well you do it"), [(x, c.performance) for x, c in points]),
             (_("How happy you are"), [(x, c.satisfaction) for x, c in points])],
            y_min=1, y_max=10, y_ticks=[1, 5, 10], x_title=_("Check-in"),
            title=_("Your ratings for this goal"), chart_id=f"goal-chart-{goal.id}",
            summary=_("Your check-ins so far, from 1 to 10: how well you do it and how "
                      "happy you are with it."))
    area = AREAS.get(goal.area, {}).get("label", "")
    return {"goal": goal, "checkins": checkins, "latest": checkins[-1] if checkins else None,
            "chart": chart, "area": area, "error": error, "saved": saved}


@bp.get("/goals")
def goals():
    """The client's goals in their own words, with check-ins and what comes next."""
    me = _me()
    views = [goal_view(me, g) for g in goal_domain.goals_for(me)]
    return render_template("client/goals.html", views=views,
                           today=adherence.local_today(me))


@bp.post("/goals/<goal_id>/checkin")
def goal_checkin(goal_id):
    """Rate how well the client does the goal activity and how happy they are with it."""
    me = _me()
    try:
        goal = goal_domain.goal_for(me, goal_id)
        goal_domain.check_in(me, goal, request.form.get("performance"),
                             request.form.get("satisfaction"), request.form.get("note", ""))
    except NotFound:
        abort(404)
    except goal_domain.CheckinError as error:
        views = [goal_view(me, g, error=str(error) if g.id == goal.id else None)
                 for g in goal_domain.goals_for(me)]
        if is_htmx():
            view = next(v for v in views if v["goal"].id == goal.id)
            return render_template("client/_goal.html", v=view,
                                   today=adherence.local_today(me)), 422
        return render_template("client/goals.html", views=views,
                               today=adherence.local_today(me)), 422
    if not is_htmx():
        flash(_("Thank you. Your check-in is saved."))
    return fragment_or_redirect("client/_goal.html",
                                url_for("client.goals", _anchor=f"goal-{goal.id}"),
                                v=goal_view(me, goal, saved=True),
                                today=adherence.local_today(me))


def _week_label(monday):
    return format_date(monday, "d") + "\n" + format_date(monday, "MMM")


@bp.get("/history")
def history():
    """12 weeks of practice: a calendar, weekly share done, and how hard and painful it felt."""
    me = _me()
    today = adherence.local_today(me)
    first = adherence.weeks_back(today, HISTORY_WEEKS)
    per_day = adherence.client_days(me, first, today)
    total = adherence.summarise(per_day)
    calendar = charts.heatmap(
        {d: c.share for d, c in per_day.items()}, end=today, weeks=HISTORY_WEEKS,
        labels={d: _("%(done)s of %(due)s done", done=c.done, due=c.due)
                for d, c in per_day.items()},
        title=_("Practice calendar, last 12 weeks"), chart_id="calendar")
    weeks = adherence.weekly(me, today, HISTORY_WEEKS)
    weekly_chart = charts.bar_chart(
        [(_week_label(m), None if c.share is None else c.share * 100) for m, c in weeks],
        title=_("Share of practice done each week"), x_title=_("Week starting"),
        chart_id="weekly", summary=_weekly_summary(weeks))
    return render_template("client/history.html", today=today, first=first, total=total,
                           calendar=calendar, weekly_chart=weekly_chart, weeks=weeks,
                           exercises=_exercise_trends(me, first, today))


def _weekly_summary(weeks):
    """'This week so far: 83%. Last week: 61%.' in words."""
    def pct(count):
        return percent(count.share, "–")
    return _("This week so far: %(this)s. Last week: %(last)s.",
             this=pct(weeks[-1][1]), last=pct(weeks[-2][1]))


def _exercise_trends(client, first, today):
    """Per exercise: times done of due and a chart of weekly difficulty and pain."""
    stats = adherence.per_exercise(client, first, today)
    ratings = adherence.weekly_ratings(client, today, HISTORY_WEEKS)
    ids = set(stats) | set(ratings)
    names = {e.id: e for e in Exercise.select().where(Exercise.id.in_(list(ids)))} if ids else {}
    out = []
    for exercise_id in sorted(ids, key=lambda i: names[i].title.casefold()):
        stat = stats.get(exercise_id, {"due": 0, "done": 0})
        chart = None
        if exercise_id in ratings:
            weeks = ratings[exercise_id]
            chart = charts.line_chart(
                [(_("How hard"), [(format_date(m, "d MMM"), d) for m, d, _p in weeks]),
                 (_("Pain"), [(format_date(m, "d MMM"), p) for m, _d, p in weeks])],
                y_max=10, y_ticks=[0, 5, 10], x_title=_("Week starting"),
                title=_("How hard and how painful, week by week (0 to 10)"),
                chart_id=f"trend-{exercise_id}")
        out.append({"exercise": names[exercise_id], "due": stat["due"], "done": stat["done"],
                    "chart": chart})
    return out
