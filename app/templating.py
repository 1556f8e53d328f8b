"""Helpers every template can call."""

from __future__ import annotations

import datetime as dt
import functools
import json
import secrets

from flask import current_app, request, url_for
from flask_babel import format_decimal, format_percent, get_locale
from flask_login import current_user
from markupsafe import Markup, escape

from .i18n import format_date, format_datetime
from .pagecache import issued_key
from .today import dosage_text, slot_label


def csrf_field() -> Markup:
    """The hidden CSRF input for a plain form."""
    from flask_wtf.csrf import generate_csrf

    return Markup('<input type="hidden" name="csrf_token" value="%s">') % escape(generate_csrf())


@functools.lru_cache(maxsize=1024)
def _static_url(script_root: str, filename: str) -> str:
    return url_for("static", filename=filename)


def static_url(filename: str) -> str:
    """url_for('static', filename=...), built once per file: every page asks for the same
    dozen files, and building a URL costs more than most of what a page shows."""
    return _static_url(request.script_root, filename)


@functools.lru_cache(maxsize=4096)
def _parsed_list(text: str) -> tuple:
    return tuple(json.loads(text or "[]"))


@functools.lru_cache(maxsize=64)
def scale_buttons(name: str, chosen: int | None) -> Markup:
    """The eleven 0-10 buttons of a rating scale, the chosen one pressed (built once each)."""
    return Markup("").join(
        Markup('<button type="submit" name="%s" value="%d" class="scale-btn" '
               'aria-pressed="%s">%d</button>') % (name, n, "true" if chosen == n else "false", n)
        for n in range(11))


def new_key() -> str:
    """A fresh unique key for a tick form (the same form sent twice reuses it)."""
    return issued_key(secrets.token_urlsafe(16))


def fill_keys(html: str, marker: str) -> str:
    """Each marker in html replaced by its own fresh tick key."""
    if marker not in html:
        return html
    parts = html.split(marker)
    return parts[0] + "".join(new_key() + part for part in parts[1:])


def _translation(obj) -> dict:
    locale = str(get_locale() or "en")
    if locale == "en" or not getattr(obj, "translations", None):
        return {}
    return json.loads(obj.translations or "{}").get(locale, {})


def ex_text(obj, field: str) -> str:
    """A text field of an exercise or guide in the reader's language when translated."""
    return _translation(obj).get(field) or getattr(obj, field)


def ex_list(obj, field: str) -> list:
    """A list field (steps, safety, equipment) in the reader's language when translated."""
    translated = _translation(obj).get(field)
    if translated:
        return translated
    return list(_parsed_list(getattr(obj, field) or "[]"))


def settings_sections() -> list[str]:
    """Templates other features add to the Settings page for this user's role."""
    role = current_user.role if current_user.is_authenticated else None
    return [t for t, roles in current_app.config.get("SETTINGS_SECTIONS", []) if role in roles]


def add_settings_section(bp, template: str, roles: set[str]):
    """Let a blueprint add a section (an include) to the Settings page."""
    bp.record_once(
        lambda state: state.app.config.setdefault("SETTINGS_SECTIONS", []).append(
            (template, roles)
        )
    )


def init_app(app):
    """Register the helpers as template globals."""
    from .cards import card_html, progress_html

    app.jinja_env.globals.update(
        card_html=card_html,
        progress_html=progress_html,
        csrf_field=csrf_field, new_key=new_key, scale_buttons=scale_buttons,
        static_url=static_url, ex_text=ex_text,
        ex_list=ex_list,
        dosage=dosage_text, slot_label=slot_label, timedelta=dt.timedelta,
        format_date=format_date, format_datetime=format_datetime,
        format_percent=format_percent, format_decimal=format_decimal,
        current_locale=lambda: str(get_locale() or 'en'),
    )

    @app.context_processor
    def _context():
        return {"nav_endpoints": app.view_functions.keys(),
                "settings_sections": settings_sections()}
