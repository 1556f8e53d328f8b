"""CSV exports of a client's practice and goal check-ins, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

from .models import Completion, Exercise, Goal, GoalCheckin, PlanItem, User
from .ticks import ASSISTANCE_LEVELS

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """A cell a spreadsheet will not run: text starting like a formula gets a leading '."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        return str(value)  # a number such as a GAS score of -2 is data, not a formula
    text = str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


def _writer():
    buffer = io.StringIO()
    return buffer, csv.writer(buffer)


def _row(writer, values):
    writer.writerow([safe_cell(v) for v in values])


def completions_csv(client: User) -> str:
    """Every tick of the client, oldest first."""
    buffer, writer = _writer()
    _row(writer, ["day", "slot", "exercise", "completed_at_utc", "logged_by", "logged_by_role",
                  "help_given", "difficulty_0_10", "pain_0_10", "note"])
    query = (Completion.select(Completion, PlanItem, Exercise, User)
             .join(PlanItem).join(Exercise)
             .switch(Completion).join(User, on=(Completion.logged_by == User.id))
             .where(Completion.client == client)
             .order_by(Completion.day, Completion.completed_at))
    for c in query:
        help_given = ASSISTANCE_LEVELS.get(c.assistance, "") if c.assistance else ""
        _row(writer, [c.day, c.slot, c.plan_item.exercise.title,
                      c.completed_at.isoformat(timespec="seconds"), c.logged_by.name,
                      c.logged_by_role, help_given, c.difficulty, c.pain, c.note])
    return buffer.getvalue()


def checkins_csv(client: User) -> str:
    """Every goal check-in of the client: COPM-style ratings and GAS scores, oldest first."""
    buffer, writer = _writer()
    _row(writer, ["goal", "area", "at_utc", "by", "performance_1_10", "satisfaction_1_10",
                  "gas_score", "note"])
    query = (GoalCheckin.select(GoalCheckin, Goal, User).join(Goal)
             .switch(GoalCheckin).join(User, on=(GoalCheckin.by == User.id))
             .where(Goal.client == client).order_by(GoalCheckin.created_at))
    for c in query:
        _row(writer, [c.goal.title, c.goal.area, c.created_at.isoformat(timespec="seconds"),
                      c.by.name, c.performance, c.satisfaction, c.gas_score, c.note])
    return buffer.getvalue()
