"""Everything about HX-* headers in one place: page or fragment, and Vary."""

from __future__ import annotations

from flask import make_response, redirect, render_template

from . import here


def is_htmx() -> bool:
    """True for a request sent by htmx (not a history restore, which wants a page)."""
    sent = here.request().htmx
    return bool(sent) and not sent.history_restore_request


def page_or_fragment(page: str, fragment: str, status: int = 200, **context):
    """Render the fragment for htmx, the whole page otherwise; Vary on HX-Request."""
    template = fragment if is_htmx() else page
    response = make_response(render_template(template, **context), status)
    response.headers.add("Vary", "HX-Request")
    return response


def fragment_or_redirect(fragment: str, location: str, status: int = 200, **context):
    """After a POST: the updated fragment for htmx, a redirect (303) for a plain form."""
    return html_or_redirect(lambda: render_template(fragment, **context), location, status)


def html_or_redirect(render, location: str, status: int = 200):
    """fragment_or_redirect with the fragment made by render() (only called for htmx)."""
    if is_htmx():
        response = make_response(render(), status)
    else:
        response = redirect(location, code=303)
    response.headers.add("Vary", "HX-Request")
    return response


def trigger(response, event: str):
    """Ask htmx to fire an event in the browser after the swap."""
    response.headers["HX-Trigger"] = event
    return response
