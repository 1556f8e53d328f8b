"""Forms for signing in, joining and settings."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Regexp


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=256)])
    remember = BooleanField(_l("Keep me signed in on this phone"))


class JoinForm(FlaskForm):
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("Email"), validators=[
        DataRequired(), Length(max=254),
        Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l("Please enter a valid email address."))])
    password = PasswordField(_l("Choose a password (at least 8 characters)"),
                             validators=[DataRequired(), Length(max=256)])
    timezone = SelectField(_l("Your time zone"), validators=[DataRequired()])


class SettingsForm(FlaskForm):
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    larger_text = BooleanField(_l("Larger text"))
    high_contrast = BooleanField(_l("High contrast"))
    reduced_motion = BooleanField(_l("Less motion"))
    timezone = SelectField(_l("Time zone"), validators=[DataRequired()])
    language = SelectField(_l("Language"), default="")


class CodeForm(FlaskForm):
    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=40)],
                       render_kw={"autocomplete": "one-time-code", "autocapitalize": "off",
                                  "spellcheck": "false"})


class NewPasswordForm(FlaskForm):
    password = PasswordField(_l("New password (at least 8 characters)"),
                             validators=[DataRequired(), Length(max=256)])
