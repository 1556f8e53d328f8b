"""A practice card's HTML, rendered once for what it shows and then reused.

Rendering the cards was the largest part of Today, the caregiver's view and every tick,
and a card looks the same until something it shows changes: its plan item, exercise,
tick (with the carer's name), the day, the reader's language, where its forms post to.
All of that is the cache key, so a change anywhere gives a new key, never a stale card.
The two parts that must differ on every page, the CSRF token and each tick form's
one-time key, are rendered as markers and filled in per request.

Under TESTING every cache hit is also rendered afresh and compared, so the test suite
fails if the key ever misses something the card shows.
"""

from __future__ import annotations

import threading

from flask import current_app, request
from flask_babel import get_locale
from jinja2 import pass_context
from markupsafe import Markup

from .templating import csrf_field, fill_keys

TEMPLATE = "client/_card.html"
LIMIT = 5_000  # cards kept per process (with their keys up to ~10 KB each); emptied when full
_CSRF = "\x00csrf\x00"
_KEY = "\x00key\x00"

_cache: dict[tuple, str] = {}
_lock = threading.Lock()


def _frozen(value):
    """Dicts and lists as tuples, so they can be part of a key."""
    if isinstance(value, dict):
        return tuple((k, _frozen(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    return value


def _key(card, day, urls, assistance_levels) -> tuple:
    completion = card.completion
    done = None
    if completion is not None:
        carer = (completion.logged_by.name if completion.logged_by_role == "caregiver"
                 else None)
        done = (tuple(completion.__data__.items()), carer)
    return (str(get_locale()), request.script_root, card.slot, day,
            tuple(card.item.__data__.items()), tuple(card.exercise.__data__.items()), done,
            _frozen(urls), _frozen(assistance_levels))


def _render(context, card) -> str:
    """The card with markers where the CSRF token and tick keys go."""
    template = current_app.jinja_env.get_template(TEMPLATE)
    variables = dict(context.get_all(), card=card,
                     csrf_field=lambda: Markup(_CSRF), new_key=lambda: _KEY)
    return template.render(variables)


def _fill(html: str) -> Markup:
    """Markers replaced: one CSRF field for the request, a fresh key per tick form."""
    if _CSRF in html:
        html = html.replace(_CSRF, csrf_field())
    return Markup(fill_keys(html, _KEY))


@pass_context
def card_html(context, card) -> Markup:
    """A template global: `{{ card_html(card) }}` where `{% include "client/_card.html" %}`
    was. Reads day, urls and assistance_levels from the calling page like the include."""
    day, urls = context.get("day"), context.get("urls")
    levels = context.get("assistance_levels")
    try:
        key = _key(card, day, urls, levels)
        hash(key)
    except TypeError:  # something unhashable in a record: render it every time
        return _fill(_render(context, card))
    html = _cache.get(key)
    if html is None or current_app.testing:
        fresh = _render(context, card)
        if html is not None and html != fresh:
            raise AssertionError(f"card cache served a stale card for key {key!r}")
        html = fresh
        with _lock:
            if len(_cache) >= LIMIT:
                _cache.clear()
            _cache[key] = html
    return _fill(html)


def clear():
    """Forget every kept card (tests that change templates or translations use it)."""
    with _lock:
        _cache.clear()
