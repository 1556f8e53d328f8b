"""This request's objects, looked up once instead of through Flask's proxies on every use.

`request.method`, `session.get(...)`, `g.x` and `current_user.role` each go through
werkzeug's LocalProxy: several Python calls (the proxy's lookup descriptor, the context
variable, a getattr bound for the occasion) for each use, about 2 µs on these machines,
twenty times a plain attribute. `current_user` costs twice that again (flask-login asks
`g` twice) and Flask-Babel's `get_locale()` three lookups of `g`. A tick made about 150
such lookups, a kept Today page 75.

Code that runs on every request takes the object once (`here.request()`, `here.user()`,
...) and uses plain attributes after. Only for use inside a request.
"""

from __future__ import annotations

import flask
from flask_babel import get_locale
from flask_login import current_user

# The real objects behind Flask's proxies, through werkzeug's documented way to reach
# them: here.request() is flask.request itself, here.session() flask.session, and so on.
request = flask.request._get_current_object
session = flask.session._get_current_object
g = flask.g._get_current_object
app = flask.current_app._get_current_object


def user():
    """current_user itself: flask-login keeps the loaded person (or the anonymous user) on
    g as `_login_user`; the first call of a request loads it through flask-login."""
    found = getattr(g(), "_login_user", None)
    return found if found is not None else current_user._get_current_object()


def locale():
    """flask_babel.get_locale(): Flask-Babel keeps the request's Locale (or the one
    force_locale set) on g; the first call of a request chooses it through Flask-Babel."""
    found = getattr(getattr(g(), "_flask_babel", None), "babel_locale", None)
    return found if found is not None else get_locale()
