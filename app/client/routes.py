"""Today's practice: see the day's cards, tick, rate and undo."""

from __future__ import annotations

import datetime as dt

from flask import abort, current_app, flash, render_template, request, url_for

from .. import adherence, here, pagecache, ticks
from ..cards import tick_answer
from ..htmx import html_or_redirect, is_htmx
from ..i18n import gettext as _
from ..today import card_for, cards_for, current_items, equipment_for, progress
from . import bp


def _me():
    return here.user()


def tick_days(today: dt.date, limit: int) -> list[dt.date]:
    """The days a tick may be for: today and `limit` days before, newest first."""
    return [today - dt.timedelta(days=n) for n in range(limit + 1)]


def today_context(client, day, on_day=None):
    """Everything the Today page and its fragments show (on_day: see today.cards_for)."""
    cards = cards_for(client, day, on_day)
    done, total = progress(cards)
    today = adherence.local_today(client)
    limit = here.app().config["BACKDATE_DAYS"]
    return {
        "client": client, "day": day, "cards": cards, "done": done, "total": total,
        "streak": adherence.streak(client, today), "today": today,
        "tick_days": tick_days(today, limit), "backdate_days": limit,
    }


@bp.get("/today")
def today():
    """The day's exercises as cards with a big Done button each."""
    me = _me()
    day = today = adherence.local_today(me)
    error = None
    asked = here.request()
    requested = asked.args.get("day")
    if requested:
        try:
            day = ticks.parse_day(requested, me, current_app.config["BACKDATE_DAYS"])
        except ticks.TickError as problem:
            error = str(problem)

    def render():
        return render_template("client/today.html", error=error, **today_context(me, day))

    if error:
        return render()
    # Kept until anything on it changes: the user's row (with its revision) is in the key.
    key = ("client.today", pagecache.user_state(me), str(here.locale()), day, today,
           asked.script_root)
    return pagecache.kept(key, render)


def _card_response(client, item, day, slot, message=None, status=200, context=None):
    """The updated card (plus the day's progress, out of band) or a redirect to Today."""
    context = context or today_context(client, day)
    card = card_for(client, item, day, slot, context["cards"])
    location = url_for("client.today", day=day.isoformat() if day != context["today"] else None,
                       _anchor=card.dom_id)
    if not is_htmx() and message:
        flash(message)
    return html_or_redirect(lambda: tick_answer(card, message, context), location, status)


def _tick_error(message):
    """A refused tick: the message, status 422, nothing stored."""
    if is_htmx():
        return render_template("errors/_message.html", message=message), 422
    me = _me()
    return render_template("client/today.html", error=message,
                           **today_context(me, adherence.local_today(me))), 422


@bp.post("/today/tick")
def tick():
    """Tick a slot done; the same key twice stores one completion."""
    me, form = _me(), here.request().form
    backdate_days = here.app().config["BACKDATE_DAYS"]
    try:
        item, day, on_day = ticks.item_and_day(me, form.get("item"), form.get("day"),
                                               backdate_days)
        completion, created = ticks.record_tick(
            me, me, item, day, form.get("slot", 1), form.get("key"),
            difficulty=form.get("difficulty"), pain=form.get("pain"),
            note=form.get("note", ""),
            completed_at=ticks.parse_made_at(form.get("made_at"), backdate_days),
        )
    except ticks.NotFound:
        abort(404)
    except ticks.TickError as error:
        return _tick_error(str(error))
    context = today_context(me, completion.day, on_day if completion.day == day else None)
    done_now = context["done"] == context["total"]
    message = _("All done for today. Wonderful!") if done_now else _("Well done!")
    return _card_response(me, completion.plan_item, completion.day, completion.slot, message,
                          context=context)


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
        taken = ticks.take_back(me, completion_id)
    except ticks.NotFound:
        abort(404)
    return _card_response(me, taken.item, taken.day, taken.slot,
                          _("Tick taken back. It is no longer marked done."),
                          context=today_context(me, taken.day, taken.on_day))


@bp.get("/equipment")
def equipment():
    """Everything the current plan needs, in one list."""
    me = _me()
    items = current_items(me, adherence.local_today(me))
    return render_template("client/equipment.html", needed=equipment_for(items), items=items)
