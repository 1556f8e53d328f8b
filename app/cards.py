"""A practice card's HTML, rendered once for what it shows and then reused.

Rendering the cards was the largest part of Today, the caregiver's view and every tick,
and a card looks the same until something it shows changes: its plan item, exercise,
tick (with the carer's name), the day, the reader's language, where its forms post to.
All of that is the cache key, so a change anywhere gives a new key, never a stale card.
The two parts that must differ on every page, the CSRF token and each tick form's
one-time key, are rendered as markers and filled in per request. So is the tick's own
record id in its undo and rating links: a tick's card is then the same for every tick
of that slot with the same ratings and note, and the answer to a tick finds it kept.

Under TESTING every cache hit is also rendered afresh and compared, so the test suite
fails if the key ever misses something the card shows.
"""

from __future__ import annotations

import re
import threading

from flask import current_app, render_template, url_for
from jinja2 import pass_context
from markupsafe import Markup, escape

from . import here
from .i18n import translations
from .templating import csrf_field, fill_keys

TEMPLATE = "client/_card.html"
PROGRESS_TEMPLATE = "client/_progress.html"
ANSWER_TEMPLATE = "client/_tick_response.html"
LIMIT = 5_000  # cards kept per process (with their keys up to ~10 KB each); emptied when full
_CSRF = "\x00csrf\x00"
_KEY = "\x00key\x00"
_ID = "\x00completion\x00"
_ID_IN_URL = "_completion_"  # what url_for is given in its place, then swapped for _ID
# A tick's values that its card never shows and that differ for every tick.
_PER_TICK = frozenset({"id", "key", "completed_at"})

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
        done = (tuple(item for item in completion.__data__.items()
                      if item[0] not in _PER_TICK), carer)
    return (str(here.locale()), here.request().script_root, card.slot, day,
            tuple(card.item.__data__.items()), tuple(card.exercise.__data__.items()), done,
            _frozen(urls), _frozen(assistance_levels))


def _completion_url(endpoint: str, args: dict) -> str:
    """The undo or rating link of the card's tick, with a marker where its id goes."""
    return url_for(endpoint, completion_id=_ID_IN_URL, **args).replace(_ID_IN_URL, _ID)


def _render(context, card) -> str:
    """The card with markers where the CSRF token, tick keys and the tick's id go."""
    template = current_app.jinja_env.get_template(TEMPLATE)
    variables = dict(context.get_all(), card=card, completion_url=_completion_url,
                     csrf_field=lambda: Markup(_CSRF), new_key=lambda: _KEY)
    return template.render(variables)


def _fill(html: str, card) -> Markup:
    """Markers replaced: one CSRF field for the request, a fresh key per tick form, the
    tick's id in its links."""
    if _CSRF in html:
        html = html.replace(_CSRF, csrf_field())
    if card.completion is not None:
        html = html.replace(_ID, str(card.completion.id))
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
        return _fill(_render(context, card), card)
    return _fill(_kept(key, lambda: _render(context, card)), card)


def _kept(key, render) -> str:
    """What render() gives for key, rendered once (and afresh under TESTING, compared)."""
    html = _cache.get(key)
    if html is None or current_app.testing:
        fresh = render()
        if html is not None and html != fresh:
            raise AssertionError(f"card cache served a stale fragment for key {key!r}")
        html = fresh
        with _lock:
            if len(_cache) >= LIMIT:
                _cache.clear()
            _cache[key] = html
    return html


@pass_context
def progress_html(context, done, total, streak=0, oob=False) -> Markup:
    """A template global: the day's progress panel (client/_progress.html), which shows
    nothing but these figures in the reader's language, so it is kept for them."""
    def render():
        template = current_app.jinja_env.get_template(PROGRESS_TEMPLATE)
        return template.render(dict(context.get_all(), done=done, total=total,
                                    streak=streak, oob=oob))

    return Markup(_kept(_progress_key(done, total, streak, oob), render))


def _progress_key(done, total, streak, oob) -> tuple:
    return ("progress", str(here.locale()), done, total, streak, bool(oob))


# The spoken line of client/_tick_response.html, for answers put together without it
# (plain str.format, with the message escaped first: Markup.format is ten times slower).
_MESSAGE = ('<div id="tick-message" class="sr-only" role="status" aria-live="polite" '
            'hx-swap-oob="innerHTML">{} {}</div>')
_TICK_KEY = re.compile(r'(name="key" value=")[^"]*')


def tick_answer(card, message, context: dict) -> str:
    """The answer to a tick, a rating or an undo: client/_tick_response.html (the card,
    the day's progress out of band, the spoken message) for the card and the page
    context of today_context or client_context.

    When the card and the progress panel are both kept, the answer is put together from
    them without rendering the template: the template's own work (the page's context
    processors, a Jinja context for three lines) was a sixth of a tick's time. Under
    TESTING the template is always rendered and the put-together answer compared with it
    (tick keys aside, which are fresh in each), so the suite fails if the two drift apart.
    """
    if not current_app.testing:
        html = _from_kept(card, message, context)
        if html is not None:
            return html
    html = render_template(ANSWER_TEMPLATE, card=card, message=message, **context)
    if current_app.testing:
        made = _from_kept(card, message, context)
        if made is None or _TICK_KEY.sub(r"\1", made) != _TICK_KEY.sub(r"\1", html):
            raise AssertionError(f"the answer put together for {card.dom_id} is not the "
                                 f"template's:\n{made}\n---\n{html}")
    return html


def _from_kept(card, message, context) -> str | None:
    """tick_answer from the kept card and panel, or None when either is not kept."""
    try:
        card_html = _cache.get(_key(card, context["day"], context.get("urls"),
                                    context.get("assistance_levels")))
    except TypeError:  # something unhashable in a record: never kept
        return None
    done, total = context["done"], context["total"]
    panel = _cache.get(_progress_key(done, total, context["streak"], True))
    if card_html is None or panel is None:
        return None
    # The count's text is the translation's own, as a template has it; its values are
    # numbers, which escaping would leave as they are.
    count = translations().ugettext("%(done)s of %(total)s done") % {
        "done": int(done), "total": int(total)}
    spoken = _MESSAGE.format(escape(message or ""), count)
    return f"{_fill(card_html, card)}\n{panel}\n{spoken}"


def clear():
    """Forget every kept card and progress panel (for tests that change templates or
    translations)."""
    with _lock:
        _cache.clear()
