"""PWA files served from the site root, push subscriptions, reminder settings and messages."""

from __future__ import annotations

import hashlib
import os
import re

from flask import (
    abort,
    current_app,
    flash,
    g,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import audit
from ..access import client_for_therapist
from ..htmx import is_htmx
from ..security import guard_role
from ..webpush_send import allowed_hosts
from . import bp, messages, schedules, subscriptions
from .vapid import ensure_keys, sender

TEST_TTL = 3600


@bp.get("/offline")
def offline():
    """Shown by the service worker when a page can't be reached."""
    return render_template("offline.html")


@bp.get("/manifest.webmanifest")
def manifest():
    """The web app manifest (name, icons, start URL, shortcut to Today)."""
    response = send_from_directory(current_app.static_folder, "manifest.webmanifest",
                                   mimetype="application/manifest+json", max_age=3600)
    return response


def _sw_source() -> tuple[str, str]:
    """sw.js with its version: a hash of itself and of every file it precaches."""
    static = current_app.static_folder
    with open(os.path.join(static, "sw.js"), encoding="utf-8") as fh:
        source = fh.read()
    digest = hashlib.sha256(source.encode())
    for path in sorted(set(re.findall(r'"/static/([^"?#]+)"', source))):
        try:
            with open(os.path.join(static, path), "rb") as fh:
                digest.update(fh.read())
        except OSError:
            continue
    return source.replace("__VERSION__", digest.hexdigest()[:12]), digest.hexdigest()[:12]


@bp.get("/sw.js")
def service_worker():
    """The service worker, at the root so its scope is the whole site."""
    source, version = _sw_source()
    response = make_response(source)
    response.mimetype = "text/javascript"
    response.headers["Service-Worker-Allowed"] = "/"
    response.headers["Cache-Control"] = "no-cache"
    response.set_etag(version)
    return response


@bp.get("/push/key")
def public_key():
    """The VAPID application server key the browser subscribes with."""
    return jsonify(publicKey=ensure_keys().application_server_key)


@bp.post("/push/subscribe")
@login_required
def subscribe():
    """Store this browser's PushSubscription.toJSON() for the signed-in person."""
    hosts = allowed_hosts(current_app.config.get("PUSH_ALLOWED_HOSTS"))
    try:
        sub = subscriptions.subscribe(current_user._get_current_object(),
                                      request.get_json(silent=True), hosts,
                                      request.headers.get("User-Agent", ""))
    except subscriptions.SubscriptionError as error:
        return jsonify(error=str(error)), 400
    return jsonify(ok=True, id=sub.id), 201


@bp.post("/push/unsubscribe")
@login_required
def unsubscribe():
    """Forget this browser's subscription."""
    data = request.get_json(silent=True) or {}
    try:
        removed = subscriptions.unsubscribe(current_user._get_current_object(),
                                            data.get("endpoint") if isinstance(data, dict)
                                            else None)
    except subscriptions.SubscriptionError as error:
        return jsonify(error=str(error)), 400
    return jsonify(ok=True, removed=removed)


@bp.post("/push/test")
@login_required
def test_reminder():
    """Send a test reminder to every device of the signed-in person."""
    payload = {"title": _("Homeward"), "body": _("This is a test reminder. Reminders work!"),
               "url": "/today", "tag": "homeward-test", "kind": "test"}
    results = subscriptions.deliver_to_user(sender(), current_user._get_current_object(),
                                            payload, ttl=TEST_TTL, topic="homeward-test")
    sent = sum(1 for r in results if r.ok)
    if request.is_json or request.accept_mimetypes.best == "application/json":
        return jsonify(sent=sent, devices=len(results))
    if sent:
        flash(_("Test reminder sent. It should arrive in a few seconds."))
    else:
        flash(_("No phone or computer has reminders turned on yet."))
    return redirect(url_for("auth.settings", _anchor="reminders"), code=303)


def _guard(*roles):
    denied = guard_role(*roles)
    if denied is not None:
        abort(denied)  # not signed in: the sign-in redirect


def _only_client():
    _guard("client")
    return current_user._get_current_object()


@bp.post("/settings/reminders")
def reminder_settings():
    """The client's own reminder times, days and quiet hours."""
    me = _only_client()
    try:
        times = schedules.parse_times(request.form.getlist("time"))
        days = schedules.parse_days(request.form.getlist("day"))
        quiet = schedules.parse_quiet(request.form.get("quiet_start"),
                                      request.form.get("quiet_end"))
    except schedules.ScheduleError as error:
        from ..auth.routes import settings

        g.reminder_error = str(error)
        response = make_response(settings())
        response.status_code = 422
        return response
    schedules.set_schedule(me, times, days, by=me)
    schedules.set_quiet_hours(me, *quiet)
    flash(_("Your reminder times are saved."))
    return redirect(url_for("auth.settings", _anchor="reminders"), code=303)


@bp.post("/messages/<message_id>/read")
def message_read(message_id):
    """Put a message from the therapist away."""
    me = _only_client()
    if not messages.mark_read(me, message_id):
        abort(404)
    if is_htmx():
        return ""
    return redirect(url_for("client.today"), code=303)


def _therapist_client(client_id):
    _guard("therapist", "admin")
    return client_for_therapist(client_id)


def _reminders_page(client, status=200, error=None, message_error=None, body=""):
    found = schedules.current(client)
    context = {
        "client": client, "schedules": found, "days": schedules.days_of(found),
        "deliveries": schedules.recent_deliveries(client),
        "messages": messages.recent(client), "devices": client.push_subscriptions.count(),
        "error": error, "message_error": message_error, "body": body,
        "max_length": messages.MAX_LENGTH,
    }
    return render_template("push/client_reminders.html", **context), status


@bp.get("/clients/<client_id>/reminders")
def client_reminders(client_id):
    """The therapist sets suggested reminder times and sends encouragement."""
    client = _therapist_client(client_id)
    audit.record("viewed reminders", client=client, target=request.path)
    return _reminders_page(client)


@bp.post("/clients/<client_id>/reminders")
def client_reminders_post(client_id):
    """Save the suggested reminder times for a client."""
    client = _therapist_client(client_id)
    try:
        times = schedules.parse_times(request.form.getlist("time"))
        days = schedules.parse_days(request.form.getlist("day"))
    except schedules.ScheduleError as error:
        return _reminders_page(client, 422, error=str(error))
    schedules.set_schedule(client, times, days, by=current_user._get_current_object())
    audit.record("changed reminders", client=client, target=request.path)
    flash(_("Reminder times saved for %(name)s.", name=client.name))
    return redirect(url_for("push.client_reminders", client_id=client.id), code=303)


@bp.post("/clients/<client_id>/messages")
def client_message_post(client_id):
    """Send the client a short encouragement (shown in the app and pushed)."""
    client = _therapist_client(client_id)
    body = request.form.get("body", "")
    try:
        _message, results = messages.send_encouragement(
            sender(), current_user._get_current_object(), client, body)
    except messages.MessageError as error:
        return _reminders_page(client, 422, message_error=str(error), body=body[:2000])
    audit.record("sent message", client=client, target=request.path)
    if any(r.ok for r in results):
        flash(_("Message sent to %(name)s's phone.", name=client.name))
    else:
        flash(_("Message saved. %(name)s will see it in the app.", name=client.name))
    return redirect(url_for("push.client_reminders", client_id=client.id), code=303)


@bp.app_context_processor
def _template_helpers():
    """reminder_settings() and unread_messages() for the settings and Today includes."""

    def reminder_settings():
        me = current_user._get_current_object()
        found = schedules.current(me)
        return {
            "schedules": found, "days": schedules.days_of(found),
            "suggested": any(s.set_by_id and s.set_by_id != me.id for s in found),
            "quiet_start": me.quiet_start or "", "quiet_end": me.quiet_end or "",
            "devices": me.push_subscriptions.count(),
        }

    def unread_messages():
        if not current_user.is_authenticated or current_user.role != "client":
            return []
        return messages.unread(current_user._get_current_object())

    return {"reminder_settings": reminder_settings, "unread_messages": unread_messages}
