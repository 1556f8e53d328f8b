"""What the sign-in parts of the Settings page need to know about the reader."""

from __future__ import annotations

from flask_login import current_user

from .passkeys import passkeys_of
from .totp import needs_second_factor, recovery_codes_left


def init_context(bp):
    """Give every template `signin_settings()`: passkeys, TOTP and recovery code status."""

    @bp.app_context_processor
    def _signin_settings():
        def signin_settings():
            if not current_user.is_authenticated:
                return {}
            user = current_user._get_current_object()
            strong = needs_second_factor(user)
            return {"passkeys": passkeys_of(user), "strong": strong,
                    "has_totp": bool(user.totp_secret),
                    "codes_left": recovery_codes_left(user) if strong else 0}

        return {"signin_settings": signin_settings}
