"""Signing in and out, joining by invite, and each person's own settings."""

from flask import Blueprint

from ..templating import add_settings_section

bp = Blueprint("auth", __name__)
add_settings_section(bp, "auth/_settings_passkeys.html",
                     {"client", "caregiver", "therapist", "admin"})
add_settings_section(bp, "auth/_settings_signin_link.html", {"client", "caregiver"})

from . import (  # noqa: E402,F401
                     factor_routes,
                     link_routes,
                     passkey_routes,
                     routes,  # noqa: E402,F401
)
from .context import init_context  # noqa: E402

init_context(bp)
