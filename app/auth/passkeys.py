"""Passkeys (WebAuthn): adding one to an account and signing in with it.

Plain functions: the views pass in the relying party id and origin they worked
out from the request (or configuration), so nothing here reads the request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from flask_babel import lazy_gettext as _l
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import (
    base64url_to_bytes,
    bytes_to_base64url,
    parse_authentication_credential_json,
    parse_registration_credential_json,
)
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from ..db import atomic
from ..models import User, utcnow
from .models import WebAuthnChallenge, WebAuthnCredential

CHALLENGE_MINUTES = 5
MAX_PASSKEYS = 20
_BAD_INPUT = (WebAuthnException, ValueError, TypeError, KeyError, AttributeError)


class PasskeyError(ValueError):
    """A passkey that can't be added or used; the message is shown to the person."""


def user_handle(user: User) -> bytes:
    """The WebAuthn user handle: stable per account, no email or name in it."""
    return hashlib.sha256(f"homeward-user:{user.id}".encode()).digest()[:32]


def passkeys_of(user: User) -> list[WebAuthnCredential]:
    """A person's passkeys, newest first."""
    return list(WebAuthnCredential.select().where(WebAuthnCredential.user == user)
                .order_by(WebAuthnCredential.created_at.desc(), WebAuthnCredential.id.desc()))


def has_passkey(user: User) -> bool:
    """True when the person has at least one passkey."""
    return WebAuthnCredential.select().where(WebAuthnCredential.user == user).exists()


def _descriptors(user: User) -> list[PublicKeyCredentialDescriptor]:
    descriptors = []
    for cred in passkeys_of(user):
        transports = []
        for name in filter(None, cred.transports.split(",")):
            try:
                transports.append(AuthenticatorTransport(name))
            except ValueError:
                continue
        descriptors.append(PublicKeyCredentialDescriptor(
            id=base64url_to_bytes(cred.credential_id), transports=transports or None))
    return descriptors


def _store_challenge(challenge: bytes, purpose: str, user: User | None) -> str:
    now = utcnow()
    encoded = bytes_to_base64url(challenge)
    with atomic():
        WebAuthnChallenge.delete().where(WebAuthnChallenge.expires_at < now).execute()
        WebAuthnChallenge.create(challenge=encoded, purpose=purpose, user=user,
                                 expires_at=now + dt.timedelta(minutes=CHALLENGE_MINUTES))
    return encoded


def _consume_challenge(encoded: str | None, purpose: str, user: User | None) -> bytes:
    """Use a challenge up: it must exist, be fresh and be for this purpose (and person)."""
    if not encoded:
        raise PasskeyError(_l("That took too long. Please try again."))
    query = WebAuthnChallenge.delete().where(
        WebAuthnChallenge.challenge == encoded, WebAuthnChallenge.purpose == purpose,
        WebAuthnChallenge.expires_at > utcnow())
    if user is not None:
        query = query.where(WebAuthnChallenge.user == user)
    if query.execute() != 1:
        raise PasskeyError(_l("That took too long. Please try again."))
    return base64url_to_bytes(encoded)


def registration_options(user: User, rp_id: str, rp_name: str = "Homeward") -> tuple[str, str]:
    """Options for navigator.credentials.create() as JSON, and the challenge to keep."""
    options = generate_registration_options(
        rp_id=rp_id, rp_name=rp_name, user_id=user_handle(user), user_name=user.email,
        user_display_name=user.name,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.PREFERRED),
        exclude_credentials=_descriptors(user),
    )
    return options_to_json(options), _store_challenge(options.challenge, "register", user)


def finish_registration(user: User, credential: str | dict, challenge: str | None, rp_id: str,
                        origin: str, name: str = "") -> WebAuthnCredential:
    """Check the browser's answer and keep the new passkey. :raise PasskeyError:"""
    expected = _consume_challenge(challenge, "register", user)
    try:
        parsed = parse_registration_credential_json(
            json.dumps(credential) if isinstance(credential, dict) else credential)
        verified = verify_registration_response(
            credential=parsed, expected_challenge=expected, expected_rp_id=rp_id,
            expected_origin=origin)
    except _BAD_INPUT:
        raise PasskeyError(_l("This passkey could not be added. Please try again.")) from None
    credential_id = bytes_to_base64url(verified.credential_id)
    transports = ",".join(t.value for t in (parsed.response.transports or []))[:255]
    with atomic():
        if WebAuthnCredential.select().where(WebAuthnCredential.user == user).count() >= (
                MAX_PASSKEYS):
            raise PasskeyError(_l("You have too many passkeys. Please remove one first."))
        if WebAuthnCredential.select().where(
                WebAuthnCredential.credential_id == credential_id).exists():
            raise PasskeyError(_l("This passkey is already added."))
        return WebAuthnCredential.create(
            user=user, credential_id=credential_id, public_key=verified.credential_public_key,
            sign_count=verified.sign_count, transports=transports,
            name=(name or "").strip()[:80] or str(_l("Passkey")))


def authentication_options(rp_id: str, user: User | None = None) -> tuple[str, str]:
    """Options for navigator.credentials.get(): anyone's passkey, or only this person's."""
    options = generate_authentication_options(
        rp_id=rp_id, allow_credentials=_descriptors(user) if user else None,
        user_verification=UserVerificationRequirement.PREFERRED)
    return options_to_json(options), _store_challenge(options.challenge, "signin", user)


def finish_authentication(credential: str | dict, challenge: str | None, rp_id: str,
                          origin: str, user: User | None = None) -> tuple[User, bool]:
    """Check a sign-in answer; returns its owner and whether they were verified
    (fingerprint, face or PIN). :raise PasskeyError:"""
    refused = PasskeyError(_l("That passkey didn't work. Please try again or use another way "
                              "to sign in."))
    expected = _consume_challenge(challenge, "signin", user)
    try:
        parsed = parse_authentication_credential_json(
            json.dumps(credential) if isinstance(credential, dict) else credential)
    except _BAD_INPUT:
        raise refused from None
    stored = WebAuthnCredential.get_or_none(
        WebAuthnCredential.credential_id == bytes_to_base64url(parsed.raw_id))
    if stored is None or (user is not None and stored.user_id != user.id):
        raise refused
    owner = stored.user
    handle = parsed.response.user_handle
    if handle is not None and handle != user_handle(owner):
        raise refused
    try:
        verified = verify_authentication_response(
            credential=parsed, expected_challenge=expected, expected_rp_id=rp_id,
            expected_origin=origin, credential_public_key=bytes(stored.public_key),
            credential_current_sign_count=stored.sign_count)
    except _BAD_INPUT:
        raise refused from None
    with atomic():
        # Only move forward from the count we checked against: two racing uses of
        # one assertion can't both pass.
        updated = (WebAuthnCredential.update(sign_count=verified.new_sign_count,
                                             last_used_at=utcnow())
                   .where(WebAuthnCredential.id == stored.id,
                          WebAuthnCredential.sign_count == stored.sign_count).execute())
    if not updated or not owner.is_active:
        raise refused
    return owner, verified.user_verified


def remove_passkey(user: User, passkey_id) -> bool:
    """Remove one of a person's own passkeys; False when there is no such passkey."""
    try:
        passkey_id = int(passkey_id)
    except (TypeError, ValueError):
        return False
    with atomic():
        return bool(WebAuthnCredential.delete().where(
            WebAuthnCredential.id == passkey_id, WebAuthnCredential.user == user).execute())
