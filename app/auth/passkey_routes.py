"""Passkey views: JSON for static/js/passkeys.js, plus the pages around it."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from flask import current_app, flash, jsonify, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import audit
from ..errors import render_error
from ..security import mark_second_factor_passed, second_factor_passed
from . import bp
from .passkeys import (
    PasskeyError,
    authentication_options,
    finish_authentication,
    finish_registration,
    registration_options,
    remove_passkey,
)
from .routes import home_url, safe_next, start_session
from .totp import is_enrolled, needs_second_factor, recovery_codes_left

REGISTER_KEY, SIGNIN_KEY = "webauthn_register", "webauthn_signin"


def relying_party() -> tuple[str, str]:
    """The passkey relying party id (a host name) and the origin the browser must report."""
    config = current_app.config
    rp_id = (config.get("WEBAUTHN_RP_ID") or os.environ.get("WEBAUTHN_RP_ID")
             or urlsplit(request.host_url).hostname or "")
    origin = (config.get("WEBAUTHN_ORIGIN") or os.environ.get("WEBAUTHN_ORIGIN")
              or request.host_url.rstrip("/"))
    return rp_id, origin


def _body() -> dict:
    data = request.get_json(silent=True)
    return data if isinstance(data, dict) else {}


def _options(options_json: str, challenge: str, key: str):
    session[key] = challenge
    response = current_app.response_class(options_json, mimetype="application/json")
    response.headers["Cache-Control"] = "no-store"
    return response


def _refuse(message: str, status: int = 400):
    return jsonify(error=str(message)), status


@bp.post("/passkeys/signin/options")
def passkey_signin_options():
    """A fresh challenge: any passkey, or only the signed-in therapist's own for the second step."""
    user = current_user._get_current_object() if current_user.is_authenticated else None
    options, challenge = authentication_options(relying_party()[0], user)
    return _options(options, challenge, SIGNIN_KEY)


@bp.post("/passkeys/signin")
def passkey_signin():
    """Check a passkey answer and sign its owner in (or count it as the second factor)."""
    data = _body()
    rp_id, origin = relying_party()
    second_step = current_user.is_authenticated
    user = current_user._get_current_object() if second_step else None
    try:
        owner, verified = finish_authentication(
            data.get("credential"), session.pop(SIGNIN_KEY, None), rp_id, origin, user)
    except PasskeyError as error:
        audit.record("login", target="passkey", outcome="failed", actor=user)
        return _refuse(str(error))
    next_path = safe_next(data.get("next") if isinstance(data.get("next"), str) else None)
    if second_step:
        mark_second_factor_passed(owner)
        audit.record("second_factor", actor=owner, target="passkey")
        return jsonify(redirect=next_path or home_url(owner))
    start_session(owner, remember=data.get("remember") is True)
    audit.record("login", actor=owner, target="passkey")
    if needs_second_factor(owner):
        # A passkey unlocked with a fingerprint, face or PIN is two factors in one.
        if verified:
            mark_second_factor_passed(owner)
        else:
            return jsonify(redirect=url_for("auth.second_factor", next=next_path))
    return jsonify(redirect=next_path or home_url(owner))


def _may_add_passkey() -> bool:
    # A therapist who has only typed their password may set up a first factor,
    # but may not add one next to an existing one (that would skip the second step).
    return second_factor_passed() or not is_enrolled(current_user)


@bp.post("/passkeys/register/options")
@login_required
def passkey_register_options():
    """A challenge for adding a passkey to the signed-in account."""
    if not _may_add_passkey():
        return _refuse(_("Please finish signing in first."), 403)
    options, challenge = registration_options(current_user._get_current_object(),
                                              relying_party()[0])
    return _options(options, challenge, REGISTER_KEY)


@bp.post("/passkeys/register")
@login_required
def passkey_register():
    """Keep a new passkey after checking the browser's answer."""
    if not _may_add_passkey():
        return _refuse(_("Please finish signing in first."), 403)
    data = _body()
    user = current_user._get_current_object()
    name = data.get("name") if isinstance(data.get("name"), str) else ""
    rp_id, origin = relying_party()
    try:
        finish_registration(user, data.get("credential"), session.pop(REGISTER_KEY, None),
                            rp_id, origin, name)
    except PasskeyError as error:
        return _refuse(str(error))
    audit.record("passkey_added", actor=user)
    flash(_("Your passkey is ready. Next time, sign in with one tap."))
    next_path = safe_next(data.get("next") if isinstance(data.get("next"), str) else None)
    if needs_second_factor(user) and not second_factor_passed():
        mark_second_factor_passed(user)  # the first second factor, just set up
    if needs_second_factor(user) and recovery_codes_left(user) == 0:
        return jsonify(redirect=url_for("auth.recovery_codes", next=next_path))
    return jsonify(redirect=next_path or url_for("auth.settings"))


@bp.post("/passkeys/<int:passkey_id>/remove")
@login_required
def passkey_remove(passkey_id):
    """Remove one of your own passkeys (404 for anyone else's)."""
    if not remove_passkey(current_user._get_current_object(), passkey_id):
        audit.record("denied", target=request.path, outcome="denied")
        return render_error(404, _("That passkey was not found."))
    audit.record("passkey_removed")
    flash(_("The passkey is removed. It can no longer sign you in."))
    return redirect(url_for("auth.settings"), code=303)


@bp.get("/welcome/passkey")
@login_required
def passkey_setup():
    """After joining (or a reset): offer a passkey first, a password as the fallback."""
    from .forms import NewPasswordForm

    next_path = safe_next(request.args.get("next")) or home_url(current_user)
    return render_template("auth/passkey_setup.html", next_path=next_path,
                           may_set_password=session.get("may_set_password") == current_user.id,
                           password_form=NewPasswordForm())
