"""Sign-in links shown as QR codes, and the therapist's reset of a client's sign-in."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..access import client_for_therapist
from ..security import role_required
from . import bp
from .forms import NewPasswordForm
from .magic import (
    LINK_ROLES,
    RESET_HOURS,
    SIGNIN_MINUTES,
    LinkError,
    create_link,
    find_link,
    reset_signin,
    set_new_password,
    use_link,
)
from .passkeys import has_passkey
from .qr import qr_svg
from .routes import home_url, safe_next, start_session

PASSWORD_KEY = "may_set_password"


def _link_page(user, url: str, purpose: str, for_therapist: bool):
    label = _("QR code that signs %(name)s in", name=user.name)
    return render_template("auth/signin_link.html", person=user, url=url, purpose=purpose,
                           qr=qr_svg(url, label), for_therapist=for_therapist,
                           minutes=SIGNIN_MINUTES, hours=RESET_HOURS)


@bp.get("/clients/<client_id>/signin-help")
@role_required("therapist", "admin")
def client_signin_help(client_id):
    """The therapist's choices for a client who can't sign in."""
    client = client_for_therapist(client_id)
    return render_template("auth/client_signin_help.html", client=client)


@bp.post("/clients/<client_id>/signin-link")
@role_required("therapist", "admin")
def client_signin_link(client_id):
    """A 10-minute, single-use sign-in QR code for the client's phone (shown once)."""
    client = client_for_therapist(client_id)
    _link, token = create_link(client, current_user._get_current_object())
    url = url_for("auth.magic_signin", token=token, _external=True)
    return _link_page(client, url, "signin", for_therapist=True)


@bp.post("/clients/<client_id>/signin-reset")
@role_required("therapist", "admin")
def client_signin_reset(client_id):
    """End the client's sessions and give them a link to set up a new way to sign in."""
    client = client_for_therapist(client_id)
    token = reset_signin(client, current_user._get_current_object(),
                         forget_passkeys=request.form.get("forget_passkeys") == "y")
    url = url_for("auth.magic_reset", token=token, _external=True)
    return _link_page(client, url, "reset", for_therapist=True)


@bp.post("/settings/signin-link")
@login_required
def own_signin_link():
    """A client or caregiver signs in on another phone by scanning this one."""
    if current_user.role not in LINK_ROLES:
        abort(404)
    user = current_user._get_current_object()
    _link, token = create_link(user, user)
    url = url_for("auth.magic_signin", token=token, _external=True)
    return _link_page(user, url, "signin", for_therapist=False)


def _confirm(token: str, purpose: str):
    try:
        link = find_link(token, purpose)
    except LinkError as error:
        return render_template("auth/link_error.html", message=str(error)), 410
    return render_template("auth/link_confirm.html", person=link.user, purpose=purpose)


@bp.get("/s/<token>")
def magic_signin(token):
    """Opening a sign-in link only asks; the button signs in (link previews don't use it up)."""
    return _confirm(token, "signin")


@bp.get("/reset/<token>")
def magic_reset(token):
    """Opening a reset link only asks; the button goes on."""
    return _confirm(token, "reset")


def _use(token: str, purpose: str):
    try:
        user = use_link(token, purpose)
    except LinkError as error:
        return render_template("auth/link_error.html", message=str(error)), 410
    start_session(user)
    if purpose == "reset":
        session[PASSWORD_KEY] = user.id
        return redirect(url_for("auth.passkey_setup", next=home_url(user)), code=303)
    flash(_("You're signed in. Welcome back, %(name)s!", name=user.name))
    if not has_passkey(user):
        return redirect(url_for("auth.passkey_setup", next=home_url(user)), code=303)
    return redirect(home_url(user), code=303)


@bp.post("/s/<token>")
def magic_signin_post(token):
    """Spend the link and sign its person in."""
    return _use(token, "signin")


@bp.post("/reset/<token>")
def magic_reset_post(token):
    """Spend the reset link, sign in, and offer a passkey or a new password."""
    return _use(token, "reset")


@bp.post("/welcome/password")
@login_required
def set_password():
    """Choose a new password, only right after a reset link was used in this session."""
    if session.get(PASSWORD_KEY) != current_user.id:
        abort(403)
    form = NewPasswordForm()
    next_path = safe_next(request.args.get("next")) or home_url(current_user)
    problem = (set_new_password(current_user._get_current_object(), form.password.data)
               if form.validate_on_submit() else _("Please choose a password."))
    if problem:
        return render_template("auth/passkey_setup.html", next_path=next_path,
                               may_set_password=True, password_form=form,
                               password_error=problem), 422
    session.pop(PASSWORD_KEY, None)
    flash(_("Your new password is saved."))
    return redirect(next_path, code=303)
