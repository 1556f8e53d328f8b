"""Language choice: the user's setting, else the browser's preference."""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import weakref

import flask_babel
from babel import Locale
from babel.dates import match_skeleton
from flask import current_app, has_request_context
from flask_babel import format_decimal, format_percent, get_locale
from flask_login import current_user
from jinja2 import pass_context
from markupsafe import Markup
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from . import here


def select_locale() -> str:
    """The user's chosen language, or the best match for the browser's."""
    if not has_request_context():  # a command such as create-user: no browser to ask
        return current_app.config.get("BABEL_DEFAULT_LOCALE", "en")
    languages = here.app().config["LANGUAGES"]
    user = here.user()
    if user and user.is_authenticated and user.language in languages:
        return user.language
    return browser_language()


def browser_language() -> str:
    """The app's language that best matches the browser's Accept-Language ("en" if none)."""
    header = here.request().headers.get("Accept-Language", "")
    languages = tuple(here.app().config["LANGUAGES"])
    if len(header) > _KEPT_HEADER_LENGTH:
        return _best_language(header, languages)
    return _kept_browser_language(header, languages)


def _best_language(header: str, languages: tuple[str, ...]) -> str:
    return parse_accept_header(header, LanguageAccept).best_match(languages) or "en"


# A phone sends the same Accept-Language header with every request; parsing it and
# finding the best match took 16-22 µs (werkzeug), so each header's answer is kept.
# Phones send well under 100 characters; longer headers are matched afresh each time,
# so whatever is sent, what is kept is at most 512 headers of up to 200 characters.
_KEPT_HEADER_LENGTH = 200
_kept_browser_language = functools.lru_cache(maxsize=512)(_best_language)


@functools.cache
def _locale(code: str) -> Locale:
    return Locale.parse(code)


def selected_locale() -> Locale:
    """select_locale's choice as one shared Locale per language (Flask-Babel would parse
    the code into a new Locale on every request; a Locale never changes once made)."""
    return _locale(select_locale())


def percent(share: float | None, empty: str = "—") -> str:
    """0.8 -> '80%' ('80 %' in Spanish), in the reader's locale; None -> ``empty``."""
    return empty if share is None else format_percent(share)


def decimal(value, empty: str = "–") -> str:
    """4.5 -> '4.5' ('4,5' in Spanish): at most one decimal place; None -> ``empty``."""
    return empty if value is None else format_decimal(round(float(value), 1), format="#,##0.#")


_QUOTED = re.compile(r"'[^']*'")
_FIELD = re.compile(r"([A-Za-z])\1*")
_STANDARD = {"short", "medium", "long", "full"}


def _fields(pattern: str) -> dict[str, int]:
    """'EEEE d MMMM' -> {'E': 4, 'd': 1, 'M': 4}."""
    return {m.group(1): len(m.group(0)) for m in _FIELD.finditer(_QUOTED.sub("", pattern))}


def _widen(pattern: str, wanted: dict[str, int]) -> str:
    """Give the locale's pattern the widths asked for (EEEE: a full weekday, MMMM: month)."""
    def one(match):
        letter, width = match.group(1), len(match.group(0))
        if wanted.get(letter, 0) >= 4 and (letter == "E" or (letter == "M" and width >= 3)):
            return letter * 4
        return match.group(0)
    parts = re.split(r"('[^']*')", pattern)
    return "".join(p if p.startswith("'") else _FIELD.sub(one, p) for p in parts)


def local_pattern(pattern: str, locale) -> str:
    """An English date pattern (for example 'EEEE d MMMM') as the same fields in the order
    and words of ``locale`` ("viernes, 27 de noviembre" in Spanish), from CLDR's skeletons.

    English (the language the patterns are written in), the standard widths ('long',
    'full' ...) and one-field patterns ('EEEE', 'MMM') are used as they are.
    """
    wanted = _fields(pattern)
    if pattern in _STANDARD or locale.language == "en" or len(wanted) < 2:
        return pattern
    date_skeleton = "".join(
        letter * min(wanted[letter], 4 if letter == "M" else 1)
        for letter in "yMEd" if letter in wanted)
    time_skeleton = "".join(letter for letter in "Hhm" if letter in wanted)
    found = []
    for skeleton in (date_skeleton, time_skeleton):
        if not skeleton:
            continue
        match = match_skeleton(skeleton, locale.datetime_skeletons.keys())
        if match is None:
            return pattern
        found.append(_widen(locale.datetime_skeletons[match].pattern, wanted))
    if len(found) == 2:
        return locale.datetime_formats["medium"].replace("{1}", found[0]).replace(
            "{0}", found[1])
    return found[0]


def format_date(value=None, format: str = "medium") -> str:
    """Flask-Babel's format_date, with custom patterns adapted to the reader's language."""
    if type(value) is dt.date:  # no time zone to apply: the same words every time
        return _format_day(value, format, str(get_locale()))
    return flask_babel.format_date(value, local_pattern(format, get_locale()))


# Babel formats a date in about as long as the rest of a small page takes, and Today
# writes the same few dates on every visit. Only called with the request's own locale.
@functools.lru_cache(maxsize=4096)
def _format_day(day: dt.date, format: str, locale: str) -> str:
    return flask_babel.format_date(day, local_pattern(format, get_locale()))


def format_datetime(value=None, format: str = "medium") -> str:
    """Flask-Babel's format_datetime (in the user's time zone), adapted like format_date."""
    if isinstance(value, dt.datetime):
        return _format_moment(value, format, str(get_locale()),
                              str(flask_babel.get_timezone()))
    return flask_babel.format_datetime(value, local_pattern(format, get_locale()))


# A client record writes a few dozen moments (ticks' notes, the access log), the same ones
# on every visit. Kept per moment, pattern, language and time zone; only called with the
# request's own locale and time zone, which are in the key.
@functools.lru_cache(maxsize=4096)
def _format_moment(value: dt.datetime, format: str, locale: str, zone: str) -> str:
    return flask_babel.format_datetime(value, local_pattern(format, get_locale()))


def select_timezone() -> str:
    """The signed-in user's IANA time zone."""
    if current_user and current_user.is_authenticated:
        return current_user.timezone
    return "UTC"


def translations():
    """The catalogue for the current locale: found once per app and language, and
    handed to the request once.

    Flask-Babel finds the domain, the locale and the catalogue again for every string,
    which was a tenth of the time spent rendering a page of about a hundred strings.
    A locale forced for a moment (force_locale) gets its own catalogue.
    """
    locale, request_g = here.locale(), here.g()
    cached = getattr(request_g, "_translations", None)
    if cached is None or cached[0] is not locale:
        # Flask-Babel keeps each language's catalogue for good too, but finding it again
        # (domain, locale, cache) took nine lookups through Flask's proxies per request.
        catalogues = here.app().extensions.setdefault("homeward_catalogues", {})
        catalogue = catalogues.get(str(locale))
        if catalogue is None:
            catalogue = catalogues[str(locale)] = flask_babel.get_translations()
        cached = request_g._translations = (locale, catalogue)
    return cached[1]



def gettext(string: str, **variables) -> str:
    """flask_babel.gettext with the catalogue of translations(), for code that translates
    many strings per request (Flask-Babel looks the catalogue up again for each)."""
    text = translations().ugettext(string)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, num: int, **variables) -> str:
    """flask_babel.ngettext, likewise."""
    variables.setdefault("num", num)
    return translations().ungettext(singular, plural, num) % variables

def init_app(app, babel):
    """Bind Flask-Babel with our selectors and the app/translations catalogues."""
    app.config.setdefault(
        "BABEL_TRANSLATION_DIRECTORIES", os.path.join(os.path.dirname(__file__), "translations")
    )
    babel.init_app(app, locale_selector=selected_locale, timezone_selector=select_timezone)
    # The templates' _(), ngettext() ...: Flask-Babel's, with the catalogue looked up once.
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: translations().ugettext(s),
        ngettext=lambda s, p, n: translations().ungettext(s, p, n),
        pgettext=lambda c, s: translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: translations().unpgettext(c, s, p, n),
        newstyle=True,
    )

    @app.context_processor
    def _catalogue():
        # Each render gets _() and ngettext() bound to the catalogue of the moment, so a
        # string costs a dictionary lookup; they behave as Jinja's own newstyle gettext.
        return template_gettext(translations())


# Catalogue -> {message: its translation as Markup}, for messages without keywords.
_ready: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def template_gettext(catalogue) -> dict:
    """gettext/ngettext for templates bound to one catalogue: Jinja's "newstyle" rules
    (the result is escaped-safe when autoescaping and always %-formatted with its
    keywords; ngettext fills %(num)s). A string without keywords is translated and
    formatted once per catalogue: the same Markup serves every later page."""
    ready = _ready.setdefault(catalogue, {})

    @pass_context
    def gettext(context, string, **variables):
        if not variables and context.eval_ctx.autoescape:
            done = ready.get(string)
            if done is None:
                done = ready[string] = Markup(catalogue.ugettext(string)) % {}
            return done
        text = catalogue.ugettext(string)
        if context.eval_ctx.autoescape:
            text = Markup(text)
        return text % variables

    @pass_context
    def ngettext(context, singular, plural, num, **variables):
        variables.setdefault("num", num)
        text = catalogue.ungettext(singular, plural, num)
        if context.eval_ctx.autoescape:
            text = Markup(text)
        return text % variables

    return {"gettext": gettext, "ngettext": ngettext}
