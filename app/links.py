"""Caregiver links: who helps which client, revoking a link, and a signed-in caregiver
accepting an invite to help one more person.

A revoked link is kept (with revoked_at) for the record; every caregiver page checks
for an active link on each request, so revoking takes effect at the next request.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from .compiled import Compiled
from .db import atomic
from .ids import record_id
from .invites import InviteError, find_invite
from .models import CaregiverLink, Invite, User, utcnow


class NotFound(LookupError):
    """The link is not one of this client's active links."""


_caregivers_of = Compiled(  # on every client record: compiled once (app/compiled.py)
    lambda client: CaregiverLink.select(CaregiverLink, User)
    .join(User, on=(CaregiverLink.caregiver == User.id))
    .where(CaregiverLink.client == client, CaregiverLink.revoked_at.is_null())
    .order_by(User.name),
    lambda client: [client.id])


def caregivers_of(client: User) -> list[CaregiverLink]:
    """The client's active caregiver links, with the caregivers, by name."""
    return _caregivers_of(client)


def link_for_client(client: User, link_id) -> CaregiverLink:
    """One of the client's active links. :raise NotFound: otherwise."""
    link = CaregiverLink.get_or_none(
        CaregiverLink.id == record_id(link_id), CaregiverLink.client == client,
        CaregiverLink.revoked_at.is_null(),
    )
    if link is None:
        raise NotFound()
    return link


def revoke(link: CaregiverLink) -> None:
    """End a caregiver's access to this client from the next request on."""
    with atomic():
        CaregiverLink.update(revoked_at=utcnow()).where(
            CaregiverLink.id == link.id, CaregiverLink.revoked_at.is_null()
        ).execute()


def is_linked(caregiver: User, client) -> bool:
    """True when the caregiver helps this client now."""
    return CaregiverLink.active().where(
        CaregiverLink.caregiver == caregiver, CaregiverLink.client == client
    ).exists()


def caregiver_invite(token: str) -> Invite:
    """A usable caregiver invite. :raise InviteError: unknown, used, expired or another role."""
    invite = find_invite(token)
    if invite.role != "caregiver" or invite.client_id is None:
        raise InviteError(_l("This invite link is not for a caregiver."))
    return invite


def accept(caregiver: User, token: str) -> CaregiverLink:
    """Use a caregiver invite as an existing caregiver: link them to one more client.

    The invite is claimed first, so two uses of the same link make one link at most.
    Already linked to that client: the invite is used up and the existing link kept.
    """
    if caregiver.role != "caregiver":
        raise InviteError(_l("Only a caregiver account can accept this invite."))
    with atomic():
        invite = caregiver_invite(token)
        claimed = (
            Invite.update(used_at=utcnow(), used_by=caregiver)
            .where(Invite.id == invite.id, Invite.used_at.is_null())
            .execute()
        )
        if not claimed:
            raise InviteError(_l("This invite link has already been used."))
        existing = CaregiverLink.active().where(
            CaregiverLink.caregiver == caregiver, CaregiverLink.client == invite.client_id
        ).first()
        if existing is not None:
            return existing
        return CaregiverLink.create(caregiver=caregiver, client=invite.client_id)
