"""One-time sign-in links (shown as a QR code) and sign-in resets for clients.

Only a hash of each link's secret is stored. A sign-in link lasts minutes and
works once; a reset link ends every session of the person and lets them choose a
new password or passkey.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from flask_babel import lazy_gettext as _l

from ..audit import record
from ..db import atomic
from ..models import User, utcnow
from ..passwords import hash_password, password_problem
from .models import MagicLink, WebAuthnCredential

SIGNIN_MINUTES = 10
RESET_HOURS = 24
LINK_ROLES = ("client", "caregiver")  # therapists sign in with a second factor instead


class LinkError(ValueError):
    """A link that can't be used; the message is shown to the person."""


def _hash(token: str) -> str:
    return hashlib.sha256((token or "").encode()).hexdigest()


def create_link(user: User, created_by: User, purpose: str = "signin") -> tuple[MagicLink, str]:
    """A new single-use link for user; returns it and its secret token."""
    if user.role not in LINK_ROLES or not user.is_active:
        raise LinkError(_l("Sign-in links are only for clients and caregivers."))
    lifetime = (dt.timedelta(minutes=SIGNIN_MINUTES) if purpose == "signin"
                else dt.timedelta(hours=RESET_HOURS))
    token = secrets.token_urlsafe(24)
    with atomic():
        link = MagicLink.create(token_hash=_hash(token), user=user, created_by=created_by,
                                purpose=purpose, expires_at=utcnow() + lifetime)
    record(f"{purpose}_link_created", client=user if user.role == "client" else None,
           target=f"user:{user.id}", actor=created_by)
    return link, token


def find_link(token: str, purpose: str = "signin") -> MagicLink:
    """The usable link for a token. :raise LinkError: unknown, used or expired."""
    link = MagicLink.get_or_none(MagicLink.token_hash == _hash(token),
                                 MagicLink.purpose == purpose)
    if link is None:
        raise LinkError(_l("This sign-in link isn't valid. Please ask for a new one."))
    if link.used_at is not None:
        raise LinkError(_l("This sign-in link has already been used. Each link works once. "
                           "Please ask for a new one."))
    if link.expires_at < utcnow():
        raise LinkError(_l("This sign-in link has expired. Please ask for a new one."))
    return link


def use_link(token: str, purpose: str = "signin") -> User:
    """Spend a link and return the person it signs in. :raise LinkError:"""
    with atomic():
        link = find_link(token, purpose)
        claimed = (MagicLink.update(used_at=utcnow())
                   .where(MagicLink.id == link.id, MagicLink.used_at.is_null()).execute())
        if not claimed:
            raise LinkError(_l("This sign-in link has already been used."))
        user = User.get_by_id(link.user_id)
    if user.role not in LINK_ROLES or not user.is_active:
        raise LinkError(_l("This sign-in link isn't valid. Please ask for a new one."))
    record(f"{purpose}_link_used", client=user if user.role == "client" else None,
           target=f"user:{user.id}", actor=user)
    return user


def reset_signin(client: User, therapist: User, forget_passkeys: bool = False) -> str:
    """End every session of the client and give them a reset link (token returned).

    Older unused links stop working; with forget_passkeys (a lost or stolen phone)
    their passkeys are removed too. The therapist never sees or sets a password.
    """
    with atomic():
        User.update(session_version=User.session_version + 1).where(
            User.id == client.id).execute()
        MagicLink.update(used_at=utcnow()).where(
            MagicLink.user == client, MagicLink.used_at.is_null()).execute()
        if forget_passkeys:
            WebAuthnCredential.delete().where(WebAuthnCredential.user == client).execute()
    record("signin_reset", client=client, actor=therapist,
           target="passkeys removed" if forget_passkeys else "")
    _link, token = create_link(client, therapist, purpose="reset")
    return token


def set_new_password(user: User, password: str) -> str | None:
    """Set a new password after a reset; returns what is wrong with it, or None."""
    problem = password_problem(password or "")
    if problem:
        return problem
    with atomic():
        User.update(password_hash=hash_password(password)).where(User.id == user.id).execute()
    record("password_set", actor=user, client=user if user.role == "client" else None)
    return None
