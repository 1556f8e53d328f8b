"""Who may see which client: one guard per kind of record, each answering 404 otherwise."""

from __future__ import annotations

from flask import abort, request
from flask_login import current_user

from .audit import record
from .compiled import Compiled
from .ids import record_id as _as_id
from .models import CaregiverLink, User


def _deny(client_id=None):
    """Log the denial and answer 404, so ids of other people's records reveal nothing."""
    record("denied", target=request.path, outcome="denied")
    abort(404)


_therapists_client = Compiled(  # every record page: compiled once (app/compiled.py)
    lambda client_id, therapist_id: User.select()
    .where(User.id == client_id, User.role == "client", User.therapist == therapist_id),
    lambda client_id, therapist_id: [client_id, "client", therapist_id])


def client_for_therapist(client_id) -> User:
    """A client on the signed-in therapist's caseload. :raise 404: otherwise."""
    wanted = _as_id(client_id)
    client = _therapists_client.one(wanted, current_user.id) if wanted is not None else None
    if client is None:
        _deny()
    return client


_carers_client = Compiled(  # every caregiver page: compiled once (app/compiled.py)
    lambda client_id, caregiver_id: User.select()
    .join(CaregiverLink, on=(CaregiverLink.client == User.id))
    .where(User.id == client_id, CaregiverLink.caregiver == caregiver_id,
           CaregiverLink.revoked_at.is_null())
    .limit(1),
    lambda client_id, caregiver_id: [client_id, caregiver_id, 1])
_linked_clients = Compiled(
    lambda caregiver: User.select()
    .join(CaregiverLink, on=(CaregiverLink.client == User.id))
    .where(CaregiverLink.caregiver == caregiver, CaregiverLink.revoked_at.is_null())
    .order_by(User.name),
    lambda caregiver: [caregiver.id])


def client_for_caregiver(client_id) -> User:
    """A client the signed-in caregiver is linked to right now. :raise 404: otherwise."""
    wanted = _as_id(client_id)
    client = _carers_client.one(wanted, current_user.id) if wanted is not None else None
    if client is None:
        _deny()
    return client


def linked_clients(caregiver: User) -> list[User]:
    """The clients a caregiver is linked to now, by name."""
    return _linked_clients(caregiver)


def client_for_current_user(client_id=None) -> User:
    """The client whose record the current user may open: self, linked or on the caseload."""
    role = current_user.role
    if role == "client":
        if client_id is not None and _as_id(client_id) != current_user.id:
            _deny()
        return current_user._get_current_object()
    if role == "caregiver":
        return client_for_caregiver(client_id)
    if role == "therapist":
        return client_for_therapist(client_id)
    _deny()


def client_for_export(client_id) -> User:
    """A client whose whole record the current user may download: their own, or, for a
    caregiver, a linked client whose therapist allowed it. :raise 404: otherwise."""
    if current_user.role == "client" and _as_id(client_id) == current_user.id:
        return current_user._get_current_object()
    if current_user.role == "caregiver":
        client = (
            User.select()
            .join(CaregiverLink, on=(CaregiverLink.client == User.id))
            .where(User.id == _as_id(client_id), CaregiverLink.caregiver == current_user.id,
                   CaregiverLink.revoked_at.is_null(), CaregiverLink.can_export == True)  # noqa: E712
            .first()
        )
        if client is not None:
            return client
    _deny()
