"""The therapist's second factor: enrolment, the step after the password, recovery codes."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..security import mark_second_factor_passed, second_factor_passed
from . import bp
from .forms import CodeForm
from .passkeys import has_passkey
from .qr import qr_svg
from .routes import home_url, safe_next
from .totp import (
    check_second_factor,
    is_enrolled,
    needs_second_factor,
    new_recovery_codes,
    new_secret,
    provisioning_uri,
    recovery_codes_left,
)
from .totp import enrol as enrol_totp

PENDING_KEY = "totp_pending"


def _next() -> str:
    return safe_next(request.args.get("next")) or home_url(current_user)


@bp.get("/signin/second-factor")
@login_required
def second_factor():
    """The form after the password: a code from the authenticator app, or a passkey."""
    if second_factor_passed():
        return redirect(_next())
    if not is_enrolled(current_user):
        return redirect(url_for("auth.enrol", next=request.args.get("next")))
    return _second_factor_page(CodeForm())


def _second_factor_page(form, status=200):
    user = current_user._get_current_object()
    return render_template("auth/second_factor.html", form=form, next_path=_next(),
                           has_totp=bool(user.totp_secret), has_passkey=has_passkey(user)), status


@bp.post("/signin/second-factor")
@login_required
def second_factor_post():
    """Check the code; wrong codes are counted, and many in a row make the next ones wait."""
    form = CodeForm()
    user = current_user._get_current_object()
    if form.validate_on_submit():
        outcome = check_second_factor(user, form.code.data)
        if outcome == "ok":
            mark_second_factor_passed(user)
            return redirect(_next())
        if outcome == "throttled":
            form.form_errors.append(_("Too many wrong codes. Please wait 15 minutes and try "
                                      "again."))
            return _second_factor_page(form, 429)
        form.form_errors.append(_("That code didn't work. Check the newest code in your "
                                  "authenticator app and try again."))
    return _second_factor_page(form, 422)


@bp.get("/signin/enrol")
@login_required
def enrol():
    """For a therapist without a second factor: choose an authenticator app or a passkey."""
    if is_enrolled(current_user):
        return redirect(url_for("auth.second_factor", next=request.args.get("next")))
    return render_template("auth/enrol.html", next_path=_next())


def _may_change_totp() -> bool:
    # Replacing an authenticator app needs the second factor first; setting up the first one
    # needs only the password.
    return second_factor_passed() or not is_enrolled(current_user)


def _totp_page(form, status=200):
    secret = session.get(PENDING_KEY)
    if not secret:
        secret = session[PENDING_KEY] = new_secret()
    uri = provisioning_uri(current_user, secret)
    grouped = " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))
    return render_template("auth/totp_enrol.html", form=form, secret=grouped, next_path=_next(),
                           qr=qr_svg(uri, _("QR code for your authenticator app"))), status


@bp.get("/signin/totp")
@login_required
def totp_enrol():
    """Show the QR code and the secret in text; the person confirms with a code."""
    if not _may_change_totp():
        return redirect(url_for("auth.second_factor", next=request.full_path))
    return _totp_page(CodeForm())


@bp.post("/signin/totp")
@login_required
def totp_enrol_post():
    """Keep the secret once a code from it matches, then show the recovery codes once."""
    if not _may_change_totp():
        return redirect(url_for("auth.second_factor"), code=303)
    form = CodeForm()
    user = current_user._get_current_object()
    codes = None
    if form.validate_on_submit() and session.get(PENDING_KEY):
        codes = enrol_totp(user, session[PENDING_KEY], form.code.data)
    if codes is None:
        form.form_errors.append(_("That code didn't match. Check that you scanned this page's "
                                  "QR code, then type the newest code."))
        return _totp_page(form, 422)
    session.pop(PENDING_KEY, None)
    mark_second_factor_passed(user)
    return render_template("auth/recovery_codes.html", codes=codes, next_path=_next())


@bp.get("/signin/recovery-codes")
@login_required
def recovery_codes():
    """How many recovery codes are left, and a button to make a new set."""
    if not needs_second_factor(current_user):
        abort(404)
    return render_template("auth/recovery_codes.html", codes=None, next_path=_next(),
                           left=recovery_codes_left(current_user))


@bp.post("/signin/recovery-codes")
@login_required
def recovery_codes_post():
    """Make ten new codes and show them this once; the old ones stop working."""
    if not needs_second_factor(current_user):
        abort(404)
    codes = new_recovery_codes(current_user._get_current_object())
    return render_template("auth/recovery_codes.html", codes=codes, next_path=_next())
