"""One step per screen for an exercise: big Back/Next buttons, no JavaScript needed."""

from __future__ import annotations

from flask import abort, render_template, request

from .. import audit, ticks
from ..templating import ex_list
from . import bp
from .routes import _me


def _step_number(value, total: int) -> int:
    """The 1-based step asked for (first when not given). :raise 404: not a step."""
    if value in (None, ""):
        return 1
    try:
        number = int(value)
    except ValueError:
        abort(404)
    if not 1 <= number <= total:
        abort(404)
    return number


@bp.get("/today/item/<item_id>/steps")
def exercise_steps(item_id):
    """One step of an exercise in the client's plan, with Back and Next."""
    try:
        item = ticks.plan_item_for(_me(), item_id)
    except ticks.NotFound:
        audit.record("denied", target=request.path[:120], outcome="denied")
        abort(404)
    steps = ex_list(item.exercise, "steps")
    if not steps:
        abort(404)
    number = _step_number(request.args.get("step"), len(steps))
    return render_template("client/steps.html", item=item, ex=item.exercise, steps=steps,
                           number=number, step=steps[number - 1])
