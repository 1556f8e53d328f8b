"""Invites: single-use, expiring links through which clients and caregivers join."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from zoneinfo import available_timezones

from flask_babel import lazy_gettext as _l
from peewee import IntegrityError

from .db import atomic
from .models import CaregiverLink, Invite, User, utcnow
from .passwords import hash_password, password_problem


class InviteError(ValueError):
    """An invite that can't be used; the message is shown to the person."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_invite(therapist: User, role: str, days: int = 7, client: User | None = None,
                  email: str = "", name: str = "") -> tuple[Invite, str]:
    """Make an invite; returns it and the secret token (only its hash is stored)."""
    if role not in ("client", "caregiver"):
        raise ValueError(role)
    if role == "caregiver" and client is None:
        raise ValueError("a caregiver invite is for one client")
    token = secrets.token_urlsafe(24)
    invite = Invite.create(
        token_hash=_hash(token), role=role, therapist=therapist, client=client,
        email=email.strip().lower(), name=name.strip(),
        expires_at=utcnow() + dt.timedelta(days=days),
    )
    return invite, token


def find_invite(token: str) -> Invite:
    """The usable invite for a token. :raise InviteError: unknown, used or expired."""
    invite = Invite.get_or_none(Invite.token_hash == _hash(token or ""))
    if invite is None:
        raise InviteError(
            _l("This invite link isn't valid. Please ask your therapist for a new one.")
        )
    if invite.used_at is not None:
        raise InviteError(
            _l("This invite link has already been used. If that wasn't you, tell your therapist.")
        )
    if invite.expires_at < utcnow():
        raise InviteError(
            _l("This invite link has expired. Please ask your therapist for a new one.")
        )
    return invite


def valid_timezone(name: str) -> bool:
    """True for an IANA time zone name such as Europe/London."""
    return name in available_timezones()


def redeem(token: str, email: str, name: str, password: str, timezone: str) -> User:
    """Create the account an invite is for and mark the invite used, all or nothing."""
    email, name = (email or "").strip().lower(), (name or "").strip()
    if "@" not in email or len(email) > 254:
        raise InviteError(_l("Please enter your email address."))
    if not name or len(name) > 120:
        raise InviteError(_l("Please enter your name (up to 120 characters)."))
    if not valid_timezone(timezone):
        raise InviteError(_l("Please choose your time zone from the list."))
    problem = password_problem(password or "")
    if problem:
        raise InviteError(problem)
    try:
        with atomic():
            invite = find_invite(token)
            # Claim the invite first: a second use racing this one updates no row.
            claimed = (
                Invite.update(used_at=utcnow())
                .where(Invite.id == invite.id, Invite.used_at.is_null())
                .execute()
            )
            if not claimed:
                raise InviteError(_l("This invite link has already been used."))
            user = User.create(
                email=email, name=name, role=invite.role, timezone=timezone,
                password_hash=hash_password(password),
                therapist=invite.therapist if invite.role == "client" else None,
            )
            Invite.update(used_by=user).where(Invite.id == invite.id).execute()
            if invite.role == "caregiver":
                CaregiverLink.create(caregiver=user, client=invite.client_id)
    except IntegrityError:
        raise InviteError(
            _l("An account with this email already exists. Try signing in instead.")
        ) from None
    return user
