"""The caregiver's home, a client's day seen by their caregiver, ticks on their behalf,
and the client's home-modification checklist."""

from __future__ import annotations

from flask import abort, current_app, flash, render_template, request, url_for
from flask_login import current_user

from .. import adherence, audit, ticks
from ..access import client_for_caregiver, linked_clients
from ..cards import tick_answer
from ..htmx import fragment_or_redirect, html_or_redirect, is_htmx
from ..i18n import gettext as _
from ..today import card_for, cards_for, progress
from ..vocab import MODIFICATION_STATUSES, MODIFICATIONS, ROOMS
from . import bp, overview


def _me():
    return current_user._get_current_object()


@bp.get("/care")
def care():
    """The clients this caregiver helps, each with today's progress and what needs doing."""
    me = _me()
    summaries = overview.summaries(me, linked_clients(me))
    return render_template("caregiver/care.html", summaries=summaries)


def client_context(client, day, on_day=None):
    """Everything the caregiver's view of a client's day (and its fragments) shows
    (on_day: see today.cards_for)."""
    cards = cards_for(client, day, on_day)
    done, total = progress(cards)
    return {
        "client": client, "day": day, "cards": cards, "done": done, "total": total,
        "streak": adherence.streak(client, day), "today": adherence.local_today(client),
        # Translated once here: each card's cache key holds them, and a lazy label is
        # translated again every time it is hashed.
        "assistance_levels": {value: str(label)
                              for value, label in ticks.ASSISTANCE_LEVELS.items()},
        "urls": {"tick": url_for("caregiver.care_tick", client_id=client.id),
                 "rate": "caregiver.care_rate", "undo": "caregiver.care_undo",
                 "args": {"client_id": client.id}},
    }


def _page(client, day, error=None, status=200):
    me = _me()
    return render_template(
        "caregiver/client.html", error=error, others=linked_clients(me),
        summary=overview.summary(me, client), **client_context(client, day),
    ), status


@bp.get("/care/<client_id>")
def care_client(client_id):
    """The client's day with the same cards they see; the caregiver can tick for them."""
    client = client_for_caregiver(client_id)
    day = adherence.local_today(client)
    if request.args.get("day"):
        try:
            day = ticks.parse_day(request.args["day"], client,
                                  current_app.config["BACKDATE_DAYS"])
        except ticks.TickError as error:
            flash(str(error))
    audit.record("viewed", client=client, target=request.path)
    return _page(client, day)


def _card_response(client, item, day, slot, message, on_day=None):
    """The updated card and progress for htmx, or a redirect to the client's day."""
    context = client_context(client, day, on_day)
    location = url_for("caregiver.care_client", client_id=client.id,
                       day=day.isoformat() if day != context["today"] else None)
    if not is_htmx():
        flash(message)
    card = card_for(client, item, day, slot, context["cards"])
    return html_or_redirect(lambda: tick_answer(card, message, context), location)


def _tick_error(client, message):
    """A refused tick or rating: the message with 422, nothing stored."""
    if is_htmx():
        return render_template("errors/_message.html", message=message), 422
    return _page(client, adherence.local_today(client), error=message, status=422)


@bp.post("/care/<client_id>/tick")
def care_tick(client_id):
    """Tick a slot done on the client's behalf, with how much help was given."""
    client = client_for_caregiver(client_id)
    form = request.form
    try:
        item = ticks.plan_item_for(client, form.get("item"))
        day = ticks.parse_day(form.get("day"), client, current_app.config["BACKDATE_DAYS"])
        completion, created = ticks.record_tick(
            _me(), client, item, day, form.get("slot", 1), form.get("key"),
            assistance=form.get("assistance"), difficulty=form.get("difficulty"),
            pain=form.get("pain"), note=form.get("note", ""),
            completed_at=ticks.parse_made_at(form.get("made_at"),
                                             current_app.config["BACKDATE_DAYS"]),
        )
    except ticks.NotFound:
        abort(404)
    except ticks.TickError as error:
        return _tick_error(client, str(error))
    if created:
        audit.record("tick_on_behalf", client=client, target=f"completion:{completion.id}")
    return _card_response(client, item, completion.day, completion.slot,
                          _("Saved. Thank you for helping %(name)s.", name=client.name))


def _completion(client, completion_id):
    try:
        return ticks.completion_for(client, completion_id)
    except ticks.NotFound:
        abort(404)


@bp.post("/care/<client_id>/completions/<completion_id>/rate")
def care_rate(client_id, completion_id):
    """Add how hard it was, pain and a note to one of the client's ticks."""
    client = client_for_caregiver(client_id)
    completion = _completion(client, completion_id)
    try:
        ticks.rate(completion, request.form.get("difficulty"), request.form.get("pain"),
                   request.form.get("note"))
    except ticks.TickError as error:
        return _tick_error(client, str(error))
    audit.record("rated_on_behalf", client=client, target=f"completion:{completion.id}")
    return _card_response(client, completion.plan_item, completion.day, completion.slot,
                          _("Thanks, saved."))


@bp.post("/care/<client_id>/completions/<completion_id>/undo")
def care_undo(client_id, completion_id):
    """Take back a tick made by mistake."""
    client = client_for_caregiver(client_id)
    try:
        taken = ticks.take_back(client, completion_id)
    except ticks.NotFound:
        abort(404)
    audit.record("undo_on_behalf", client=client, target=f"completion:{taken.completion_id}")
    return _card_response(client, taken.item, taken.day, taken.slot, _("Tick taken back."),
                          on_day=taken.on_day)


def _home_context(client):
    return {"client": client, "rooms": ROOMS, "kinds": MODIFICATIONS,
            "statuses": MODIFICATION_STATUSES}


@bp.get("/care/<client_id>/home")
def care_home(client_id):
    """The client's home-modification checklist."""
    client = client_for_caregiver(client_id)
    return render_template("caregiver/home.html", mods=overview.modifications(client),
                           others=linked_clients(_me()), **_home_context(client))


@bp.post("/care/<client_id>/home/<mod_id>/installed")
def care_home_installed(client_id, mod_id):
    """Mark one change in the home as installed."""
    client = client_for_caregiver(client_id)
    try:
        mod = overview.modification_for(client, mod_id)
    except overview.NotFound:
        abort(404)
    overview.mark_installed(mod, _me())
    audit.record("home_modification_installed", client=client, target=f"modification:{mod.id}")
    message = _("Marked as installed. Thank you!")
    if not is_htmx():
        flash(message)
    return fragment_or_redirect("caregiver/_modification.html",
                                url_for("caregiver.care_home", client_id=client.id),
                                mod=mod, message=message, **_home_context(client))
