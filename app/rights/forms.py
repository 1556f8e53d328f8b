"""Forms for password change, closing an account and discharge."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField
from wtforms.validators import DataRequired, EqualTo, Length


class PasswordChangeForm(FlaskForm):
    current = PasswordField(_l("Your password now"), validators=[DataRequired(), Length(max=256)],
                            render_kw={"autocomplete": "current-password"})
    new = PasswordField(_l("New password (at least 10 characters)"),
                        validators=[DataRequired(), Length(max=256)],
                        render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("new", message=_l("The two new passwords differ."))],
        render_kw={"autocomplete": "new-password"})


class CloseAccountForm(FlaskForm):
    password = PasswordField(_l("Your password, to confirm it is you"),
                             validators=[DataRequired(), Length(max=256)],
                             render_kw={"autocomplete": "current-password"})
    sure = BooleanField(_l("Yes, close my account"), validators=[DataRequired(
        message=_l("Please tick the box to confirm."))])


class ConfirmForm(FlaskForm):
    """Only the CSRF token: a button that changes something."""
