"""The caseload: who needs attention first, search, and inviting a new client."""

from __future__ import annotations

from flask import current_app, make_response, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from .. import audit, pagecache
from ..caseload import build_rows, listing, row_htmls
from ..db import atomic
from ..htmx import is_htmx
from ..invites import create_invite
from . import bp
from .common import me


def _record_url():
    """url_for('therapist.record', client_id=...) for any id, built once per page (once per
    row was a tenth of the page)."""
    marker = 987654321
    head, _marker, tail = url_for("therapist.record", client_id=marker).rpartition(str(marker))
    return lambda client_id: f"{head}{client_id}{tail}"


def _table(rows, search: str) -> dict:
    """What the caseload templates need."""
    return {"rows": rows, "row_htmls": row_htmls(rows, _record_url()), "search": search}


@bp.get("/clients")
def clients():
    """Every client on the caseload with their numbers, those needing attention first."""
    search = request.args.get("q", "")[:120]
    therapist = me()
    listed = listing(therapist, search)
    template = "therapist/_caseload.html" if is_htmx() else "therapist/clients.html"
    # The page is kept while every row's key (each client's revision...) and the
    # therapist's own row stay the same.
    key = ("therapist.clients", pagecache.user_state(therapist), str(get_locale()),
           template, search, tuple(listed.keys.values()), request.script_root)
    html = pagecache.kept(key, lambda: render_template(
        template, **_table(build_rows(therapist, search, listed=listed), search)))
    response = make_response(html)
    response.headers.add("Vary", "HX-Request")
    return response


@bp.post("/clients/invite")
def invite_client():
    """Make a single-use invite link for a new client and show it to copy."""
    name = (request.form.get("name") or "").strip()
    email = (request.form.get("email") or "").strip()
    if len(name) > 120 or len(email) > 254 or (email and "@" not in email):
        return render_template("therapist/clients.html", **_table(build_rows(me()), ""),
                               invite_error=_("Please check the name and email address.")), 422
    days = current_app.config.get("INVITE_DAYS", 7)
    with atomic():
        invite, token = create_invite(me(), "client", days=days, email=email, name=name)
    audit.record("invite_client", target=f"invite {invite.id}")
    link = url_for("auth.join", token=token, _external=True)
    return render_template("therapist/invite_link.html", link=link, invite=invite, days=days,
                           who=name or _("your new client"), back=url_for("therapist.clients"))
