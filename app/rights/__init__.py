"""Data rights and account safety: download my data, close my account, change my
password, and the therapist's discharge (a read-only archive)."""

from flask import Blueprint

from ..templating import add_settings_section

bp = Blueprint("rights", __name__)
add_settings_section(bp, "rights/_settings_rights.html",
                     {"client", "caregiver", "therapist", "admin"})

from . import archive, routes  # noqa: E402,F401
