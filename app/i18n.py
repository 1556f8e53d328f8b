"""Language choice: the user's setting, else the browser's preference."""

from __future__ import annotations

import os

from flask import current_app, request
from flask_login import current_user


def select_locale() -> str:
    """The user's chosen language, or the best match for the browser's."""
    languages = current_app.config["LANGUAGES"]
    if current_user and current_user.is_authenticated and current_user.language in languages:
        return current_user.language
    return request.accept_languages.best_match(languages) or "en"


def select_timezone() -> str:
    """The signed-in user's IANA time zone."""
    if current_user and current_user.is_authenticated:
        return current_user.timezone
    return "UTC"


def init_app(app, babel):
    """Bind Flask-Babel with our selectors and the app/translations catalogues."""
    app.config.setdefault(
        "BABEL_TRANSLATION_DIRECTORIES", os.path.join(os.path.dirname(__file__), "translations")
    )
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
