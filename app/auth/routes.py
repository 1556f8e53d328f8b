"""Sign in, sign out, join by invite, settings."""

from __future__ import annotations

from zoneinfo import available_timezones

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from .. import audit
from ..db import atomic
from ..formutil import choices
from ..i18n import browser_language
from ..invites import InviteError, find_invite, redeem
from ..models import User, utcnow
from ..passwords import check_password
from ..security import SECOND_FACTOR_KEY
from . import bp
from .forms import JoinForm, LoginForm, SettingsForm
from .totp import is_enrolled, needs_second_factor

HOME = {"client": "client.today", "caregiver": "caregiver.care", "therapist": "therapist.clients",
        "admin": "therapist.clients"}
COMMON_ZONES = ["Europe/London", "Europe/Madrid", "America/New_York", "America/Chicago",
                "America/Denver", "America/Los_Angeles", "America/Mexico_City",
                "Australia/Sydney", "Pacific/Auckland", "UTC"]


def timezone_choices():
    """Common zones first, then every IANA zone."""
    rest = sorted(z for z in available_timezones() if z not in COMMON_ZONES and "/" in z)
    return choices((z, z.replace("_", " ")) for z in COMMON_ZONES + rest)


def language_choices():
    """The languages Homeward speaks."""
    return choices([("", _("Same as my phone")), ("en", "English"), ("es", "Español")])


def home_url(user) -> str:
    """Where a user lands after signing in."""
    return url_for(HOME.get(user.role, "auth.login"))


def start_session(user, remember: bool = False) -> None:
    """Sign a person in on this browser, forgetting any earlier second factor."""
    session.pop(SECOND_FACTOR_KEY, None)
    login_user(user, remember=remember)
    User.update(last_login_at=utcnow()).where(User.id == user.id).execute()


def after_password(user, next_path: str | None):
    """Where to go once the password is right: the second factor first for therapists."""
    if needs_second_factor(user):
        target = "auth.second_factor" if is_enrolled(user) else "auth.enrol"
        return redirect(url_for(target, next=next_path))
    return redirect(next_path or home_url(user))


def safe_next(target: str | None) -> str | None:
    """Only a local path is followed after sign-in (no open redirects)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


@bp.get("/login")
def login():
    """The sign-in form."""
    if current_user.is_authenticated:
        return redirect(home_url(current_user))
    return render_template("auth/login.html", form=LoginForm())


@bp.post("/login")
def login_post():
    """Check email and password; never say which of the two was wrong."""
    form = LoginForm()
    if form.validate_on_submit():
        user = User.get_or_none(User.email == form.email.data.strip().lower())
        if check_password(user.password_hash if user else None, form.password.data) and (
            user.is_active
        ):
            start_session(user, remember=form.remember.data)
            audit.record("login", actor=user, outcome="ok")
            return after_password(user, safe_next(request.args.get("next")))
        audit.record("login", target=form.email.data.strip().lower()[:120], outcome="failed")
    form.form_errors.append(_("That email and password don't match. Please try again."))
    return render_template("auth/login.html", form=form), 401


@bp.post("/logout")
def logout():
    """Sign out and tell the browser to forget this person's data."""
    if current_user.is_authenticated:
        audit.record("logout")
    logout_user()
    session.pop(SECOND_FACTOR_KEY, None)
    response = redirect(url_for("auth.login"), code=303)
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


@bp.get("/join/<token>")
def join(token):
    """The page an invite link opens: set name, password and time zone."""
    try:
        invite = find_invite(token)
    except InviteError as error:
        return render_template("auth/invite_error.html", message=str(error)), 410
    if invite.role == "caregiver" and getattr(current_user, "role", None) == "caregiver":
        return redirect(url_for("links.accept", token=token))  # one tap, no new account
    form = JoinForm(name=invite.name, email=invite.email, timezone="Europe/London")
    form.timezone.choices = timezone_choices()
    return render_template("auth/join.html", form=form, invite=invite)


@bp.post("/join/<token>")
def join_post(token):
    """Create the account, sign in and go home."""
    form = JoinForm()
    form.timezone.choices = timezone_choices()
    try:
        invite = find_invite(token)
    except InviteError as error:
        return render_template("auth/invite_error.html", message=str(error)), 410
    if form.validate_on_submit():
        try:
            user = redeem(token, form.email.data, form.name.data, form.password.data,
                          form.timezone.data)
        except InviteError as error:
            form.form_errors.append(str(error))
        else:
            start_session(user)
            audit.record("joined", client=user if user.role == "client" else invite.client_id)
            flash(_("Welcome to Homeward, %(name)s!", name=user.name))
            # Offer a passkey next, so the next sign-in is one tap.
            return redirect(url_for("auth.passkey_setup", next=home_url(user)))
    return render_template("auth/join.html", form=form, invite=invite), 422


@bp.get("/settings")
@login_required
def settings():
    """Display preferences, time zone and language."""
    form = SettingsForm(obj=current_user)
    form.timezone.choices = timezone_choices()
    form.language.choices = language_choices()
    form.language.data = current_user.language or ""
    return render_template("auth/settings.html", form=form)


@bp.post("/settings")
@login_required
def settings_post():
    """Save settings; bad values change nothing."""
    form = SettingsForm()
    form.timezone.choices = timezone_choices()
    form.language.choices = language_choices()
    if not form.validate_on_submit():
        return render_template("auth/settings.html", form=form), 422
    with atomic():
        User.update(
            name=form.name.data.strip(), larger_text=form.larger_text.data,
            high_contrast=form.high_contrast.data, reduced_motion=form.reduced_motion.data,
            timezone=form.timezone.data, language=form.language.data or None,
        ).where(User.id == current_user.id).execute()
    # In the language just chosen: this request's locale was picked before the change.
    with force_locale(form.language.data or browser_language()):
        flash(_("Your settings are saved."))
    current_app.logger.info("settings saved for user %s", current_user.id)
    return redirect(url_for("auth.settings"), code=303)
