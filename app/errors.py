"""Error pages: plain words for people, JSON for API callers, never a stack trace."""

from __future__ import annotations

from flask import jsonify, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from peewee import InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException

MESSAGES = {
    400: _l("That request didn't make sense to us."),
    401: _l("Please sign in to see this page."),
    403: _l("You don't have access to this page."),
    404: _l("We couldn't find that page."),
    405: _l("That action isn't allowed here."),
    413: _l("That file is too large."),
    422: _l("Some of the information needs another look."),
    429: _l("Too many tries. Please wait a few minutes and try again."),
    500: _l("Something went wrong on our side. Your information is safe; please try again."),
    503: _l("Homeward is having trouble right now. Please try again in a minute."),
}


def wants_json() -> bool:
    """True when the caller asked for JSON rather than a page."""
    return request.is_json or request.accept_mimetypes.best == "application/json"


def render_error(status: int, message: str | None = None):
    """An error answer in the caller's format."""
    message = message or str(MESSAGES.get(status, MESSAGES[500]))
    if wants_json() or request.path.startswith("/push/"):
        return jsonify(error=message), status
    if request.htmx:
        return render_template("errors/_message.html", message=message), status
    return render_template("errors/error.html", status=status, message=message), status


def init_app(app):
    """Register handlers for HTTP errors, CSRF failures and database outages."""

    @app.errorhandler(HTTPException)
    def _http(error):
        return render_error(error.code or 500)

    @app.errorhandler(CSRFError)
    def _csrf(error):
        return render_error(
            400, _("This form has expired. Please go back, reload the page and try again.")
        )

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    def _database(error):
        app.logger.warning("database unavailable: %s", error)
        return render_error(503)

    @app.errorhandler(Exception)
    def _unexpected(error):
        app.logger.exception("unexpected error")
        return render_error(500)
