"""Today's practice: see the day's cards, tick, rate and undo."""

from __future__ import annotations

from flask import abort, current_app, flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import adherence, ticks
from ..htmx import fragment_or_redirect, is_htmx
from ..today import card_for, cards_for, progress
from . import bp


def _me():
    return current_user._get_current_object()


def today_context(client, day):
    """Everything the Today page and its fragments show."""
    cards = cards_for(client, day)
    done, total = progress(cards)
    return {
        "client": client, "day": day, "cards": cards, "done": done, "total": total,
        "streak": adherence.streak(client, day),
        "today": adherence.local_today(client),
    }


@bp.get("/today")
def today():
    """The day's exercises as cards with a big Done button each."""
    me = _me()
    day = adherence.local_today(me)
    requested = request.args.get("day")
    if requested:
        try:
            day = ticks.parse_day(requested, me, current_app.config["BACKDATE_DAYS"])
        except ticks.TickError as error:
            flash(str(error))
    return render_template("client/today.html", **today_context(me, day))


def _card_response(client, item, day, slot, message=None, status=200):
    """The updated card (plus the day's progress, out of band) or a redirect to Today."""
    context = today_context(client, day)
    card = card_for(client, item, day, slot)
    location = url_for("client.today", day=day.isoformat() if day != context["today"] else None)
    if not is_htmx() and message:
        flash(message)
    return fragment_or_redirect("client/_tick_response.html", location, status=status,
                                card=card, message=message, **context)


@bp.post("/today/tick")
def tick():
    """Tick a slot done; the same key twice stores one completion."""
    me = _me()
    try:
        item = ticks.plan_item_for(me, request.form.get("item"))
        day = ticks.parse_day(request.form.get("day"), me, current_app.config["BACKDATE_DAYS"])
        completion, _created = ticks.record_tick(
            me, me, item, day, request.form.get("slot", 1), request.form.get("key"),
            difficulty=request.form.get("difficulty"), pain=request.form.get("pain"),
            note=request.form.get("note", ""),
        )
    except ticks.NotFound:
        abort(404)
    except ticks.TickError as error:
        return _tick_error(str(error))
    return _card_response(me, item, completion.day, completion.slot, _("Well done!"))


def _tick_error(message):
    """A refused tick: the message, status 422, nothing stored."""
    if is_htmx():
        return render_template("errors/_message.html", message=message), 422
    flash(message)
    return render_template("client/today.html", error=message,
                           **today_context(_me(), adherence.local_today(_me()))), 422


@bp.post("/completions/<completion_id>/rate")
def rate(completion_id):
    """Add how hard it was, pain and a note to a tick."""
    me = _me()
    try:
        completion = ticks.completion_for(me, completion_id)
        ticks.rate(completion, request.form.get("difficulty"), request.form.get("pain"),
                   request.form.get("note"))
    except ticks.NotFound:
        abort(404)
    except ticks.TickError as error:
        return _tick_error(str(error))
    item = completion.plan_item
    return _card_response(me, item, completion.day, completion.slot, _("Thanks, saved."))


@bp.post("/completions/<completion_id>/undo")
def undo(completion_id):
    """Take back a tick made by mistake."""
    me = _me()
    try:
        completion = ticks.completion_for(me, completion_id)
    except ticks.NotFound:
        abort(404)
    item, day, slot = completion.plan_item, completion.day, completion.slot
    ticks.undo(completion)
    return _card_response(me, item, day, slot, _("Tick taken back."))
