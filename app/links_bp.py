"""Caregiver links seen from both sides: a client revokes a caregiver (from Settings),
and a signed-in caregiver accepts an invite to help one more person."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from . import audit, links
from .invites import InviteError
from .security import role_required
from .templating import add_settings_section

bp = Blueprint("links", __name__)
add_settings_section(bp, "caregiver/_settings_caregivers.html", {"client"})


@bp.app_context_processor
def _caregivers_of():
    """Let the Settings section list the client's caregivers."""
    return {"caregiver_links_of": links.caregivers_of}


@bp.post("/settings/caregivers/<link_id>/revoke")
@role_required("client")
def revoke(link_id):
    """The client stops a caregiver's access; it ends at the caregiver's next request."""
    me = current_user._get_current_object()
    try:
        link = links.link_for_client(me, link_id)
    except links.NotFound:
        audit.record("denied", target=f"caregiver_link:{link_id}"[:120], outcome="denied")
        abort(404)
    links.revoke(link)
    audit.record("caregiver_revoked", client=me, target=f"caregiver:{link.caregiver_id}")
    flash(_("%(name)s can no longer see your practice.", name=link.caregiver.name))
    return redirect(url_for("auth.settings") + "#caregivers-h", code=303)


def _invite_or_error(token):
    try:
        return links.caregiver_invite(token), None
    except InviteError as error:
        return None, (render_template("auth/invite_error.html", message=str(error)), 410)


@bp.get("/join/<token>/link")
@role_required("caregiver")
def accept(token):
    """A signed-in caregiver opened an invite: offer to add the client in one step."""
    invite, error = _invite_or_error(token)
    if error:
        return error
    return render_template("caregiver/link_invite.html", invite=invite, token=token,
                           already=links.is_linked(current_user, invite.client_id))


@bp.post("/join/<token>/link")
@role_required("caregiver")
def accept_post(token):
    """Add the invite's client to the people this caregiver helps."""
    me = current_user._get_current_object()
    try:
        link = links.accept(me, token)
    except InviteError as error:
        return render_template("auth/invite_error.html", message=str(error)), 410
    audit.record("caregiver_linked", client=link.client_id, target=f"caregiver:{me.id}")
    flash(_("%(name)s is now on your list of people you help.", name=link.client.name))
    return redirect(url_for("caregiver.care_client", client_id=link.client_id), code=303)
