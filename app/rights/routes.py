"""Pages: change my password, download my data, close my account."""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from ..access import client_for_export
from ..audit import record
from ..models import CaregiverLink, User
from ..security import mark_second_factor_passed, role_required, second_factor_passed
from ..sessions import LONG
from . import account, bp, export
from .forms import CloseAccountForm, PasswordChangeForm


@bp.get("/account/password")
@login_required
def password():
    """The form to choose a new password."""
    return render_template("rights/password.html", form=PasswordChangeForm())


@bp.post("/account/password")
@login_required
def password_post():
    """Change the password; every other session of this person ends, this one goes on."""
    form = PasswordChangeForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        problem = account.change_password(user, form.current.data, form.new.data)
        if problem is None:
            passed, long = second_factor_passed(), session.get(LONG, False)
            fresh = User.get_by_id(user.id)
            login_user(fresh, remember=long)  # the new session version; a new session
            if passed:
                mark_second_factor_passed(fresh)
            flash(_("Your password is changed. You are signed out everywhere else."))
            return redirect(url_for("auth.settings"), code=303)
        form.form_errors.append(problem)
    return render_template("rights/password.html", form=form), 422


def _exportable_clients() -> list[User]:
    if current_user.role == "client":
        return [current_user._get_current_object()]
    return list(
        User.select().join(CaregiverLink, on=(CaregiverLink.client == User.id))
        .where(CaregiverLink.caregiver == current_user.id, CaregiverLink.revoked_at.is_null(),
               CaregiverLink.can_export == True)  # noqa: E712
        .order_by(User.name))


@bp.get("/my-data")
@role_required("client", "caregiver")
def data():
    """Download my data (or, for a caregiver, that of clients they may export for)."""
    return render_template("rights/data.html", clients=_exportable_clients(),
                           close_form=CloseAccountForm())


def _download(client_id, fmt: str):
    client = client_for_export(client_id)
    content = export.client_data(client)
    record("export", client=client, target=f"all data ({fmt})")
    name = f"homeward-{client.id}-{content['exported_at'][:10]}"
    if fmt == "json":
        body, mimetype, name = export.as_json(content), "application/json", name + ".json"
    else:
        body, mimetype, name = export.as_csv_zip(content), "application/zip", name + "-csv.zip"
    return Response(body, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.get("/my-data/<int:client_id>/homeward.json")
@role_required("client", "caregiver")
def export_json(client_id):
    """All of one client's data as JSON."""
    return _download(client_id, "json")


@bp.get("/my-data/<int:client_id>/homeward-csv.zip")
@role_required("client", "caregiver")
def export_zip(client_id):
    """All of one client's data as a zip of CSV files."""
    return _download(client_id, "csv")


@bp.post("/my-data/close")
@role_required("client")
def close():
    """Close my account: no more sign-in, reminders or pushes."""
    form = CloseAccountForm()
    if form.validate_on_submit():
        problem = account.close_account(current_user._get_current_object(), form.password.data)
        if problem is None:
            logout_user()
            session.clear()
            flash(_("Your account is closed. Your therapist keeps your record as the law "
                    "asks; ask them if you want a copy or have questions."))
            response = redirect(url_for("auth.login"), code=303)
            response.headers["Clear-Site-Data"] = '"cache", "storage"'
            return response
        form.form_errors.append(problem)
    return render_template("rights/data.html", clients=_exportable_clients(),
                           close_form=form), 422
